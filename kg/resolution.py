"""Stage 6, entity resolution: mentions -> entities, within a report and across reports.

Within a report, names that denote the same entity are merged
(shared/spec/ANNOTATION.md, Names), by five rules:

* **gazetteer aliases**: names on one row of a gazetteer (党中央, 中央);
* **quoted cores**: the quoted core of a name with a head (四查四促 of
  “四查四促”专项行动), when no other name of the report has that core;
* **anonymised jurisdictions**: X区委 and XX区委 are 区委;
* **organ prefixes**: an organisation name is the same as the name that adds
  the report's own organ before it (全面深化改革领导小组 and
  区委全面深化改革领导小组), when the shorter has at least 4 characters;
* **the report's own place**: a standing organ named with the report's place
  is the organ of that level (浙江省委 is 省委 in 浙江省's report), which names
  the entity, so that it has one key across the place's reports (省委@浙江省);
  the place's people's congress of a term (高阳县第十七届人民代表大会) is its
  人大 (县人大), and a bare standing organ is the one of the report's level
  written beside it (国资委 and 自治区国资委).

The canonical name of a merged entity is the gazetteer's first name when
present, the bare organ for anonymised jurisdictions, else the fullest
(longest) name; the others become aliases.

Across reports, entities with the same canonical name are one entity, except
local organisations (区委, 区政府, 市委 … whose name starts with a
jurisdiction word): those are one entity per jurisdiction when the report's
jurisdiction is known, and one shared entity when it is not. The key that
says so is :func:`entity_key`.
"""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import Lexicon
from .metadata import normalise_organ
from .model import Entity, EntityType, Mention

__all__ = ["resolve", "entity_key", "is_local_organisation", "entity_types", "merge_types", "vote_weight"]

_LOCAL = re.compile(r"^(?:团)?(?:中共)?(?:[X某]{1,3})?(?:全)?[区市县省镇乡街]")
_ORGAN_PREFIX = re.compile(r"^(?:[X某]{0,3}[区市县省](?:委|政府)?)")
_MIN_SUFFIX = 4
_TYPE_ORDER = list(EntityType)


def is_local_organisation(name: str, etype: EntityType) -> bool:
    """True for an organisation whose name starts with a jurisdiction word (区委, 市政府)."""
    return etype is EntityType.ORGANIZATION and bool(_LOCAL.match(name))


def entity_key(name: str, etype: EntityType, jurisdiction: str | None) -> str:
    """The cross-report identity of an entity.

    Returns ``name`` for most entities; ``name@jurisdiction`` for a local
    organisation of a known jurisdiction.

    Examples:
        >>> entity_key("区委", EntityType.ORGANIZATION, "津南区"), entity_key("区委", EntityType.ORGANIZATION, None)
        ('区委@津南区', '区委')
    """
    if jurisdiction and is_local_organisation(name, etype):
        return f"{name}@{jurisdiction}"
    return name


class _UnionFind:
    def __init__(self, items):
        self.parent = {item: item for item in items}

    def find(self, item):
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _canonical(names: set[str], lexicon: Lexicon) -> str:
    gazetteer_firsts = {lexicon.gazetteer[n][1] for n in names if n in lexicon.gazetteer}
    present = sorted(gazetteer_firsts & names)
    if present:
        return present[0]
    bare = sorted(n for n in names if normalise_organ(n) == n and any(normalise_organ(m) == n for m in names if m != n))
    if bare:
        return bare[0]
    return sorted(names, key=lambda n: (-len(n), n))[0]


def resolve(
    mentions: list[Mention], lexicon: Lexicon, jurisdiction: str | None = None, author: str | None = None
) -> tuple[Entity, ...]:
    """Merge one report's mentions into entities.

    Args:
        mentions: the report's mentions, in text order.
        lexicon: gives the gazetteer's alias rows.
        jurisdiction: the report's jurisdiction, or ``None`` when unknown.
        author: the report's author; it becomes an entity of the report even
            when only the title names it, and it is the canonical name of the
            entity it joins (定兴县人民政府, not the title's 定兴县政府).

    Returns:
        Entities sorted by canonical name; each has every distinct name
        under which it was mentioned (canonical first in ``name``, the rest
        sorted in ``aliases``) and its mentions in text order.
    """
    # 浙江省委 in 浙江省's report is its 省委: the level's form is the entity's name (and key), the
    # place-qualified one an alias
    own_level = {m.name: own for m in mentions
                 if m.type is EntityType.ORGANIZATION and (own := _own_level_form(m.name, jurisdiction, lexicon.local_organs))}
    own_forms = set(own_level.values())
    names = sorted({m.name for m in mentions} | own_forms | ({author} if author else set()))
    uf = _UnionFind(names)
    for name, own in own_level.items():
        uf.union(name, own)
    if jurisdiction:  # 高阳县第十七届人民代表大会 is the 县人大 of 高阳县's report: the congress, in its term
        level = _place_level(jurisdiction)[1]
        session = re.compile(re.escape(jurisdiction) + r"第[一二三四五六七八九十百\d]+届人民代表大会")
        congresses = [n for n in names if session.fullmatch(n)]
        for name in congresses:
            for short in (level + "人大", "人大"):
                if short in uf.parent:
                    uf.union(name, short)
        for name in names:  # 国资委 beside 自治区国资委 in 广西's report: the organ of the report's own level
            if name in lexicon.local_organs and level + name in uf.parent:
                uf.union(name, level + name)
    by_name = set(names)
    gazetteer_rows: dict[str, str] = {}
    for name in names:
        if name in lexicon.gazetteer:
            first = lexicon.gazetteer[name][1]
            if first in gazetteer_rows:
                uf.union(name, gazetteer_rows[first])
            gazetteer_rows.setdefault(first, name)
    headed_by_core: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.core and mention.core in by_name and len(mention.core) >= 2:
            headed_by_core.setdefault(mention.core, set()).add(mention.name)
    for core, headed in headed_by_core.items():
        if len(headed) == 1:  # a core two names share names neither (不忘初心、牢记使命 of 主题教育 and 微党课活动)
            uf.union(core, next(iter(headed)))
    types = _types(mentions) | dict.fromkeys(own_forms, EntityType.ORGANIZATION)
    for name in names:
        bare = normalise_organ(name)
        if bare != name and bare in by_name:
            uf.union(name, bare)
        if types.get(name) is EntityType.ORGANIZATION:
            prefix = _ORGAN_PREFIX.match(name)
            if prefix and len(name) - prefix.end() >= _MIN_SUFFIX and name[prefix.end():] in by_name:
                uf.union(name, name[prefix.end():])

    bare_author = normalise_organ(author) if author else ""
    if bare_author.endswith("政府"):
        for name in names:  # 县政府 and 政府 in 定兴县人民政府's report: the author, by its own level
            bare = normalise_organ(name)
            if types.get(name) is EntityType.ORGANIZATION and bare.endswith("政府") and bare_author.endswith(bare):
                uf.union(name, author)

    written = {m.name for m in mentions} | ({author} if author else set())  # an alias is a name the report writes
    groups: dict[str, set[str]] = {}
    for name in names:
        groups.setdefault(uf.find(name), set()).add(name)
    mentions_of: dict[str, list[Mention]] = {root: [] for root in groups}
    for mention in mentions:  # in text order
        mentions_of[uf.find(mention.name)].append(mention)
    entities = []
    for root, group in groups.items():
        canonical = author if author in group else _canonical((group & own_forms) or group, lexicon)  # the author keeps its name
        group_mentions = tuple(mentions_of[root])
        etype = types.get(canonical) or _vote(group_mentions) or EntityType.ORGANIZATION
        entities.append(
            Entity(
                key=entity_key(canonical, etype, jurisdiction),
                type=etype,
                name=canonical,
                aliases=tuple(sorted(group - {canonical} - (own_forms - written))),
                mentions=group_mentions,
            )
        )
    return tuple(sorted(entities, key=lambda e: e.name))


_LEVEL_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")


def _place_level(jurisdiction: str) -> tuple[str, str]:
    """A jurisdiction's name without its level, and the level (浙江省 -> 浙江, 省; 广西壮族自治区 -> 广西壮族, 自治区)."""
    stem = _LEVEL_SUFFIX.sub("", jurisdiction)
    return stem, jurisdiction[len(stem):]


def _own_level_form(name: str, jurisdiction: str | None, organs: tuple[str, ...]) -> str | None:
    """The name without the report's own place, when it names one of the place's standing organs
    (``organs``: local_organs.txt) by its level (浙江省委 -> 省委, 广西壮族自治区政府 -> 自治区政府 in those
    places' reports; not 浙江省第十四届人民代表大会 or 高阳县电子商务协会, which are no standing organ), else ``None``."""
    if not jurisdiction:
        return None
    stem, level = _place_level(jurisdiction)
    if len(stem) < 2 or not level or not name.startswith(stem + level):
        return None
    rest = name[len(stem):]
    return rest if rest[len(level):] in organs else None


def _vote(mentions) -> EntityType | None:
    if not mentions:
        return None
    counts = Counter(m.type for m in mentions)
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.index(t)))


def _types(mentions: list[Mention]) -> dict[str, EntityType]:
    by_name: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_name.setdefault(mention.name, []).append(mention)
    return {name: _vote(ms) for name, ms in by_name.items()}


def merge_types(votes: dict[str, Counter]) -> dict[str, EntityType]:
    """Settle one type per entity key across reports: the most frequent, ties by enum order.

    Args:
        votes: entity key -> Counter of the types reports gave it.

    Returns:
        entity key -> type.
    """
    return {key: min(c, key=lambda t: (-c[t], _TYPE_ORDER.index(t))) for key, c in votes.items()}


def vote_weight(entity: Entity) -> int:
    """How much one report's type for an entity weighs: its mentions there (at least 1)."""
    return len(entity.mentions) or 1


def entity_types(results) -> dict[str, EntityType]:
    """One type per entity key across the results of many reports.

    Each report votes for the type it gave the entity, weighted by its
    mentions there; see :func:`merge_types`.

    Args:
        results: :class:`~kg.model.ReportResult` of every report.
    """
    votes: dict[str, Counter] = {}
    for result in results:
        for entity in result.entities:
            votes.setdefault(entity.key, Counter())[entity.type] += vote_weight(entity)
    return merge_types(votes)
