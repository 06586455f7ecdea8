"""The only place that composes the stages: input files -> a build folder.

:func:`build` runs in three steps, each streamed so that memory grows with
the graph, not with the text:

1. **Extract**: the per-report map (:func:`kg.executors.extract_one`) runs on
   an executor of :mod:`kg.executors`; each result is kept in the
   extraction cache on disk, and only its digest (:mod:`kg.digest`: type
   votes, network data, relation keys) comes back to the build. A report that fails is named and skipped; the others go on.
2. **Render**: once the entity types are settled across reports, each
   report's graph fragment is serialised in parallel
   (:func:`kg.executors.render_one`), or taken from the cache when its
   result and types are unchanged.
3. **Write**: the fragments are concatenated in identity order into the
   graph files and ``relations.csv``, and loaded into the store (:mod:`kg.rdf.export`), beside the
   tables, the pages and each report's text as read (``texts/``, :func:`text_file`), in a staging folder that replaces ``outdir`` only when
   all is written: a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from . import across
from .cache import FileHashes, ResultCache, prune_cache
from .errors import BuildError
from .inputs import collect_inputs, read_manifest
from .resources import sample_reports_dir
from .folders import TEXTS_DIR, check_output_folder, claim_cache_folder, kg_version, text_file, write_file_atomically
from .curation import Curation, apply_to_digests, curation_file, touches_of
from .digest import ReportDigest
from .executors import RenderTask, Task, extract_all, make_executor, render_all, render_one
from .lexicon import load_lexicon
from .model import EntityType, RelationType
from .incremental import MANIFEST, Manifest, plan, update_store
from .rdf.export import Reused, write_graph_files
from .rdf.store import STORE_DIR, StoreLoad, write_store
from .rdf.graph import Fragment, summary_triples
from .reading import read_document
from .resolution import merge_types
from .tables import CSV_BOM, entities_table, relations_header_csv
from .viz import NetworkData, limit_nodes, render_network

__all__ = ["build", "redraw", "write_file_atomically", "BuildSummary", "collect_inputs", "read_manifest", "OUTPUT_FILES",
           "TEXTS_DIR", "text_file"]

log = logging.getLogger("kg")

#: The files every build writes into its output folder.
OUTPUT_FILES = (
    "graph.ttl", "graph.nt", "graph.trig", "graph.jsonld",
    "entities.csv", "relations.csv", "network.json", "network.html", "across.html", "build.json",
)
#: The most entities a build draws in network.html (the most connected; all
#: are in network.json). bench/page.py measured 2,000 nodes and 10,000 edges
#: settling in 6.0 s at 60 fps; far larger pages do not settle in a browser.
PAGE_MAX_NODES = 2000


@dataclass
class BuildSummary:
    """What a build did.

    Attributes:
        outdir: the output folder.
        reports: identities of the reports read (:mod:`kg.inputs`).
        skipped: ``(identity, reason)`` of the reports skipped.
        warnings: what was repaired in the reports read (each line names the
            file), and what the folder scan ignored.
        cached: how many of the reports read came from the extraction cache.
        entities: entity count per type (distinct entities across reports).
        relations: relation count per type (distinct triples across reports).
        triples: triples in ``graph.ttl``.
        copied: reports whose shares of the graph files were copied from
            the last build (:mod:`kg.incremental`); ``copies``: the copy calls
            that took them (a run of reports that were neighbours in the last
            build is one copy per file).
        seconds: wall time of the build.
        curation: what the curation file did (:mod:`kg.curation`), or ``""``.
    """

    outdir: Path
    reports: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cached: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    copied: int = 0
    copies: int = 0
    seconds: float = 0.0
    curation: str = ""

    def lines(self) -> list[str]:
        """The summary as lines of text, for the terminal."""
        out = [f"reports read: {len(self.reports)} ({self.cached} from the cache), skipped: {len(self.skipped)}"
               + (" (reasons on stderr)" if self.skipped else "")]
        out.append("entities: " + ", ".join(f"{k} {v}" for k, v in self.entities.items()) + f" (total {sum(self.entities.values())})")
        out.append("relations: " + ", ".join(f"{k} {v}" for k, v in self.relations.items()) + f" (total {sum(self.relations.values())})")
        out.append(f"triples: {self.triples}")
        if self.curation:
            out.append(f"curation: {self.curation}")
        if self.copied or self.copies:
            out.append(f"copied from the last build: {self.copied} reports' shares, in {self.copies} copies")
        out.append(f"seconds: {self.seconds:.2f}")
        out.append(f"output: {self.outdir}")
        return out


class _Gathered:
    """What the build keeps of each report once extracted: its digest, merged.
    Grows with the graph, not with the text (the results stay on disk)."""

    def __init__(self) -> None:
        self.reports: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}  # name -> (sha256, jurisdiction, entity keys)
        self.votes: dict[str, Counter] = {}
        self.network = NetworkData()
        self.relation_keys: set[tuple[str, RelationType, str]] = set()

    def add(self, digest: ReportDigest, jurisdiction: str | None) -> None:
        # the report's distinct entity keys, in order (the votes are sorted by key)
        self.reports[digest.name] = (digest.sha256, jurisdiction, tuple(dict.fromkeys(key for key, _, _ in digest.votes)))
        votes = self.votes
        for key, etype, weight in digest.votes:
            if (counter := votes.get(key)) is None:
                counter = votes[key] = Counter()
            counter[etype] += weight
        self.network.merge(digest.network)
        self.relation_keys.update(digest.relations)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause Python's cyclic garbage collector while the build runs in this process.

    The build makes millions of small tuples, none of them in a cycle, and
    each collection of the oldest generation walks everything made so far.
    At 10,000 reports (measured), reading and merging the digests took
    13.4 s with the collector on and 7.7 s with it off, and naming each
    report's entity types for its fragment 1.83 s and 0.28 s. Reference
    counting still frees what is dropped; worker processes turn the
    collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _progress(items, total: int, enabled: bool, what: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=what, unit="report", file=None, leave=False)


class _Phases:
    """Says on stderr which stage a long build is in, with the seconds since it started."""

    def __init__(self, enabled: bool):
        self.enabled, self.started = enabled, time.perf_counter()

    def __call__(self, text: str) -> None:
        if self.enabled:
            print(f"kg: [{time.perf_counter() - self.started:7.1f} s] {text}", file=sys.stderr, flush=True)


def build(
    inputs: list[str | Path] | None = None,
    outdir: str | Path = "output",
    *,
    lexicon_dir: str | Path | None = None,
    progress: bool = False,
    jobs: int | None = 1,
    cache_dir: str | Path | None = None,
    executor: str = "local",
    scheduler=None,
    recursive: bool = False,
    verify: bool = False,
    incremental: bool = True,
    curation: str | Path | None = None,
) -> BuildSummary:
    """Build the graph of a set of reports.

    Args:
        inputs: report files and folders (default: the five bundled sample
            reports, :func:`kg.resources.sample_reports_dir`).
        outdir: the output folder (default ``output``); replaced whole only
            when the build succeeds.
        lexicon_dir: the lexicon folder (default: the bundled one, :func:`kg.resources.lexicon_dir`).
        progress: show a progress bar on stderr.
        jobs: processes that extract reports (1: this one; 0: one per core);
            the output is the same for any number.
        executor: ``local`` (processes on this machine, see ``jobs``) or
            ``dask`` (an existing Dask cluster at ``scheduler``).
        scheduler: the Dask scheduler's address or a ``distributed.Client``.
        recursive: read the input folders' sub-folders too; each report is
            named by its path inside the folder given (:mod:`kg.inputs`).
        verify: check every share copied from the last build whole, not
            only its first and last bytes (:mod:`kg.incremental`).
        incremental: ``False`` writes every file and loads the store whole,
            taking nothing from the last build.
        cache_dir: keep each report's result there and take it back while
            the file, kg's code and the lexicon are unchanged (see
            :mod:`kg.cache`); ``None`` for no cache.
        curation: the hand-curation file (:mod:`kg.curation`); default
            ``curation.csv`` in the input folder, where there is one.

    Returns:
        A :class:`BuildSummary`.

    Raises:
        BuildError: no input exists, two reports have one identity, or no
            report could be read.
        LexiconError: the lexicon is missing or malformed.
        CurationError: the curation file is malformed, or several input
            folders hold one and ``curation`` does not say which applies.
    """
    started = time.perf_counter()
    phase = _Phases(progress)
    outdir = Path(outdir)
    load_lexicon(lexicon_dir)  # a malformed lexicon fails the build here, before any report
    inputs = list(inputs) if inputs else [sample_reports_dir()]
    curation_path = curation_file(inputs, curation)
    curated = Curation.load(curation_path) if curation_path else Curation()
    found = collect_inputs(inputs, recursive)
    # refused before anything is written: a folder kg did not make, an input, the cache inside the output
    check_output_folder(outdir, [Path(item) for item in inputs], {*OUTPUT_FILES, STORE_DIR, TEXTS_DIR},
                        Path(cache_dir) if cache_dir is not None else None)
    _check_text_names([report.name for report in found.reports])
    if cache_dir is not None:
        claim_cache_folder(Path(cache_dir))
    summary = BuildSummary(outdir=outdir, skipped=list(found.skipped), warnings=list(found.ignored))
    for name, reason in found.skipped:
        log.warning("skipped %s", reason)
    lexicon = str(lexicon_dir) if lexicon_dir else None
    tasks = [Task(report.path, found.jurisdictions.get(report.name), lexicon, name=report.name)
             for report in found.reports]
    try:
        runner = make_executor(jobs, lexicon, executor, scheduler)
        # the render pool starts its workers without fork while a Dask client's threads run
        renderer = make_executor(jobs, lexicon, start_method="forkserver") if executor != "local" else runner
    except ValueError as exc:
        raise BuildError(str(exc)) from exc
    with _cache_folder(outdir, cache_dir) as cache_root, contextlib.closing(runner):
        cache = str(ResultCache(cache_root, lexicon).folder)
        tasks = [replace(task, cache_dir=cache) for task in tasks]
        jurisdiction_of = {task.name: task.jurisdiction for task in tasks}
        path_of = {task.name: task.path for task in tasks}
        gathered = _Gathered()
        hashes = FileHashes(cache_root) if cache_dir is not None else None
        touches = touches_of(curated)
        pending = []  # the digests of the reports the curation may touch, applied once every key is known
        with _no_cyclic_gc():
            for outcome in _progress(extract_all(runner, tasks, hashes), len(tasks), progress, "extracting"):
                if outcome.digest is None:
                    summary.skipped.append((outcome.name, outcome.error))
                    (log.warning if outcome.expected else log.error)("skipped %s", outcome.error)
                    continue
                if touches(outcome.digest):
                    pending.append(outcome.digest)
                else:
                    gathered.add(outcome.digest, jurisdiction_of[outcome.name])
                summary.warnings.extend(outcome.digest.warnings)
                if outcome.result is not None:  # a result the cache does not hold yet (no cache in the worker)
                    ResultCache.at(cache).put(outcome.result, jurisdiction_of[outcome.name])
                summary.reports.append(outcome.name)
                summary.cached += outcome.cached
            if hashes is not None:
                hashes.save()
            applied = apply_to_digests(curated, pending, gathered.votes, ResultCache.at(cache).get, jurisdiction_of)
            for digest_ in applied.digests:
                gathered.add(digest_, jurisdiction_of[digest_.name])
            for line in applied.problems:
                log.warning("%s", line)
            summary.warnings.extend(applied.problems)
            summary.curation = applied.summary()
            if not gathered.reports:
                raise BuildError("no report could be read" + (f" ({len(summary.skipped)} skipped)" if summary.skipped else f" in {', '.join(map(str, inputs))}")
                                 + "".join(f"; {line}" for line in found.ignored))
            summary.reports.sort()
            summary.warnings.sort()

            types = merge_types(gathered.votes)
            render_tasks = [
                RenderTask(path_of[name], sha, place, lexicon, cache, tuple(zip(keys, map(types.__getitem__, keys), strict=True)),
                           name, tuple(sorted(found.facets.get(name, {}).items())), applied.entries.get(name, ()))
                for name, (sha, place, keys) in sorted(gathered.reports.items())
            ]
            phase(f"extracted {len(gathered.reports)} reports; rendering their graphs")
            paths = list(_progress(render_all(renderer, render_tasks), len(render_tasks), progress, "graph"))
            memo = ResultCache.at(cache).communities_path() if cache_dir is not None else None  # no cache: read by no later build
            network = gathered.network.finish(types, found.facets, memo=memo)
            extra = applied.mark(network["nodes"])
            _write_atomically(outdir, lambda folder: _write_outputs(folder, outdir, paths, render_tasks, network,
                                                                    summary, phase, verify, incremental, extra))
        if cache_dir is not None and (dropped := prune_cache(cache_root, Path(cache).name)):
            phase(f"dropped the cache entries of {len(dropped)} older fingerprint(s): {', '.join(dropped)}")
        phase("done")

    type_counts = Counter(types.values())
    summary.entities = {t.value: type_counts.get(t, 0) for t in EntityType}
    rel_counts = Counter(t for _, t, _ in gathered.relation_keys)
    summary.relations = {t.value: rel_counts.get(t, 0) for t in RelationType}
    summary.seconds = time.perf_counter() - started
    return summary


def _check_text_names(names: list[str]) -> None:
    """Refuse reports whose texts would share a file (``x`` and ``x.txt``).

    Raises:
        BuildError: naming both reports.
    """
    seen: dict[str, str] = {}
    for name in names:
        if (other := seen.setdefault(text_file(name).lower(), name)) != name:
            raise BuildError(f"the reports {other} and {name} would keep their texts in one file, {text_file(name)}; "
                             "rename one")


def _write_texts(folder: Path, tasks: list[RenderTask]) -> None:
    """Write each report's text as read into ``folder/texts/`` (:func:`text_file`), copied from the cache.

    A text the cache lacks (kept by an older kg, or deleted) is taken from
    the cached result, or read from the file again.
    """
    for task in tasks:
        target = folder / text_file(task.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        cache = ResultCache.at(task.cache_dir)
        try:
            shutil.copyfile(cache.text_path(task.name, task.sha256, task.jurisdiction), target)
            continue
        except FileNotFoundError:
            pass
        result = cache.get(task.name, task.sha256, task.jurisdiction)
        text = result.document.text if result is not None else read_document(task.path, task.name).text
        target.write_bytes(text.encode("utf-8"))  # no newline translation: offsets count these characters


@contextlib.contextmanager
def _cache_folder(outdir: Path, cache_dir: str | Path | None):
    """The extraction cache's folder: ``cache_dir``, or a temporary one beside ``outdir`` for this build only.

    Results wait there between extraction and the graph, so the build never
    holds every report's result in memory.
    """
    if cache_dir is not None:
        yield str(cache_dir)
        return
    parent = outdir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = tempfile.mkdtemp(prefix=f".{outdir.name}.results-", dir=parent)
    except OSError as exc:
        raise BuildError(f"{outdir}: cannot write beside the output folder: {exc}") from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def redraw(outdir: str | Path = "output", output: str | Path | None = None, max_nodes: int | None = None) -> str:
    """Draw ``network.html`` again from a build's ``network.json``.

    Args:
        outdir: the build folder.
        output: the page to write (default ``outdir/network.html``), written
            atomically.
        max_nodes: keep the N most-connected entities (see :func:`kg.viz.limit_nodes`).

    Returns:
        A line that says what was kept and what was dropped.

    Raises:
        BuildError: the folder holds no ``network.json``.
    """
    source = Path(outdir) / "network.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{source}: no network data; run 'kg build' first ({exc})") from exc
    total_nodes, total_edges = len(data["nodes"]), len(data["edges"])
    data, dropped = limit_nodes(data, max_nodes)
    target = Path(output) if output else Path(outdir) / "network.html"
    write_file_atomically(target, render_network(data, "kg network"))
    by_type = ", ".join(f"{t} {n}" for t, n in dropped["by_type"].items())
    return (f"kept {len(data['nodes'])} of {total_nodes} entities and {len(data['edges'])} of {total_edges} relations; "
            f"dropped {dropped['nodes']} entities ({by_type or 'none'}) and {dropped['edges']} relations -> {target}")


def _items(paths: list[str], tasks: list[RenderTask], reused: dict[str, Reused], kept: dict) -> Iterator[Fragment | Reused]:
    """Each report's fragment read back one at a time, or its :class:`Reused` shares of the last build.

    A fragment found unreadable (a damaged cache) is rendered again. The
    fragments of the reports named in ``kept`` are kept there (name ->
    fragment), for :func:`_update_store`."""
    for path, task in zip(paths, tasks, strict=True):
        if task.name in reused:
            yield reused[task.name]
            continue
        fragment = ResultCache.load(Path(path))
        if not isinstance(fragment, Fragment):
            Path(path).unlink(missing_ok=True)
            fragment = ResultCache.load(Path(render_one(task)))
        if task.name in kept:
            kept[task.name] = fragment
        yield fragment


def _write_outputs(folder: Path, outdir: Path, paths: list[str], tasks: list[RenderTask], network: dict,
                   summary: BuildSummary, phase, verify: bool = False, incremental: bool = True,
                   extra: list | None = None) -> None:
    """Write every output file into ``folder``.

    The graph files and the store are written in a thread while this one
    writes the tables and pages, which need only the network: a rebuild's
    copy of the graph files runs in the kernel (the thread holds no lock
    meanwhile), a full build's store loads in Oxigraph's Rust code, in a
    third thread that reads ``graph.nt`` as it is written (:class:`kg.rdf.store.StoreLoad`).
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-graph") as pool:
        graph = pool.submit(_write_graph, folder, outdir, paths, tasks, network, summary, phase, verify, incremental,
                            extra or [])
        try:
            phase("writing the texts as read")
            _write_texts(folder, tasks)
            phase("writing the tables and pages")
            (folder / "entities.csv").write_text(CSV_BOM + entities_table(network), encoding="utf-8")
            (folder / "network.json").write_text(json.dumps(network, ensure_ascii=False, sort_keys=True),
                                                 encoding="utf-8")
            page, dropped = limit_nodes(network, PAGE_MAX_NODES)
            if dropped["nodes"]:
                log.warning("network.html shows the %d most-connected of %d entities (all are in network.json; "
                            "'kg viz --max-nodes N' draws more)", len(page["nodes"]), len(network["nodes"]))
            (folder / "network.html").write_text(render_network(page, "kg network"), encoding="utf-8")
        finally:
            manifest = graph.result()  # waits for the thread, and raises what it raised
    manifest.skipped = sorted([name, reason] for name, reason in summary.skipped)  # for kg reports
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    # A wide build's page lists the entities that more than one report mentions (from the store).
    min_reports = 1 if len(network["reports"]) <= across.MATRIX_MAX_REPORTS else 2
    (folder / "across.html").write_text(across.page(folder, across.across(folder, min_reports=min_reports)),
                                        encoding="utf-8")


def _write_graph(folder: Path, outdir: Path, paths: list[str], tasks: list[RenderTask], network: dict,
                 summary: BuildSummary, phase, verify: bool, incremental: bool, extra: list) -> Manifest:
    """Write the graph files and the store into ``folder``; returns the build's :class:`~kg.incremental.Manifest`.

    Copies what it can from the last build in ``outdir`` and updates its
    store in place, as :func:`kg.incremental.plan` decides; else writes and
    loads everything.
    """
    cache = ResultCache.at(tasks[0].cache_dir)
    fragments = {t.name: Path(p).stem for t, p in zip(tasks, paths, strict=True)}
    manifest = Manifest(kg_build=kg_version(), fingerprint=cache.folder.name)
    found = plan(outdir, manifest.fingerprint, fragments, cache, verify=verify, enabled=incremental)
    for note in found.notes if found else ():
        phase(note)
    reused = found.reused if found else {}
    phase(f"writing the graph files ({len(reused)} reports' shares copied from the last build)" if reused
          else "writing the graph files")

    def write(reused: dict[str, Reused], shared: Counter | None):
        return write_graph_files(_items(paths, tasks, reused, found.changed if found else {}), folder,
                                 summary_triples(network["nodes"]) + extra, relations_header=relations_header_csv(),
                                 previous=outdir if reused else None, shared=shared)

    # a store loaded whole reads graph.nt while it is written, unless shares of the file are
    # copied from the last build (in the kernel) or it may be written again (the fallback below)
    loading = StoreLoad(folder) if not reused and (found is None or not found.store) else None
    try:
        try:
            written = write(reused, found.shared if found else None)
        except OSError as exc:
            if not reused:
                raise
            log.warning("could not copy from the last build's files (%s); writing them whole", exc)
            phase(f"could not copy from the last build's files ({exc}); writing them whole")
            found, written = None, write({}, None)
        if loading is not None:
            phase(f"loading {written.triples:,} triples into the store (begun while graph.nt was written)")
            loading.finish()
    finally:
        if loading is not None:
            loading.abandon()  # a failed build: the load ends where the file does (nothing once finished)
    manifest.shared = hashlib.sha256(repr(sorted(written.shared.items())).encode()).hexdigest()[:32]
    cache.dump(written.shared, cache.shared_counts_at(manifest.shared))
    stamps = manifest.record(folder, [t.name for t in tasks], fragments, written)
    cache.dump(stamps, cache.stamps_at(outdir))
    summary.triples, summary.copies, summary.copied = written.triples, written.copies, written.copied
    if found is not None and found.store:
        phase(f"updating the store: {len(found.changed)} reports new or changed, {len(found.gone)} gone")
        try:
            update_store(outdir, folder, found, manifest)
        except (OSError, ValueError, SyntaxError) as exc:
            log.warning("could not update the last build's store (%s); loading it whole", exc)
            phase(f"could not update the last build's store ({exc}); loading it whole")
            shutil.rmtree(folder / STORE_DIR, ignore_errors=True)
            found = None
    if loading is None and (found is None or not found.store):
        phase(f"loading {written.triples:,} triples into the store")
        write_store(folder)
    phase("graph files and store written")
    return manifest


def _write_atomically(outdir: Path, write) -> None:
    """Write into a staging folder beside ``outdir``, then swap it in.

    Raises:
        BuildError: the output folder's parent cannot be written, or a file
            of the build cannot (a full disk): the previous output is kept.
    """
    parent = outdir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise BuildError(f"{outdir}: cannot write the output folder: {exc}") from exc
    try:
        write(staging)
        os.chmod(staging, 0o755)
        old = None
        if outdir.exists():
            old = parent / f".{outdir.name}.old-{os.getpid()}"
            os.replace(outdir, old)
        try:
            os.replace(staging, outdir)
        except OSError:
            if old is not None:
                os.replace(old, outdir)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"{outdir}: the build could not be written ({exc}); the previous output is kept") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
