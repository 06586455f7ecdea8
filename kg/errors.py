"""The one family of errors kg raises.

Every error kg raises on purpose is a :class:`KGError`; the CLI turns it into a
``click.ClickException`` and nothing else does. The pattern follows networkx's
``NetworkXException`` hierarchy (networkx/exception.py).
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "ReadError",
    "LexiconError",
    "OntologyError",
    "BuildError",
    "QueryError",
    "GoldError",
]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class ReadError(KGError):
    """A report could not be read or decoded; the message names the file."""


class LexiconError(KGError):
    """A lexicon file is missing or malformed; the message names the file and line."""


class OntologyError(KGError):
    """The ontology or a vocabulary term is missing or inconsistent."""


class BuildError(KGError):
    """A build could not start or finish (no input, unwritable output folder ...)."""


class QueryError(KGError):
    """A SPARQL query is malformed or there is no build to query."""


class GoldError(KGError):
    """A gold annotation file is missing or malformed; the message names the file."""
