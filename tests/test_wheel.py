"""kg as a user installs it: the wheel, in a fresh virtual environment, run from a folder outside the checkout.

The wheel must carry everything kg reads at run time (the lexicon, the
tagger model, the ontology and shapes, the shipped queries, the sample reports). The
environment is made with ``--system-site-packages`` and sees this
environment's packages too (a ``.pth`` line), so no dependency is
downloaded again; kg itself comes only from the wheel (``--no-deps``).
"""

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

LEXICON_FILES = sorted(p.name for p in (ROOT / "data" / "lexicon").glob("*.txt"))
QUERY_FILES = sorted(p.name for p in (ROOT / "ontology" / "queries").glob("*.rq"))
SAMPLE_FILES = sorted(p.name for p in (ROOT / "data" / "reports").glob("*.txt"))


def _run(*args, cwd=None, timeout=600):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout's sources (a build leaves build/ and *.egg-info behind)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("kg", "data", "ontology"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source)
    (found,) = dist.glob("kg-*.whl")
    return found


def test_the_wheel_carries_the_data_kg_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"kg/data/lexicon/{n}" for n in LEXICON_FILES} <= names and len(LEXICON_FILES) >= 15
    assert {"kg/ontology/kg.ttl", "kg/ontology/shapes.ttl"} <= names
    assert {f"kg/ontology/queries/{n}" for n in QUERY_FILES} <= names and QUERY_FILES
    assert {f"kg/data/reports/{n}" for n in SAMPLE_FILES} <= names and len(SAMPLE_FILES) == 5
    assert "kg/assets/network_ui.html" in names
    assert {"kg/data/models/tagger.crfsuite", "kg/data/models/tagger.json"} <= names
    assert {"kg/data/unicode/radicals.tsv", "kg/reading/pdf.py", "kg/reading/docx.py", "kg/reading/html.py",
            "kg/data/places/divisions.tsv", "kg/data/places/party_congresses.tsv"} <= names
    assert not [n for n in names if n.startswith(("data/", "ontology/", "tests/"))]  # nothing beside the package


def test_the_installed_wheel_builds_validates_and_queries_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    # this environment's packages (rdflib, pyoxigraph ...), after the new environment's own
    paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (Path(site) / "kg-test-dependencies.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(python, "-c", "import kg, kg.resources as r, kg.mentions.tagger as t; print(kg.__file__); "
                 "print(r.lexicon_dir()); print(t.shipped_tagger().path)", cwd=elsewhere).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    kg = venv / "bin" / "kg"
    built = _run(kg, "build", "-o", "out", cwd=elsewhere)
    assert "reports read: 5 (0 from the cache), skipped: 0" in built.stdout
    assert "Conforms: True" in _run(kg, "validate", "--graph", "out", cwd=elsewhere).stdout
    answer = _run(kg, "query", "--shipped", "initiatives_across_reports", "--graph", "out", "--format", "csv",
                  cwd=elsewhere).stdout.splitlines()
    assert answer[0].split(",")[:2] == ["initiative", "reports"] and len(answer) > 10
    listed = _run(kg, "queries", cwd=elsewhere).stdout
    assert all(name.removesuffix(".rq") in listed for name in QUERY_FILES)
    # the readers of the other formats, with the PDF reader's character table from the wheel
    from .pages import government_page

    formats = elsewhere / "formats"
    formats.mkdir()
    sample = (Path(__file__).resolve().parent.parent / "data" / "reports" / SAMPLE_FILES[0]).read_text(encoding="utf-8")
    (formats / "page.html").write_text(government_page(sample), encoding="utf-8")
    docx = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus" / "provincial-2025-docx").glob("*.docx"))
    for path in docx[:1]:
        (formats / "report.docx").write_bytes(path.read_bytes())
    built = _run(kg, "build", "formats", "-o", "out2", cwd=elsewhere)
    assert f"reports read: {1 + len(docx[:1])} (0 from the cache), skipped: 0" in built.stdout
    table = _run(python, "-c", "from kg.reading.pdf import _radicals; print(len(_radicals()))", cwd=elsewhere).stdout
    assert int(table) > 250
