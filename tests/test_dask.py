"""kg build --executor dask on a real distributed.LocalCluster: the same bytes as a local build."""

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import REPORTS, files_of

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_dask_build_is_byte_identical_to_a_local_build(cluster, built, tmp_path):
    out = tmp_path / "dask"
    result = CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(out), "--executor", "dask",
                                       "--scheduler", cluster.scheduler_address, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "reports read: 5" in result.output
    assert files_of(out) == files_of(built)


def test_dask_build_uses_the_local_cache(cluster, tmp_path):
    cache = tmp_path / "cache"
    args = ["build", str(REPORTS), "--executor", "dask", "--scheduler", cluster.scheduler_address, "--cache", str(cache)]
    first = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "a")])
    second = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "b")])
    assert "(0 from the cache)" in first.output and "(5 from the cache)" in second.output
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_dask_without_scheduler_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(tmp_path / "x"), "--executor", "dask"])
    assert result.exit_code != 0
    assert "--executor dask needs --scheduler ADDRESS" in result.output
