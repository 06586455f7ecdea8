"""The vocabularies of the graph, each term declared once.

``KG`` is the project's own namespace, defined in ``ontology/kg.ttl``; as an
rdflib ``DefinedNamespace`` (rdflib/namespace/_SKOS.py does the same) an
unknown term raises ``AttributeError`` at once, and a test checks that every
term here is declared in the ontology. NIF 2.0 Core and ITS 2.0 RDF are not
shipped with rdflib, so they are declared here the same way.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["KG", "NIF", "ITSRDF", "RES", "DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD", "PREFIXES"]


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl)."""

    _NS = Namespace("https://w3id.org/kg-reports/ontology#")
    _fail = True

    # classes
    Report: object
    Entity: object
    Organization: object
    Campaign: object
    Regulation: object
    Initiative: object
    # report metadata
    fileName: object
    path: object
    author: object
    mentions: object
    year: object
    documentKind: object
    jurisdiction: object
    level: object
    divisionCode: object
    encoding: object
    sha256: object
    # relations
    issued: object
    implements: object
    conducts: object
    established: object
    oversees: object
    refersTo: object
    # provenance of a relation, and the rule behind a mention or a statement
    evidence: object
    method: object
    # over the whole build (union graph only): counts, communities, hand curation
    reportCount: object
    mentionCount: object
    community: object
    CurationEntry: object
    action: object
    curatedName: object
    curatedValue: object


class NIF(DefinedNamespace):
    """NIF 2.0 Core (http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#)."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Phrase: object
    Context: object
    referenceContext: object
    anchorOf: object
    beginIndex: object
    endIndex: object


class ITSRDF(DefinedNamespace):
    """ITS 2.0 RDF (http://www.w3.org/2005/11/its/rdf#)."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: object
    taClassRef: object


#: Where the build's resources (reports, entities, mentions, statements) live.
RES = Namespace("https://w3id.org/kg-reports/resource/")

#: Prefixes written into every serialisation that takes them.
PREFIXES = {
    "kg": str(KG._NS),
    "res": str(RES),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "xsd": str(XSD),
}
