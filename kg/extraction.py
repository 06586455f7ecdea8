"""The per-report map: one file -> :class:`~kg.model.ReportResult`.

It runs the text stages in order, read -> clean -> segment -> metadata ->
mentions -> resolution -> relations, each a module of its own; it touches no
other report and no output, so it can run in any process.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .cleaning import find_excluded
from .lexicon import Lexicon
from .mentions import find_mentions
from .mentions.tagger import NoTagger, SpanTagger
from .metadata import extract_metadata
from .model import Document, EntityType, Mention, ReportResult, Sentence
from .reading import read_document
from .relations import find_relations
from .resolution import resolve
from .segmentation import segment

__all__ = ["extract_report", "extract_document"]


def extract_document(document: Document, lexicon: Lexicon, jurisdiction: str | None = None,
                     tagger: SpanTagger | NoTagger | None = None) -> ReportResult:
    """Extract entities and relations from a decoded report.

    Args:
        document: the decoded report.
        lexicon: the loaded lexicon.
        jurisdiction: the report's place from the manifest, or ``None``.
        tagger: the statistical tagger of the mentions stage; ``None`` for
            the rules alone, as builds run, or
            :func:`kg.mentions.tagger.shipped_tagger` for the shipped CRF
            (:mod:`kg.mentions.tagger`).

    Returns:
        The :class:`ReportResult`: metadata, excluded spans, sentences
        (without their tokens), entities (sorted by name) and relations
        (sorted).
    """
    excluded = find_excluded(document, lexicon)
    sentences = segment(document, excluded, lexicon)
    metadata = extract_metadata(document, sentences, jurisdiction, lexicon)
    if metadata.author is None:
        document = replace(document, warnings=document.warnings + (
            f"{document.name}: no author found (no 我代表…向大会, 受…委托, 发文单位, title or signature names one); "
            "relations with an unstated subject are left out",))
    per_sentence = [find_mentions(sentence, lexicon, tagger, metadata.kind) for sentence in sentences]
    mentions = [m for ms in per_sentence for m in ms]
    if metadata.author_span is not None and not any(m.begin <= metadata.author_span[0] < m.end for m in mentions):
        # the author is a mention where it was read (the speaker's words, a field line, the title)
        begin, end = metadata.author_span
        mentions.append(Mention(begin, end, document.text[begin:end], EntityType.ORGANIZATION, metadata.author,
                                rule="author"))
        mentions.sort(key=lambda m: (m.begin, -m.end))
    entities = resolve(mentions, lexicon, metadata.jurisdiction, metadata.author)
    names = {alias: e.name for e in entities for alias in (e.name, *e.aliases)}
    author = names.get(metadata.author, metadata.author) if metadata.author else None
    relations = {}
    for sentence, ms in zip(sentences, per_sentence, strict=True):
        for relation in find_relations(sentence, ms, author, names, lexicon):
            relations.setdefault((relation.subject, relation.type, relation.object), relation)
    return ReportResult(
        document=document,
        metadata=metadata,
        excluded=excluded,
        # the tokens served extraction; a build holds thousands of results
        sentences=tuple(Sentence(s.begin, s.end, s.text) for s in sentences),
        entities=entities,
        relations=tuple(sorted(relations.values(), key=lambda r: (r.subject, r.type.value, r.object))),
    )


def extract_report(path: str | Path, lexicon: Lexicon, jurisdiction: str | None = None,
                   name: str | None = None) -> ReportResult:
    """Read and extract one report file; ``name`` is its identity (default: the file's name).

    Raises:
        ReadError: the file cannot be read or decoded (see :func:`kg.reading.read_document`).
    """
    return extract_document(read_document(path, name), lexicon, jurisdiction)
