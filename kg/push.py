"""Upload a build to a SPARQL 1.1 Graph Store Protocol endpoint.

Each report's named graph goes up as one HTTP ``PUT {endpoint}?graph={IRI}``
with an N-Triples body (SPARQL 1.1 Graph Store HTTP Protocol, section 5.3,
"indirect graph identification"): a PUT replaces the graph, so pushing a
build again replaces every report's graph and leaves other graphs alone.
The graphs are read from the build's ``graph.trig`` one at a time (the build
writes each report's graph in one block), so memory holds one report's graph.

The HTTP client is Python's ``urllib``; no server code of ours is involved.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .errors import KGError

__all__ = ["push", "PushError", "PushSummary"]


class PushError(KGError):
    """The endpoint refused a graph or could not be reached; the message names both."""


@dataclass
class PushSummary:
    """What a push sent: graphs, triples, seconds."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0


def _graphs(path: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """Yield ``(graph IRI, triples)`` of a TriG file, one named graph at a time."""
    current, triples = None, []
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
        if name != current:
            if current is not None:
                yield current, triples
            current, triples = name, []
        triples.append(quad.triple)
    if current is not None:
        yield current, triples


def push(outdir: str | Path, endpoint: str, timeout: float = 60.0) -> PushSummary:
    """PUT every report's named graph of a build to a Graph Store endpoint.

    Args:
        outdir: the build folder (its ``graph.trig``).
        endpoint: the Graph Store Protocol URL (Oxigraph: ``http://host:7878/store``).
        timeout: seconds to wait for each request.

    Returns:
        A :class:`PushSummary`.

    Raises:
        PushError: no build in ``outdir``, or the endpoint refused a graph
            or could not be reached.
    """
    started = time.perf_counter()
    path = Path(outdir) / "graph.trig"
    if not path.is_file():
        raise PushError(f"{path}: no build found; run 'kg build' first")
    summary = PushSummary(endpoint)
    for graph, triples in _graphs(path):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        url = f"{endpoint}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            raise PushError(f"{endpoint}: graph {graph} refused: HTTP {exc.code} {detail}".rstrip()) from exc
        except OSError as exc:
            raise PushError(f"{endpoint}: cannot reach the endpoint: {exc}") from exc
        summary.graphs += 1
        summary.triples += len(triples)
    summary.seconds = time.perf_counter() - started
    return summary
