"""Serialise the graph's quads with Oxigraph, in a fixed order.

``graph.ttl`` and ``graph.nt`` hold every triple (the union of the report
graphs), ``graph.trig`` and ``graph.jsonld`` the named graphs. The quads come
sorted from :func:`kg.rdf.graph.build_quads` and Oxigraph writes them in the
order given, so two builds of the same input give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .namespace import PREFIXES
from .store import write_store

__all__ = ["to_oxigraph", "write_rdf", "RDF_FILES"]

#: The files :func:`write_rdf` writes, with their formats.
RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}


def _term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(quads) -> list[ox.Quad]:
    """Convert rdflib-term quads ``(s, p, o, g)`` to Oxigraph quads, keeping their order."""
    return [ox.Quad(_term(s), _term(p), _term(o), _term(g)) for s, p, o, g in quads]


def write_rdf(quads, folder: Path) -> dict[str, int]:
    """Write the RDF files of :data:`RDF_FILES` and the on-disk store into ``folder``.

    Args:
        quads: sorted rdflib-term quads from :func:`kg.rdf.graph.build_quads`.
        folder: an existing folder.

    Returns:
        ``{"quads": n, "triples": m}``: the counts written.
    """
    ox_quads = to_oxigraph(quads)
    seen, triples = set(), []
    for q in ox_quads:
        triple = q.triple
        if triple not in seen:
            seen.add(triple)
            triples.append(triple)
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    for name, fmt in RDF_FILES.items():
        data = ox_quads if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else triples
        prefixes = PREFIXES if fmt is not ox.RdfFormat.N_TRIPLES else None
        ox.serialize(data, folder / name, fmt, prefixes=prefixes)
    write_store(ox_quads, triples, folder)
    return {"quads": len(ox_quads), "triples": len(triples)}
