"""Training and cross-validation of the mentions stage's CRF (:mod:`kg.mentions.tagger`).

Training data: gold files (shared/spec/ANNOTATION.md's format) with the
reports they annotate. The gold lists names, not places, so the labels are
placed by search (:func:`label_sentence`): in each sentence, as kg segments
it, every occurrence of a gold name of that report is labelled with the
name's type, longest name first, never overlapping; an occurrence may carry
quotation or title marks that the canonical name drops (``“四个意识”`` for
四个意识).

Cross-validated figures are those where no report scored was used to train
the model that tagged it: by report (:func:`folds_by_report`, each kind of
report dealt round the folds) and by kind (:func:`folds_by_kind`: train on
the other kinds, score one). ``scripts/train_tagger.py`` is the command line;
``tests/test_quality_kinds.py`` holds the bars on these figures.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pycrfsuite

from .cleaning import find_excluded
from .extraction import extract_document
from .lexicon import Lexicon
from .mentions.core import _MARK_PAIRS, _QUOTE_CHARS, _SentenceView, _tables
from .mentions.tagger import LABELS, SpanTagger, sentence_features
from .metadata import extract_metadata
from .model import EntityType
from .reading import read_document
from .segmentation import segment

__all__ = ["PARAMS", "gold_digest", "label_sentence", "load_examples", "train", "predict", "folds_by_report", "folds_by_kind",
           "cross_validated_predictions", "report_paths"]

Examples = dict[str, list[tuple[list[list[str]], list[str]]]]

# CRFsuite's L-BFGS with elastic-net regularisation; c1, c2 and the number of
# iterations were chosen by the 5-fold cross-validation by report.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def gold_digest(gold_dir: Path) -> str:
    """SHA-256 (hex) of the gold files of ``gold_dir`` (names and bytes, in name order): what a model was trained on."""
    digest = hashlib.sha256()
    for path in sorted(Path(gold_dir).glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def report_paths(gold: dict[str, dict], folders: Iterable[Path]) -> dict[str, Path]:
    """Report name -> the file of ``folders`` it names.

    Raises:
        FileNotFoundError: a gold file's report is in none of the folders (named in the message).
    """
    folders = list(folders)
    paths = {}
    for name in gold:
        found = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if found is None:
            raise FileNotFoundError(f"{name}: the report of this gold file is in none of {', '.join(map(str, folders))}")
        paths[name] = found
    return paths


_OPENER_OF = {closer: opener for opener, closer in _MARK_PAIRS.items()}


def _take_in_marks(text: str, begin: int, end: int) -> tuple[int, int]:
    """Widen ``[begin, end)`` over the marks that wrap it whole or pair with a mark inside it."""
    inside = text[begin:end]
    opener = text[begin - 1] if begin > 0 else ""
    closer = text[end] if end < len(text) else ""
    if opener in _MARK_PAIRS and closer == _MARK_PAIRS[opener]:
        return begin - 1, end + 1  # “四个意识”
    if opener in _MARK_PAIRS and _MARK_PAIRS[opener] in inside:
        begin -= 1  # “四查四促”专项行动
    if closer in _OPENER_OF and _OPENER_OF[closer] in inside:
        end += 1  # 实施“六大工程”
    return begin, end


def label_sentence(text: str, names: list[tuple[str, EntityType]]) -> list[str]:
    """BIO labels of ``text``'s characters from the gold names of its report, longest name first.

    A name matches the text with quotation marks and white space left out
    (its canonical form); the labelled span then runs from the name's first
    character to its last, and takes in the marks right before and after it
    that pair with a mark inside it (``“四查四促”专项行动``) or wrap it whole
    (``“四个意识”``).
    """
    kept = [i for i, ch in enumerate(text) if ch not in _QUOTE_CHARS and not ch.isspace()]
    stripped = "".join(text[i] for i in kept)
    labels = ["O"] * len(text)
    for name, etype in names:
        start = stripped.find(name)
        while start >= 0:
            begin, end = kept[start], kept[start + len(name) - 1] + 1
            begin, end = _take_in_marks(text, begin, end)
            if all(label == "O" for label in labels[begin:end]):
                tag = LABELS[etype]
                labels[begin:end] = ["B-" + tag] + ["I-" + tag] * (end - begin - 1)
            start = stripped.find(name, start + 1)
    return labels


def load_examples(gold: dict[str, dict], paths: dict[str, Path], lexicon: Lexicon) -> Examples:
    """Report name -> its sentences as (features, labels), one list of CRF attributes per character.

    Each sentence comes twice: with the kind of its report as
    :func:`kg.metadata.extract_metadata` reads it (what the tagger is given at
    run time) and with none, so that the model also tags reports whose kind
    metadata cannot read (a report of a kind it was not trained on gets no
    tags: :meth:`kg.mentions.tagger.SpanTagger.spans`).
    """
    tables = _tables(lexicon)
    examples = {}
    for report, annotation in sorted(gold.items()):
        document = read_document(paths[report])
        names = sorted(
            {(name, EntityType(entity["type"])) for entity in annotation["entities"] for name in entity["names"]},
            key=lambda item: (-len(item[0]), item[0]),
        )
        sentences = segment(document, find_excluded(document, lexicon), lexicon)
        kind = extract_metadata(document, sentences, None, lexicon).kind
        rows = []
        for sentence in sentences:
            view, labels = _SentenceView(sentence), label_sentence(sentence.text, names)
            rows.append((sentence_features(view, tables, kind), labels))
            if kind:
                rows.append((sentence_features(view, tables), labels))
        examples[report] = rows
    return examples


def train(examples: Examples, reports: Iterable[str], path: Path, params: dict = PARAMS) -> None:
    """Train a model on the sentences of ``reports`` and write it to ``path`` (the same input gives the same bytes)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for report in reports:
        for features, labels in examples[report]:
            trainer.append(features, labels)
    trainer.set_params(params)
    trainer.train(str(path))


def predict(paths: dict[str, Path], reports: Iterable[str], lexicon: Lexicon, tagger):
    """Entities ({name: type}) and relations of each report, as :func:`kg.evaluation.score` takes them."""
    entities, relations = {}, {}
    for report in reports:
        result = extract_document(read_document(paths[report]), lexicon, tagger=tagger)
        entities[report] = {e.name: e.type.value for e in result.entities}
        relations[report] = {(r.subject, r.type.value, r.object) for r in result.relations}
    return entities, relations


def folds_by_report(gold, k: int) -> list[list[str]]:
    """``k`` folds of report names, each kind of report dealt round the folds in name order."""
    folds = [[] for _ in range(k)]
    i = 0
    for kind in sorted({g.get("kind", "") for g in gold.values()}):
        for report in sorted(r for r, g in gold.items() if g.get("kind", "") == kind):
            folds[i % k].append(report)
            i += 1
    return folds


def folds_by_kind(gold) -> list[list[str]]:
    """One fold per kind of report (the gold's ``kind``), in kind order."""
    return [sorted(r for r, g in gold.items() if g.get("kind") == kind)
            for kind in sorted({g.get("kind") for g in gold.values()})]


def cross_validated_predictions(gold: dict[str, dict], paths: dict[str, Path], lexicon: Lexicon,
                                folds: list[list[str]], progress: Callable[[str], None] = lambda line: None,
                                examples: Examples | None = None, params: dict = PARAMS):
    """Predictions of every report by a model trained without its fold.

    Returns:
        ``(entities, relations)`` of all reports of ``folds``, in :func:`kg.evaluation.score`'s shapes.
    """
    examples = examples if examples is not None else load_examples(gold, paths, lexicon)
    merged = ({}, {})
    with tempfile.TemporaryDirectory() as tmp:
        for number, test in enumerate(folds):
            model = Path(tmp) / f"fold{number}.crfsuite"
            train(examples, [r for r in sorted(gold) if r not in test], model, params)
            entities, relations = predict(paths, test, lexicon, SpanTagger(model))
            merged[0].update(entities)
            merged[1].update(relations)
            progress(f"fold {number + 1}/{len(folds)}: {len(test)} reports")
    return merged
