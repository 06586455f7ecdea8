"""The extraction cache: a report's result, kept by the hash of what made it.

A second build re-extracts only the reports whose file changed. An entry is
found by the report's identity (:mod:`kg.inputs`), the SHA-256 of its bytes and its
jurisdiction, under a folder named by a fingerprint of everything else that
shapes a result: kg's source files and the lexicon files. Changing either
starts a new folder, so a stale result is never read. Beside the results
it keeps the graph fragments rendered from them (:mod:`kg.rdf.graph`), by
result and entity types, so an unchanged report is not serialised again
either. Entries are pickles written atomically; the cache is ours, kept
beside the output (``.kg-cache`` by default), and can be deleted at any time
(``kg cache clear``). A build drops the fingerprint folders other than its
own (:func:`prune_cache`): their entries can never be read again by this kg
and lexicon. ``kg cache info`` says what the cache holds (:func:`cache_info`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .lexicon import lexicon_stamp
from .model import ReportResult
from .resources import unicode_table

__all__ = ["fingerprint", "ResultCache", "FileHashes", "CacheInfo", "cache_info", "clear_cache", "prune_cache"]

_PACKAGE = Path(__file__).resolve().parent
#: The packages that read .docx, .pdf and web pages (:mod:`kg.reading`): their versions are part of the fingerprint.
_READER_PACKAGES = ("python-docx", "pdfminer.six", "readability-lxml", "lxml")


def fingerprint(lexicon_dir: str | None) -> str:
    """SHA-256 (hex, 16 characters) of kg's ``*.py`` files, the lexicon's ``*.txt`` files, the character
    tables and the versions of the readers' packages. Not the tagger's model: builds run the rules
    alone (:mod:`kg.mentions.tagger`), so their results do not depend on it.

    Computed again whenever a lexicon file changes (:func:`kg.lexicon.lexicon_stamp`).
    """
    return _fingerprint(lexicon_stamp(lexicon_dir))


@functools.lru_cache(maxsize=4)
def _fingerprint(stamp: tuple) -> str:
    digest = hashlib.sha256()
    files = sorted(_PACKAGE.rglob("*.py")) + sorted(Path(stamp[0]).glob("*.txt")) + sorted(unicode_table("").glob("*.tsv"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in _READER_PACKAGES:  # the readers' text depends on their versions
        try:
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()[:16]


class ResultCache:
    """Results of one code-and-lexicon fingerprint, in ``root/<fingerprint>/``."""

    def __init__(self, root: str | Path, lexicon_dir: str | None = None):
        self.folder = Path(root) / fingerprint(lexicon_dir)

    @classmethod
    def at(cls, folder: str | Path) -> ResultCache:
        """The cache of one fingerprint folder, as :attr:`folder` named it.

        A build fixes the folder once, in its own process, and hands it to
        the workers: a worker that computed the fingerprint again while kg's
        files were being edited would look in another folder.
        """
        cache = cls.__new__(cls)
        cache.folder = Path(folder)
        return cache

    def _path(self, name: str, data_sha256: str, jurisdiction: str | None) -> Path:
        key = hashlib.sha256(f"{name}\x1f{data_sha256}\x1f{jurisdiction or ''}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, name: str, data_sha256: str, jurisdiction: str | None) -> ReportResult | None:
        """The cached result, or ``None`` (absent or unreadable)."""
        return self.load(self._path(name, data_sha256, jurisdiction))

    def put(self, result: ReportResult, jurisdiction: str | None) -> None:
        """Keep a result, and its text as read beside it (:meth:`text_path`); atomically, a failure only loses the entry."""
        path = self._path(result.document.name, result.document.sha256, jurisdiction)
        _write_text(result.document.text, path.with_suffix(".txt"))
        _dump(result, path)

    def text_path(self, name: str, data_sha256: str, jurisdiction: str | None) -> Path:
        """Where the text as read of a kept result is (UTF-8), what a build copies to ``texts/``."""
        return self._path(name, data_sha256, jurisdiction).with_suffix(".txt")

    def has(self, name: str, data_sha256: str, jurisdiction: str | None) -> bool:
        """Whether a result is kept for this report (without reading it)."""
        return self._path(name, data_sha256, jurisdiction).is_file()

    def get_digest(self, name: str, data_sha256: str, jurisdiction: str | None):
        """The cached :class:`~kg.digest.ReportDigest` of a result, or ``None``."""
        return self.load(self._path(name, data_sha256, jurisdiction).with_suffix(".digest.pickle"))

    def put_digest(self, digest, jurisdiction: str | None) -> None:
        """Keep a result's digest beside it (atomically; a failure only loses the entry)."""
        _dump(digest, self._path(digest.name, digest.sha256, jurisdiction).with_suffix(".digest.pickle"))

    def fragment_path(self, name: str, data_sha256: str, jurisdiction: str | None, types: tuple,
                      facets: tuple = (), curation: tuple = ()) -> Path:
        """Where the graph fragment of a report's result rendered with these entity types is kept.

        Args:
            types: ``(entity key, type)`` of every entity of the report, sorted:
                a fragment holds each entity's class, settled across reports,
                so it is kept per types as well as per result.
            facets: ``(facet, value)`` a manifest sets for the report, sorted
                (none: the key is the one of earlier versions).
            curation: the hand-curation entries applied to the report
                (:class:`kg.curation.Entry`; their numbers are not part of the key).
        """
        parts = [name, data_sha256, jurisdiction or "", *(f"{k}\x1e{t.value}" for k, t in types)]
        parts += [f"{f}\x1d{v}" for f, v in facets]
        parts += ["\x1c".join((e.action, e.name, *e.values)) for e in curation]
        key = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return self.fragment_at(key)

    def fragment_at(self, key: str) -> Path:
        """Where the fragment of key ``key`` (the stem of a :meth:`fragment_path`) is kept."""
        return self.folder / "fragments" / key[:2] / f"{key}.pickle"

    def stamps_at(self, outdir: str | Path) -> Path:
        """Where the graph files' stamps of the build in ``outdir`` are kept (:class:`kg.incremental.FileStamp`).

        Kept here, by the folder's absolute path, not in the build: the
        stamps change from build to build, the build's files do not.
        """
        key = hashlib.sha256(str(Path(outdir).absolute()).encode()).hexdigest()[:32]
        return self.folder / "stamps" / f"{key}.pickle"

    def communities_path(self) -> Path:
        """Where the last build's communities are kept, with the digest of their graph (:func:`kg.communities.communities`)."""
        return self.folder / "communities.pickle"

    def shared_counts_at(self, key: str) -> Path:
        """Where a build's shared-triple counts (:attr:`kg.rdf.export.Written.shared`) of key ``key`` are kept."""
        return self.folder / "shared" / f"{key}.pickle"

    @staticmethod
    def load(path: Path):
        """The object pickled at ``path``, or ``None`` (absent or unreadable)."""
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    @staticmethod
    def dump(value, path: Path) -> bool:
        """Pickle ``value`` to ``path`` atomically; ``False`` if it could not be written."""
        return _dump(value, path)


class FileHashes:
    """The SHA-256 of report files, remembered by their ``stat``, as git's index does.

    A rebuild of ten thousand reports would otherwise read and hash every
    file (about 300 MB) only to learn that one changed. A file is hashed
    again when its size, modification time, change time or inode differ
    from what was seen when it was hashed. A file modified within
    :attr:`RACY_SECONDS` of being hashed is not remembered: a second change
    in the same clock tick would keep its times (git's "racy" case).
    Kept in ``root/files.pickle``, shared by every fingerprint.
    """

    #: A file younger than this (seconds) when hashed is hashed again next time.
    RACY_SECONDS = 2.0

    def __init__(self, root: str | Path):
        self.path = Path(root) / "files.pickle"
        known = ResultCache.load(self.path)
        self.known: dict[str, tuple] = known if isinstance(known, dict) else {}
        self.changed = False

    @staticmethod
    def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
        return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino

    def sha256(self, path: Path) -> str:
        """The SHA-256 (hex) of the file's bytes, read only if its ``stat`` changed.

        Raises:
            OSError: the file cannot be read.
        """
        key = os.path.abspath(path)
        stat = os.stat(key)
        stamp = self._stamp(stat)
        entry = self.known.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        with open(key, "rb") as handle:
            sha256 = hashlib.sha256(handle.read()).hexdigest()
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - self.RACY_SECONDS * 1e9:
            self.known[key] = (stamp, sha256)
            self.changed = True
        return sha256

    def save(self) -> None:
        """Keep what was learnt (atomically; a failure only loses it)."""
        if self.changed:
            _dump(self.known, self.path)
            self.changed = False


def _dump(value, path: Path) -> bool:
    return _write(path, lambda out: pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL))


def _write_text(text: str, path: Path) -> bool:
    return _write(path, lambda out: out.write(text.encode("utf-8")))


def _write(path: Path, write) -> bool:
    """Write a file atomically with ``write(binary handle)``; ``False`` if it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True
    except OSError:
        return False


_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_BUCKET = re.compile(r"[0-9a-f]{2}")  # results are kept in folders named by their key's first two hex digits


@dataclass(frozen=True)
class CacheInfo:
    """What a cache folder holds.

    Attributes:
        root: the cache folder.
        fingerprints: per fingerprint folder, ``(fingerprint, results, fragments, bytes)``, sorted.
        bytes: the size of everything in the folder (bytes, as ``du --apparent-size``).
    """

    root: Path
    fingerprints: list[tuple[str, int, int, int]]
    bytes: int


def _folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and _FINGERPRINT.fullmatch(p.name)) if root.is_dir() else []


def cache_info(root: str | Path) -> CacheInfo:
    """Count the results, fragments and bytes of each fingerprint folder of a cache (nothing is read but ``stat``).

    One walk of the folder: each file counts towards the fingerprint folder it lies in, and towards the total.
    """
    root = Path(root)
    rows = {folder.name: [0, 0, 0] for folder in _folders(root)}
    total = 0
    for path in root.rglob("*") if root.is_dir() else ():
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        parts = path.relative_to(root).parts
        if parts[0] not in rows:
            continue
        row = rows[parts[0]]
        row[2] += size
        if path.name.endswith(".pickle") and not path.name.endswith(".digest.pickle") and len(parts) == 3:
            row[0] += _BUCKET.fullmatch(parts[1]) is not None
        elif path.name.endswith(".pickle") and len(parts) == 4 and parts[1] == "fragments":
            row[1] += 1
    return CacheInfo(root, [(name, *counts) for name, counts in sorted(rows.items())], total)


def clear_cache(root: str | Path) -> list[str]:
    """Delete the fingerprint folders of a kg cache and its file hashes.

    Only what kg writes is deleted; the folder and its ``CACHEDIR.TAG`` stay.

    Returns:
        The fingerprints deleted.

    Raises:
        BuildError: ``root`` is not a kg cache folder (see :func:`kg.folders.claim_cache_folder`).
    """
    from .folders import claim_cache_folder

    root = Path(root)
    if not root.exists():
        return []
    claim_cache_folder(root)
    gone = prune_cache(root, None)
    (root / "files.pickle").unlink(missing_ok=True)
    return gone


def prune_cache(root: str | Path, current: str | None) -> list[str]:
    """Drop the fingerprint folders other than ``current`` (a build's own; ``None``: all); returns those dropped.

    A folder is named by the fingerprint of the kg code, lexicon and tables
    that wrote it: once those changed, nothing reads its entries again.
    """
    gone = []
    for folder in _folders(Path(root)):
        if folder.name != current:
            shutil.rmtree(folder, ignore_errors=True)
            gone.append(folder.name)
    return gone
