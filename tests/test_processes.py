"""The build's worker processes end with it: kill -9 of the build, and Ctrl-C (issue 13, "Processes")."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPORTS, children_of


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def many_reports(tmp_path):
    """40 reports (the samples, copied under other names): enough work to be caught mid-build."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        for path in sorted(REPORTS.glob("*.txt")):
            shutil.copy(path, folder / f"{i}_{path.name}")
    return folder


#: ``python -m kg`` with Ctrl-C answered as in a terminal's job: a shell without job control starts a
#: background command (``pytest … &``) with SIGINT ignored, and the build would inherit that.
_KG_AS_A_TERMINAL_JOB = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                         "sys.argv[0] = 'kg'; runpy.run_module('kg', run_name='__main__', alter_sys=True)")


def _start(folder: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    build = subprocess.Popen([sys.executable, "-c", _KG_AS_A_TERMINAL_JOB, "build", str(folder), "-o", str(out),
                              "--jobs", "2", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)  # its own process group, as a terminal's job is
    assert _wait(lambda: len(children_of(build.pid)) >= 2, 60), "the two workers did not start"
    workers = children_of(build.pid)
    time.sleep(1.0)  # the workers load jieba and take their first reports
    return build, workers


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_workers_exit_when_the_build_is_killed(many_reports, tmp_path):
    build, workers = _start(many_reports, tmp_path / "out")
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert _wait(lambda: not any(_alive(w) for w in workers), 10), \
        f"workers {[w for w in workers if _alive(w)]} outlived the build"
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_ctrl_c_prints_one_line_and_ends_the_workers(many_reports, tmp_path):
    build, workers = _start(many_reports, tmp_path / "out")
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole group
    stdout, stderr = build.communicate(timeout=30)
    stderr = stderr.decode("utf-8", "replace")
    assert build.returncode != 0, (stdout, stderr)
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines()[-1:] == ["Aborted!"], stderr
    assert _wait(lambda: not any(_alive(w) for w in workers), 10)
    assert not (tmp_path / "out").exists()
