"""Hand curation: ``curation.csv`` -> entries applied to each report's entities after entity resolution.

An analyst corrects what extraction got wrong with ``kg curate``, and every
build applies the entries, in the file's order, to each report's result
after entity resolution (:mod:`kg.resolution`), before the entity types are
settled across reports:

* ``merge A B …``: the entities B … become A; where a report names both,
  one entity with every name. A keeps its type (a report that names only B
  casts no vote for the type), unless retyped.
* ``rename A NEW``: the entity's canonical name becomes NEW; the old name
  stays as an alias.
* ``retype A TYPE``: Organization, Campaign, Regulation or Initiative.
* ``drop A``: the entity, its mentions and its relations leave the graph.

An entity is named by its key (:func:`kg.resolution.entity_key`): its
canonical name, with its place for a local organ (``区委@津南区``), or by its
IRI. The file is plain CSV, one row per name (a merge of three names is two
rows of one entry number), so that it reads well in a diff; entry numbers
stay as they are when an entry is undone.

A report's fragment is keyed by the entries applied to it
(:meth:`~kg.cache.ResultCache.fragment_path`), so a new entry re-renders only
the reports it touches and the rebuild copies the rest. The graph says which
entities an entry changed (``prov:wasInfluencedBy``, :func:`curation_triples`),
with the file as its source. An entry that no longer matches any entity of
the build is reported, never silently applied to nothing.

The model is that of OpenRefine's operation history and of Wikidata's merge
and redirect: the corrections are data kept beside the input, replayed on
every build, never edits of the output.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import KGError
from .folders import write_file_atomically
from .model import Entity, EntityType, ReportResult
from .resolution import entity_key

__all__ = ["ACTIONS", "CURATION_FILE", "CurationError", "Entry", "Curation", "Applied", "CurationOutcome",
           "curation_file", "touches_of", "apply_to_digests"]

#: The file's name in an input folder.
CURATION_FILE = "curation.csv"
#: The actions, and how many names each takes after the first (None: one or more).
ACTIONS = {"merge": None, "rename": 1, "retype": 1, "drop": 0}
_COLUMNS = ("entry", "action", "name", "value")
_TYPES = {t.value.lower(): t for t in EntityType}


class CurationError(KGError):
    """The curation file is malformed, or an entry is; the message names the file and the row."""


@dataclass(frozen=True)
class Entry:
    """One ``kg curate`` command: ``number``, ``action``, the ``name`` it is about, and its ``values``
    (the names merged into ``name``, the new name, the new type; none for drop)."""

    number: int
    action: str
    name: str
    values: tuple[str, ...] = ()

    def describe(self) -> str:
        """The entry as a line: ``3 merge 区委@津南区 <- 中共津南区委``."""
        arrow = {"merge": " <- ", "rename": " -> ", "retype": " : ", "drop": ""}[self.action]
        return f"{self.number} {self.action} {self.name}{arrow}{' | '.join(self.values)}"

    def rows(self) -> list[tuple[str, str, str, str]]:
        return [(str(self.number), self.action, self.name, value) for value in self.values or ("",)]


def _check(entry: Entry, where: str) -> Entry:
    if entry.action not in ACTIONS:
        raise CurationError(f"{where}: unknown action {entry.action!r} (one of {', '.join(ACTIONS)})")
    wanted = ACTIONS[entry.action]
    if not entry.name or any(not v for v in entry.values):
        raise CurationError(f"{where}: an empty name")
    if (wanted is None and not entry.values) or (wanted is not None and len(entry.values) != wanted):
        count = "one or more names" if wanted is None else f"{wanted} value(s)"
        raise CurationError(f"{where}: {entry.action} takes a name and {count}, got {list(entry.values)}")
    if entry.action == "retype" and entry.values[0].lower() not in _TYPES:
        raise CurationError(f"{where}: unknown type {entry.values[0]!r} (one of {', '.join(t.value for t in EntityType)})")
    return entry


@dataclass(frozen=True)
class Applied:
    """What the entries did to one report: ``entries`` (the numbers applied), ``changed`` (entity key
    -> the numbers of the entries that made or changed it), ``unvoted`` (keys whose entity here bears
    only merged-away names: it casts no type vote)."""

    entries: tuple[int, ...] = ()
    changed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    unvoted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Curation:
    """The entries of one curation file, in order.

    Attributes:
        entries: the entries.
        path: the file they were read from (``None``: no file).
    """

    entries: tuple[Entry, ...] = ()
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> Curation:
        """Read a curation file; a missing file has no entries.

        Raises:
            CurationError: a row is malformed (the message names the file and the line).
        """
        path = Path(path)
        if not path.is_file():
            return cls((), path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CurationError(f"{path}: cannot read the curation file: {exc}") from exc
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or tuple(c.strip() for c in rows[0]) != _COLUMNS:
            raise CurationError(f"{path}: line 1: expected the header {','.join(_COLUMNS)}")
        grouped: dict[int, list] = {}
        for line, row in enumerate(rows[1:], 2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(_COLUMNS) or not row[0].strip().isdigit():
                raise CurationError(f"{path}: line {line}: expected entry number,action,name,value; got {row}")
            number, action, name, value = (cell.strip() for cell in row)
            entry = grouped.setdefault(int(number), [action, name, [], line])
            if (entry[0], entry[1]) != (action, name):
                raise CurationError(f"{path}: line {line}: entry {number} is {entry[0]} {entry[1]} on an earlier line")
            if value:
                entry[2].append(value)
        entries = tuple(_check(Entry(n, a, name, tuple(values)), f"{path}: line {line} (entry {n})")
                        for n, (a, name, values, line) in grouped.items())
        return cls(entries, path)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the entries (atomically) to ``path`` or the file they came from; returns the path."""
        target = Path(path or self.path)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for entry in self.entries:
            writer.writerows(entry.rows())
        write_file_atomically(target, buffer.getvalue())
        return target

    def add(self, action: str, name: str, *values: str) -> tuple[Curation, Entry]:
        """A curation with one more entry (numbered after the highest), and that entry.

        Raises:
            CurationError: the action or its names are wrong.
        """
        number = max((e.number for e in self.entries), default=0) + 1
        entry = _check(Entry(number, action, name, tuple(values)), f"kg curate {action}")
        return replace(self, entries=self.entries + (entry,)), entry

    def undo(self, number: int) -> tuple[Curation, Entry]:
        """A curation without entry ``number``, and that entry.

        Raises:
            CurationError: there is no such entry.
        """
        for entry in self.entries:
            if entry.number == number:
                return replace(self, entries=tuple(e for e in self.entries if e is not entry)), entry
        raise CurationError(f"{self.path}: no entry {number} (kg curate list shows them)")

    def resolve(self, keys, iri_of) -> tuple[Curation, list[str]]:
        """Name every entity by its key, and say which entries match no entity of the build.

        Args:
            keys: the entity keys of every report of the build.
            iri_of: entity key -> IRI string.

        Returns:
            ``(curation, problems)``: the entries with IRIs replaced by keys,
            and one line per entry that names no entity of the build (it is
            kept in the file and applied to nothing), with the keys it may
            have meant (``区委`` -> ``区委@津南区``).
        """
        known = set(keys)
        by_iri = {iri_of(k): k for k in known} if any(n.startswith(("http://", "https://")) for n in self.names()) else {}
        entries, problems = [], []
        for entry in self.entries:
            entry = replace(entry, name=by_iri.get(entry.name, entry.name),
                            values=tuple(by_iri.get(v, v) for v in entry.values) if entry.action == "merge" else entry.values)
            named = [entry.name, *entry.values] if entry.action == "merge" else [entry.name]
            if not any(n in known for n in named):
                near = sorted(k for k in known if any(k.startswith(n + "@") for n in named))[:5]
                problems.append(f"{self.path}: entry {entry.describe()} matches no entity of this build"
                                + (f" (a local organ is named with its place: {', '.join(near)})" if near else ""))
            if entry.action in ("merge", "rename"):
                known.add(entry.name if entry.action == "merge" else entry.values[0])
            entries.append(entry)
        return replace(self, entries=tuple(entries)), problems

    def names(self) -> set[str]:
        """Every name the entries write (keys, IRIs, new names): a report with none of them is untouched."""
        found = set()
        for entry in self.entries:
            found.add(entry.name)
            if entry.action in ("merge", "rename"):
                found.update(entry.values)
        return found

    def apply(self, result: ReportResult) -> tuple[ReportResult, Applied]:
        """Apply the entries, in order, to one report's entities.

        Args:
            result: the report's result after entity resolution. The entries
                name entities by key: those of :meth:`resolve`, which replaced
                the IRIs.

        Returns:
            The curated result (the same object when no entry applies) and what was applied.
        """
        entities = {e.key: e for e in result.entities}
        applied: list[int] = []
        changed: dict[str, list[int]] = defaultdict(list)
        unvoted: set[str] = set()

        def find(name: str) -> str | None:
            return name if name in entities else None

        for entry in self.entries:
            key = find(entry.name)
            if entry.action == "merge":
                merged = [k for k in map(find, entry.values) if k is not None and k != key]
                if not merged:
                    continue
                survivor = key or entry.name
                parts = ([entities.pop(key)] if key else []) + [entities.pop(k) for k in merged]
                first = parts[0]
                entities[survivor] = _combine(survivor, _name_of(survivor), first.type, parts)
                if key is None:
                    unvoted.add(survivor)
                for k in merged:
                    unvoted.discard(k)
            elif key is None:
                continue
            elif entry.action == "rename":
                old = entities.pop(key)
                new_key = entity_key(entry.values[0], old.type, key.split("@", 1)[1] if "@" in key else None)
                parts = [old] + ([entities.pop(new_key)] if new_key in entities else [])
                entities[new_key] = _combine(new_key, entry.values[0], old.type, parts)
                if key in unvoted:
                    unvoted.discard(key)
                    unvoted.add(new_key)
                survivor = new_key
            elif entry.action == "retype":
                survivor = key
                entities[key] = replace(entities[key], type=_TYPES[entry.values[0].lower()])
            else:  # drop
                entities.pop(key)
                unvoted.discard(key)
                applied.append(entry.number)
                continue
            applied.append(entry.number)
            changed[survivor].append(entry.number)
        if not applied:
            return result, Applied()
        kept = {name for e in entities.values() for name in (e.name, *e.aliases)}
        relations = tuple(r for r in result.relations if r.subject in kept and r.object in kept)
        curated = replace(result, entities=tuple(sorted(entities.values(), key=lambda e: e.name)), relations=relations)
        return curated, Applied(tuple(applied), {k: tuple(v) for k, v in changed.items() if k in entities},
                                frozenset(unvoted & set(entities)))


def _name_of(key: str) -> str:
    """The canonical name of a key: ``区委@津南区`` -> ``区委``."""
    return key.split("@", 1)[0]


def _combine(key: str, name: str, etype: EntityType, parts: list[Entity]) -> Entity:
    """One entity of ``parts``: every name and mention, under ``key`` and ``name``."""
    names = {n for e in parts for n in (e.name, *e.aliases)} - {name}
    mentions = tuple(sorted((m for e in parts for m in e.mentions), key=lambda m: (m.begin, m.end, m.name)))
    return Entity(key=key, type=etype, name=name, aliases=tuple(sorted(names)), mentions=mentions)


def curation_file(inputs: list[str | Path], explicit: str | Path | None) -> Path | None:
    """The curation file of a build: ``explicit``, else ``curation.csv`` in the input folder.

    Args:
        inputs: the build's inputs (files and folders).
        explicit: ``--curation FILE``.

    Returns:
        The file's path, or ``None`` when there is none.

    Raises:
        CurationError: ``explicit`` is not a ``.csv`` file, or several input
            folders are given and one holds a ``curation.csv`` (which applies
            is not clear: name it with ``--curation``).
    """
    if explicit is not None:
        path = Path(explicit)
        if path.suffix.lower() != ".csv":
            raise CurationError(f"{path}: a curation file is a .csv file")
        return path
    folders = [Path(item) for item in inputs if Path(item).is_dir()]
    found = [folder / CURATION_FILE for folder in folders if (folder / CURATION_FILE).is_file()]
    if len(folders) > 1 and found:
        raise CurationError(f"several input folders and {', '.join(map(str, found))}: "
                            "say which curation file applies with --curation FILE")
    return found[0] if found else None


def _iri(key: str) -> str:
    from .rdf.graph import entity_iri

    return str(entity_iri(key))


def touches_of(curation: Curation):
    """A test of whether ``curation`` may touch a report, from its digest: some key (or its IRI) is named by an entry."""
    if not curation.entries:
        return lambda digest: False
    names = curation.names()
    by_iri = any(n.startswith(("http://", "https://")) for n in names)
    return lambda digest: any(key in names or (by_iri and _iri(key) in names) for key, _, _ in digest.votes)


@dataclass
class CurationOutcome:
    """What the curation did to a build.

    Attributes:
        curation: the entries, resolved (IRIs replaced by keys).
        digests: the digests of the reports it may have touched, curated where an entry applied.
        entries: report -> the entries applied to it (part of its fragment's cache key).
        changed: entity key -> the numbers of the entries that changed it.
        problems: one line per entry that matches no entity of the build.
    """

    curation: Curation
    digests: list = field(default_factory=list)
    entries: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    changed: dict[str, set[int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the build's summary (``""`` with no entries)."""
        if not self.curation.entries:
            return ""
        return (f"{len(self.curation.entries)} entries of {self.curation.path} changed {len(self.entries)} reports"
                + (f"; {len(self.problems)} match nothing (on stderr)" if self.problems else ""))

    def mark(self, nodes: list[dict]) -> list:
        """Say on each network node an entry changed which entries did (``curated``); return the PROV triples
        (:func:`kg.rdf.graph.curation_triples`)."""
        from .rdf.graph import curation_triples

        if not self.curation.entries:
            return []
        by_number = {e.number: e for e in self.curation.entries}
        changed = {_iri(key): sorted(numbers) for key, numbers in self.changed.items()}
        for node in nodes:
            if node["id"] in changed:
                node["curated"] = [by_number[n].describe() for n in changed[node["id"]]]
        return curation_triples(self.curation, changed)


def apply_to_digests(curation: Curation, pending: list, keys, result_of, jurisdiction_of: dict) -> CurationOutcome:
    """Apply the curation to the reports it may touch, by their digests (:mod:`kg.digest`).

    Entries are resolved against every entity key of the build first (an
    IRI becomes its key). A report an entry changes gets a new digest, in
    which the keys whose entity bears only merged-away names cast no type
    vote (weight 0), so that a merge's first name keeps its type.

    Args:
        curation: the entries.
        pending: the digests :func:`touches_of` picked.
        keys: the entity keys of the other reports.
        result_of: ``(name, sha256, jurisdiction) -> ReportResult | None`` (the extraction cache's ``get``).
        jurisdiction_of: report -> its jurisdiction.
    """
    from .digest import digest

    every = set(keys) | {key for d in pending for key, _, _ in d.votes}
    resolved, problems = curation.resolve(every, _iri)
    done = CurationOutcome(resolved, problems=problems)
    for found in pending:
        result = result_of(found.name, found.sha256, jurisdiction_of[found.name])
        curated, applied = resolved.apply(result) if result is not None else (None, Applied())
        if not applied.entries:
            done.digests.append(found)
            continue
        new = digest(curated)
        done.digests.append(replace(new, votes=tuple((k, t, 0 if k in applied.unvoted else w) for k, t, w in new.votes)))
        done.entries[found.name] = tuple(e for e in resolved.entries if e.number in applied.entries)
        for key, numbers in applied.changed.items():
            done.changed.setdefault(key, set()).update(numbers)
    return done
