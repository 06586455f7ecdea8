"""SPARQL 1.1 over the last build, with results as table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .rdf.store import open_store, run_query
from .sparql_limits import QueryLimits, check_query

__all__ = ["query", "format_result", "QueryResult"]


class QueryResult:
    """The answer to a query: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``variables`` and ``rows`` (lists of strings, ``""`` for unbound) for
    SELECT; ``boolean`` for ASK; ``triples`` (N-Triples lines) for CONSTRUCT
    and DESCRIBE.
    """

    def __init__(self, kind: str, variables=(), rows=(), boolean=None, triples=()):
        self.kind, self.variables, self.rows, self.boolean, self.triples = kind, list(variables), list(rows), boolean, list(triples)


def _value(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


def _term(text: str) -> str:
    """A parameter's value as a SPARQL term: an integer or decimal as a number, ``<…>`` as an IRI, else a string."""
    if _INTEGER.fullmatch(text):
        return str(ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    if _DECIMAL.fullmatch(text):
        return str(ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    if text.startswith("<") and text.endswith(">"):
        return str(ox.NamedNode(text[1:-1]))  # raises ValueError for an invalid IRI
    return str(ox.Literal(text))


def bind_parameters(sparql: str, params: dict[str, str]) -> str:
    """Bind query variables to values by ``VALUES`` clauses, never by pasting text into the query.

    A query may give a default as ``VALUES ?name { … }`` of one variable; a
    parameter of that name replaces the default's values. Any other
    parameter becomes ``VALUES ?name { value }`` at the start of the query's
    first ``WHERE`` group. Each value is made a term by Oxigraph's own
    serialiser (:func:`_term`: numbers, ``<IRI>``, else a string literal,
    escaped), so a value can never end the clause and add query text.

    Raises:
        QueryError: a parameter's name is not a SPARQL variable name, its
            value is not a valid term, or the query has no ``WHERE {``.
    """
    for name, text in sorted(params.items()):
        if not _NAME.fullmatch(name):
            raise QueryError(f"--param {name}=…: not a variable name (letters, digits, _)")
        try:
            term = _term(text)
        except ValueError as exc:
            raise QueryError(f"--param {name}={text}: not a valid value: {exc}") from exc
        clause = f"VALUES ?{name} {{ {term} }}"
        default = re.compile(r"VALUES\s+\?" + name + r"\s*\{[^{}]*\}")
        if default.search(sparql):
            sparql = default.sub(lambda _: clause, sparql, count=1)
            continue
        where = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
        if where is None:
            raise QueryError(f"--param {name}: the query has no WHERE {{ … }} to bind it in")
        sparql = f"{sparql[:where.end()]}\n  {clause}\n{sparql[where.end():]}"
    return sparql


def query(sparql: str, outdir: str | Path = "output", limits: QueryLimits = QueryLimits(),
          params: dict[str, str] | None = None) -> QueryResult:
    """Run a SPARQL query (or the path of a ``.rq`` file) over the build in ``outdir``.

    The query is checked first (:func:`kg.sparql_limits.check_query`): a
    query past ``limits`` would make the engine abort the process.

    Args:
        params: variable name -> value, bound by :func:`bind_parameters`.

    Raises:
        QueryError: no build, an unreadable query file, a malformed query, a
            query past a limit, a SPARQL Update, or a bad parameter.
    """
    if sparql.strip().endswith(".rq") and "\n" not in sparql.strip():
        path = Path(sparql.strip())
        try:
            sparql = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query file: {exc.strerror or exc}") from exc
    if params:
        sparql = bind_parameters(sparql, params)
    check_query(sparql, limits)
    result = run_query(open_store(outdir), sparql)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[_value(solution[v]) for v in variables] for solution in result]
        return QueryResult("select", variables, rows)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in result)
    return QueryResult("graph", triples=lines)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a :class:`QueryResult` as ``table``, ``csv`` or ``json`` text."""
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.kind == "graph":
        return "\n".join(result.triples)
    if fmt == "json":
        return json.dumps([dict(zip(result.variables, row, strict=True)) for row in result.rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(result.rows)
        return buffer.getvalue().rstrip("\n")
    widths = [max([_width(v)] + [_width(r[i]) for r in result.rows]) for i, v in enumerate(result.variables)]
    lines = [" | ".join(_pad(v, w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)) for row in result.rows]
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width in terminal columns: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
