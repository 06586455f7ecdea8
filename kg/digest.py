"""What the build keeps of a report once it is extracted: its digest.

The per-report map returns a :class:`ReportDigest` instead of the whole
result, which stays in the extraction cache on disk: the cross-report
stages need only the entities' type votes, the report's share of the
network and its relation keys. A digest is a fraction of a result (no
sentences, no mentions), so a build that takes ten thousand reports from
the cache moves and merges little.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import EntityType, RelationType, ReportResult
from .resolution import vote_weight
from .viz import NetworkPart, network_part

__all__ = ["ReportDigest", "digest"]


@dataclass(frozen=True)
class ReportDigest:
    """One report's digest.

    Attributes:
        name: the report's file name.
        sha256: the SHA-256 of its bytes (hex), which finds its result in the cache.
        votes: ``(entity key, type, weight)``: the type the report gives each
            entity, weighted by its mentions (see :func:`kg.resolution.merge_types`),
            sorted by key, so the build takes the report's keys in order
            without sorting ten thousand reports' keys again.
        network: its share of the network (:func:`kg.viz.network_part`).
        relations: ``(subject, relation, object)`` names of its relations.
        warnings: what reading the file repaired (:attr:`kg.model.Document.warnings`),
            said again by every build that takes the report from the cache.
    """

    name: str
    sha256: str
    votes: tuple[tuple[str, EntityType, int], ...]
    network: NetworkPart
    relations: tuple[tuple[str, RelationType, str], ...]
    warnings: tuple[str, ...] = ()

    @property
    def types(self) -> tuple[tuple[str, EntityType], ...]:
        """``(entity key, type)`` as this report gives them, one per key, sorted by key."""
        return tuple({key: etype for key, etype, _ in self.votes}.items())


def digest(result: ReportResult) -> ReportDigest:
    """The :class:`ReportDigest` of one result."""
    return ReportDigest(
        name=result.document.name,
        sha256=result.document.sha256,
        votes=tuple(sorted(((e.key, e.type, vote_weight(e)) for e in result.entities), key=lambda v: v[0])),
        network=network_part(result),
        relations=tuple(sorted({(r.subject, r.type, r.object) for r in result.relations},
                               key=lambda k: (k[0], k[1].value, k[2]))),
        warnings=result.document.warnings,
    )
