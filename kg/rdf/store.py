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

__all__ = ["write_store", "open_store", "run_query", "STORE_DIR"]

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
