"""The report view: one row per report of a build — what it is, who wrote it, whether it was read.

``kg reports`` lists file, place, title, kind of report, author, year, level
and GB/T 2260 code of every report the build read (from the graph: ``kg:path``,
``kg:jurisdiction``, ``dcterms:title``, ``kg:documentKind``, ``kg:author``,
``kg:year``, ``kg:level``, ``kg:divisionCode``), and the files it skipped with the reason (from ``build.json``).
Its CSV opens with the columns ``file`` and ``jurisdiction``: it is a valid
``manifest.csv`` (:func:`kg.inputs.read_manifest`) to correct and put beside
the reports for the next build.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError
from .rdf.store import open_store, run_query

__all__ = ["ReportRow", "report_rows", "to_csv", "to_text", "COLUMNS"]

#: The columns, in order: the first two are a manifest's.
COLUMNS = ("file", "jurisdiction", "title", "kind", "author", "year", "level", "code", "status", "reason")

_QUERY = """PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?file ?place ?title ?kind ?author ?year ?level ?code WHERE {
  ?r a kg:Report ; kg:path ?file .
  OPTIONAL { ?r kg:jurisdiction ?place }
  OPTIONAL { ?r dcterms:title ?title }
  OPTIONAL { ?r kg:documentKind ?kind }
  OPTIONAL { ?r kg:author ?a . ?a rdfs:label ?author }
  OPTIONAL { ?r kg:year ?year }
  OPTIONAL { ?r kg:level ?level }
  OPTIONAL { ?r kg:divisionCode ?code }
}"""


@dataclass(frozen=True)
class ReportRow:
    """One report: its :data:`COLUMNS` as strings (``""`` where unknown); ``status`` is ``read`` or ``skipped``."""

    file: str
    jurisdiction: str
    title: str
    kind: str
    author: str
    year: str
    level: str
    code: str
    status: str
    reason: str = ""

    def values(self) -> list[str]:
        return [getattr(self, column) for column in COLUMNS]


def report_rows(outdir: str | Path = "output") -> list[ReportRow]:
    """Every report of the build in ``outdir``, read ones and skipped ones, sorted by file name.

    Raises:
        QueryError: ``outdir`` holds no build.
    """
    def value(row, name: str) -> str:
        term = row[name]
        return term.value if term is not None else ""

    rows = {}
    for row in run_query(open_store(outdir), _QUERY):
        file = value(row, "file")
        rows[file] = ReportRow(file, value(row, "place"), value(row, "title"), value(row, "kind"),
                               value(row, "author"), value(row, "year"), value(row, "level"), value(row, "code"), "read")
    try:
        manifest = json.loads((Path(outdir) / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QueryError(f"{outdir}: no build.json; run 'kg build' first ({exc})") from exc
    for name, reason in manifest.get("skipped", []):
        rows.setdefault(name, ReportRow(name, "", "", "", "", "", "", "", "skipped", reason))
    return [rows[name] for name in sorted(rows)]


def to_csv(rows: list[ReportRow]) -> str:
    """CSV with :data:`COLUMNS`; a valid ``manifest.csv``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.values() for row in rows)
    return buffer.getvalue()


def to_text(rows: list[ReportRow]) -> str:
    """A terminal table (CJK characters count two columns)."""
    from .query import QueryResult, format_result

    return format_result(QueryResult("select", COLUMNS, [row.values() for row in rows]), "table")
