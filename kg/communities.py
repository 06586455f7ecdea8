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

__all__ = ["communities", "MAX_ENTITIES", "SEED"]

#: The most entities given a community (the most widely named; ties by IRI).
MAX_ENTITIES = 1000
#: Louvain's random seed: fixed, so builds are reproducible.
SEED = 20261207


def communities(nodes: list[dict], max_entities: int = MAX_ENTITIES, seed: int = SEED) -> dict[str, int]:
    """Number the communities of the most widely named entities.

    Args:
        nodes: the network's nodes (:meth:`kg.viz.NetworkData.finish`), each with
            ``id`` (the entity's IRI) and ``reports`` (the names of the reports
            that name it).
        max_entities: how many entities, by the number of their reports, take part.
        seed: Louvain's seed.

    Returns:
        entity IRI -> community number, from 1 for the largest community
        (ties by the smallest IRI in it); entities outside the graph are absent.
    """
    import networkx as nx

    ranked = sorted((n for n in nodes if len(n["reports"]) >= 2), key=lambda n: (-len(n["reports"]), n["id"]))[:max_entities]
    if len(ranked) < 2:
        return {}
    index: dict[str, int] = {}
    mask_of: dict[str, int] = {}
    for node in ranked:
        mask = 0
        for report in node["reports"]:
            mask |= 1 << index.setdefault(report, len(index))
        mask_of[node["id"]] = mask
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
