"""kg: a knowledge graph of Chinese government and party work reports.

The library API, for notebooks and the ``kg`` command alike::

    import kg
    summary = kg.build(["data/reports"], "output")
    rows = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "output").rows
    scores = kg.evaluate("output", "tests/gold")
"""

import importlib

from .errors import KGError
from .model import Document, Entity, EntityType, Mention, Relation, RelationType, ReportResult

# The rest of the API is imported when first used (PEP 562), so that a
# command which extracts nothing (a rebuild from the cache, a query) does not
# load jieba and rjieba (about 0.35 s).
_LAZY = {
    "build": "pipeline", "BuildSummary": "pipeline", "query": "query", "evaluate": "evaluation",
    "extract_report": "extraction", "extract_document": "extraction", "read_document": "reading",
    "load_lexicon": "lexicon",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

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
