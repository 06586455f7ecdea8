"""Executors of the per-report map: one report file -> its extraction result.

The map is the same everywhere (:func:`extract_one`, then :func:`render_one`);
an executor only decides where it runs: in this process (:class:`SerialExecutor`),
in a pool of local processes (:class:`ProcessExecutor`, ``kg build --jobs N``),
or on an existing Dask cluster (:class:`DaskExecutor`, ``kg build
--executor dask --scheduler ADDRESS``). All three implement :class:`Executor`.
Results come back as :class:`Outcome` values in any order; the build sorts
them by file name, so the output does not depend on the executor.

A report that fails is an :class:`Outcome` with an error, never an
exception: one bad report never sinks the others.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from .errors import BuildError, KGError
from .cache import FileHashes, ResultCache
from .lexicon import load_lexicon
from .digest import ReportDigest, digest
from .model import EntityType, ReportResult
from .rdf.graph import Fragment, render_fragment
from .tables import relations_rows_csv
from .reading import document_from_bytes, read_bytes, read_document

__all__ = ["Executor", "Outcome", "Task", "extract_one", "extract_all", "RenderTask", "render_one", "render_all", "SerialExecutor", "ProcessExecutor", "DaskExecutor", "make_executor"]


class Executor(Protocol):
    """Where the per-report map runs.

    ``map(tasks, function)`` applies ``function`` (a module-level function,
    picklable: :func:`extract_one` by default, or :func:`render_one`) to each
    task and yields the results: in task order for every function but
    :func:`extract_one`, whose :class:`Outcome` values name their report and
    may come in any order. ``close()`` releases what the executor holds (a
    Dask client it opened); ``jobs`` is how many reports run at once.
    """

    jobs: int

    def map(self, tasks: Iterable, function: Callable = ...) -> Iterator: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Task:
    """One report to extract: its path, its jurisdiction (or ``None``), the lexicon
    folder, the cache's fingerprint folder (:attr:`kg.cache.ResultCache.folder`,
    or ``None`` for no cache), and the report's identity (default: the file's
    name; :mod:`kg.inputs`)."""

    path: Path
    jurisdiction: str | None
    lexicon_dir: str | None
    cache_dir: str | None = None
    data: bytes | None = None  # the file's bytes, for workers that cannot read the path
    name: str = ""

    def __post_init__(self):
        if not self.name:
            object.__setattr__(self, "name", self.path.name)


@dataclass(frozen=True)
class Outcome:
    """The outcome of one task: the report's ``digest``, or ``error`` (a message that names the file).

    ``result`` is set only where the result is not already in the cache
    (a Dask worker's, or a build without a cache): the build keeps it.
    """

    name: str
    digest: ReportDigest | None
    error: str | None
    expected: bool = True  # False for an error kg did not raise on purpose (a bug)
    cached: bool = False
    result: ReportResult | None = None


def _render(result: ReportResult, types: dict[str, EntityType]) -> Fragment:
    return replace(render_fragment(result, types), relations_csv=relations_rows_csv(result))


def _cached_digest(cache: ResultCache, name: str, sha256: str, jurisdiction: str | None) -> ReportDigest | None:
    """The digest of a report's cached result (made again from the result if only it is kept), or ``None``."""
    if not cache.has(name, sha256, jurisdiction):
        return None
    found = cache.get_digest(name, sha256, jurisdiction)
    if found is None and (result := cache.get(name, sha256, jurisdiction)):
        found = digest(result)
        cache.put_digest(found, jurisdiction)
    return found


def _cached_sha256(task: Task, hashes: FileHashes | None) -> str | None:
    """The SHA-256 of a task's file when the cache holds its result (read in this process), else ``None``."""
    if task.cache_dir is None or task.data is not None:
        return None
    try:
        sha256 = hashes.sha256(task.path) if hashes is not None else hashlib.sha256(task.path.read_bytes()).hexdigest()
    except OSError:
        return None  # the executor names the error
    return sha256 if ResultCache.at(task.cache_dir).has(task.name, sha256, task.jurisdiction) else None


def extract_all(executor, tasks: list[Task], hashes: FileHashes | None = None) -> Iterator[Outcome]:
    """The outcomes of all tasks: those the cache holds read here, the others extracted by ``executor``.

    Two passes: the first finds, by the files' hashes alone, the reports
    the cache lacks and sends them to the executor; the second reads the
    cached digests while the executor works. An executor is started only if
    a report is lacking: a rebuild with nothing new starts no pool of
    processes and loads no dictionary, a rebuild with one report changed
    starts one worker, and a cluster is sent only the reports to extract.
    A digest found unreadable in the second pass (a damaged cache) is
    extracted again at the end. Outcomes come in no particular order.

    Args:
        hashes: the files' hashes remembered by their ``stat``
            (:class:`kg.cache.FileHashes`), so an unchanged file is not read;
            ``None`` to read and hash every file.
    """
    cached, to_extract = [], []
    for task in tasks:
        sha256 = _cached_sha256(task, hashes)
        if sha256 is None:
            to_extract.append(task)
        else:
            cached.append((task, sha256))
    results = executor.map(to_extract) if to_extract else iter(())
    again = []
    for task, sha256 in cached:
        found = _cached_digest(ResultCache.at(task.cache_dir), task.name, sha256, task.jurisdiction)
        if found is None:
            again.append(task)
        else:
            yield Outcome(task.name, found, None, cached=True)
    yield from results
    if again:
        yield from executor.map(again)


def extract_one(task: Task) -> Outcome:
    """Extract one report (or take it from the cache); errors become the outcome, never an exception.

    With a cache, a new result is kept there with its digest and its graph
    fragment, rendered with the types this report gives its entities (where
    the build settles the same types, which is most entities, :func:`render_one`
    finds it ready); only the digest travels back. Results travel without
    their tokens (:meth:`~kg.model.ReportResult.without_tokens`).
    """
    from .extraction import extract_document, extract_report  # jieba: only where a report is extracted

    try:
        if task.data is not None or task.cache_dir is None:
            lexicon = load_lexicon(task.lexicon_dir)
            if task.data is not None:
                result = extract_document(document_from_bytes(task.data, task.name), lexicon, task.jurisdiction)
            else:
                result = extract_report(task.path, lexicon, task.jurisdiction, task.name)
            result = result.without_tokens()
            return Outcome(task.name, digest(result), None, result=result)
        cache = ResultCache.at(task.cache_dir)
        data = read_bytes(task.path)  # the cache is keyed by the bytes: a cached report is not decoded
        name, sha256 = task.name, hashlib.sha256(data).hexdigest()
        if (found := _cached_digest(cache, name, sha256, task.jurisdiction)) is not None:
            return Outcome(name, found, None, cached=True)
        document = document_from_bytes(data, name)
        result = extract_document(document, load_lexicon(task.lexicon_dir), task.jurisdiction).without_tokens()
        found = digest(result)
        cache.put(result, task.jurisdiction)
        cache.put_digest(found, task.jurisdiction)
        cache.dump(_render(result, dict(found.types)),
                   cache.fragment_path(document.name, document.sha256, task.jurisdiction, found.types))
        return Outcome(task.name, found, None)
    except KGError as exc:
        return Outcome(task.name, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad report never sinks the others
        return Outcome(task.name, None, f"{task.name}: unexpected {type(exc).__name__}: {exc}", expected=False)


@dataclass(frozen=True)
class RenderTask:
    """One report's graph fragment to render: the report's file, where its
    result is cached (the cache's fingerprint folder), ``types``, the
    sorted ``(entity key, type)`` of its entities settled across reports,
    the report's identity (default: the file's name), the facets its
    folder's ``manifest.csv`` sets (``(facet, value)``, sorted; :data:`kg.inputs.MANIFEST_FACETS`),
    and the hand-curation entries that apply to it (:class:`kg.curation.Entry`, in order)."""

    path: Path
    sha256: str
    jurisdiction: str | None
    lexicon_dir: str | None
    cache_dir: str
    types: tuple[tuple[str, EntityType], ...]
    name: str = ""
    facets: tuple[tuple[str, str], ...] = ()
    curation: tuple = ()

    def __post_init__(self):
        if not self.name:
            object.__setattr__(self, "name", self.path.name)


#: A manifest's facet -> the :class:`~kg.model.Metadata` field it sets, and how its text becomes the value.
_FACET_FIELDS = {"year": ("year", int), "level": ("level", str), "kind": ("kind", str), "code": ("division_code", str)}


def _with_facets(metadata, facets: dict[str, str]):
    """The report's metadata with the facets a manifest sets (year, level, kind, code) in place of its own."""
    return replace(metadata, **{_FACET_FIELDS[f][0]: _FACET_FIELDS[f][1](v) for f, v in facets.items() if f in _FACET_FIELDS})


def render_one(task: RenderTask) -> str:
    """Render a report's :class:`~kg.rdf.graph.Fragment` into the cache, unless it is there.

    A result missing from the cache (deleted or damaged since it was
    extracted) is extracted again from the file.

    Returns:
        The path of the pickled fragment.

    Raises:
        BuildError: the report changed or vanished since it was extracted, or
            the fragment cannot be written.
    """
    cache = ResultCache.at(task.cache_dir)
    path = cache.fragment_path(task.name, task.sha256, task.jurisdiction, task.types, task.facets, task.curation)
    if path.is_file():
        return str(path)
    result = cache.get(task.name, task.sha256, task.jurisdiction)
    if result is None:
        from .extraction import extract_document

        document = read_document(task.path, task.name)
        if document.sha256 != task.sha256:
            raise BuildError(f"{task.path}: the file changed while it was being built; build again")
        result = extract_document(document, load_lexicon(task.lexicon_dir), task.jurisdiction).without_tokens()
        cache.put(result, task.jurisdiction)
    if task.facets:
        result = replace(result, metadata=_with_facets(result.metadata, dict(task.facets)))
    if task.curation:
        from .curation import Curation

        result, _ = Curation(task.curation).apply(result)
    if not cache.dump(_render(result, dict(task.types)), path):
        raise BuildError(f"{task.name}: its graph could not be written to the cache {cache.folder}")
    return str(path)


def render_all(executor, tasks: list[RenderTask]) -> Iterator[str]:
    """:func:`render_one` over the tasks, the paths in task order; fragments the cache holds are found here, not in ``executor``."""
    paths = [ResultCache.at(t.cache_dir).fragment_path(t.name, t.sha256, t.jurisdiction, t.types, t.facets, t.curation)
             for t in tasks]
    missing = [i for i, path in enumerate(paths) if not path.is_file()]
    rendered = iter(executor.map([tasks[i] for i in missing], render_one) if missing else ())
    missing = set(missing)
    for i, path in enumerate(paths):
        yield next(rendered) if i in missing else str(path)


class SerialExecutor:
    """Runs the map in this process, in order."""

    jobs = 1

    def map(self, tasks: Iterable[Task], function=extract_one) -> Iterator:
        for task in tasks:
            yield function(task)

    def close(self) -> None:
        """Nothing to release."""


#: How often (seconds) a worker checks that the build that started it is alive.
_PARENT_POLL_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """Exit this worker as soon as its parent, the build, is gone (killed with ``kill -9``, crashed).

    A worker blocked on the pool's queue lock or on a full result pipe
    never notices by itself; ``PR_SET_PDEATHSIG`` is no help, since it fires
    when the forking *thread* exits and the pool forks from its own threads.
    An orphan is re-parented (to init or a subreaper), so ``os.getppid()``
    changes: a daemon thread polls it and ends the process. A worker started
    by a fork server has that server as its parent (``parent`` is then not
    its parent): it watches the server, which exits with the build.
    """
    if os.getppid() != parent:
        parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _warm(lexicon_dir: str | None, parent: int) -> None:
    """A pool worker's start: leave Ctrl-C to the build, exit with it, load jieba's dictionary."""
    from .segmentation import segmenter_for

    # Ctrl-C reaches the whole process group; the build alone answers it (one line,
    # no traceback per worker) and ends the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    gc.enable()  # forked from a build that pauses the collector while it merges digests (kg.pipeline)
    segmenter_for(load_lexicon(lexicon_dir))


class ProcessExecutor:
    """Runs the map in ``jobs`` local processes.

    Each worker loads the lexicon and jieba's dictionary once, when it
    starts (about 2 s), while this process goes on reading the cache: a
    rebuild with one report changed waits for the slower of the two, not
    for both. Tasks go out in chunks to keep the per-task overhead small.

    Workers are forked (``start_method`` ``None``), or started by
    ``forkserver``/``spawn`` when this process runs threads that a fork
    would copy in an unknown state: a Dask client's (``kg build --executor
    dask``), where a forked child could deadlock on a lock one of them held.
    """

    def __init__(self, jobs: int, lexicon_dir: str | None = None, chunksize: int = 8, start_method: str | None = None):
        self.jobs = jobs
        self.chunksize = chunksize
        self.lexicon_dir = lexicon_dir
        self.start_method = start_method

    def map(self, tasks: Iterable[Task], function=extract_one) -> Iterator:
        """``function`` over the tasks in the pool, results in task order.

        The tasks are all read and sent to the pool by this call; the
        results come as the returned iterator is read, and the pool closes
        when it is exhausted.
        """
        tasks = list(tasks)
        if not tasks:
            return iter(())
        methods = multiprocessing.get_all_start_methods()
        method = self.start_method or ("fork" if "fork" in methods else "spawn")
        context = multiprocessing.get_context(method if method in methods else "spawn")
        # no more workers than tasks: each loads jieba's dictionary, on a core the build may need
        pool = ProcessPoolExecutor(min(self.jobs, len(tasks)), mp_context=context, initializer=_warm,
                                   initargs=(self.lexicon_dir, os.getpid()))
        try:
            results = pool.map(function, tasks, chunksize=self.chunksize)
        except BaseException:
            _stop(pool)
            raise
        return _closing(pool, results)

    def close(self) -> None:
        """Nothing to release: each :meth:`map` closes its own pool."""


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, not after the reports they hold."""
    processes = list(pool._processes.values()) if getattr(pool, "_processes", None) else []
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)


def _closing(pool: ProcessPoolExecutor, results: Iterator) -> Iterator:
    """The results, then the pool shut down; on an interruption (Ctrl-C, an error, the build gone) the workers ended."""
    try:
        yield from results
    except BaseException:  # GeneratorExit too: the build stopped reading
        _stop(pool)
        raise
    pool.shutdown()


class DaskExecutor:
    """Runs the map on an existing Dask cluster (``distributed``).

    Each task travels with its file's bytes, so workers need no access to
    the files, only kg installed (the same version, with its lexicon, or a
    ``--lexicon`` folder they can read). The extraction cache stays with
    this process: :func:`extract_all` sends only the reports it lacks, and
    new results are kept here.

    Args:
        scheduler: the scheduler's address (``tcp://host:8786``) or a
            ``distributed.Client``.

    Raises:
        BuildError: ``distributed`` is not installed or the scheduler cannot
            be reached.
    """

    def __init__(self, scheduler, lexicon_dir: str | None = None):
        try:
            from distributed import Client
        except ImportError as exc:
            raise BuildError("--executor dask needs Dask: pip install 'dask[distributed]'") from exc
        self.lexicon_dir = lexicon_dir
        if isinstance(scheduler, Client):
            self.client, self._own = scheduler, False
        else:
            try:
                self.client, self._own = Client(scheduler, timeout="20s"), True
            except OSError as exc:
                raise BuildError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            self.jobs = sum(self.client.nthreads().values()) or 1
        except Exception:  # noqa: BLE001 - a figure for the progress line only
            self.jobs = 1

    def map(self, tasks: Iterable, function: Callable = extract_one) -> Iterator:
        """``function`` over the tasks on the cluster.

        For :func:`extract_one`, each task travels with its file's bytes and
        without the cache; a new result is kept in this process's cache here,
        once (the outcome comes back without it), and outcomes come as they
        finish. Any other function gets the tasks as they are (the workers
        must reach what they name) and gives its results in task order.
        """
        from distributed import as_completed

        if function is not extract_one:
            futures = self.client.map(function, list(tasks), pure=False)
            for future in futures:
                yield future.result()
            return
        to_send = []
        for task in tasks:
            try:
                data = task.path.read_bytes()
            except OSError as exc:
                yield Outcome(task.name, None, f"{task.name}: cannot be read: {exc.strerror or exc}")
                continue
            to_send.append(replace(task, data=data))
        futures = self.client.map(extract_one, [replace(t, cache_dir=None) for t in to_send], pure=False)
        by_key = {f.key: t for f, t in zip(futures, to_send, strict=True)}
        for future in as_completed(futures):
            outcome = future.result()
            task = by_key[future.key]
            if outcome.result is not None and task.cache_dir is not None:
                cache = ResultCache.at(task.cache_dir)
                cache.put(outcome.result, task.jurisdiction)
                cache.put_digest(outcome.digest, task.jurisdiction)
                outcome = replace(outcome, result=None)  # kept: the build need not keep it again
            yield outcome

    def close(self) -> None:
        """Close the client this executor opened (not one it was given)."""
        if self._own:
            self.client.close()


def make_executor(jobs: int | None, lexicon_dir: str | None = None, executor: str = "local", scheduler=None,
                  start_method: str | None = None) -> Executor:
    """The executor for ``kg build --jobs``.

    Args:
        jobs: 1 (or ``None``) runs in this process; N > 1 a pool of N
            processes; 0 one process per core.
        executor: ``local`` (the above) or ``dask``.
        scheduler: the Dask scheduler's address, for ``dask``.
        start_method: how a local pool starts its workers (see :class:`ProcessExecutor`).

    Raises:
        ValueError: ``jobs`` is negative, or ``dask`` without a scheduler.
    """
    if executor == "dask":
        if not scheduler:
            raise ValueError("--executor dask needs --scheduler ADDRESS")
        return DaskExecutor(scheduler, lexicon_dir)
    if jobs is None or jobs == 1:
        return SerialExecutor()
    if jobs < 0:
        raise ValueError("--jobs must be 0 (one per core) or more")
    return ProcessExecutor(jobs or os.cpu_count() or 1, lexicon_dir, start_method=start_method)
