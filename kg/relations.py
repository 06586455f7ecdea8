"""Stage 7, relations: sentences + mentions -> :class:`~kg.model.Relation`.

A relation is stated in one clause (shared/spec/ANNOTATION.md, Relations):
a relation verb of ``data/lexicon/relation_verbs.txt`` stands before its
object, with nothing between them but other objects of the same verb and
their separators (``制定出台《A》《B》等文件``, ``听取区人大常委会、区政府…汇报``)
and at most :data:`MAX_GAP` other characters. The object's type must fit
the relation (issued -> Regulation, implements -> Regulation or Initiative,
conducts -> Campaign, established and oversees -> Organization).

The subject is, in this order: the issuing bodies written right before a
title (``区委、区政府《…》``); an organisation written right before the verb
(``市委印发…``); else the report's author, the unstated actor.

An object may also stand first, as the topic of a clause that its verb ends
(``乡村振兴战略深入实施``, ``县融媒体中心挂牌成立``): the author, the unstated
actor, is then the subject (not for issuing or leading verbs).

A frame of ``data/lexicon/relation_frames.txt`` states a relation whose
object is the author: ``在市委、县委坚强领导下`` gives 市委 and 县委
oversees the author.

A title nested inside another title gives ``refersTo`` from the outer to the
inner one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from .lexicon import Lexicon
from .model import EntityType, Mention, Relation, RelationType, Sentence

__all__ = ["find_relations", "MAX_GAP"]

#: Most characters allowed between a verb and its object besides other
#: objects and separators. Chosen by us: room for a modifier (全面, 党组织).
MAX_GAP = 6
# Characters between a subject and its verb: adverbs such as 认真, 及时, 先后.
_SUBJECT_GAP = 4
_OBJECT_TYPES = {
    RelationType.ISSUED: {EntityType.REGULATION},
    RelationType.IMPLEMENTS: {EntityType.REGULATION, EntityType.INITIATIVE},
    RelationType.CONDUCTS: {EntityType.CAMPAIGN},
    RelationType.ESTABLISHED: {EntityType.ORGANIZATION},
    RelationType.OVERSEES: {EntityType.ORGANIZATION},
}
_CLAUSE = re.compile(r"[^，。；：！？,;:!?]+")
_SEPARATORS = re.compile(r"[、和及与等以及\s“”]")
_ORG_LIST = re.compile(r"^(?:[、和及与])?$")
_BREAK = re.compile(r"[，。；：！？,;:!?、和与及《》“”]")


def _verbs(clause: str, lexicon: Lexicon, covered: set[int]) -> list[tuple[int, int, str]]:
    """Every relation verb in a clause as (begin, end, verb), longest at each place.

    ``covered`` holds the clause offsets inside mentions: 领导 in 领导小组 is
    no verb.
    """
    found = []
    pos = 0
    lengths = _verb_lengths(lexicon)
    while pos < len(clause):
        if pos in covered:
            pos += 1
            continue
        for length in lengths:
            verb = clause[pos:pos + length]
            if verb in lexicon.relation_verbs:
                found.append((pos, pos + length, verb))
                pos += length
                break
        else:
            pos += 1
    return found


@functools.lru_cache(maxsize=4)
def _verb_lengths(lexicon: Lexicon) -> tuple[int, ...]:
    return tuple(sorted({len(v) for v in lexicon.relation_verbs}, reverse=True))


def _gap(text: str, begin: int, end: int, mentions: list[Mention], base: int) -> int:
    """Characters between begin and end (sentence offsets) outside mentions and separators."""
    covered = [False] * max(0, end - begin)
    for m in mentions:
        for i in range(max(begin, m.begin - base), min(end, m.end - base)):
            covered[i - begin] = True
    return sum(1 for i, c in enumerate(covered) if not c and not _SEPARATORS.match(text[begin + i]))


def _subjects_before(text: str, pos: int, orgs: list[Mention], base: int, gap: int) -> list[Mention]:
    """The organisations written right before ``pos`` (sentence offset).

    The nearest must end at most ``gap`` characters before ``pos`` with no
    punctuation between; more may precede it, joined by 、和及与
    (区委、区政府印发…, 区委、区政府《…》).
    """
    found, cursor = [], pos
    for org in sorted(orgs, key=lambda m: -m.begin):
        end = org.end - base
        if end > cursor:
            continue
        between = text[end:cursor]
        if not found:
            if cursor - end > gap or _BREAK.search(between):
                break
        elif not _ORG_LIST.match(between):
            break
        found.append(org)
        cursor = org.begin - base
    return found


def _verb_for(mention, text, m_begin, c_begin, verbs, in_clause, base, lexicon) -> tuple[int, RelationType, str] | None:
    """The verb that governs ``mention``: ``(verb begin, relation, verb)`` or ``None``.

    The nearest fitting verb within reach (:data:`MAX_GAP`), except that an
    issuing verb within reach wins for a document: 制定并实施《…》 states
    that the document was issued.
    """
    chosen = None
    for v_begin, v_end, verb in reversed([v for v in verbs if c_begin + v[1] <= m_begin]):
        v_begin, v_end = v_begin + c_begin, v_end + c_begin
        if _gap(text, v_end, m_begin, in_clause, base) > MAX_GAP:
            break
        fitting = [r for r in lexicon.relation_verbs[verb] if mention.type in _OBJECT_TYPES[r]]
        if RelationType.ISSUED in fitting:
            return v_begin, RelationType.ISSUED, verb
        if fitting and chosen is None:
            chosen = (v_begin, fitting[0], verb)
            if mention.type is not EntityType.REGULATION:
                break
    return chosen


# What may stand between a topic and the verb that ends its clause: adverbs and a place
# (深入|实施, 挂牌|成立, 在汉|成立, 得到全面|落实), no separator of another object.
_TOPIC_GAP = r"[^，。；：！？,;:!?、和与及《》“”\s]{0,4}?"


@functools.lru_cache(maxsize=8)
def _verb_after_re(lexicon: Lexicon) -> re.Pattern[str]:
    verbs = sorted(lexicon.relation_verbs, key=len, reverse=True)
    return re.compile(_TOPIC_GAP + "(" + "|".join(map(re.escape, verbs)) + ")$")


def _verb_after(mention: Mention, m_end: int, text: str, c_end: int, lexicon: Lexicon) -> tuple[RelationType, str] | None:
    """The relation verb that ends the clause after ``mention`` (which ends at sentence offset ``m_end``),
    its topic: 乡村振兴战略深入实施, 涞水县文物局挂牌成立: the object stands first and the unstated actor,
    the author, did it. ``(relation, verb)`` when the verb fits the mention's type, else ``None``. Not
    an issuing verb (《…》印发 says nothing of who issued it) nor one of leading (党中央集中统一领导:
    the body before 领导 leads)."""
    match = _verb_after_re(lexicon).match(text, m_end, c_end)  # the clause ends at c_end, where $ matches
    if match is None:
        return None
    verb = match.group(1)
    fitting = [r for r in lexicon.relation_verbs[verb]
               if mention.type in _OBJECT_TYPES[r] and r not in (RelationType.ISSUED, RelationType.OVERSEES)]
    return (fitting[0], verb) if fitting else None


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions no other mention contains (two of the same span contain each other), in their order.

    One sweep in order of begin (longest first): a mention is inside one
    before it when the furthest end reached so far is at or past its end.
    """
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].begin, -mentions[i].end))
    spans = Counter((m.begin, m.end) for m in mentions)
    inside, reach = set(), -1
    for i in order:
        m = mentions[i]
        if m.end <= reach or spans[m.begin, m.end] > 1:
            inside.add(i)
        reach = max(reach, m.end)
    return [m for i, m in enumerate(mentions) if i not in inside]


def find_relations(
    sentence: Sentence, mentions: list[Mention], author: str | None, names: dict[str, str], lexicon: Lexicon
) -> list[Relation]:
    """Find the relations stated in one sentence.

    Args:
        sentence: the sentence.
        mentions: its mentions (document offsets), in text order.
        author: canonical name of the report's author, the default subject;
            ``None`` when the report names none (no relation then has an unstated subject).
        names: a mention name -> the canonical name of its entity.
        lexicon: gives the relation verbs.

    Returns:
        Relations with canonical names at both ends, the sentence as
        evidence and its span; duplicates within the sentence removed.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> from kg.model import Document
        >>> from kg.segmentation import segment
        >>> from kg.mentions import find_mentions
        >>> lex = load_lexicon()
        >>> s = segment(Document("r", "及时成立区委巡视整改工作领导小组。", "utf-8", ""), (), lex)[0]
        >>> ms = find_mentions(s, lex)
        >>> [(r.subject, r.type.value, r.object) for r in find_relations(s, ms, "区委常委会", {}, lex)]
        [('区委常委会', 'established', '区委巡视整改工作领导小组')]
    """
    if not mentions:
        return []  # every relation has a mention at one end at least
    text, base = sentence.text, sentence.begin
    canon = lambda m: names.get(m.name, m.name)  # noqa: E731
    found: dict[tuple[str, RelationType, str], Relation] = {}

    def add(subject: str, rtype: RelationType, obj: str, method: str) -> None:
        if subject != obj:
            found.setdefault(
                (subject, rtype, obj),
                Relation(subject, rtype, obj, text, sentence.begin, sentence.end, method),
            )

    # a title inside another refers to it: for each title, the titles that begin within it (by bisection)
    regulations = sorted((m for m in mentions if m.type is EntityType.REGULATION), key=lambda m: m.begin)
    begins = [m.begin for m in regulations]
    for outer in regulations:
        for inner in regulations[bisect.bisect_left(begins, outer.begin):bisect.bisect_left(begins, outer.end)]:
            if inner is not outer and inner.end <= outer.end:
                add(canon(outer), RelationType.REFERS_TO, canon(inner), "nested-title")

    top = _outermost(mentions)
    if author:  # 在市委坚强领导下: the organisations a frame names stand in its relation with the author
        orgs = [m for m in top if m.type is EntityType.ORGANIZATION]
        for frame in lexicon.relation_frames:
            for match in frame.pattern.finditer(text):
                w_begin, w_end = match.span("who")
                for org in orgs:
                    if w_begin <= org.begin - base and org.end - base <= w_end:
                        add(canon(org), frame.relation, author, f"frame:{frame.id}")
    for clause in _CLAUSE.finditer(text):
        c_begin, c_end = clause.span()
        in_clause = [m for m in top if c_begin <= m.begin - base and m.end - base <= c_end]
        if not in_clause:
            continue
        orgs = [m for m in in_clause if m.type is EntityType.ORGANIZATION]
        covered = {i - c_begin for m in in_clause for i in range(m.begin - base, m.end - base)}
        verbs = _verbs(clause.group(), lexicon, covered)
        issuers, last_end = [], None  # the issuing bodies of the titles just before
        for mention in in_clause:
            m_begin = mention.begin - base
            chosen = _verb_for(mention, text, m_begin, c_begin, verbs, in_clause, base, lexicon)
            if chosen is None:
                if author and (after := _verb_after(mention, mention.end - base, text, c_end, lexicon)) is not None:
                    add(author, after[0], canon(mention), f"verb-after:{after[1]}/subject:author")
                continue
            v_begin, rtype, verb = chosen
            subjects, source = [], "before-title"
            if rtype is RelationType.ISSUED:
                subjects = _subjects_before(text, m_begin, orgs, base, 0)
                # 区委、区政府《A》《B》: bodies before the first of adjacent titles issued them all
                if not subjects and last_end is not None and _ORG_LIST.match(text[last_end:m_begin]):
                    subjects, source = issuers, "before-first-title"
                issuers, last_end = subjects, mention.end - base
            if not subjects:
                subjects, source = _subjects_before(text, v_begin, orgs, base, _SUBJECT_GAP), "before-verb"
            subjects = [canon(s) for s in subjects if s is not mention]
            if not subjects and author:
                subjects, source = [author], "author"
            for subject in subjects:
                add(subject, rtype, canon(mention), f"verb:{verb}/subject:{source}")
    return sorted(found.values(), key=lambda r: (r.type.value, r.subject, r.object))
