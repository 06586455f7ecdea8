"""The SPARQL store of a build: an Oxigraph database in ``OUTDIR/store``.

The store's default graph holds every triple of the build once: the RDF
merge of the reports' graphs, which is ``graph.nt``. Which report says what
is in the triples themselves, as shared/spec/GRAPH.md asks: a mention's
``nif:referenceContext`` and a statement's ``prov:wasDerivedFrom`` are its
report. The per-report named graphs are in ``graph.trig`` and
``graph.jsonld``, and ``kg push`` sends them; the store does not repeat them.
Measured on 10,000 reports (18.4 M triples): loading into the default graph
took 82 s and compacting 24 s, against 122 s and 61 s for the same triples
in a named graph, which Oxigraph indexes six ways instead of three. The same
database is what ``kg serve`` hands to the Oxigraph server. A build with no
store is loaded from its files instead.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["write_store", "update_store", "open_store", "run_query", "STORE_DIR", "STORE_LAYOUT"]

#: The database folder inside a build folder.
STORE_DIR = "store"
#: The store's layout, recorded as ``layout`` in ``build.json``: 2, the
#: default graph only; 1, before, also a named graph per report. A build
#: updates the last store in place only when its layout is this one.
STORE_LAYOUT = 2


def write_store(folder: Path) -> None:
    """Load a build's ``graph.nt`` into the default graph of ``folder / STORE_DIR``, then compact it.

    Oxigraph's bulk loader parses the file itself, far faster than taking
    Python objects, and leniently (no IRI validation, about 15 % less CPU):
    the file was written by Oxigraph's own serialiser in this build. The
    compaction (``optimize``) merges the loader's files: without it,
    queries over 10,000 reports were 3 to 7 times slower, and the next
    build's in-place update paid the compaction instead.

    Raises:
        OSError: the file cannot be read or the store written.
        SyntaxError: ``graph.nt`` is not N-Triples.
    """
    store = ox.Store(str(folder / STORE_DIR))
    store.bulk_load(path=str(folder / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(),
                    lenient=True)
    store.flush()
    store.optimize()
    del store


def update_store(previous: Path, folder: Path, removed: list[bytes], added: list[bytes],
                 old_tail: bytes, new_tail: bytes) -> None:
    """Make ``folder / STORE_DIR`` from the previous build's store by applying what changed.

    The previous store is copied by a RocksDB checkpoint (hard links, so
    almost free on the same file system), then: the own triples of each
    removed or changed report (its node, mentions and statements, which no
    other report holds) are removed, those of each new or changed report
    added, and the shared triples and counts (the tail of ``graph.nt``)
    brought to the new build's by their difference. The result holds the
    same triples as :func:`write_store` on the new files; a test checks it.

    Args:
        previous: the previous build folder (its store is only read).
        folder: the new build folder, with its graph files written.
        removed: the own triples (N-Triples) of the reports gone or changed,
            as the previous ``graph.nt`` holds them.
        added: the own triples (N-Triples) of the new and changed reports
            (:class:`kg.rdf.graph.Fragment`'s ``own_nt``).
        old_tail, new_tail: the shared and count triples of the two builds (N-Triples).

    Raises:
        OSError: the previous store cannot be read or the new one written.
        SyntaxError: the N-Triples do not parse.
    """
    target = folder / STORE_DIR
    ox.Store.read_only(str(previous / STORE_DIR)).backup(str(target))
    store = ox.Store(str(target))
    old, new = set(old_tail.splitlines()), set(new_tail.splitlines())
    gone = b"".join(removed) + b"\n".join(sorted(old - new))
    for triple in ox.parse(gone, format=ox.RdfFormat.N_TRIPLES):
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))
    gained = b"".join(added) + b"\n".join(sorted(new - old))
    if gained:
        store.load(gained, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.flush()
    del store


def open_store(outdir: str | Path) -> ox.Store:
    """Open a build's store read-only, or load its ``graph.nt`` into memory when it has no store.

    Raises:
        QueryError: the folder holds no build.
    """
    outdir = Path(outdir)
    if (outdir / STORE_DIR).is_dir():
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
