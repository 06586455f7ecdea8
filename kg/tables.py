"""The CSV tables of a build: ``entities.csv`` and ``relations.csv``.

``relations.csv`` is written like the graph files: each report's rows are
made where the report is rendered (:func:`relations_rows_csv`) and the build
concatenates them in file-name order under its header (:func:`relations_header_csv`).
"""

from __future__ import annotations

import csv
import io

from .model import ReportResult
from .rdf.graph import entity_iri, report_iri

__all__ = ["RELATIONS_HEADER", "entities_table", "relation_rows", "relations_header_csv", "relations_rows_csv"]

#: The columns of ``relations.csv``.
RELATIONS_HEADER = ["subject", "relation", "object", "report", "begin", "end", "evidence",
                    "subject_iri", "object_iri", "report_iri"]


def _csv(rows: list[list], header: list[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def entities_table(network: dict) -> str:
    """``entities.csv``: one row per entity across reports, sorted by type and name.

    Made from the network's nodes (:meth:`kg.viz.NetworkData.finish`), which
    already gather each entity's IRI, type, name, aliases, reports and mentions.
    The last column, ``key``, is the name ``kg curate`` takes (a local organ
    with its place: ``县委@高阳县``, :func:`kg.resolution.entity_key`).
    """
    rows = [
        [n["id"], n["type"], n["label"], "|".join(n["aliases"]), n["value"], n["mentions"], "|".join(n["reports"]),
         n.get("key", n["label"])]
        for n in network["nodes"]
    ]
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    return _csv(rows, ["iri", "type", "label", "aliases", "report_count", "mention_count", "reports", "key"])


def relation_rows(result: ReportResult) -> list[list]:
    """One report's rows of ``relations.csv`` (:data:`RELATIONS_HEADER`), sorted by offset, relation, names."""
    rows = []
    key_of = result.entity_keys()
    report = str(report_iri(result.document.name))
    for r in result.relations:
        if r.subject in key_of and r.object in key_of:
            rows.append([r.subject, r.type.value, r.object, result.document.name, r.begin, r.end,
                         r.evidence, str(entity_iri(key_of[r.subject])), str(entity_iri(key_of[r.object])), report])
    rows.sort(key=lambda r: (r[4], r[1], r[0], r[2]))
    return rows


def relations_rows_csv(result: ReportResult) -> bytes:
    """One report's rows of ``relations.csv`` as CSV (UTF-8, no header)."""
    return _csv(relation_rows(result)).encode("utf-8")


#: The byte-order mark the build's CSV files open with: a spreadsheet on a Chinese Windows machine
#: (Excel) reads a CSV without it in the system's code page (GBK), and shows the Chinese garbled.
CSV_BOM = "\ufeff"


def relations_header_csv() -> bytes:
    """The header line of ``relations.csv`` (UTF-8, after :data:`CSV_BOM`)."""
    return (CSV_BOM + _csv([], RELATIONS_HEADER)).encode("utf-8")
