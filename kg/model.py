"""The data types that flow between the pipeline's stages.

Every span is a pair of offsets into the report's decoded text: 0-based,
end-exclusive, counted in Unicode characters (code points), so that
``document.text[begin:end] == surface`` holds everywhere (the convention of
spaCy's ``Span`` and of NIF 2.0's ``nif:beginIndex``/``nif:endIndex``).
All types are frozen dataclasses (:class:`Token`, made half a million times
per thousand reports, a named tuple): a stage makes new values, it never
edits the ones it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import NamedTuple

__all__ = [
    "EntityType",
    "RelationType",
    "Document",
    "Metadata",
    "Sentence",
    "SENTENCE_END",
    "Token",
    "Mention",
    "Relation",
    "Entity",
    "ReportResult",
]


class EntityType(str, Enum):
    """The four entity types of shared/spec/ANNOTATION.md."""

    ORGANIZATION = "Organization"
    CAMPAIGN = "Campaign"
    REGULATION = "Regulation"
    INITIATIVE = "Initiative"


class RelationType(str, Enum):
    """The six relation types of shared/spec/ANNOTATION.md."""

    ISSUED = "issued"
    IMPLEMENTS = "implements"
    CONDUCTS = "conducts"
    ESTABLISHED = "established"
    OVERSEES = "oversees"
    REFERS_TO = "refersTo"


@dataclass(frozen=True)
class Document:
    """A report as read: its text, and where that text came from.

    Attributes:
        name: the report's identity: its path relative to the folder given,
            ``/``-separated (``000_bda7739a96efcbec.txt``, ``hebei/2023.docx``),
            or the file's name for a file given by itself.
        text: the text as read (decoded from a text file, or taken out of a
            .docx, .pdf or web page by :mod:`kg.reading`), unchanged after
            that; every offset points into it.
        encoding: the codec a text file or web page was decoded with
            (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16-le`` …); ``""``
            for a .docx or .pdf, whose text is not decoded from bytes by kg.
        sha256: hex digest of the file's bytes, to tell two versions apart.
        warnings: what reading repaired or left out, each line naming the
            file (stray NUL bytes, bytes that are not UTF-8, a PDF's running
            headers).
        media_type: the file's format as an IANA media type (``text/plain``,
            ``application/pdf`` …), :data:`kg.reading.MEDIA_TYPES`.
        title: the title the file's own metadata gives (a .docx's core
            properties, a web page's ``<title>`` less the site's name, a
            PDF's Title), kept only where it occurs in ``text``; else ``None``.
    """

    name: str
    text: str
    encoding: str
    sha256: str
    warnings: tuple[str, ...] = ()
    media_type: str = "text/plain"
    title: str | None = None

    @property
    def file_name(self) -> str:
        """The file's name without its folder (``2023.docx`` of ``hebei/2023.docx``)."""
        return self.name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Metadata:
    """What a report says about itself.

    Attributes:
        title: the report's title line, as written (may be empty).
        author: the name of the organisation that reports, as the report
            writes it (``区委常委会``, ``省人民政府``, ``第十九届中央委员会``),
            the unstated subject of relations; ``None`` when the report names none.
        year: the year the report was delivered (:mod:`kg.facets`), or ``None``.
        kind: the controlled kind of report (``government``, ``party-committee``,
            ``party-congress`` …, ``report_kinds.txt``), or ``""``.
        jurisdiction: the real place the report belongs to, as written
            (``天津市津南区``, ``北京市``), or ``None`` when unknown or anonymised.
        author_span: the ``(begin, end)`` characters of the document the
            author was read from, or ``None``.
        level: ``national``, ``provincial``, ``city``, ``county`` or
            ``township`` (:data:`kg.facets.LEVELS`), or ``None``.
        division_code: the GB/T 2260 code of the place (``120112``), or ``None``.
    """

    title: str
    author: str | None
    year: int | None
    kind: str
    jurisdiction: str | None
    author_span: tuple[int, int] | None = None
    level: str | None = None
    division_code: str | None = None


class Token(NamedTuple):
    """A jieba token: ``text[begin:end] == word``; ``pos`` is jieba's POS tag or ``""``."""

    word: str
    begin: int
    end: int
    pos: str


#: What ends a sentence (:class:`Sentence`): an end mark, with a closing quote that follows it, or a line break.
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』]?|\r\n|\n|\r")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the report's clean text, with its tokens.

    ``begin``/``end`` are offsets into the document text; ``tokens`` carry
    document offsets too.
    """

    begin: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One place where an entity is named.

    Attributes:
        begin, end: offsets into the document text (characters).
        surface: ``text[begin:end]``, marks and all (``“四查四促”专项行动``).
        type: the entity type.
        name: the canonical name (marks and white space removed, trailing
            non-name words dropped), as ANNOTATION.md defines it.
        core: a shorter name the same entity also goes by in this mention
            (the quoted core ``四查四促`` of ``“四查四促”专项行动``), or ``""``.
        rule: which rule found it, for error analysis (``title``, ``quote`` ...).
    """

    begin: int
    end: int
    surface: str
    type: EntityType
    name: str
    core: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Relation:
    """A relation stated in one sentence.

    ``subject`` and ``object`` are canonical names within the report;
    ``begin``/``end`` the sentence's span (characters) and ``evidence`` its
    text; ``method`` the rule that found it (:func:`kg.relations.find_relations`:
    ``nested-title``, or ``verb:印发/subject:before-verb``).
    """

    subject: str
    type: RelationType
    object: str
    evidence: str
    begin: int
    end: int
    method: str = ""


@dataclass(frozen=True)
class Entity:
    """A resolved entity of one report: one canonical name, its aliases, its mentions.

    ``key`` identifies the entity across reports (see :mod:`kg.resolution`).
    """

    key: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class ReportResult:
    """Everything extracted from one report: the output of the per-report map."""

    document: Document
    metadata: Metadata
    excluded: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...] = field(repr=False)
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]

    def without_tokens(self) -> ReportResult:
        """The result without its sentences' tokens, which no stage after
        extraction reads: what the cache keeps and workers send back."""
        return replace(self, sentences=tuple(replace(s, tokens=()) for s in self.sentences))

    def entity_keys(self) -> dict[str, str]:
        """Every name and alias of this report's entities -> the entity's cross-report key."""
        return {name: e.key for e in self.entities for name in (e.name, *e.aliases)}
