"""Incremental builds: unchanged reports come from the extraction cache."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

from .conftest import REPORTS, ROOT, files_of


def _build(*args):
    result = CliRunner().invoke(main, ["build", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def test_second_build_takes_unchanged_reports_from_the_cache(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    cache = tmp_path / "cache"
    assert "reports read: 5 (0 from the cache)" in _build(reports, "-o", tmp_path / "first", "--cache", cache)
    assert "reports read: 5 (5 from the cache)" in _build(reports, "-o", tmp_path / "second", "--cache", cache)
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")

    changed = reports / "003_d135b40d4c98ecd1.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n区委常委会深入开展扫黑除恶专项斗争。\n", encoding="utf-8")
    assert "reports read: 5 (4 from the cache)" in _build(reports, "-o", tmp_path / "third", "--cache", cache)
    fresh = _build(reports, "-o", tmp_path / "fresh", "--no-cache")
    assert "(0 from the cache)" in fresh
    assert files_of(tmp_path / "third") == files_of(tmp_path / "fresh")


def test_a_changed_lexicon_is_a_new_cache(tmp_path):
    cache = tmp_path / "cache"
    lexicon = tmp_path / "lexicon"
    shutil.copytree(ROOT / "data" / "lexicon", lexicon)
    report = REPORTS / "000_bda7739a96efcbec.txt"
    _build(report, "-o", tmp_path / "a", "--cache", cache, "--lexicon", lexicon)
    assert "(1 from the cache)" in _build(report, "-o", tmp_path / "b", "--cache", cache, "--lexicon", lexicon)
    with (lexicon / "campaigns.txt").open("a", encoding="utf-8") as handle:
        handle.write("廉政文化六进活动\n")
    assert "(0 from the cache)" in _build(report, "-o", tmp_path / "c", "--cache", cache, "--lexicon", lexicon)


def test_a_broken_cache_entry_is_extracted_again(tmp_path):
    cache = tmp_path / "cache"
    report = REPORTS / "000_bda7739a96efcbec.txt"
    _build(report, "-o", tmp_path / "a", "--cache", cache)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert "(0 from the cache)" in _build(report, "-o", tmp_path / "b", "--cache", cache)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_jobs_give_the_same_bytes_as_one_process(built, tmp_path):
    """kg build --jobs 2 (a process pool) writes what a single-process build writes."""
    _build(REPORTS, "-o", tmp_path / "parallel", "--jobs", "2", "--no-cache")
    assert files_of(tmp_path / "parallel") == files_of(built)


def _small_change(tmp_path):
    """A build of the samples, then one report changed and one gone; returns (reports, out, cache)."""
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(reports, "-o", out, "--cache", cache)
    changed = reports / "002_9ff72cfa76f7b3fe.txt"
    lines = changed.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(lines + lines[-3:]), encoding="utf-8")  # its own paragraphs again
    (reports / "004_2967b34aefa6a6f9.txt").unlink()
    return reports, out, cache


def _same_as_a_fresh_build(reports, out, tmp_path):
    from kg.rdf.store import open_store

    _build(reports, "-o", tmp_path / "fresh", "--no-cache")
    dump = lambda d: sorted(str(q) for q in open_store(d))  # noqa: E731
    assert len(dump(out)) > 5000
    assert dump(out) == dump(tmp_path / "fresh")
    assert files_of(out) == files_of(tmp_path / "fresh")


def test_a_small_change_updates_the_last_store_to_what_a_full_build_holds(tmp_path, monkeypatch):
    """One report changed, one gone: the store is updated in place, the other reports' shares of the
    files are copied from the last build's, and both hold what a fresh build's hold."""
    import kg.pipeline

    reports, out, cache = _small_change(tmp_path)

    def no_full_load(*_):
        raise AssertionError("the store was loaded whole, not updated")

    monkeypatch.setattr(kg.pipeline, "write_store", no_full_load)
    output = _build(reports, "-o", out, "--cache", cache)
    monkeypatch.undo()
    # 000 and 001 are one run, 003 another, in each of the five files; 002 is written afresh, 004 is gone
    assert "copied from the last build: 3 reports' shares, in 10 copies" in output
    _same_as_a_fresh_build(reports, out, tmp_path)


def test_no_incremental_copies_nothing_and_verify_copies_what_checks_out(tmp_path):
    reports, out, cache = _small_change(tmp_path)
    output = _build(reports, "-o", out, "--cache", cache, "--no-incremental")
    assert "copied from the last build" not in output
    (reports / "001_60ffe4ad60b6dedb.txt").write_text(
        (reports / "001_60ffe4ad60b6dedb.txt").read_text(encoding="utf-8") + "\n区委常委会深入开展扫黑除恶专项斗争。\n",
        encoding="utf-8")
    output = _build(reports, "-o", out, "--cache", cache, "--verify")
    assert "copied from the last build: 3 reports' shares, in 10 copies" in output  # 000 | 002 003: two runs a file
    _same_as_a_fresh_build(reports, out, tmp_path)


def test_a_same_size_edit_of_a_copied_share_is_found_and_not_copied(tmp_path):
    """An analyst fixes a literal in graph.nt by hand, keeping its size and time: the first and last
    bytes of the shares give it away, the store is loaded whole, and the output is a fresh build's."""
    import os

    reports, out, cache = _small_change(tmp_path)
    path = out / "graph.nt"
    data = bytearray(path.read_bytes())
    stat = path.stat()
    target = "区委常委会".encode()
    first = data.index(target)  # in the first report's share, within its first block
    data[first:first + len(target)] = "区委常委员".encode()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: only the bytes tell
    result = CliRunner().invoke(main, ["build", str(reports), "-o", str(out), "--cache", str(cache), "--progress"])
    assert result.exit_code == 0, result.output
    assert "graph.nt: 1 report share(s) differ from what the last build wrote; written from their fragments" in result.stderr
    _same_as_a_fresh_build(reports, out, tmp_path)


def test_a_report_whose_types_the_build_settles_otherwise_is_rendered_again(tmp_path):
    """Workers render a report's graph with its own types; other settled types give another fragment."""
    import pyoxigraph as ox

    from kg.cache import ResultCache
    from kg.executors import RenderTask, Task, extract_one, render_one
    from kg.model import EntityType
    from kg.rdf.graph import entity_iri, prefix_header

    path = REPORTS / "000_bda7739a96efcbec.txt"
    folder = str(ResultCache(tmp_path / "cache").folder)
    outcome = extract_one(Task(path, None, None, folder))
    own = outcome.digest.types
    ready = render_one(RenderTask(path, outcome.digest.sha256, None, None, folder, own))
    key, etype = next((k, t) for k, t in own if t is EntityType.INITIATIVE)
    settled = tuple((k, EntityType.CAMPAIGN if k == key else t) for k, t in own)
    again = render_one(RenderTask(path, outcome.digest.sha256, None, None, folder, settled))
    assert ready != again

    def classes(fragment_path):
        fragment = ResultCache.load(Path(fragment_path))
        quads = ox.parse(prefix_header(ox.RdfFormat.TRIG) + fragment.trig, format=ox.RdfFormat.TRIG)
        return {q.object.value.rsplit("#", 1)[1] for q in quads
                if q.subject.value == str(entity_iri(key)) and q.predicate.value.endswith("#type")}

    assert classes(ready) == {"Initiative"}
    assert classes(again) == {"Campaign"}


def test_file_hashes_read_a_file_again_only_when_its_stat_changed(tmp_path, monkeypatch):
    """The stat index (kg.cache.FileHashes) gives each file's true SHA-256, across builds."""
    import hashlib

    from kg.cache import FileHashes

    report = tmp_path / "report.txt"
    text = (REPORTS / "001_60ffe4ad60b6dedb.txt").read_bytes()
    report.write_bytes(text)
    assert FileHashes(tmp_path).sha256(report) == hashlib.sha256(text).hexdigest()
    fresh = FileHashes(tmp_path)
    fresh.sha256(report)
    fresh.save()
    assert FileHashes(tmp_path).known == {}  # just written: racy, so not remembered

    monkeypatch.setattr(FileHashes, "RACY_SECONDS", -60.0)
    hashes = FileHashes(tmp_path)
    hashes.sha256(report)
    hashes.save()
    again = FileHashes(tmp_path)
    assert list(again.known) == [str(report)]
    stamp, sha256 = again.known[str(report)]
    assert sha256 == hashlib.sha256(text).hexdigest()
    again.known[str(report)] = (stamp, "remembered")
    assert again.sha256(report) == "remembered"  # the same stat: the file is not read
    changed = text.replace("区委".encode(), "市委".encode(), 1)
    assert len(changed) == len(text) and changed != text
    report.write_bytes(changed)  # same size, new times
    assert again.sha256(report) == hashlib.sha256(changed).hexdigest()


def _collector_on(_):
    import gc

    return gc.isenabled()


def test_workers_collect_cycles_though_the_build_pauses_the_collector():
    """The build pauses Python's cyclic collector while it merges digests; workers forked then turn it back on."""
    import gc

    from kg.executors import ProcessExecutor

    gc.disable()
    try:
        flags = list(ProcessExecutor(2).map([0, 1, 2, 3], _collector_on))
    finally:
        gc.enable()
    assert flags == [True, True, True, True]


def test_a_pool_starts_no_more_workers_than_reports_to_extract():
    """Each worker loads jieba's dictionary: a rebuild with one report changed starts one, not --jobs."""
    import multiprocessing

    from kg.executors import ProcessExecutor

    before = set(multiprocessing.active_children())  # processes other tests may have left running
    results = ProcessExecutor(2).map([0], _collector_on)
    workers = set(multiprocessing.active_children()) - before
    assert list(results) == [True]
    assert len(workers) == 1


def test_a_rebuild_sends_the_executor_only_the_reports_the_cache_lacks(tmp_path):
    from kg.cache import FileHashes, ResultCache
    from kg.executors import SerialExecutor, Task, extract_all

    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    cache = ResultCache(tmp_path / "cache").folder
    tasks = [Task(path, None, None, str(cache)) for path in sorted(reports.glob("*.txt"))]
    assert not any(o.cached for o in extract_all(SerialExecutor(), tasks, FileHashes(tmp_path / "cache")))

    class Recording(SerialExecutor):
        def __init__(self):
            self.sent = []

        def map(self, tasks, function=None):
            tasks = list(tasks)
            self.sent.extend(t.path.name for t in tasks)
            return super().map(tasks)

    changed = tasks[2].path
    changed.write_text(changed.read_text(encoding="utf-8") + "\n区委常委会深入开展扫黑除恶专项斗争。\n", encoding="utf-8")
    recording = Recording()
    outcomes = list(extract_all(recording, tasks, FileHashes(tmp_path / "cache")))
    assert recording.sent == [changed.name]
    assert sorted(o.name for o in outcomes if o.cached) == sorted(t.path.name for t in tasks if t.path != changed)
    assert all(o.digest is not None for o in outcomes)


def test_a_last_build_whose_files_changed_is_not_copied_from(tmp_path):
    """An edited graph file of the last build: its byte ranges are not trusted, and that file is written whole."""
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(reports, "-o", out, "--cache", cache)
    with open(out / "graph.trig", "ab") as handle:
        handle.write(b"# an analyst's note\n")
    changed = reports / "001_60ffe4ad60b6dedb.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n区委常委会深入开展扫黑除恶专项斗争。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(reports), "-o", str(out), "--cache", str(cache), "--progress"])
    assert result.exit_code == 0, result.output
    assert "graph.trig: changed since the last build wrote it (size, time or inode); written whole" in result.stderr
    assert "in 8 copies" in result.stdout  # 000 | 002-004 in the four files still trusted
    _build(reports, "-o", tmp_path / "fresh", "--no-cache")
    assert files_of(out) == files_of(tmp_path / "fresh")


def test_cache_info_and_clear_and_a_build_drops_older_fingerprints(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    cache = tmp_path / "cache"
    stale = cache / "0123456789abcdef" / "ab"
    stale.mkdir(parents=True)
    (stale / "ab00.pickle").write_bytes(b"an entry of an older kg")
    (cache / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
    _build(reports, "-o", tmp_path / "out", "--cache", cache)
    assert not (cache / "0123456789abcdef").exists()  # the older fingerprint is dropped
    info = CliRunner().invoke(main, ["cache", "info", "--cache", str(cache)])
    assert info.exit_code == 0, info.output
    lines = info.output.splitlines()
    assert len(lines) == 2 and ": 5 results, 5 graph fragments, " in lines[1] and lines[1].endswith("(this kg and the bundled lexicon)")
    cleared = CliRunner().invoke(main, ["cache", "clear", "--cache", str(cache)])
    assert cleared.exit_code == 0 and "cleared 1 fingerprint folder(s)" in cleared.output
    assert sorted(p.name for p in cache.iterdir()) == ["CACHEDIR.TAG"]
    # a folder that is not kg's cache is refused, and kept
    theirs = tmp_path / "thesis"
    theirs.mkdir()
    (theirs / "chapter1.docx").write_bytes(b"mine")
    refused = CliRunner().invoke(main, ["cache", "clear", "--cache", str(theirs)])
    assert refused.exit_code != 0 and "not a kg cache folder" in refused.output
    assert (theirs / "chapter1.docx").exists()
