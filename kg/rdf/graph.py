"""Stage 8, graph: report results -> RDF quads, one named graph per report.

The terms are those of shared/spec/GRAPH.md: each report a ``kg:Report``
with ``kg:fileName``, ``kg:path`` (its identity, :mod:`kg.inputs`), ``dcterms:format``
(its media type), ``dcterms:title``, ``kg:author`` and ``kg:mentions``;
each entity typed by its class with ``rdfs:label`` (canonical name) and
``skos:altLabel`` (aliases); each relation as a direct triple and as an
``rdf:Statement`` with ``prov:wasDerivedFrom``, ``kg:evidence`` and its
``nif:beginIndex``/``nif:endIndex``; each mention a ``nif:Phrase`` with
``itsrdf:taIdentRef``. In the files, everything a report says goes into its
own named graph (the report's IRI), so one report's graph can be replaced
alone; an entity seen in several reports is described in each of their
graphs. The store keeps each triple once (:mod:`kg.rdf.store`).

IRIs are stable across builds: entities and statements are named by a hash
of their identity, mentions by RFC 5147 fragments (``#char=12,20``) of
their report's IRI.

Quads are Oxigraph terms, made directly (no rdflib objects), one report at
a time: :func:`render_fragment` serialises a report's quads (:func:`split_quads`) into its
share of every graph file, and the build concatenates the shares in
file-name order (:mod:`kg.rdf.export`), so the output is deterministic
without one global sort and no process holds the whole graph.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import URIRef

from ..model import EntityType, RelationType, ReportResult
from .namespace import DCTERMS, ITSRDF, KG, NIF, PREFIXES, PROV, RDF, RDFS, RES, SKOS, XSD

__all__ = ["report_iri", "entity_iri", "split_quads", "Fragment", "render_fragment",
           "prefix_header", "strip_prefix_header", "summary_triples", "curation_triples", "CLASS_OF", "PREDICATE_OF"]

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

def _node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


# The vocabulary as Oxigraph terms, made once.
_A, _LABEL, _ALT = _node(RDF.type), _node(RDFS.label), _node(SKOS.altLabel)
_O = {name: _node(term) for name, term in {
    "Report": KG.Report, "ProvEntity": PROV.Entity, "fileName": KG.fileName, "path": KG.path, "format": DCTERMS.format,
    "title": DCTERMS.title,
    "encoding": KG.encoding, "sha256": KG.sha256, "documentKind": KG.documentKind, "year": KG.year,
    "jurisdiction": KG.jurisdiction, "level": KG.level, "divisionCode": KG.divisionCode, "author": KG.author, "mentions": KG.mentions, "Phrase": NIF.Phrase,
    "referenceContext": NIF.referenceContext, "anchorOf": NIF.anchorOf, "beginIndex": NIF.beginIndex,
    "endIndex": NIF.endIndex, "taIdentRef": ITSRDF.taIdentRef, "Statement": RDF.Statement,
    "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "wasDerivedFrom": PROV.wasDerivedFrom, "evidence": KG.evidence,
    "reportCount": KG.reportCount, "mentionCount": KG.mentionCount, "community": KG.community, "method": KG.method,
}.items()}
_CLASS = {t: _node(c) for t, c in CLASS_OF.items()}
_PREDICATE = {t: _node(p) for t, p in PREDICATE_OF.items()}
_INTEGER = _node(XSD.integer)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def report_iri(file_name: str) -> URIRef:
    """The IRI of a report, from its file name (percent-encoded)."""
    return RES[f"report/{quote(file_name, safe='')}"]


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity, from its cross-report key (:func:`kg.resolution.entity_key`)."""
    return RES[f"entity/{_digest(key)}"]


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def split_quads(result: ReportResult, types: dict[str, EntityType]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """One report's quads in two parts: ``(shared, own)``.

    ``shared`` are those other reports may hold too: each entity's class,
    label and aliases, and the direct relation triples (subject: an entity).
    ``own`` are the report's alone: its node, its mentions, its statements.
    Each part is deduplicated and in the order of the result, so the same
    result gives the same lists in every process.

    Args:
        result: the report's extraction result.
        types: entity key -> the type settled across reports
            (:func:`kg.resolution.merge_types`).
    """
    doc, meta = result.document, result.metadata
    report = _node(report_iri(doc.name))
    quad, literal = ox.Quad, ox.Literal
    own: list[ox.Quad] = []  # unique by construction: one block per report, mention span and statement
    shared: dict[ox.Quad, None] = {}

    def add(s, p, o):
        own.append(quad(s, p, o, report))

    def describe(s, p, o):
        shared[quad(s, p, o, report)] = None

    key_of = result.entity_keys()
    add(report, _A, _O["Report"])
    add(report, _A, _O["ProvEntity"])
    add(report, _O["fileName"], literal(doc.file_name))
    add(report, _O["path"], literal(doc.name))
    add(report, _O["format"], literal(doc.media_type))
    add(report, _O["title"], _zh(meta.title or doc.file_name))
    if doc.encoding:
        add(report, _O["encoding"], literal(doc.encoding))
    add(report, _O["sha256"], literal(doc.sha256))
    if meta.kind:
        add(report, _O["documentKind"], literal(meta.kind))  # a controlled kind (report_kinds.txt), no language
    if meta.year is not None:
        add(report, _O["year"], _int(meta.year))
    if meta.jurisdiction:
        add(report, _O["jurisdiction"], _zh(meta.jurisdiction))
    if meta.level:
        add(report, _O["level"], literal(meta.level))
    if meta.division_code:
        add(report, _O["divisionCode"], literal(meta.division_code))
    if meta.author in key_of:
        add(report, _O["author"], _node(entity_iri(key_of[meta.author])))

    nodes = [_node(entity_iri(entity.key)) for entity in result.entities]
    for node in nodes:
        add(report, _O["mentions"], node)
    phrase_class, context, anchor, begin, end, reference, method = (
        _O[k] for k in ("Phrase", "referenceContext", "anchorOf", "beginIndex", "endIndex", "taIdentRef", "method"))
    spans: set[tuple[int, int]] = set()
    methods: set[tuple[int, int, str]] = set()
    for entity, node in zip(result.entities, nodes, strict=True):
        describe(node, _A, _CLASS[types[entity.key]])
        describe(node, _LABEL, _zh(entity.name))
        for alias in entity.aliases:
            describe(node, _ALT, _zh(alias))
        for mention in entity.mentions:
            phrase = ox.NamedNode(f"{report.value}#char={mention.begin},{mention.end}")
            if (mention.begin, mention.end) not in spans:
                spans.add((mention.begin, mention.end))
                own += (quad(phrase, _A, phrase_class, report), quad(phrase, context, report, report),
                        quad(phrase, anchor, literal(mention.surface), report),
                        quad(phrase, begin, _int(mention.begin), report), quad(phrase, end, _int(mention.end), report))
            own.append(quad(phrase, reference, node, report))
            if mention.rule and (mention.begin, mention.end, mention.rule) not in methods:
                methods.add((mention.begin, mention.end, mention.rule))
                own.append(quad(phrase, method, literal(mention.rule), report))

    statements: set[str] = set()
    for relation in result.relations:
        if relation.subject not in key_of or relation.object not in key_of:
            continue
        subject_iri, object_iri = entity_iri(key_of[relation.subject]), entity_iri(key_of[relation.object])
        subject, obj, predicate = _node(subject_iri), _node(object_iri), _PREDICATE[relation.type]
        describe(subject, predicate, obj)
        statement_iri = str(RES[f"statement/{_digest(doc.name, str(subject_iri), predicate.value, str(object_iri), str(relation.begin))}"])
        if statement_iri in statements:
            continue
        statements.add(statement_iri)
        statement = ox.NamedNode(statement_iri)
        add(statement, _A, _O["Statement"])
        add(statement, _O["subject"], subject)
        add(statement, _O["predicate"], predicate)
        add(statement, _O["object"], obj)
        add(statement, _O["wasDerivedFrom"], report)
        add(statement, _O["evidence"], _zh(relation.evidence))
        add(statement, _O["beginIndex"], _int(relation.begin))
        add(statement, _O["endIndex"], _int(relation.end))
        if relation.method:
            add(statement, method, literal(relation.method))
    return list(shared), own


@dataclass(frozen=True)
class Fragment:
    """One report's share of every graph file, serialised by Oxigraph (UTF-8 bytes).

    The build writes each graph file as the concatenation of its reports'
    fragments in file-name order (:mod:`kg.rdf.export`), so no process ever
    holds the whole graph, and a report whose result and entity types did not
    change keeps its fragment from the last build.

    Attributes:
        quads: how many quads the report's named graph holds.
        trig: the report's named graph as one TriG graph block, without the
            ``@prefix`` lines.
        jsonld: the same as one JSON-LD graph object (an element of the
            top-level array).
        own: how many triples of the named graph no other report can hold.
        own_nt: those triples (the report's node, its mentions, its
            statements; N-Triples), for the union graph.
        own_ttl: the same in Turtle, without the ``@prefix`` lines.
        shared: the triples other reports may repeat (entity descriptions and
            direct relation triples), as N-Triples lines; the union keeps
            each once.
        relations_csv: the report's rows of ``relations.csv``
            (:func:`kg.tables.relations_rows_csv`), which the build
            concatenates the same way.
    """

    quads: int
    trig: bytes
    jsonld: bytes
    own: int
    own_nt: bytes
    own_ttl: bytes
    shared: bytes
    relations_csv: bytes = b""


@functools.lru_cache(maxsize=2)
def prefix_header(fmt: ox.RdfFormat) -> bytes:
    """The ``@prefix`` lines Oxigraph writes at the top of a Turtle or TriG file (``PREFIXES``)."""
    probe = ox.Quad(_A, _A, _A, _A) if fmt is ox.RdfFormat.TRIG else ox.Triple(_A, _A, _A)
    text = ox.serialize([probe], format=fmt, prefixes=PREFIXES)
    lines = text.splitlines(keepends=True)
    return b"".join(line for line in lines if line.startswith(b"@prefix "))


def strip_prefix_header(data: bytes, fmt: ox.RdfFormat) -> bytes:
    """Oxigraph's Turtle or TriG output without its ``@prefix`` lines (:func:`prefix_header`).

    Raises:
        RuntimeError: the output does not start with those lines (a new
            Oxigraph that writes prefixes otherwise: fail, never write a broken file).
    """
    header = prefix_header(fmt)
    if data and not data.startswith(header):
        raise RuntimeError("unexpected Turtle/TriG prefix header from Oxigraph")
    return data[len(header):]


def render_fragment(result: ReportResult, types: dict[str, EntityType]) -> Fragment:
    """Serialise one report's quads (:func:`split_quads`) into its :class:`Fragment`.

    Args:
        result: the report's extraction result.
        types: the settled type of at least every entity of this report.
    """
    shared_quads, own_quads = split_quads(result, types)
    quads = shared_quads + own_quads
    shared = [q.triple for q in shared_quads]
    jsonld = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    trig, own_ttl = _trig_and_turtle(shared_quads, own_quads)
    return Fragment(
        quads=len(quads),
        trig=trig,
        jsonld=jsonld[1:-1],
        own=len(own_quads),
        own_nt=_own_n_triples(own_quads),
        own_ttl=own_ttl,
        shared=ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES),
    )


# The own quads are the larger part of a report (some 2,000 of 2,200), and making each a Triple
# for the N-Triples and Turtle writers cost more than the writing: both are taken from what
# Oxigraph writes for the quads themselves instead (100 generated reports, three runs each:
# rendering 9.7-10.5 ms a report against 11.1-11.2 ms). Each helper checks the shape it relies on, and writes the triples
# themselves when the shape is not there; tests/test_graph.py compares both ways on real reports.


def _own_n_triples(own: list[ox.Quad]) -> bytes:
    """The own quads (all in the report's graph) as N-Triples: their N-Quads lines less the graph name."""
    if not own:
        return b""
    nquads = ox.serialize(own, format=ox.RdfFormat.N_QUADS)
    in_graph = f" {own[0].graph_name} .\n".encode()  # no literal holds a raw line break: each is a line's end
    if nquads.count(in_graph) == nquads.count(b"\n") == len(own):
        return nquads.replace(in_graph, b" .\n")
    return ox.serialize([q.triple for q in own], format=ox.RdfFormat.N_TRIPLES)


def _trig_and_turtle(shared: list[ox.Quad], own: list[ox.Quad]) -> tuple[bytes, bytes]:
    """The report's graph block in TriG (shared then own quads) and the own triples in Turtle, both without ``@prefix`` lines.

    Oxigraph writes a graph block as a line that opens it, its triples as
    Turtle statements indented by a tab, and a closing ``}``; the shared and
    the own quads have no subject in common, so the block of all is the two
    blocks joined, and the own block less its tabs is the own Turtle.
    """
    trig = ox.RdfFormat.TRIG
    own_block = strip_prefix_header(ox.serialize(own, format=trig, prefixes=PREFIXES), trig).splitlines(keepends=True)
    shared_block = (strip_prefix_header(ox.serialize(shared, format=trig, prefixes=PREFIXES), trig).splitlines(keepends=True)
                    if shared else [])
    if (len(own_block) >= 2 and own_block[0].endswith(b" {\n") and own_block[-1] == b"}\n"
            and all(line.startswith(b"\t") for line in own_block[1:-1])
            and (not shared_block or (shared_block[0] == own_block[0] and shared_block[-1] == b"}\n"))):
        block = b"".join(shared_block[:-1] + own_block[1:]) if shared_block else b"".join(own_block)
        return block, b"".join(line[1:] for line in own_block[1:-1])
    quads = shared + own
    return (strip_prefix_header(ox.serialize(quads, format=trig, prefixes=PREFIXES), trig),
            strip_prefix_header(ox.serialize([q.triple for q in own], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
                                ox.RdfFormat.TURTLE))


def summary_triples(nodes: list[dict]) -> list[ox.Triple]:
    """The build's per-entity counts, ``kg:reportCount`` and ``kg:mentionCount``, and ``kg:community``.

    They make the cross-report questions (which initiatives appear in two or
    more reports?) an index lookup instead of a count over every mention;
    they belong to the union graph, not to any one report's.

    Args:
        nodes: the network's nodes (:meth:`kg.viz.NetworkData.finish`): ``id``,
            ``value`` (reports), ``mentions`` and ``community`` (0: none).
    """
    triples = []
    for node in nodes:
        entity = ox.NamedNode(node["id"])
        triples.append(ox.Triple(entity, _O["reportCount"], _int(node["value"])))
        triples.append(ox.Triple(entity, _O["mentionCount"], _int(node["mentions"])))
        if node.get("community"):
            triples.append(ox.Triple(entity, _O["community"], _int(node["community"])))
    return triples


def curation_triples(curation, changed: dict[str, list[int]]) -> list[ox.Triple]:
    """The PROV record of the hand curation (:mod:`kg.curation`), for the union graph.

    Each entry is a ``kg:CurationEntry`` (a ``prov:Entity``) with its
    ``kg:action``, ``kg:curatedName`` and ``kg:curatedValue`` and
    ``prov:wasDerivedFrom`` the curation file (a ``prov:Entity`` with its
    ``kg:fileName`` and ``kg:sha256``); each entity an entry changed
    ``prov:wasInfluencedBy`` it.

    Args:
        curation: the :class:`kg.curation.Curation` applied.
        changed: entity IRI -> the numbers of the entries that changed it.
    """
    path = curation.path
    source = ox.NamedNode(str(RES[f"curation/{quote(path.name if path else 'curation.csv', safe='')}"]))
    literal = ox.Literal
    triples = [ox.Triple(source, _A, _node(PROV.Entity)), ox.Triple(source, _O["fileName"], literal(path.name if path else ""))]
    if path is not None and path.is_file():
        triples.append(ox.Triple(source, _O["sha256"], literal(hashlib.sha256(path.read_bytes()).hexdigest())))
    entry_node = {}
    for entry in curation.entries:
        node = entry_node[entry.number] = ox.NamedNode(f"{source.value}#entry-{entry.number}")
        triples += [ox.Triple(node, _A, _node(KG.CurationEntry)), ox.Triple(node, _A, _node(PROV.Entity)),
                    ox.Triple(node, _node(KG.action), literal(entry.action)),
                    ox.Triple(node, _node(KG.curatedName), literal(entry.name)),
                    ox.Triple(node, _node(PROV.wasDerivedFrom), source)]
        triples += [ox.Triple(node, _node(KG.curatedValue), literal(value)) for value in entry.values]
    for iri, numbers in sorted(changed.items()):
        triples += [ox.Triple(ox.NamedNode(iri), _node(PROV.wasInfluencedBy), entry_node[n]) for n in numbers]
    return triples
