"""Shared fixtures: the real sample reports, the lexicon, and one build of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.lexicon import load_lexicon
from kg.extraction import extract_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
GOLD = Path(__file__).resolve().parent / "gold"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="session")
def results(lexicon):
    """Extraction results of the five sample reports, by file name."""
    return {p.name: extract_report(p, lexicon) for p in sorted(REPORTS.glob("*.txt"))}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of `kg build data/reports`, run once as a user would."""
    outdir = tmp_path_factory.mktemp("build") / "output"
    result = CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(outdir)])
    assert result.exit_code == 0, result.output
    return outdir


EXCERPTS = ROOT / "tests" / "excerpts"


@pytest.fixture(scope="session")
def predicted(lexicon):
    """The predictions of all 25 gold reports by the extraction a build runs (the rules alone).

    Returns (entities, relations) in :func:`kg.evaluation.score`'s shapes; about 3 s.
    """
    from kg.evaluation import load_gold
    from kg.mentions.tagger import NoTagger
    from kg.training import predict, report_paths

    gold = load_gold(GOLD)
    return predict(report_paths(gold, (REPORTS, EXCERPTS)), sorted(gold), lexicon, NoTagger())


@pytest.fixture(scope="session")
def cross_validated(lexicon):
    """The predictions of all 25 gold reports by rules + CRF, each report tagged by a model trained without it.

    Five folds by report, each kind dealt round the folds (:func:`kg.training.folds_by_report`);
    about 90 s on 2 cores. Returns (entities, relations) in :func:`kg.evaluation.score`'s shapes.
    """
    from kg.evaluation import load_gold
    from kg.training import cross_validated_predictions, folds_by_report, report_paths

    gold = load_gold(GOLD)
    paths = report_paths(gold, (REPORTS, EXCERPTS))
    return cross_validated_predictions(gold, paths, lexicon, folds_by_report(gold, 5))


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {p.name.replace(".json", ".txt"): json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def files_of(folder: Path, recursive: bool = False) -> dict[str, bytes]:
    """The bytes of every file of a build folder by relative path (with ``recursive``, the store's too)."""
    paths = folder.rglob("*") if recursive else folder.iterdir()
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(paths) if p.is_file()}


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, whichever of its threads started them (from /proc; Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def pytest_terminal_summary(terminalreporter):
    """Say in a line of its own when the browser tests did not run, and how to make them run."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser" in str(r.nodeid or r.location)]
    if skipped:
        reason = str(skipped[0].longrepr[-1]) if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        terminalreporter.write_line(f"NOT RUN: {len(skipped)} browser tests ({reason.removeprefix('Skipped: ').removeprefix('browser tests not run: ')})",
                                    red=True, bold=True)
