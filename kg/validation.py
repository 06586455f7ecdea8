"""SHACL validation of a build against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import OntologyError, QueryError

__all__ = ["validate", "ONTOLOGY_DIR"]

#: ``ontology/`` at the project's root: kg.ttl, shapes.ttl, queries/.
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def validate(outdir: str | Path = "output", shapes: str | Path | None = None) -> tuple[bool, str]:
    """Validate ``graph.ttl`` of a build, with the ontology for class inference.

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
    shapes_path = Path(shapes) if shapes else ONTOLOGY_DIR / "shapes.ttl"
    try:
        shapes_graph = Graph().parse(shapes_path, format="turtle")
        ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise OntologyError(f"{shapes_path}: cannot load shapes or ontology: {exc}") from exc
    data = Graph().parse(data_path, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none")
    return bool(conforms), text
