"""Incremental builds: what a build takes from the last one, and the checks that let it.

A build writes, beside its files, a :class:`Manifest` (``build.json``): for
each report, the key of its graph fragment and where its share of each
graph file lies. The next build with the same fingerprint (kg's code,
lexicon and model: :func:`kg.cache.fingerprint`) copies the shares of the
reports whose fragment did not change out of the last build's files,
instead of reading the fragments again, and updates the last build's store
in place instead of loading it whole (:func:`plan`, :func:`update_store`).

**The invariants this rests on** (each checked where it is cheap):

1. *A report's share is byte-identical given its fragment key*: the
   fragment is rendered deterministically from the report's result and the
   types settled for its entities (:func:`kg.rdf.graph.render_fragment`), and
   the key is a hash of those (:meth:`kg.cache.ResultCache.fragment_path`).
2. *A report's share is contiguous in every file, between fixed
   separators* (:data:`kg.rdf.export.PARTS`): its ``(begin, end)`` span
   in each file is all the next build needs to copy it.
3. *A report's own triples are never another's*: its node, mentions and
   statements are named by its IRI (:func:`kg.rdf.graph.split_quads`), so
   removing a changed report's own triples from the store removes nothing
   another report holds; the triples reports share are counted
   (:attr:`Manifest.shared`, a key into the cache) and leave the store only
   when no report holds them any more.
4. *The files are the ones the manifest describes*: each file's size,
   ``mtime_ns`` and inode are recorded as written (:class:`FileStamp`, kept
   in the cache by the output folder's path, :meth:`kg.cache.ResultCache.stamps_at`,
   so that ``build.json`` stays the same bytes from build to build); a
   file whose stamp differs is written whole from the fragments. Each share
   to be copied has its first and last :data:`~kg.rdf.export.EDGE_BLOCK`
   bytes read back and hashed against the manifest first (with ``verify``,
   the whole share); a share that fails is written from its fragment. Every
   fallback is said in :attr:`Plan.notes` (shown by ``kg build --progress``).
5. *The shared-triple counts match the files*: they are the last build's
   counts (kept in the cache under a hash of their content) less the shared
   triples of the changed and gone reports, read from their old fragments;
   when the cache no longer holds them, nothing is copied.

A plan is made only when few reports changed (:data:`UPDATE_MAX_CHANGED`,
or a tenth): a large change loads faster whole.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .cache import ResultCache
from .rdf.export import EDGE_BLOCK, PARTS, Reused, Written, digest, edges_hash
from .rdf.graph import Fragment
from .rdf.store import STORE_DIR, STORE_LAYOUT

__all__ = ["FileStamp", "ReportShares", "Manifest", "Plan", "plan", "update_store", "MANIFEST", "MANIFEST_VERSION",
           "UPDATE_MAX_CHANGED"]

#: The manifest's file in a build folder.
MANIFEST = "build.json"
#: The manifest's format; a build reads only its own.
MANIFEST_VERSION = 2
#: A build copies from the last one when at most this many reports (or a tenth of them) are new,
#: changed or gone; otherwise it writes and loads everything.
UPDATE_MAX_CHANGED = 50


@dataclass(frozen=True)
class FileStamp:
    """A file as written: its size (bytes), ``st_mtime_ns`` and inode."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        """The stamp of ``path`` now. Raises ``OSError`` when it cannot be stat'ed."""
        stat = path.stat()
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass(frozen=True)
class ReportShares:
    """One report in a build's files.

    Attributes:
        fragment: the key of its graph fragment in the cache.
        quads, own: the quads of its named graph and its own triples.
        spans: per file of :data:`~kg.rdf.export.PARTS`, ``(begin, end)`` byte offsets of its share.
        edges, digests: per file, the hash of the share's first and last
            bytes and of the whole share (:mod:`kg.rdf.export`).
    """

    fragment: str
    quads: int
    own: int
    spans: tuple[tuple[int, int], ...]
    edges: tuple[str, ...]
    digests: tuple[str, ...]


@dataclass
class Manifest:
    """``build.json``: what a build wrote, for ``kg reports`` and for the next build.

    Attributes:
        kg_build: kg's version (the key that marks a kg build folder, :data:`kg.folders.BUILD_MARK`).
        fingerprint: the cache fingerprint the fragments were rendered under.
        layout: the store's layout (:data:`kg.rdf.store.STORE_LAYOUT`).
        files: the files of :data:`~kg.rdf.export.PARTS`, in order.
        union_tail: where the shared and count triples begin in ``graph.nt``;
            ``tail_digest``: the digest of ``graph.nt`` from there.
        shared: the key of the shared-triple counts in the cache.
        reports: report identity -> :class:`ReportShares`, in identity order.
        skipped: ``[identity, reason]`` of the reports skipped.
        version: :data:`MANIFEST_VERSION`.
    """

    kg_build: str
    fingerprint: str
    layout: int = STORE_LAYOUT
    files: tuple[str, ...] = tuple(PARTS)
    union_tail: int = 0
    tail_digest: str = ""
    shared: str = ""
    reports: dict[str, ReportShares] = field(default_factory=dict)
    skipped: list[list[str]] = field(default_factory=list)
    version: int = MANIFEST_VERSION

    def to_json(self) -> str:
        """The manifest as JSON (sorted keys, one value a line: diffable)."""
        return json.dumps(asdict(self), indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest of the build in ``folder``, or ``None`` (absent, unreadable, of another version)."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return None
            data["files"] = tuple(data["files"])
            data["reports"] = {name: ReportShares(entry["fragment"], entry["quads"], entry["own"],
                                                  tuple(map(tuple, entry["spans"])), tuple(entry["edges"]),
                                                  tuple(entry["digests"]))
                               for name, entry in data["reports"].items()}
            return cls(**data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def record(self, folder: Path, names: list[str], fragments: dict[str, str], written: Written) -> dict[str, FileStamp]:
        """Fill in what :func:`kg.rdf.export.write_graph_files` wrote into ``folder`` for the reports ``names``.

        Asserts invariant 2 where it is cheap: the shares of consecutive
        reports do not overlap and lie in the files' bounds.

        Returns:
            The files' :class:`FileStamp` as written, for the cache (invariant 4).
        """
        stamps = {name: FileStamp.of(folder / name) for name in self.files}
        self.union_tail, self.tail_digest = written.tail_offset, written.tail_digest
        self.reports = {name: ReportShares(fragments[name], quads, own, spans, edges, digests)
                        for name, spans, (quads, own), edges, digests
                        in zip(names, written.spans, written.sizes, written.edges, written.digests, strict=True)}
        for index, file in enumerate(self.files):
            ends = [shares.spans[index] for shares in self.reports.values()]
            assert all(b <= e for b, e in ends) and all(e1 <= b2 for (_, e1), (b2, _) in zip(ends, ends[1:])), file
            assert not ends or ends[-1][1] <= stamps[file].size, file
        return stamps


@dataclass
class Plan:
    """What a build takes from the last one.

    Attributes:
        previous: the last build's manifest.
        reused: report identity -> :class:`~kg.rdf.export.Reused` (its shares, checked).
        shared: the shared-triple counts of the reports reused.
        changed: identities of the reports new or changed since (their fragments are kept here
            by the build for :func:`update_store`), and ``gone``: those the last build had and this one has not.
        notes: what was not trusted and written whole instead, for ``--progress``.
        store: whether the last build's store may be updated in place (its old ``graph.nt`` passed the checks).
    """

    previous: Manifest
    reused: dict[str, Reused]
    shared: Counter
    changed: dict[str, Fragment | None]
    gone: list[str]
    notes: list[str] = field(default_factory=list)
    store: bool = True


def _read(handle, begin: int, end: int) -> bytes:
    return os.pread(handle.fileno(), end - begin, begin) if end > begin else b""


def _check_shares(outdir: Path, previous: Manifest, stamps: dict[str, FileStamp], reused: dict[str, ReportShares],
                  verify: bool, notes: list[str]) -> tuple[dict[str, set[int]], set[str]]:
    """Indexes of the files where each reused report's share must be written afresh (invariant 4),
    and the files whose stamp differs (written whole)."""
    fresh: dict[str, set[int]] = {name: set() for name in reused}
    changed_files: set[str] = set()
    for index, file in enumerate(previous.files):
        path = outdir / file
        try:
            same = FileStamp.of(path) == stamps.get(file)
        except OSError:
            same = False
        if not same:
            changed_files.add(file)
            notes.append(f"{file}: changed since the last build wrote it (size, time or inode); written whole")
            for name in reused:
                fresh[name].add(index)
            continue
        failed = 0
        with open(path, "rb", buffering=0) as handle:
            for name, shares in reused.items():
                begin, end = shares.spans[index]
                if verify:
                    ok = digest(_read(handle, begin, end)) == shares.digests[index]
                else:
                    length = min(EDGE_BLOCK, end - begin)
                    ok = edges_hash(_read(handle, begin, begin + length), _read(handle, end - length, end)) == shares.edges[index]
                if not ok:
                    fresh[name].add(index)
                    failed += 1
        if failed:
            notes.append(f"{file}: {failed} report share(s) differ from what the last build wrote; written from their fragments")
    return fresh, changed_files


def plan(outdir: Path, fingerprint: str, fragments: dict[str, str], cache: ResultCache, *, verify: bool = False,
         enabled: bool = True) -> Plan | None:
    """Decide what this build takes from the last build in ``outdir``; ``None`` to write everything.

    Args:
        outdir: the output folder, holding the last build.
        fingerprint: this build's cache fingerprint.
        fragments: report identity -> the key of its fragment in this build.
        cache: the extraction cache (fragments and shared-triple counts).
        verify: check every copied share whole (``kg build --verify``), not
            only its first and last bytes.
        enabled: ``False`` (``kg build --no-incremental``) always writes everything.
    """
    if not enabled:
        return None
    previous = Manifest.read(outdir)
    if (previous is None or previous.fingerprint != fingerprint or previous.layout != STORE_LAYOUT
            or previous.files != tuple(PARTS) or not (outdir / STORE_DIR).is_dir()):
        return None
    changed = {name: None for name, key in fragments.items()
               if (entry := previous.reports.get(name)) is None or entry.fragment != key}
    gone = sorted(set(previous.reports) - set(fragments))
    if len(changed) + len(gone) > max(UPDATE_MAX_CHANGED, len(fragments) // 10):
        return None
    counts = ResultCache.load(cache.shared_counts_at(previous.shared))  # invariant 5
    stamps = ResultCache.load(cache.stamps_at(outdir))  # invariant 4
    if not isinstance(counts, Counter) or not isinstance(stamps, dict):
        return None
    for name in sorted((set(changed) | set(gone)) & set(previous.reports)):
        fragment = ResultCache.load(cache.fragment_at(previous.reports[name].fragment))
        if not isinstance(fragment, Fragment):
            return None
        counts.subtract(fragment.shared.splitlines(keepends=True))
    kept = {name: shares for name, shares in previous.reports.items() if name not in changed and name not in gone}
    notes: list[str] = []
    fresh, changed_files = _check_shares(outdir, previous, stamps, kept, verify, notes)
    reused = {}
    for name, shares in kept.items():
        load = functools.lru_cache(maxsize=1)(functools.partial(_load_fragment, cache, shares.fragment))
        reused[name] = Reused(shares.spans, shares.quads, shares.own, shares.edges, shares.digests,
                              frozenset(fresh[name]), load)
    return Plan(previous, reused, counts, changed, gone, notes, store="graph.nt" not in changed_files)


def _load_fragment(cache: ResultCache, key: str) -> Fragment:
    fragment = ResultCache.load(cache.fragment_at(key))
    if not isinstance(fragment, Fragment):
        raise OSError(f"the cache no longer holds the fragment {key}")
    return fragment


def update_store(outdir: Path, folder: Path, plan: Plan, manifest: Manifest) -> None:
    """Make ``folder``'s store from the last build's by what changed (see :func:`kg.rdf.store.update_store`).

    The old own triples of the changed and gone reports and the old tail are
    read from the last build's ``graph.nt`` and checked against their
    digests first (invariant 4).

    Raises:
        OSError: a file cannot be read, or what was read is not what the last build wrote.
        ValueError, SyntaxError: the store update failed.
    """
    from .rdf.store import update_store as apply

    nt = plan.previous.files.index("graph.nt")
    with open(outdir / "graph.nt", "rb", buffering=0) as handle:
        removed = []
        for name in sorted(({*plan.gone, *plan.changed}) & set(plan.previous.reports)):
            shares = plan.previous.reports[name]
            data = _read(handle, *shares.spans[nt])
            if digest(data) != shares.digests[nt]:
                raise OSError(f"the last build's graph.nt differs where it held {name}'s triples")
            removed.append(data)
        old_tail = _read(handle, plan.previous.union_tail, os.fstat(handle.fileno()).st_size)
        if digest(old_tail) != plan.previous.tail_digest:
            raise OSError("the last build's graph.nt differs in its shared triples")
    with open(folder / "graph.nt", "rb", buffering=0) as handle:
        new_tail = _read(handle, manifest.union_tail, os.fstat(handle.fileno()).st_size)
    added = [fragment.own_nt for _, fragment in sorted(plan.changed.items())]
    apply(outdir, folder, removed, added, old_tail, new_tail)
