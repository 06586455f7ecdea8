"""Serialise the graph's quads with Oxigraph, in a fixed order.

``graph.ttl`` and ``graph.nt`` hold every triple once (the union of the
report graphs, in the order first met), ``graph.trig`` and ``graph.jsonld``
the named graphs. The quads come in a fixed order from
:func:`kg.rdf.graph.build_quads` and Oxigraph writes them in the order
given, so two builds of the same input give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from .namespace import PREFIXES
from .store import write_store

__all__ = ["write_rdf", "RDF_FILES"]

#: The files :func:`write_rdf` writes, with their formats.
RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}


def write_rdf(quads, folder: Path) -> dict[str, int]:
    """Write the RDF files of :data:`RDF_FILES` and the on-disk store into ``folder``.

    Args:
        quads: Oxigraph quads from :func:`kg.rdf.graph.build_quads`.
        folder: an existing folder.

    Returns:
        ``{"quads": n, "triples": m}``: the counts written.
    """
    seen, triples = set(), []
    for q in quads:
        triple = q.triple
        if triple not in seen:
            seen.add(triple)
            triples.append(triple)
    del seen
    for name, fmt in RDF_FILES.items():
        data = quads if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else triples
        prefixes = PREFIXES if fmt is not ox.RdfFormat.N_TRIPLES else None
        ox.serialize(data, folder / name, fmt, prefixes=prefixes)
    write_store(folder)
    return {"quads": len(quads), "triples": len(triples)}
