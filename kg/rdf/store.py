"""The SPARQL store over a build: Oxigraph, loaded from the build's files.

The default graph holds every triple once (``graph.nt``, the RDF merge of the
reports' graphs), so plain queries need no ``GRAPH`` clause and count each
fact once; the named graphs of ``graph.trig`` are kept too, so
``GRAPH ?g { … }`` still tells reports apart.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["open_store", "run_query"]


def open_store(outdir: str | Path) -> ox.Store:
    """Load a build's graph into an in-memory Oxigraph store.

    Raises:
        QueryError: the folder holds no ``graph.trig`` or ``graph.nt`` (no build yet).
    """
    outdir = Path(outdir)
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
