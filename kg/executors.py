"""Executors of the per-report map: one report file -> its extraction result.

The map is the same everywhere (:func:`extract_one`); an executor only
decides where it runs: in this process (:class:`SerialExecutor`) or in a
pool of local processes (:class:`ProcessExecutor`, ``kg build --jobs N``).
Results come back as :class:`Outcome` values in any order; the build sorts
them by file name, so the output does not depend on the executor.

A report that fails is an :class:`Outcome` with an error, never an
exception: one bad report never sinks the others.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import KGError
from .cache import ResultCache
from .extraction import extract_document, extract_report
from .lexicon import load_lexicon
from .model import ReportResult
from .reading import read_document
from .segmentation import tokenizer_for

__all__ = ["Outcome", "Task", "extract_one", "SerialExecutor", "ProcessExecutor", "make_executor"]


@dataclass(frozen=True)
class Task:
    """One report to extract: its path, its jurisdiction (or ``None``), the lexicon
    folder, and the cache folder (or ``None`` for no cache)."""

    path: Path
    jurisdiction: str | None
    lexicon_dir: str | None
    cache_dir: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of one task: ``result``, or ``error`` (a message that names the file)."""

    name: str
    result: ReportResult | None
    error: str | None
    expected: bool = True  # False for an error kg did not raise on purpose (a bug)
    cached: bool = False


def extract_one(task: Task) -> Outcome:
    """Extract one report (or take it from the cache); errors become the outcome, never an exception."""
    try:
        if task.cache_dir is None:
            return Outcome(task.path.name, extract_report(task.path, load_lexicon(task.lexicon_dir), task.jurisdiction), None)
        cache = ResultCache(task.cache_dir, task.lexicon_dir)
        document = read_document(task.path)
        result = cache.get(document.name, document.sha256, task.jurisdiction)
        if result is not None:
            return Outcome(task.path.name, result, None, cached=True)
        result = extract_document(document, load_lexicon(task.lexicon_dir), task.jurisdiction)
        cache.put(result, task.jurisdiction)
        return Outcome(task.path.name, result, None)
    except KGError as exc:
        return Outcome(task.path.name, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad report never sinks the others
        return Outcome(task.path.name, None, f"{task.path.name}: unexpected {type(exc).__name__}: {exc}", expected=False)


class SerialExecutor:
    """Runs the map in this process, in order."""

    jobs = 1

    def map(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield extract_one(task)


def _warm(lexicon_dir: str | None) -> None:
    tokenizer_for(load_lexicon(lexicon_dir))


class ProcessExecutor:
    """Runs the map in ``jobs`` local processes.

    The lexicon and jieba's dictionary are loaded once in this process before
    the pool forks, so workers share them instead of loading their own
    (where ``fork`` exists; elsewhere each worker loads them once).
    Tasks go out in chunks to keep the per-task overhead small.
    """

    def __init__(self, jobs: int, lexicon_dir: str | None = None, chunksize: int = 8):
        self.jobs = jobs
        self.chunksize = chunksize
        self.lexicon_dir = lexicon_dir

    def map(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if context.get_start_method() == "fork":
            _warm(self.lexicon_dir)
        with ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_warm,
                                 initargs=(self.lexicon_dir,)) as pool:
            yield from pool.map(extract_one, tasks, chunksize=self.chunksize)


def make_executor(jobs: int | None, lexicon_dir: str | None = None):
    """The executor for ``kg build --jobs``.

    Args:
        jobs: 1 (or ``None``) runs in this process; N > 1 a pool of N
            processes; 0 one process per core.

    Raises:
        ValueError: ``jobs`` is negative.
    """
    if jobs is None or jobs == 1:
        return SerialExecutor()
    if jobs < 0:
        raise ValueError("--jobs must be 0 (one per core) or more")
    return ProcessExecutor(jobs or os.cpu_count() or 1, lexicon_dir)
