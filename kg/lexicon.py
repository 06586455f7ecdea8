"""Load the domain lexicons of ``data/lexicon/`` into one :class:`Lexicon`.

Rules and word lists are data, not code (after spaCy's ``EntityRuler``
patterns): each file under ``data/lexicon/`` says where its entries come from;
this module only parses them. Formats, all UTF-8, ``#`` starting a comment:

* plain lists (``*_heads.txt``, ``boundary_words.txt``, ``trailing_words.txt``, ``compound_words.txt``,
  ``split_words.txt``, ``generic_names.txt``):
  one entry a line; a second, tab-separated column ``quoted`` or ``named``
  restricts a head (see :class:`Head`);
* gazetteers (``organizations.txt``, ``campaigns.txt``, ``initiatives.txt``,
  ``regulations.txt``): ``name``, then any aliases, tab-separated;
* ``relation_verbs.txt``: ``relation<TAB>verb``;
* ``pos_corrections.txt``: ``word<TAB>tag``, a POS tag that replaces jieba's;
* ``ad_patterns.txt``: one Python regular expression a line.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LexiconError
from .resources import lexicon_dir
from .model import EntityType, RelationType

__all__ = ["Lexicon", "QuotePattern", "NamePattern", "HeadVeto", "RelationFrame", "load_lexicon", "lexicon_stamp", "DEFAULT_LEXICON_DIR"]

#: The bundled lexicon, inside the installed package (``data/lexicon`` in the repository; :mod:`kg.resources`).
DEFAULT_LEXICON_DIR = lexicon_dir()

_GAZETTEERS = {
    "organizations.txt": EntityType.ORGANIZATION,
    "organizations_central_soes.txt": EntityType.ORGANIZATION,  # scripts/build_gazetteers.py
    "organizations_universities.txt": EntityType.ORGANIZATION,  # scripts/build_gazetteers.py
    "organizations_central_bodies.txt": EntityType.ORGANIZATION,  # scripts/build_gazetteers.py
    "organizations_international.txt": EntityType.ORGANIZATION,
    "campaigns.txt": EntityType.CAMPAIGN,
    "initiatives.txt": EntityType.INITIATIVE,
    "regulations.txt": EntityType.REGULATION,
}


@dataclass(frozen=True)
class Head:
    """A head word of a name.

    ``mode`` is ``""`` (any prefix), ``"quoted"`` (only right after a quoted
    name), ``"named"`` (after plain words only when they name something:
    a place, a proper noun, a number, a placeholder), ``"framed"`` (after
    plain words only as the object of a programme verb: 实施|科教兴国战略),
    ``"named-or-framed"`` (either: 133工程, 实施|融资畅通工程),
    ``"compound"`` (after
    one to four characters of nouns only, the head's compound: 人才强国) or
    ``"object"`` (a verbal noun that names something only when no verb
    governs it: 增值税改革, not 深化改革 or 解决|改革).
    """

    word: str
    mode: str = ""

    @property
    def quoted_only(self) -> bool:
        return self.mode == "quoted"

    @property
    def takes_a_name(self) -> bool:
        """After plain words, a name that names something lets it count (``named``, ``named-or-framed``)."""
        return self.mode in ("named", "named-or-framed")

    @property
    def takes_a_frame(self) -> bool:
        """After plain words, a programme verb before them lets it count (``framed``, ``named-or-framed``)."""
        return self.mode in ("framed", "named-or-framed")


@dataclass(frozen=True)
class QuotePattern:
    """A row of ``quote_patterns.txt``: a context of a quotation and what it decides.

    ``where`` is ``before``, ``after`` or ``core``; ``verdict`` is
    ``honour``, ``veto``, ``Campaign`` or ``Initiative``; ``example`` is a
    sentence the test suite checks the verdict on.
    """

    id: str
    where: str
    pattern: re.Pattern[str]
    verdict: str
    why: str
    example: str

    def matches(self, text: str, begin: int, end: int, core: str) -> bool:
        """Whether the quotation ``text[begin:end]`` with canonical ``core`` stands in this context."""
        if self.where == "before":
            return self.pattern.search(text, 0, begin) is not None
        if self.where == "after":
            note = _FOOTNOTE.match(text, end)  # “标准地”[10]改革: a footnote's mark stands between
            return self.pattern.match(text, note.end() if note else end) is not None
        return self.pattern.fullmatch(core) is not None


# A footnote's mark right after a quotation (reports published with notes: “五废共治”[5]); the
# quote rule's kinds after 等 (kg/mentions/quotes.py) read it too.
_FOOTNOTE_PATTERN = r"[\[［]\d{1,3}[\]］]"
_FOOTNOTE = re.compile(_FOOTNOTE_PATTERN)


@dataclass(frozen=True)
class NamePattern:
    """A row of ``name_patterns.txt``: a construction that writes a name, and the name's type.

    ``left`` is ``none``, ``place`` (the name also takes the place name
    before the match), ``place-first`` (the match names something only with
    the place name right before it, which the name takes: 衡水|二中) or
    ``then-place`` (the match is a qualifier, and it names something only with
    the place name right after it, which the name takes: 美丽|湖北);
    ``example`` is ``sentence -> name``, checked by the tests.
    """

    id: str
    type: EntityType
    pattern: re.Pattern[str]
    left: str
    why: str
    example: str


@dataclass(frozen=True)
class HeadVeto:
    """A row of ``head_vetoes.txt``: a context in which a head word names no entity.

    ``where`` is ``after`` (matched where the head ends), ``lead`` (matched
    where the grown name begins) or ``name`` (searched in the name);
    ``applies`` is ``any``, an entity type's name or ``head=WORD``.
    """

    id: str
    where: str
    pattern: re.Pattern[str]
    applies: str
    why: str
    example: str

    def covers(self, etype: EntityType, head: str) -> bool:
        """Does this veto apply to a name of type ``etype`` built on ``head``?"""
        return self.applies in ("any", etype.value, "head=" + head)


@dataclass(frozen=True)
class RelationFrame:
    """A row of ``relation_frames.txt``: a construction that states a relation with the report's author.

    ``pattern`` has a group ``who``: every organisation mentioned inside it
    is the subject, and ``object`` (``author``, the only value so far) says
    the report's author is the object (在市委坚强领导下: 市委 oversees the
    author). ``example`` is ``sentence -> subject``, checked by the tests.
    """

    id: str
    relation: RelationType
    pattern: re.Pattern[str]
    object: str
    why: str
    example: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list the extractor uses, parsed.

    Attributes:
        gazetteer: name or alias -> (type, the row's first name).
        gazetteer_files: name or alias -> the gazetteer file its row is in
            (``organizations_central_soes.txt``), the rule a mention records.
        document_heads, campaign_heads, initiative_heads, organization_heads:
            heads of names, longest first.
        local_organs: organ words written after a jurisdiction prefix, longest first.
        boundary_words: words that never start a name.
        trailing_words: words dropped from the end of a name.
        generic_names: head-built names that name nothing in particular.
        programme_verbs: verbs whose object, a quotation with no head or a framed head's
            name, is a programme (``programme_verbs.txt``), longest first.
        quote_verbs: the programme verbs that do so for a quotation: all but the rows
            marked ``heads-only`` (强化|农业支持保护政策 names a policy, 强化|“有解思维”
            stresses a quality), longest first.
        clause_verbs: verbs that frame a programme's name only where they open a
            clause (rows of ``programme_verbs.txt`` marked ``clause-start``:
            ，形成|拒腐防变教育长效机制; inside a name they are part of it:
            人民币汇率形成机制), longest first.
        quote_patterns: the contexts that decide what a quotation names
            (``quote_patterns.txt``), in the file's order.
        name_patterns: the constructions that write a name (``name_patterns.txt``).
        head_vetoes: the contexts in which a head names nothing (``head_vetoes.txt``).
        relation_verbs: verb -> the relations it can state.
        relation_frames: the constructions that state a relation with the
            report's author (``relation_frames.txt``).
        ad_patterns: one compiled alternation of the ad patterns.
        web_lines: one compiled alternation of the web-page and file-field
            lines (``web_lines.txt``), each matched against a whole line.
        link_list_heads: one compiled alternation of the lines that head a
            web page's list of links to other pages (``link_list_heads.txt``),
            each matched against a whole line.
        report_kinds: ``(kind, compiled pattern)`` in the file's order
            (``report_kinds.txt``): the first whose pattern matches a
            report's title or opening gives its kind.
        pos_corrections: word -> the POS tag that replaces jieba's dictionary's.
        user_words: the words jieba must keep whole (gazetteer names, heads,
            the compounds of ``compound_words.txt``,
            boundary words and relation verbs, so that 打好 is not cut 打/好).
        split_words: words of jieba's dictionary it must cut into their parts
            (``split_words.txt``: 试点|工作, so that the head 试点 ends a token).
    """

    gazetteer: dict[str, tuple[EntityType, str]]
    gazetteer_files: dict[str, str]
    document_heads: tuple[str, ...]
    campaign_heads: tuple[Head, ...]
    initiative_heads: tuple[Head, ...]
    organization_heads: tuple[Head, ...]
    local_organs: tuple[str, ...]
    boundary_words: frozenset[str]
    trailing_words: tuple[str, ...]
    generic_names: frozenset[str]
    programme_verbs: tuple[str, ...]
    quote_verbs: tuple[str, ...]
    clause_verbs: tuple[str, ...]
    quote_patterns: tuple[QuotePattern, ...]
    name_patterns: tuple[NamePattern, ...]
    head_vetoes: tuple[HeadVeto, ...]
    relation_verbs: dict[str, tuple[RelationType, ...]]
    relation_frames: tuple[RelationFrame, ...]
    ad_patterns: re.Pattern[str]
    web_lines: re.Pattern[str]
    link_list_heads: re.Pattern[str]
    report_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    user_words: tuple[str, ...]
    split_words: tuple[str, ...]
    pos_corrections: dict[str, str]


def _rows(path: Path) -> list[list[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: lexicon file not found") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8: {exc}") from exc
    rows = []
    for line in lines:
        line = line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


_HEAD_MODES = ("quoted", "named", "framed", "named-or-framed", "compound", "object")


def _heads(path: Path) -> tuple[Head, ...]:
    heads = []
    for number, row in enumerate(_rows(path), 1):
        if len(row) > 2 or (len(row) == 2 and row[1] not in _HEAD_MODES):
            raise LexiconError(f"{path}: entry {number} {row!r}: expected 'word' or 'word<TAB>MODE', "
                               "MODE one of " + ", ".join(_HEAD_MODES))
        heads.append(Head(row[0], row[1] if len(row) == 2 else ""))
    return tuple(sorted(heads, key=lambda h: (-len(h.word), h.word)))


def _programme_verbs(path: Path) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(programme verbs, quote verbs, clause-start verbs)`` of ``programme_verbs.txt``, each longest
    first; the quote verbs are the programme verbs but those marked ``heads-only``.

    Raises:
        LexiconError: a row with a second field other than ``clause-start`` or ``heads-only``.
    """
    plain, heads_only, clause = [], [], []
    for number, row in enumerate(_rows(path), 1):
        if row[1:] not in ([], ["clause-start"], ["heads-only"]):
            raise LexiconError(f"{path}: entry {number} {row!r}: expected 'verb', 'verb<TAB>clause-start' "
                               "or 'verb<TAB>heads-only'")
        {(): plain, ("clause-start",): clause, ("heads-only",): heads_only}[tuple(row[1:])].append(row[0])
    return _longest_first(plain + heads_only), _longest_first(plain), _longest_first(clause)


def _words(path: Path) -> tuple[str, ...]:
    return tuple(row[0] for row in _rows(path))


def _pattern_rows(path: Path, valid, usage: str, suffix=lambda row: ""):
    """``(row, compiled pattern)`` of a pattern file: six fields, a unique id first, the expression third.

    Args:
        valid: whether a row's other fields are allowed.
        usage: the row's form, for the message.
        suffix: what to add to a row's expression before it is compiled.

    Raises:
        LexiconError: a row of the wrong form, a repeated id or an invalid
            expression (the message names the file and the row).
    """
    seen = set()
    for number, row in enumerate(_rows(path), 1):
        if len(row) != 6 or not valid(row):
            raise LexiconError(f"{path}: entry {number} {row[:1]!r}: expected '{usage}'")
        if row[0] in seen:
            raise LexiconError(f"{path}: entry {number}: the id {row[0]!r} is used twice")
        seen.add(row[0])
        try:
            yield row, re.compile(row[2] + suffix(row))
        except re.error as exc:
            raise LexiconError(f"{path}: entry {number} {row[2]!r}: {exc}") from None


def _quote_patterns(path: Path) -> tuple[QuotePattern, ...]:
    """The rows of ``quote_patterns.txt`` (see :func:`_pattern_rows` for the errors raised)."""
    rows = _pattern_rows(path, lambda r: r[1] in ("before", "after", "core") and r[3] in ("honour", "veto", "Campaign", "Initiative"),
                         "id<TAB>before|after|core<TAB>pattern<TAB>honour|veto|Campaign|Initiative<TAB>why<TAB>example",
                         lambda r: "$" if r[1] == "before" else "")
    return tuple(QuotePattern(r[0], r[1], pattern, r[3], r[4], r[5]) for r, pattern in rows)


def _relation_frames(path: Path) -> tuple[RelationFrame, ...]:
    """The rows of ``relation_frames.txt`` (see :func:`_pattern_rows` for the errors raised; a
    pattern without a group ``who`` is one too)."""
    relations = {r.value for r in RelationType}
    rows = _pattern_rows(path, lambda r: r[1] in relations and r[3] == "author",
                         "id<TAB>relation<TAB>pattern<TAB>author<TAB>why<TAB>example")
    frames = []
    for row, pattern in rows:
        if "who" not in pattern.groupindex:
            raise LexiconError(f"{path}: {row[0]!r}: the pattern has no group (?P<who>…) for the subjects")
        frames.append(RelationFrame(row[0], RelationType(row[1]), pattern, row[3], row[4], row[5]))
    return tuple(frames)


def _name_patterns(path: Path) -> tuple[NamePattern, ...]:
    """The rows of ``name_patterns.txt`` (see :func:`_pattern_rows` for the errors raised)."""
    types = {t.value for t in EntityType}
    rows = _pattern_rows(path, lambda r: r[1] in types and r[3] in ("none", "place", "place-first", "then-place"),
                         "id<TAB>type<TAB>pattern<TAB>none|place|place-first|then-place<TAB>why<TAB>example")
    return tuple(NamePattern(r[0], EntityType(r[1]), pattern, r[3], r[4], r[5]) for r, pattern in rows)


def _head_vetoes(path: Path) -> tuple[HeadVeto, ...]:
    """The rows of ``head_vetoes.txt`` (see :func:`_pattern_rows` for the errors raised)."""
    applies = {"any"} | {t.value for t in EntityType}
    rows = _pattern_rows(path, lambda r: r[1] in ("after", "lead", "name")
                         and (r[3] in applies or (r[3].startswith("head=") and len(r[3]) > 5)),
                         "id<TAB>after|lead|name<TAB>pattern<TAB>any|TYPE|head=WORD<TAB>why<TAB>example")
    return tuple(HeadVeto(r[0], r[1], pattern, r[3], r[4], r[5]) for r, pattern in rows)


def _alternation(path: Path) -> re.Pattern[str]:
    """One compiled alternation of a file's regular expressions (one a line; none matches nothing).

    Raises:
        LexiconError: an entry is not a valid expression (the message names the file and the entry).
    """
    patterns = _words(path)
    for number, pattern in enumerate(patterns, 1):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise LexiconError(f"{path}: entry {number} {pattern!r}: {exc}") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else re.compile(r"(?!)")


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def lexicon_stamp(directory: str | Path | None = None) -> tuple:
    """The folder and every ``*.txt`` file's name, size and modification time: changes when a file does."""
    root = Path(directory) if directory is not None else DEFAULT_LEXICON_DIR
    if not root.is_dir():
        raise LexiconError(f"{root}: lexicon folder not found")
    return (str(root.resolve()),) + tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.glob("*.txt"))
    )


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Load and check every lexicon file of ``directory``.

    Args:
        directory: the lexicon folder; ``None`` for :data:`DEFAULT_LEXICON_DIR`.

    Returns:
        The parsed :class:`Lexicon`, cached until a file of the folder changes.

    Raises:
        LexiconError: a file is missing, not UTF-8, or has a malformed entry
            (the message names the file and the entry).
    """
    return _load(lexicon_stamp(directory))


# Heads left out of jieba's user words: jieba cuts before their last character anyway (紫金山|创新|带,
# 京张体育文化旅游|带), and as words of their own they would take it from the verb it opens (以创新带|动
# for 以创新|带动).
_UNKEPT_HEAD_ENDS = ("带",)


@functools.lru_cache(maxsize=4)
def _load(stamp: tuple) -> Lexicon:
    root = Path(stamp[0])

    gazetteer: dict[str, tuple[EntityType, str]] = {}
    gazetteer_files: dict[str, str] = {}
    for filename, etype in _GAZETTEERS.items():
        for row in _rows(root / filename):
            canonical = row[0]
            for name in row:
                if gazetteer.setdefault(name, (etype, canonical)) == (etype, canonical):
                    gazetteer_files.setdefault(name, filename)

    relation_verbs: dict[str, list[RelationType]] = {}
    path = root / "relation_verbs.txt"
    for number, row in enumerate(_rows(path), 1):
        try:
            relation = RelationType(row[0])
        except ValueError:
            raise LexiconError(f"{path}: entry {number}: unknown relation {row[0]!r}") from None
        if len(row) != 2:
            raise LexiconError(f"{path}: entry {number} {row!r}: expected 'relation<TAB>verb'")
        relation_verbs.setdefault(row[1], []).append(relation)

    ad_patterns = _alternation(root / "ad_patterns.txt")
    web_lines = _alternation(root / "web_lines.txt")
    link_list_heads = _alternation(root / "link_list_heads.txt")

    path = root / "report_kinds.txt"
    report_kinds = []
    for number, row in enumerate(_rows(path), 1):
        if len(row) != 2:
            raise LexiconError(f"{path}: entry {number} {row!r}: expected 'kind<TAB>pattern'")
        try:
            report_kinds.append((row[0], re.compile(row[1])))
        except re.error as exc:
            raise LexiconError(f"{path}: entry {number} {row[1]!r}: {exc}") from None

    path = root / "pos_corrections.txt"
    pos_corrections = {}
    for number, row in enumerate(_rows(path), 1):
        if len(row) != 2 or not row[1].isalpha():
            raise LexiconError(f"{path}: entry {number} {row!r}: expected 'word<TAB>tag'")
        pos_corrections[row[0]] = row[1]

    campaign_heads = _heads(root / "campaign_heads.txt")
    initiative_heads = _heads(root / "initiative_heads.txt")
    document_heads = _longest_first(_words(root / "document_heads.txt"))
    organization_heads = _heads(root / "organization_heads.txt")
    local_organs = _longest_first(_words(root / "local_organs.txt"))
    boundary_words = frozenset(_words(root / "boundary_words.txt"))
    user_words = _longest_first(
        list(gazetteer)
        + [w for w in boundary_words | set(relation_verbs) if len(w) >= 2]
        + [h.word for h in campaign_heads + initiative_heads if not h.word.endswith(_UNKEPT_HEAD_ENDS)]
        + [h.word for h in organization_heads]
        + [p + organ for p in "区市县省" for organ in local_organs]
        + list(_words(root / "compound_words.txt"))
    )
    logging.getLogger(__name__).debug("lexicon: %d gazetteer names from %s", len(gazetteer), root)
    programme_verbs, quote_verbs, clause_verbs = _programme_verbs(root / "programme_verbs.txt")
    return Lexicon(
        gazetteer=gazetteer,
        gazetteer_files=gazetteer_files,
        document_heads=document_heads,
        campaign_heads=campaign_heads,
        initiative_heads=initiative_heads,
        organization_heads=organization_heads,
        local_organs=local_organs,
        boundary_words=boundary_words,
        trailing_words=_longest_first(_words(root / "trailing_words.txt")),
        generic_names=frozenset(_words(root / "generic_names.txt")),
        programme_verbs=programme_verbs,
        quote_verbs=quote_verbs,
        clause_verbs=clause_verbs,
        quote_patterns=_quote_patterns(root / "quote_patterns.txt"),
        name_patterns=_name_patterns(root / "name_patterns.txt"),
        head_vetoes=_head_vetoes(root / "head_vetoes.txt"),
        relation_verbs={verb: tuple(rels) for verb, rels in relation_verbs.items()},
        relation_frames=_relation_frames(root / "relation_frames.txt"),
        ad_patterns=ad_patterns,
        web_lines=web_lines,
        link_list_heads=link_list_heads,
        report_kinds=tuple(report_kinds),
        user_words=user_words,
        split_words=tuple(_words(root / "split_words.txt")),
        pos_corrections=pos_corrections,
    )
