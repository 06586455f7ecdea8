"""Write the graph files from the reports' fragments, streaming.

Each report's part of every file is serialised once, by Oxigraph, in the
process that renders the report (:func:`kg.rdf.graph.render_fragment`);
this module only concatenates the parts in file-name order, so writing a
graph of ten thousand reports holds one report's fragment at a time:

- ``graph.trig`` and ``graph.jsonld``: the named graphs, one per report;
- ``graph.nt`` and ``graph.ttl``: the union of the reports' graphs (the RDF
  merge), every triple once: first each report's own triples (its node,
  mentions and statements, which no other report can hold), then the
  triples reports share (entity descriptions, direct relation triples),
  deduplicated and sorted, then the build's summary triples;
- ``relations.csv``: each report's rows, under the header.

A report whose fragment did not change since the last build is not read
again: its byte ranges are copied from the last build's files
(:class:`Reused`; ``copy_file_range`` on Linux, so the bytes stay in the
kernel). A run of such reports that were neighbours in the last build is one
copy per file. The output is the same bytes as writing every fragment.

The shared triples are kept as a count of the reports that hold each one
(:class:`collections.Counter` of N-Triples lines): it grows with the number
of entities and relations, not with the text, and lets the next build take
a changed report's old triples out without reading every other report's.
The output is deterministic: same fragments in the same order, same bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from .graph import Fragment, prefix_header, strip_prefix_header
from .namespace import PREFIXES

__all__ = ["write_graph_files", "Reused", "Written", "PARTS", "EDGE_BLOCK", "edges_hash", "digest"]

#: The files made of one share per report, in file-name order: file ->
#: (the :class:`~kg.rdf.graph.Fragment` attribute that holds a report's
#: share, the bytes between two reports' shares).
PARTS: dict[str, tuple[str, bytes]] = {
    "graph.trig": ("trig", b""),
    "graph.jsonld": ("jsonld", b","),
    "graph.nt": ("own_nt", b""),
    "graph.ttl": ("own_ttl", b""),
    "relations.csv": ("relations_csv", b""),
}
_COPY_CHUNK = 1 << 26  # bytes per copy call (64 MiB)
#: Bytes at each end of a report's share that the next build reads back to check it before copying it.
EDGE_BLOCK = 4096


def digest(data: bytes) -> str:
    """A report share's digest: BLAKE2b, 8 bytes, hex."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def edges_hash(head: bytes, tail: bytes) -> str:
    """The digest of a share's first and last :data:`EDGE_BLOCK` bytes (the whole share when shorter)."""
    return hashlib.blake2b(head + b"\x00" + tail, digest_size=8).hexdigest()


def _edges(data: bytes) -> str:
    return edges_hash(data[:EDGE_BLOCK], data[-EDGE_BLOCK:] if data else b"")


@dataclass(frozen=True)
class Reused:
    """A report whose fragment is the last build's: its shares are copied from the last build's files.

    Attributes:
        spans: ``(begin, end)`` byte offsets of the report's share in each
            file of :data:`PARTS` (in that order) of the last build.
        quads: quads of its named graph; ``own``: its own triples (as in :class:`~kg.rdf.graph.Fragment`).
        edges, digests: per file, the hash of the share's first and last
            :data:`EDGE_BLOCK` bytes and of the whole share (:func:`edges_hash`,
            :func:`digest`), as the last build wrote them.
        fresh: indexes (into :data:`PARTS`) of the files where the share is
            written from the fragment, not copied: the last build's file or
            this share of it failed its check (:mod:`kg.incremental`).
        load: gives the report's :class:`~kg.rdf.graph.Fragment` (from the
            cache), for the files of ``fresh``.
    """

    spans: tuple[tuple[int, int], ...]
    quads: int
    own: int
    edges: tuple[str, ...] = ()
    digests: tuple[str, ...] = ()
    fresh: frozenset[int] = frozenset()
    load: Callable[[], Fragment] | None = field(default=None, compare=False, repr=False)


@dataclass
class Written:
    """What :func:`write_graph_files` wrote.

    Attributes:
        quads: quads of the named graphs; ``triples``: triples of the union
            (``graph.nt``).
        spans: per report (in the order given), ``(begin, end)`` of its share
            in each file of :data:`PARTS`; ``sizes``: its ``(quads, own
            triples)``; ``edges`` and ``digests``: per report and file, the
            hashes the next build checks (:class:`Reused`); with these, the
            next build's :class:`Reused`.
        tail_offset: the byte offset in ``graph.nt`` where the shared and
            count triples begin (for :func:`kg.rdf.store.update_store`).
        shared: the number of reports that hold each shared triple
            (N-Triples line), for the next build.
        tail_digest: :func:`digest` of ``graph.nt`` from ``tail_offset`` to its end.
        copies: copy calls made from the last build's files (a run of
            reports that were neighbours there is one copy per file);
            ``copied``: the reports whose shares were copied in every file.
    """

    quads: int
    triples: int
    spans: list[tuple[tuple[int, int], ...]]
    sizes: list[tuple[int, int]]
    tail_offset: int
    shared: Counter
    edges: list[tuple[str, ...]] = field(default_factory=list)
    digests: list[tuple[str, ...]] = field(default_factory=list)
    tail_digest: str = ""
    copies: int = 0
    copied: int = 0


def _copy(source: int, target: int, begin: int, end: int) -> None:
    """Copy bytes ``[begin, end)`` of file descriptor ``source`` to ``target``'s position.

    The source's pages are dropped from the page cache as they are copied
    (``POSIX_FADV_DONTNEED``; the data stays on disk). The source is the
    last build's file, deleted once this build succeeds, and the copy needs
    as many fresh pages as it reads: the kernel then reuses the dropped
    ones. On this project's machine (a virtual machine), pages the guest
    has not touched lately cost several times more to take: copying
    4.7 GB took 16.7 to 18.0 s, and 2.7 to 4.8 s dropping the source's
    pages (measured, two runs each).

    Raises:
        OSError: a read or write failed, or ``source`` is shorter than ``end``.
    """
    offset = begin
    while offset < end:
        count = min(end - offset, _COPY_CHUNK)
        try:
            done = os.copy_file_range(source, target, count, offset)
        except (AttributeError, OSError):  # no copy_file_range (not Linux), or not between these files
            data = os.pread(source, count, offset)
            done = os.write(target, data) if data else 0
        if done == 0:
            raise OSError(f"the last build's file ends at {offset}, before {end}: it changed")
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(source, offset, done, os.POSIX_FADV_DONTNEED)
        offset += done


class _Part:
    """One file of :data:`PARTS` being written: fresh shares are written, runs of reused ones copied."""

    def __init__(self, path: Path, attribute: str, separator: bytes, previous: Path | None):
        self.attribute, self.separator = attribute, separator
        self.out = open(path, "wb", buffering=0)  # noqa: SIM115 - closed by close()
        self.previous = previous
        self.source = None  # the last build's file, opened at the first copy from it
        self.position = 0
        self.count = 0
        self.run: tuple[int, int] | None = None  # the last build's bytes to copy next
        self.pending: list[bytes] = []
        self.copies = 0

    def write(self, data: bytes) -> None:
        self.flush_run()
        self.pending.append(data)
        self.position += len(data)
        if len(self.pending) > 64:
            self.flush_pending()

    def flush_pending(self) -> None:
        if self.pending:
            data = b"".join(self.pending)
            view, self.pending = memoryview(data), []
            while view:
                view = view[os.write(self.out.fileno(), view):]

    def flush_run(self) -> None:
        if self.run is not None:
            self.flush_pending()
            if self.source is None:
                self.source = open(self.previous, "rb", buffering=0)  # noqa: SIM115 - closed by close()
            _copy(self.source.fileno(), self.out.fileno(), *self.run)
            self.copies += 1
            self.run = None

    def add(self, item: Fragment | Reused, index: int) -> tuple[int, int, str, str]:
        """Add one report's share; returns its ``(begin, end)`` in this file, and its edges hash and digest."""
        if isinstance(item, Reused) and index in item.fresh:
            item = item.load()
        begin, end = self._add(item, index)
        if isinstance(item, Reused):
            return begin, end, item.edges[index], item.digests[index]
        data = getattr(item, self.attribute)
        return begin, end, _edges(data), digest(data)

    def _add(self, item: Fragment | Reused, index: int) -> tuple[int, int]:
        if self.count:
            if isinstance(item, Reused) and self.run is not None and self.run[1] + len(self.separator) == item.spans[index][0]:
                self.run = (self.run[0], item.spans[index][1])  # its neighbour in the last build too: one copy
                begin = self.position + len(self.separator)
                self.position = begin + item.spans[index][1] - item.spans[index][0]
                self.count += 1
                return begin, self.position
            self.write(self.separator)
        self.count += 1
        begin = self.position
        if isinstance(item, Reused):
            self.flush_run()
            self.run = item.spans[index]
            self.position += item.spans[index][1] - item.spans[index][0]
        else:
            self.write(getattr(item, self.attribute))
        return begin, self.position

    def close(self) -> None:
        try:
            self.flush_run()
            self.flush_pending()
        finally:
            self.out.close()
            if self.source is not None:
                self.source.close()


def write_graph_files(items: Iterable[Fragment | Reused], folder: Path, summary: Iterable[ox.Triple] = (), *,
                      relations_header: bytes = b"", previous: Path | None = None,
                      shared: Counter | None = None) -> Written:
    """Write the files of :data:`PARTS` into ``folder``.

    The store is made from them afterwards (:func:`kg.rdf.store.write_store`
    or :func:`kg.rdf.store.update_store`).

    Args:
        items: each report's fragment in file-name order, or, for a report
            whose fragment is the last build's, :class:`Reused` (an iterator
            is read once, one fragment at a time).
        folder: an existing folder.
        summary: triples about the whole build (per-entity counts), added to
            the union graph only.
        relations_header: the first line of ``relations.csv``.
        previous: the last build's folder, whose files the :class:`Reused`
            spans point into.
        shared: the shared-triple counts of the reports given as
            :class:`Reused` (the last build's :attr:`Written.shared` less the
            reports changed or gone); the fragments' shared triples are
            added to it.

    Returns:
        A :class:`Written`.

    Raises:
        OSError: a file cannot be written, or a last build's file is shorter
            than a span (it changed since).
        ValueError: a :class:`Reused` without ``previous``.
    """
    shared = Counter() if shared is None else Counter(shared)
    parts = [_Part(folder / name, attribute, separator, previous / name if previous is not None else None)
             for name, (attribute, separator) in PARTS.items()]
    by_name = dict(zip(PARTS, parts, strict=True))
    quads = own = copied = 0
    spans, sizes, edges, digests = [], [], [], []
    try:
        by_name["graph.trig"].write(prefix_header(ox.RdfFormat.TRIG))
        by_name["graph.ttl"].write(prefix_header(ox.RdfFormat.TURTLE))
        by_name["graph.jsonld"].write(b"[")
        by_name["relations.csv"].write(relations_header)
        for item in items:
            if isinstance(item, Reused) and previous is None:
                raise ValueError("a reused fragment needs the last build's folder")
            added = [part.add(item, i) for i, part in enumerate(parts)]
            spans.append(tuple((begin, end) for begin, end, _, _ in added))
            edges.append(tuple(edge for _, _, edge, _ in added))
            digests.append(tuple(whole for _, _, _, whole in added))
            if isinstance(item, Fragment):
                shared.update(item.shared.splitlines(keepends=True))
            else:
                copied += not item.fresh
            sizes.append((item.quads, item.own))
            quads += item.quads
            own += item.own
        by_name["graph.jsonld"].write(b"]")
        lines = sorted(line for line, count in shared.items() if count > 0)
        nt, ttl = by_name["graph.nt"], by_name["graph.ttl"]
        tail_offset = nt.position
        summary = list(summary)
        tail = b"".join(lines) + ox.serialize(summary, format=ox.RdfFormat.N_TRIPLES)
        nt.write(tail)
        triples = itertools.chain(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES), summary)
        ttl.write(strip_prefix_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
                                      ox.RdfFormat.TURTLE))
    finally:
        for part in parts:
            part.close()
    return Written(quads=quads, triples=own + len(lines) + len(summary), spans=spans, sizes=sizes, tail_offset=tail_offset,
                   shared=+shared, edges=edges, digests=digests, tail_digest=digest(tail),
                   copies=sum(part.copies for part in parts), copied=copied)
