"""kg reports: one row per report of a build, read or skipped; its CSV is a manifest to correct and feed back."""

import csv
import io
import shutil

from click.testing import CliRunner

from kg.cli import main

from .conftest import ROOT

EXCERPTS = ROOT / "tests" / "excerpts"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_reports_lists_every_report_and_its_csv_is_a_manifest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("d01_国务院_2024.txt", "d03_二十大_2022.txt", "d04_浙江省_2026.txt"):
        shutil.copy(EXCERPTS / name, folder)
    (folder / "empty.txt").write_bytes(b"")
    assert _run("build", folder, "-o", tmp_path / "out", "--no-cache").exit_code == 0
    result = _run("reports", "--graph", tmp_path / "out", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["file"], r["kind"], r["author"], r["status"]) for r in rows] == [
        ("d01_国务院_2024.txt", "government", "国务院", "read"),
        ("d03_二十大_2022.txt", "party-congress", "第十九届中央委员会", "read"),
        ("d04_浙江省_2026.txt", "government", "省人民政府", "read"),
        ("empty.txt", "", "", "skipped")]
    assert rows[3]["reason"] == "empty.txt: the file is empty"
    assert rows[0]["title"] == "2024年国务院政府工作报告" and rows[0]["year"] == "2024"
    # corrected and put beside the reports, the CSV sets the place of the next build
    rows[2]["jurisdiction"] = "浙江省"
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert _run("build", folder, "-o", tmp_path / "out", "--no-cache").exit_code == 0
    table = _run("reports", "--graph", tmp_path / "out").output
    assert "浙江省" in table.splitlines()[4] and table.splitlines()[-1] == "(4 rows)"
