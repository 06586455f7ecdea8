"""The RDF layer: vocabulary terms, graph construction, serialisation, SPARQL store."""
