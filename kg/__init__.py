"""kg: a knowledge graph of Chinese government and party work reports.

The library API, for notebooks and the ``kg`` command alike::

    import kg
    summary = kg.build(["data/reports"], "output")
    rows = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "output").rows
    scores = kg.evaluate("output", "tests/gold")
"""

from .errors import KGError
from .evaluation import evaluate
from .extraction import extract_document, extract_report
from .lexicon import load_lexicon
from .model import Document, Entity, EntityType, Mention, Relation, RelationType, ReportResult
from .pipeline import BuildSummary, build
from .query import query
from .reading import read_document

__all__ = [
    "build",
    "query",
    "evaluate",
    "extract_report",
    "extract_document",
    "read_document",
    "load_lexicon",
    "BuildSummary",
    "Document",
    "Entity",
    "EntityType",
    "Mention",
    "Relation",
    "RelationType",
    "ReportResult",
    "KGError",
]
