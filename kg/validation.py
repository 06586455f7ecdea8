"""SHACL validation of a build against the bundled shapes (``ontology/shapes.ttl``; pyshacl)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import OntologyError, QueryError
from .resources import ontology_file

__all__ = ["validate"]


def validate(outdir: str | Path = "output", shapes: str | Path | None = None) -> tuple[bool, str]:
    """Validate ``graph.ttl`` of a build, with the bundled ontology for class inference.

    Args:
        outdir: the build folder.
        shapes: a SHACL shapes file in place of the bundled ``shapes.ttl``
            (the bundled ontology ``kg.ttl`` is used either way).

    Returns:
        ``(conforms, report text)``.

    Raises:
        QueryError: no build in ``outdir``.
        OntologyError: the shapes or ontology file is missing or malformed.
    """
    import pyshacl

    data_path = Path(outdir) / "graph.ttl"
    if not data_path.is_file():
        raise QueryError(f"{data_path}: no build found; run 'kg build' first")
    shapes_path = Path(shapes) if shapes else ontology_file("shapes.ttl")
    graphs = []
    for path, what in ((shapes_path, "SHACL shapes"), (ontology_file("kg.ttl"), "the ontology")):
        try:
            graphs.append(Graph().parse(path, format="turtle"))
        except (OSError, SyntaxError, ValueError) as exc:
            raise OntologyError(f"{path}: cannot load {what}: {exc}") from exc
    shapes_graph, ontology = graphs
    data = Graph().parse(data_path, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none")
    return bool(conforms), text
