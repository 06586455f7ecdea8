"""The SPARQL store of a build: an Oxigraph database in ``OUTDIR/store``.

The default graph holds every triple once (the RDF merge of the reports'
graphs), so plain queries need no ``GRAPH`` clause and count each fact once;
each report's named graph is kept too, so ``GRAPH ?g { … }`` tells reports
apart. The same database is what ``kg serve`` hands to the Oxigraph server.
A build from before the store existed is loaded from its files instead.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["write_store", "update_store", "open_store", "run_query", "STORE_DIR"]

#: The database folder inside a build folder.
STORE_DIR = "store"


def write_store(folder: Path) -> None:
    """Load a build's ``graph.trig`` (named graphs) and ``graph.nt`` (default graph) into ``folder / STORE_DIR``.

    Oxigraph parses the files itself, far faster than taking Python objects.
    """
    store = ox.Store(str(folder / STORE_DIR))
    store.bulk_load(path=str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.bulk_load(path=str(folder / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.flush()
    store.optimize()
    del store


def update_store(previous: Path, folder: Path, removed: list[str], added: list[tuple[str, bytes, bytes]],
                 old_tail: bytes, new_tail: bytes) -> None:
    """Make ``folder / STORE_DIR`` from the previous build's store by applying what changed.

    The previous store is copied by a RocksDB checkpoint (hard links, so
    almost free on the same file system), then: each removed or changed
    report's named graph is dropped with the triples of the default graph
    that only it held (all but the entity descriptions); each new or
    changed report's named graph and own triples are loaded; the default
    graph's shared triples and counts (the tail of ``graph.nt``) are
    brought to the new build's by their difference. The result holds the
    same quads as :func:`write_store` on the new files; a test checks it.

    Args:
        previous: the previous build folder (its store is only read).
        folder: the new build folder, with its graph files written.
        removed: IRIs of the named graphs to drop (removed and changed reports).
        added: ``(graph IRI, TriG block, own N-Triples)`` of the new and
            changed reports (:class:`kg.rdf.graph.Fragment`'s ``trig`` and ``own_nt``).
        old_tail, new_tail: the shared and count triples of the two builds (N-Triples).

    Raises:
        OSError: the previous store cannot be read or the new one written.
    """
    from .graph import prefix_header
    from .namespace import RES

    target = folder / STORE_DIR
    ox.Store.read_only(str(previous / STORE_DIR)).backup(str(target))
    store = ox.Store(str(target))
    entity = str(RES["entity/"])
    for graph in removed:
        store.update(f"""DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?s), "{entity}")) }};
                         DROP SILENT GRAPH <{graph}>""")
    header = prefix_header(ox.RdfFormat.TRIG)
    for _graph, trig, own_nt in added:
        store.load(header + trig, format=ox.RdfFormat.TRIG)
        store.load(own_nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
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
    """Open a build's store read-only (or load its files into memory for an old build).

    Raises:
        QueryError: the folder holds no build.
    """
    outdir = Path(outdir)
    if (outdir / STORE_DIR).is_dir():
        try:
            return ox.Store.read_only(str(outdir / STORE_DIR))
        except OSError as exc:
            raise QueryError(f"{outdir / STORE_DIR}: cannot open the store: {exc}") from exc
    for name in ("graph.trig", "graph.nt"):
        if not (outdir / name).is_file():
            raise QueryError(f"{outdir / name}: no build found; run 'kg build' first")
    store = ox.Store()
    store.bulk_load(path=str(outdir / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.bulk_load(path=str(outdir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store


def run_query(store: ox.Store, sparql: str):
    """Run a SPARQL 1.1 query over the store.

    Returns:
        Oxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

    Raises:
        QueryError: the query does not parse or fails.
    """
    try:
        return store.query(sparql)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc
