"""A build writes only into folders kg made: the data-loss cases of issue 13, as a careless user meets them."""

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.folders import CACHE_TAG

from .conftest import REPORTS, files_of

SAMPLE = REPORTS / "000_bda7739a96efcbec.txt"


def _run(*args):
    return CliRunner().invoke(main, list(args))


def _tree(folder):
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def user_folder(tmp_path):
    """A folder of the user's: a thesis and a photo."""
    docs = tmp_path / "docs"
    (docs / "photos").mkdir(parents=True)
    (docs / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    (docs / "photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff cat")
    return docs


def test_a_folder_of_the_users_is_refused_and_kept(tmp_path, user_folder):
    before = _tree(user_folder)
    result = _run("build", str(SAMPLE), "-o", str(user_folder))
    assert result.exit_code == 1
    assert str(user_folder) in result.output and "not a kg build folder" in result.output
    assert "delete it by hand or choose another -o" in result.output
    assert _tree(user_folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # no staging, no cache left beside it


def test_the_input_folder_as_output_is_refused_and_the_reports_kept(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src)
    before = _tree(src)
    result = _run("build", str(src), "-o", str(src))
    assert result.exit_code == 1
    assert "is an input folder" in result.output
    assert _tree(src) == before


def test_an_output_that_holds_an_input_is_refused(tmp_path):
    out = tmp_path / "output"
    (out / "texts").mkdir(parents=True)
    shutil.copy(SAMPLE, out / "texts")
    result = _run("build", str(out / "texts"), "-o", str(out))
    assert result.exit_code == 1
    assert "holds the input" in result.output
    assert (out / "texts" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


def test_a_regular_file_as_output_is_refused_and_kept(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("my notes", encoding="utf-8")
    result = _run("build", str(SAMPLE), "-o", str(afile))
    assert result.exit_code == 1
    assert "exists and is not a folder" in result.output
    assert afile.read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_symbolic_link_as_output_is_refused(tmp_path, user_folder):
    link = tmp_path / "out"
    link.symlink_to(user_folder)
    before = _tree(user_folder)
    result = _run("build", str(SAMPLE), "-o", str(link))
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert link.is_symlink() and _tree(user_folder) == before


def test_a_build_replaces_an_empty_folder_and_its_own_build(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert _run("build", str(SAMPLE), "-o", str(out)).exit_code == 0
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["kg_build"] and isinstance(manifest["kg_build"], str)  # kg's version
    result = _run("build", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "reports read: 1 (1 from the cache)" in result.output
    assert (tmp_path / ".kg-cache" / CACHE_TAG).read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_a_kg_build_that_holds_a_file_of_the_users_is_refused(tmp_path):
    out = tmp_path / "out"
    assert _run("build", str(SAMPLE), "-o", str(out), "--no-cache").exit_code == 0
    (out / "my-notes.txt").write_text("keep me", encoding="utf-8")
    before = files_of(out)
    result = _run("build", str(SAMPLE), "-o", str(out), "--no-cache")
    assert result.exit_code == 1
    assert "files kg did not write (my-notes.txt)" in result.output
    assert files_of(out) == before


def test_a_cache_folder_of_the_users_is_refused_and_kept(tmp_path, user_folder):
    before = _tree(user_folder)
    result = _run("build", str(SAMPLE), "-o", str(tmp_path / "out"), "--cache", str(user_folder))
    assert result.exit_code == 1
    assert "not a kg cache folder" in result.output and str(user_folder) in result.output
    assert _tree(user_folder) == before
    assert not (tmp_path / "out").exists()


def test_the_default_cache_beside_the_output_is_refused_when_it_is_not_kgs(tmp_path):
    mine = tmp_path / ".kg-cache"
    mine.mkdir()
    (mine / "important.txt").write_text("mine", encoding="utf-8")
    result = _run("build", str(SAMPLE), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "not a kg cache folder" in result.output
    assert [p.name for p in mine.iterdir()] == ["important.txt"]


def test_a_cache_inside_the_output_is_refused(tmp_path):
    out = tmp_path / "out"
    result = _run("build", str(SAMPLE), "-o", str(out), "--cache", str(out / "cache"))
    assert result.exit_code == 1 and "would hold the cache" in result.output
    assert not out.exists()


def test_a_cache_made_before_the_tag_is_still_kgs(tmp_path):
    """A .kg-cache of an earlier kg (fingerprint folders and files.pickle, no tag) is used and tagged."""
    cache = tmp_path / "cache"
    (cache / "0123456789abcdef").mkdir(parents=True)
    (cache / "files.pickle").write_bytes(b"")
    result = _run("build", str(SAMPLE), "-o", str(tmp_path / "out"), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert (cache / CACHE_TAG).is_file()
