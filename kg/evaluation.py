"""Score a build against gold annotations (shared/spec/ANNOTATION.md, Scoring).

Per report, a predicted entity is a true positive when its canonical name
equals a name of a gold entity not yet matched (typed: and its type equals
the gold type); relations score the same way on the triple, each end matched
through the gold entities' names. Precision, recall and F1 are
micro-averaged over all reports. The predictions are read back from the
build's graph (``graph.trig``) by SPARQL, so what is scored is what was
written.

Remaining errors are grouped by cause, for the next person to work on:
``type`` (right name, wrong type), ``boundary`` (a predicted name and a gold
name that overlap, one inside the other), ``missed`` (a gold entity with no
prediction near it) and ``spurious`` (a prediction with no gold entity near
it).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GoldError
from .rdf.store import open_store, run_query

__all__ = ["evaluate", "score", "score_by_kind", "load_gold", "Scores", "Prf"]


@dataclass
class Prf:
    """Counts and their precision, recall and F1 (0.0 where undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Prf") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Scores:
    """Micro-averaged scores of a build, and its errors."""

    entities: Prf = field(default_factory=Prf)
    typed: Prf = field(default_factory=Prf)
    per_type: dict[str, Prf] = field(default_factory=dict)
    relations: Prf = field(default_factory=Prf)
    reports: int = 0
    errors: list[dict] = field(default_factory=list)
    by_kind: dict[str, "Scores"] = field(default_factory=dict)
    kind_agreement: tuple[int, int] = (0, 0)  # reports whose predicted kind is the gold's, of those with a gold kind

    def error_groups(self) -> list[tuple[tuple[str, str], int]]:
        """Error counts by (cause, type), largest first."""
        counts = Counter((e["cause"], e["type"]) for e in self.errors)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def as_dict(self) -> dict:
        out = {
            "reports": self.reports,
            "entities_untyped": self.entities.as_dict(),
            "entities_typed": self.typed.as_dict(),
            "per_type": {t: p.as_dict() for t, p in sorted(self.per_type.items())},
            "relations": self.relations.as_dict(),
        }
        if self.by_kind:
            out["by_kind"] = {k: s.as_dict() for k, s in sorted(self.by_kind.items())}
            out["kind_agreement"] = {"correct": self.kind_agreement[0], "reports": self.kind_agreement[1]}
        return out


def load_gold(directory: str | Path) -> dict[str, dict]:
    """Read every ``*.json`` gold file of a folder: report file name -> gold dict.

    Raises:
        GoldError: the folder has no gold file, or a file is not valid gold
            (the message names the file).
    """
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise GoldError(f"{directory}: no gold *.json files")
    gold = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            report = data["report"]
            for entity in data["entities"]:
                if not entity["names"] or not entity["type"]:
                    raise ValueError("an entity without names or type")
            for relation in data["relations"]:
                if len(relation) != 3:
                    raise ValueError(f"relation {relation!r} is not a triple")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}: not a gold file: {exc}") from exc
        gold[report] = data
    return gold


_ENTITIES = """
PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?file ?label ?type WHERE {
  ?report kg:path ?file ; kg:mentions ?e .
  ?e rdfs:label ?label ; a ?type .
  FILTER(?type IN (kg:Organization, kg:Campaign, kg:Regulation, kg:Initiative))
}"""
_KINDS = """
PREFIX kg: <https://w3id.org/kg-reports/ontology#>
SELECT ?file ?kind WHERE { ?report kg:path ?file ; kg:documentKind ?kind }"""
_RELATIONS = """
PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?file ?s ?p ?o WHERE {
  ?st a rdf:Statement ; rdf:subject ?subj ; rdf:predicate ?pred ; rdf:object ?obj ; prov:wasDerivedFrom ?report .
  ?report kg:path ?file .
  ?subj rdfs:label ?s . ?obj rdfs:label ?o .
  BIND(STRAFTER(STR(?pred), "#") AS ?p)
}"""


def _predictions(outdir: str | Path):
    store = open_store(outdir)
    entities: dict[str, dict[str, str]] = {}
    for row in run_query(store, _ENTITIES):
        entities.setdefault(row["file"].value, {})[row["label"].value] = row["type"].value.rsplit("#", 1)[1]
    relations: dict[str, set] = {}
    for row in run_query(store, _RELATIONS):
        relations.setdefault(row["file"].value, set()).add((row["s"].value, row["p"].value, row["o"].value))
    kinds = {row["file"].value: row["kind"].value for row in run_query(store, _KINDS)}
    return entities, relations, kinds


def _overlap(a: str, b: str) -> bool:
    return a in b or b in a


def evaluate(outdir: str | Path, gold_dir: str | Path) -> Scores:
    """Score the build in ``outdir`` against the gold files of ``gold_dir``.

    Only reports present in both are scored; ``Scores.reports`` says how many.
    Gold files with a ``kind`` are also scored by kind (``Scores.by_kind``),
    and ``Scores.kind_agreement`` counts the reports whose ``kg:documentKind``
    is the gold's kind.

    Raises:
        GoldError: the gold folder is empty or holds a malformed file.
        QueryError: ``outdir`` holds no build.
    """
    gold = load_gold(gold_dir)
    entities, relations, kinds = _predictions(outdir)
    entities, relations, kinds = (_gold_named(gold, found) for found in (entities, relations, kinds))
    scores = score(gold, entities, relations)
    scores.by_kind = score_by_kind(gold, entities, relations)
    scored = sorted(set(gold) & set(entities))
    with_kind = [r for r in scored if gold[r].get("kind")]
    scores.kind_agreement = (sum(kinds.get(r) == gold[r]["kind"] for r in with_kind), len(with_kind))
    return scores


def _gold_named(gold: dict[str, dict], found: dict) -> dict:
    """``found`` keyed by the gold's report names: a report built under a sub-folder (``hebei/x.txt``)
    answers to the gold's ``x.txt`` when no other report of the build has that file name."""
    by_file: dict[str, list[str]] = {}
    for name in found:
        by_file.setdefault(name.rsplit("/", 1)[-1], []).append(name)
    renamed = dict(found)
    for report in gold:
        if report not in found and len(names := by_file.get(report, [])) == 1:
            renamed[report] = renamed.pop(names[0])
    return renamed


def score_by_kind(gold: dict[str, dict], predicted: dict[str, dict[str, str]],
                  predicted_relations: dict[str, set[tuple[str, str, str]]]) -> dict[str, "Scores"]:
    """Kind of report (the gold's ``kind``) -> the :class:`Scores` of the reports of that kind, in :func:`score`'s shapes.

    Only reports in both ``gold`` and ``predicted`` count; gold files without a kind are left out.
    """
    scored = sorted(set(gold) & set(predicted))
    return {kind: score({r: gold[r] for r in scored if gold[r].get("kind") == kind}, predicted, predicted_relations)
            for kind in sorted({gold[r]["kind"] for r in scored if gold[r].get("kind")})}


def score(gold: dict[str, dict], predicted: dict[str, dict[str, str]],
          predicted_relations: dict[str, set[tuple[str, str, str]]]) -> Scores:
    """Score predictions against gold annotations (shared/spec/ANNOTATION.md, "Scoring").

    Args:
        gold: report file name -> its gold file's content (:func:`load_gold`).
        predicted: report file name -> {canonical name: type}.
        predicted_relations: report file name -> {(subject, relation, object)} by canonical names.

    Returns:
        The :class:`Scores` of the reports in both, with the errors grouped by cause.
    """
    scores = Scores(per_type={t: Prf() for t in ("Organization", "Campaign", "Regulation", "Initiative")})
    for report in sorted(set(gold) & set(predicted)):
        scores.reports += 1
        g = gold[report]
        index = {}
        for i, entity in enumerate(g["entities"]):
            for name in entity["names"]:
                index.setdefault(name, i)
        pred = predicted[report]
        matched, matched_typed = set(), set()
        for name in sorted(pred):
            i = index.get(name)
            if i is not None and i not in matched:
                matched.add(i)
                scores.entities.tp += 1
            else:
                scores.entities.fp += 1
            ptype = pred[name]
            if i is not None and i not in matched_typed and g["entities"][i]["type"] == ptype:
                matched_typed.add(i)
                scores.typed.tp += 1
                scores.per_type[ptype].tp += 1
            else:
                scores.typed.fp += 1
                scores.per_type.setdefault(ptype, Prf()).fp += 1
                if i is not None and g["entities"][i]["type"] != ptype:
                    scores.errors.append({"report": report, "cause": "type", "type": ptype, "name": name,
                                          "gold": g["entities"][i]["type"]})
        for name in sorted(pred):
            if name not in index:  # near a gold entity that no prediction matched, once all are matched
                near = next((n for n in index if index[n] not in matched and _overlap(n, name)), None)
                scores.errors.append({"report": report, "cause": "boundary" if near else "spurious",
                                      "type": pred[name], "name": name, "gold": near or ""})
        for i, entity in enumerate(g["entities"]):
            if i not in matched_typed:
                scores.typed.fn += 1
                scores.per_type.setdefault(entity["type"], Prf()).fn += 1
            if i not in matched:
                scores.entities.fn += 1
                near = next((n for n in pred for gn in entity["names"] if _overlap(n, gn)), None)
                if not near:
                    scores.errors.append({"report": report, "cause": "missed", "type": entity["type"],
                                          "name": entity["names"][0], "gold": entity["names"][0]})
        canonical = {n: g["entities"][i]["names"][0] for n, i in index.items()}
        gold_relations = {tuple(r) for r in g["relations"]}
        pred_relations = {(canonical.get(s, s), p, canonical.get(o, o)) for s, p, o in predicted_relations.get(report, ())}
        gold_relations = {(canonical.get(s, s), p, canonical.get(o, o)) for s, p, o in gold_relations}
        scores.relations.tp += len(pred_relations & gold_relations)
        scores.relations.fp += len(pred_relations - gold_relations)
        scores.relations.fn += len(gold_relations - pred_relations)
        for s, p, o in sorted(pred_relations - gold_relations):
            scores.errors.append({"report": report, "cause": "spurious relation", "type": p, "name": f"{s} {p} {o}", "gold": ""})
        for s, p, o in sorted(gold_relations - pred_relations):
            scores.errors.append({"report": report, "cause": "missed relation", "type": p, "name": f"{s} {p} {o}", "gold": ""})
    return scores
