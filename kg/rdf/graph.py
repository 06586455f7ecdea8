"""Stage 8, graph: report results -> RDF quads, one named graph per report.

The terms are those of shared/spec/GRAPH.md: each report a ``kg:Report``
with ``kg:fileName``, ``dcterms:title``, ``kg:author`` and ``kg:mentions``;
each entity typed by its class with ``rdfs:label`` (canonical name) and
``skos:altLabel`` (aliases); each relation as a direct triple and as an
``rdf:Statement`` with ``prov:wasDerivedFrom``, ``kg:evidence`` and its
``nif:beginIndex``/``nif:endIndex``; each mention a ``nif:Phrase`` with
``itsrdf:taIdentRef``. Everything a report says goes into its own named graph
(the report's IRI), so one report's graph can be replaced alone; an entity
seen in several reports is described in each of their graphs.

IRIs are stable across builds: entities and statements are named by a hash
of their identity, mentions by RFC 5147 fragments (``#char=12,20``) of
their report's IRI.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from urllib.parse import quote

from rdflib import Literal, URIRef

from ..model import EntityType, RelationType, ReportResult
from ..resolution import merge_types
from .namespace import DCTERMS, ITSRDF, KG, NIF, PROV, RDF, RDFS, RES, SKOS, XSD

__all__ = ["report_iri", "entity_iri", "build_quads", "CLASS_OF", "PREDICATE_OF"]

CLASS_OF = {
    EntityType.ORGANIZATION: KG.Organization,
    EntityType.CAMPAIGN: KG.Campaign,
    EntityType.REGULATION: KG.Regulation,
    EntityType.INITIATIVE: KG.Initiative,
}
PREDICATE_OF = {
    RelationType.ISSUED: KG.issued,
    RelationType.IMPLEMENTS: KG.implements,
    RelationType.CONDUCTS: KG.conducts,
    RelationType.ESTABLISHED: KG.established,
    RelationType.OVERSEES: KG.oversees,
    RelationType.REFERS_TO: KG.refersTo,
}

Quad = tuple[URIRef, URIRef, object, URIRef]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def report_iri(file_name: str) -> URIRef:
    """The IRI of a report, from its file name (percent-encoded)."""
    return RES[f"report/{quote(file_name, safe='')}"]


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity, from its cross-report key (:func:`kg.resolution.entity_key`)."""
    return RES[f"entity/{_digest(key)}"]


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def build_quads(results: list[ReportResult]) -> list[Quad]:
    """Turn report results into the graph's quads.

    Args:
        results: one result per report, any order.

    Returns:
        The quads ``(subject, predicate, object, graph)`` as rdflib terms,
        deduplicated and sorted, so that serialising them in this order is
        deterministic.
    """
    votes: dict[str, Counter] = {}
    for result in results:
        for entity in result.entities:
            votes.setdefault(entity.key, Counter())[entity.type] += len(entity.mentions) or 1
    types = merge_types(votes)

    quads: set[Quad] = set()
    for result in sorted(results, key=lambda r: r.document.name):
        doc, meta = result.document, result.metadata
        report = report_iri(doc.name)
        g = report

        def add(s, p, o):
            quads.add((s, p, o, g))

        key_of = {alias: e.key for e in result.entities for alias in (e.name, *e.aliases)}
        add(report, RDF.type, KG.Report)
        add(report, RDF.type, PROV.Entity)
        add(report, KG.fileName, Literal(doc.name))
        add(report, DCTERMS.title, _zh(meta.title or doc.name))
        add(report, KG.encoding, Literal(doc.encoding))
        add(report, KG.sha256, Literal(doc.sha256))
        if meta.kind:
            add(report, KG.documentKind, _zh(meta.kind))
        if meta.year is not None:
            add(report, KG.year, _int(meta.year))
        if meta.jurisdiction:
            add(report, KG.jurisdiction, _zh(meta.jurisdiction))
        if meta.author in key_of:
            add(report, KG.author, entity_iri(key_of[meta.author]))

        for entity in result.entities:
            node = entity_iri(entity.key)
            add(report, KG.mentions, node)
            add(node, RDF.type, CLASS_OF[types[entity.key]])
            add(node, RDFS.label, _zh(entity.name))
            for alias in entity.aliases:
                add(node, SKOS.altLabel, _zh(alias))
            for mention in entity.mentions:
                phrase = URIRef(f"{report}#char={mention.begin},{mention.end}")
                add(phrase, RDF.type, NIF.Phrase)
                add(phrase, NIF.referenceContext, report)
                add(phrase, NIF.anchorOf, Literal(mention.surface))
                add(phrase, NIF.beginIndex, _int(mention.begin))
                add(phrase, NIF.endIndex, _int(mention.end))
                add(phrase, ITSRDF.taIdentRef, node)

        for relation in result.relations:
            if relation.subject not in key_of or relation.object not in key_of:
                continue
            subject, obj = entity_iri(key_of[relation.subject]), entity_iri(key_of[relation.object])
            predicate = PREDICATE_OF[relation.type]
            add(subject, predicate, obj)
            statement = RES[f"statement/{_digest(doc.name, str(subject), str(predicate), str(obj), str(relation.begin))}"]
            add(statement, RDF.type, RDF.Statement)
            add(statement, RDF.subject, subject)
            add(statement, RDF.predicate, predicate)
            add(statement, RDF.object, obj)
            add(statement, PROV.wasDerivedFrom, report)
            add(statement, KG.evidence, _zh(relation.evidence))
            add(statement, NIF.beginIndex, _int(relation.begin))
            add(statement, NIF.endIndex, _int(relation.end))
    return sorted(quads, key=lambda q: (str(q[3]), str(q[0]), str(q[1]), q[2].n3()))
