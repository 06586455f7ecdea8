"""Write the graph files from the reports' fragments, streaming.

Each report's part of every file is serialised once, by Oxigraph, in the
process that renders the report (:func:`kg.rdf.graph.render_fragment`);
this module only concatenates the parts in file-name order, so writing a
graph of ten thousand reports holds one report's fragment at a time:

- ``graph.trig`` and ``graph.jsonld``: the named graphs, one per report;
- ``graph.nt`` and ``graph.ttl``: the union of the reports' graphs (the RDF
  merge), every triple once: first each report's own triples (its node,
  mentions and statements, which no other report can hold), then the
  triples reports share (entity descriptions, direct relation triples),
  deduplicated and sorted, then the build's summary triples.

The set kept for deduplication holds the shared triples only: it grows with
the number of entities and relations, not with the text. The output is
deterministic: same fragments in the same order, same bytes.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .graph import Fragment, prefix_header, strip_prefix_header
from .namespace import PREFIXES

__all__ = ["write_graph_files", "RDF_FILES"]

#: The files :func:`write_graph_files` writes, with their formats.
RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}


def write_graph_files(fragments: Iterable[Fragment], folder: Path, summary: list[ox.Triple] = ()) -> dict[str, int]:
    """Write the files of :data:`RDF_FILES` into ``folder``.

    The store is made from them afterwards (:func:`kg.rdf.store.write_store`
    or :func:`kg.rdf.store.update_store`).

    Args:
        fragments: the reports' fragments in file-name order (an iterator is
            read once, one fragment at a time).
        folder: an existing folder.
        summary: triples about the whole build (per-entity counts), added to
            the union graph only.

    Returns:
        ``{"quads": n, "triples": m, "own_spans": [(begin, end), ...],
        "tail_offset": b}``: the quads of the named graphs, the triples of
        the union, the byte span in ``graph.nt`` of each fragment's own
        triples (in the order of ``fragments``), and the byte offset in
        ``graph.nt`` where the shared and count triples begin (for the next
        build's :func:`kg.rdf.store.update_store`).
    """
    shared: set[bytes] = set()
    quads = own = 0
    own_spans: list[tuple[int, int]] = []
    with open(folder / "graph.trig", "wb") as trig, open(folder / "graph.jsonld", "wb") as jsonld, \
            open(folder / "graph.nt", "wb") as nt, open(folder / "graph.ttl", "wb") as ttl:
        trig.write(prefix_header(ox.RdfFormat.TRIG))
        ttl.write(prefix_header(ox.RdfFormat.TURTLE))
        jsonld.write(b"[")
        for i, fragment in enumerate(fragments):
            trig.write(fragment.trig)
            if i:
                jsonld.write(b",")
            jsonld.write(fragment.jsonld)
            begin = nt.tell()
            nt.write(fragment.own_nt)
            own_spans.append((begin, nt.tell()))
            ttl.write(fragment.own_ttl)
            shared.update(fragment.shared.splitlines(keepends=True))
            quads += fragment.quads
            own += fragment.own
        jsonld.write(b"]")
        lines = sorted(shared)
        del shared
        tail_offset = nt.tell()
        nt.writelines(lines)
        summary = list(summary)
        nt.write(ox.serialize(summary, format=ox.RdfFormat.N_TRIPLES))
        tail = itertools.chain(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES), summary)
        ttl.write(strip_prefix_header(ox.serialize(tail, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
                                      ox.RdfFormat.TURTLE))
    return {"quads": quads, "triples": own + len(lines) + len(summary), "own_spans": own_spans,
            "tail_offset": tail_offset}
