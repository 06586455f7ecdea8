"""The SPARQL store of a build: an Oxigraph database in ``OUTDIR/store``.

Each triple is stored once. A report's own triples (its node, its mentions,
its statements: those no other report can hold) are in the report's named
graph, whose IRI is the report's; the triples reports share (entity
descriptions, direct relation triples) and the build's per-entity counts are
in the default graph. Queries run with the default graph as the union of all
graphs (Oxigraph's ``use_default_graph_as_union``, ``--union-default-graph``
for its server), so a plain query sees the RDF merge of the reports and
counts each fact once, and ``GRAPH ?g { … }`` tells reports apart by what
each says alone. Oxigraph's union is a bag, not a set (oxigraph/oxigraph#1919):
storing each triple in one graph only is what keeps its counts right, and it
halves the store's size and loading time against keeping a copy of every
triple in the default graph beside the named graphs.

``graph.trig`` keeps its self-contained graphs, entity descriptions included,
for files and for ``kg push``. The same database is what ``kg serve`` hands to
the Oxigraph server. A build with no store is loaded from its files instead.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["write_store", "update_store", "open_store", "run_query", "STORE_DIR", "STORE_LAYOUT"]

#: The database folder inside a build folder.
STORE_DIR = "store"
#: The store's layout, recorded as ``kg_build`` in ``build.json``: 2 stores
#: each triple once (above); 1, before, copied every triple into the
#: default graph, which a union query would count twice.
STORE_LAYOUT = 2


class _NQuadsOfReports(io.RawIOBase):
    """``graph.nt``'s spans of each report's own triples, read as N-Quads in the report's named graph.

    Oxigraph writes N-Triples one triple a line, ending ``" .\n"``, and
    escapes line breaks inside literals, so putting the graph's IRI before
    each line's final ``" ."`` makes the line an N-Quad. One report's span is
    held at a time.
    """

    def __init__(self, nt: BinaryIO, graphs: list[tuple[str, int, int]]):
        self._nt, self._graphs, self._buffer = nt, iter(graphs), memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            try:
                iri, begin, end = next(self._graphs)
            except StopIteration:
                return 0
            self._nt.seek(begin)
            self._buffer = memoryview(self._nt.read(end - begin).replace(b" .\n", f" <{iri}> .\n".encode()))
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def write_store(folder: Path, graphs: list[tuple[str, int, int]], tail_offset: int) -> None:
    """Load a build's ``graph.nt`` into ``folder / STORE_DIR``, each triple once (see the module).

    Oxigraph's bulk loader parses the file itself, far faster than taking
    Python objects, and leniently (no IRI validation, about 15 % less CPU):
    the file was written by Oxigraph's own serialiser in this build.

    Args:
        folder: the build folder, with ``graph.nt`` written.
        graphs: ``(report IRI, begin, end)``: the byte span of each report's
            own triples in ``graph.nt`` (:func:`kg.rdf.export.write_graph_files`).
        tail_offset: where the shared and count triples begin in ``graph.nt``.

    Raises:
        OSError: the file cannot be read or the store written.
        SyntaxError: ``graph.nt`` is not N-Triples.
    """
    store = ox.Store(str(folder / STORE_DIR))
    with open(folder / "graph.nt", "rb") as nt:
        store.bulk_load(input=io.BufferedReader(_NQuadsOfReports(nt, graphs), 1 << 20), format=ox.RdfFormat.N_QUADS,
                        lenient=True)
        nt.seek(tail_offset)
        store.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)
    store.flush()  # no optimize(): its full compaction took a quarter of the load's time for queries 10-50 % faster
    del store


def update_store(previous: Path, folder: Path, removed: list[str], added: list[tuple[str, bytes]],
                 old_tail: bytes, new_tail: bytes) -> None:
    """Make ``folder / STORE_DIR`` from the previous build's store by applying what changed.

    The previous store is copied by a RocksDB checkpoint (hard links, so
    almost free on the same file system), then: each removed or changed
    report's named graph is dropped; each new or changed report's own
    triples are loaded into its named graph; the default graph's shared
    triples and counts (the tail of ``graph.nt``) are brought to the new
    build's by their difference. The result holds the same quads as
    :func:`write_store` on the new files; a test checks it.

    Args:
        previous: the previous build folder (its store is only read).
        folder: the new build folder, with its graph files written.
        removed: IRIs of the named graphs to drop (removed and changed reports).
        added: ``(graph IRI, own N-Triples)`` of the new and changed reports
            (:class:`kg.rdf.graph.Fragment`'s ``own_nt``).
        old_tail, new_tail: the shared and count triples of the two builds (N-Triples).

    Raises:
        OSError: the previous store cannot be read or the new one written.
    """
    target = folder / STORE_DIR
    ox.Store.read_only(str(previous / STORE_DIR)).backup(str(target))
    store = ox.Store(str(target))
    for graph in removed:
        store.update(f"DROP SILENT GRAPH <{graph}>")
    for graph, own_nt in added:
        store.load(own_nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    old, new = set(old_tail.splitlines()), set(new_tail.splitlines())
    for line in sorted(old - new):
        for triple in ox.parse(line, format=ox.RdfFormat.N_TRIPLES):
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))
    gained = b"\n".join(sorted(new - old))
    if gained:
        store.load(gained, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.flush()
    del store


def open_store(outdir: str | Path) -> ox.Store:
    """Open a build's store read-only, or load its ``graph.nt`` into memory when it has no store.

    Without a store, every triple goes into the default graph, so plain
    queries answer the same; ``GRAPH ?g { … }`` finds nothing.

    Raises:
        QueryError: the folder holds no build, or its store has the layout
            of an older kg (build again).
    """
    outdir = Path(outdir)
    if (outdir / STORE_DIR).is_dir():
        try:
            layout = json.loads((outdir / "build.json").read_text(encoding="utf-8")).get("kg_build")
        except (OSError, ValueError):
            layout = None
        if layout != STORE_LAYOUT:
            raise QueryError(f"{outdir / STORE_DIR}: the store was written by an older kg; run 'kg build' again")
        try:
            return ox.Store.read_only(str(outdir / STORE_DIR))
        except OSError as exc:
            raise QueryError(f"{outdir / STORE_DIR}: cannot open the store: {exc}") from exc
    if not (outdir / "graph.nt").is_file():
        raise QueryError(f"{outdir / 'graph.nt'}: no build found; run 'kg build' first")
    store = ox.Store()
    store.bulk_load(path=str(outdir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store


def run_query(store: ox.Store, sparql: str):
    """Run a SPARQL 1.1 query over the store, its default graph the union of all graphs (see the module).

    Returns:
        Oxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

    Raises:
        QueryError: the query does not parse or fails.
    """
    try:
        return store.query(sparql, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc
