"""Communities of entities over the co-mention graph: network nodes -> community numbers.

Two entities are linked when some report names both, weighted by the number
of reports that do (the co-mention graph). networkx's Louvain method
(``louvain_communities``, Blondel et al. 2008) splits that graph at a fixed
seed, so that two builds of the same input give the same communities and
byte-identical files.

The graph holds the :data:`MAX_ENTITIES` entities named by the most reports,
of those named by at least two: an entity named by one report is linked
only within it and tells nothing across reports, and the pairs grow with
the square of the entities. Each entity's reports are a bit set (a Python
int), so a pair's weight is one ``&`` and a bit count, whatever the number
of reports. Measured on the 192 ``.txt`` reports of ``shared/corpus`` (3,395
entities named by two or more): 1,000 entities, 176,008 links, 1.7 s, three
communities that follow the eras of the reports' vocabulary.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["communities", "MAX_ENTITIES", "SEED"]

#: The most entities given a community (the most widely named; ties by IRI).
MAX_ENTITIES = 1000
#: Louvain's random seed: fixed, so builds are reproducible.
SEED = 20261207


def communities(nodes: list[dict], max_entities: int = MAX_ENTITIES, seed: int = SEED,
                memo: Path | None = None) -> dict[str, int]:
    """Number the communities of the most widely named entities.

    Args:
        nodes: the network's nodes (:meth:`kg.viz.NetworkData.finish`), each with
            ``id`` (the entity's IRI) and ``reports`` (the names of the reports
            that name it).
        max_entities: how many entities, by the number of their reports, take part.
        seed: Louvain's seed.
        memo: a file that keeps the last result with a digest of its graph
            (the ranked entities, their reports, ``max_entities`` and ``seed``):
            when the graph is the same, the result is read back instead of
            running Louvain again, as in a rebuild whose changed reports name
            the same entities (1.3 s of a 4.2 s rebuild of 1,000 reports).
            An unreadable memo is ignored; one that cannot be written is not kept.

    Returns:
        entity IRI -> community number, from 1 for the largest community
        (ties by the smallest IRI in it); entities outside the graph are absent.
    """
    ranked = sorted((n for n in nodes if len(n["reports"]) >= 2), key=lambda n: (-len(n["reports"]), n["id"]))[:max_entities]
    if len(ranked) < 2:
        return {}
    reports, mask_of = _report_sets(ranked)
    if memo is None:
        return _louvain(mask_of, seed)
    from .cache import ResultCache  # the cache's atomic pickle files

    digest = hashlib.sha256(f"{max_entities}\x1f{seed}\x1f".encode())
    digest.update("\x1f".join(reports).encode("utf-8"))
    for node_id, mask in sorted(mask_of.items()):
        digest.update(f"\x1e{node_id}\x1f".encode("utf-8") + mask.to_bytes((mask.bit_length() + 7) // 8, "little"))
    key = digest.hexdigest()
    kept = ResultCache.load(memo)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        return kept[1]
    found = _louvain(mask_of, seed)
    ResultCache.dump((key, found), memo)
    return found


def _report_sets(ranked: list[dict]) -> tuple[list[str], dict[str, int]]:
    """Each entity's reports as a bit set: ``(report names by bit, entity IRI -> bits)``."""
    index: dict[str, int] = {}
    mask_of: dict[str, int] = {}
    for node in ranked:
        mask = 0
        for report in node["reports"]:
            mask |= 1 << index.setdefault(report, len(index))
        mask_of[node["id"]] = mask
    return list(index), mask_of


def _louvain(mask_of: dict[str, int], seed: int) -> dict[str, int]:
    """Louvain over the co-mention graph of the entities' report sets (see :func:`communities`)."""
    import networkx as nx

    ids = sorted(mask_of)
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for i, a in enumerate(ids):
        bits_a = mask_of[a]
        for b in ids[i + 1:]:
            if shared := (bits_a & mask_of[b]).bit_count():
                graph.add_edge(a, b, weight=shared)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {member: number for number, community in enumerate(ordered, 1) for member in community}
