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


def test_dask_keeps_each_new_result_in_the_cache_once_and_renders_in_task_order(cluster, tmp_path):
    """The executor keeps a result in the build's cache and hands back an outcome without it, so the
    build does not write it again; any other function runs on the cluster with results in task order."""
    from kg.cache import ResultCache
    from kg.executors import DaskExecutor, Task

    cache = ResultCache(tmp_path / "cache")
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        assert executor.jobs == 2
        paths = sorted(REPORTS.glob("*.txt"))[:2]
        outcomes = list(executor.map([Task(path, None, None, str(cache.folder)) for path in paths]))
        assert sorted(o.name for o in outcomes) == [p.name for p in paths]
        assert all(o.digest is not None and o.result is None for o in outcomes)
        assert all(cache.has(o.name, o.digest.sha256, None) for o in outcomes)
        assert list(executor.map([3, 1, 2], abs)) == [3, 1, 2]
    finally:
        executor.close()


def test_dask_with_a_local_render_pool_gives_the_same_bytes(cluster, built, tmp_path):
    """--jobs 2 beside a Dask client: the render pool starts its workers by forkserver, not fork."""
    out = tmp_path / "dask"
    result = CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(out), "--executor", "dask", "--jobs", "2",
                                       "--scheduler", cluster.scheduler_address, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert files_of(out) == files_of(built)
