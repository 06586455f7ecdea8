"""The SPARQL store of a build: an Oxigraph database in ``OUTDIR/store``.

The store's default graph holds every triple of the build once: the RDF
merge of the reports' graphs, which is ``graph.nt``. Which report says what
is in the triples themselves, as shared/spec/GRAPH.md asks: a mention's
``nif:referenceContext`` and a statement's ``prov:wasDerivedFrom`` are its
report. The per-report named graphs are in ``graph.trig`` and
``graph.jsonld``, and ``kg push`` sends them; the store does not repeat them.
Measured on 10,000 reports (18.4 M triples): loading into the default graph
took 82 s and compacting 24 s, against 122 s and 61 s for the same triples
in a named graph, which Oxigraph indexes six ways instead of three. The same
database is what ``kg serve`` hands to the Oxigraph server. A build with no
store is loaded from its files instead.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["write_store", "StoreLoad", "update_store", "open_store", "run_query", "STORE_DIR", "STORE_LAYOUT"]

#: The database folder inside a build folder.
STORE_DIR = "store"
#: The store's layout, recorded as ``layout`` in ``build.json``: 2, the
#: default graph only; 1, before, also a named graph per report. A build
#: updates the last store in place only when its layout is this one.
STORE_LAYOUT = 2


def write_store(folder: Path, source: BinaryIO | None = None) -> None:
    """Load a build's ``graph.nt`` into the default graph of ``folder / STORE_DIR``, then compact it.

    Oxigraph's bulk loader parses the file itself, far faster than taking
    Python objects, and leniently (no IRI validation, about 15 % less CPU):
    the file was written by Oxigraph's own serialiser in this build. The
    compaction (``optimize``) merges the loader's files: without it,
    queries over 10,000 reports were 3 to 7 times slower, and the next
    build's in-place update paid the compaction instead.

    Args:
        folder: the build folder.
        source: ``graph.nt``'s bytes as a binary file object, when they are
            read otherwise than from the finished file (:class:`StoreLoad`).

    Raises:
        OSError: the file cannot be read or the store written.
        SyntaxError: ``graph.nt`` is not N-Triples.
    """
    store = ox.Store(str(folder / STORE_DIR))
    where = {"input": source} if source is not None else {"path": str(folder / "graph.nt")}
    store.bulk_load(**where, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)
    store.flush()
    store.optimize()
    del store


class StoreLoad:
    """:func:`write_store` in a thread of its own that reads ``graph.nt`` while the build writes it.

    Writing the graph files is one thread's work (its other core idles) and
    the bulk load waited for it; side by side, the load uses the core the
    writing leaves idle. Measured on 1,000 generated reports
    (``bench/scale.py``): the graph files took 3.7 s, then the load 6.5 s
    and the compaction 2.3 s; side by side, all three took 10.4 s against
    12.5 s. The loader reads ``graph.nt`` as it grows
    (:class:`_Growing`) and ends at its end once :meth:`finish` says the
    file is whole, so the store holds exactly the finished file's triples.

    Only for a file written from start to end by one writer: a file that is
    rewritten (truncated) while it is read would load a mix.
    """

    def __init__(self, folder: Path):
        self._whole = threading.Event()
        self._error: BaseException | None = None
        source = io.BufferedReader(_Growing(folder / "graph.nt", self._whole), buffer_size=_READ_BYTES)
        self._thread = threading.Thread(target=self._load, args=(folder, source), name="kg-store", daemon=True)
        self._thread.start()

    def _load(self, folder: Path, source: BinaryIO) -> None:
        try:
            with source:
                write_store(folder, source)
        except BaseException as exc:  # noqa: BLE001 - handed to the build by finish()
            self._error = exc

    def finish(self) -> None:
        """``graph.nt`` is whole: wait for the load and the compaction to end.

        Raises:
            OSError, SyntaxError: what :func:`write_store` raised.
        """
        self._whole.set()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """The build failed: end the load at what was written, and wait for it (its errors are moot)."""
        self._whole.set()
        self._thread.join()


#: How much :class:`StoreLoad` reads at a time (bytes), and how long it waits for more (seconds).
_READ_BYTES, _WAIT_SECONDS = 1 << 20, 0.005


class _Growing(io.RawIOBase):
    """A file read while another thread writes it: at its current end, :meth:`readinto` waits for
    more, or ends (returns 0) once ``whole`` is set and the last bytes are read."""

    def __init__(self, path: Path, whole: threading.Event):
        super().__init__()
        self._path, self._whole, self._file, self._ended = path, whole, None, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._file is None:
                try:
                    self._file = open(self._path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
                except FileNotFoundError:
                    if self._whole.is_set():
                        return 0  # the build failed before it wrote the file
                    time.sleep(_WAIT_SECONDS)
                    continue
            read = self._file.readinto(buffer)
            if read or self._ended:
                return read
            if self._whole.is_set():
                self._ended = True  # read once more: the bytes written before it was set
            else:
                time.sleep(_WAIT_SECONDS)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def update_store(previous: Path, folder: Path, removed: list[bytes], added: list[bytes],
                 old_tail: bytes, new_tail: bytes) -> None:
    """Make ``folder / STORE_DIR`` from the previous build's store by applying what changed.

    The previous store is copied by a RocksDB checkpoint (hard links, so
    almost free on the same file system), then: the own triples of each
    removed or changed report (its node, mentions and statements, which no
    other report holds) are removed, those of each new or changed report
    added, and the shared triples and counts (the tail of ``graph.nt``)
    brought to the new build's by their difference. The result holds the
    same triples as :func:`write_store` on the new files; a test checks it.

    Args:
        previous: the previous build folder (its store is only read).
        folder: the new build folder, with its graph files written.
        removed: the own triples (N-Triples) of the reports gone or changed,
            as the previous ``graph.nt`` holds them.
        added: the own triples (N-Triples) of the new and changed reports
            (:class:`kg.rdf.graph.Fragment`'s ``own_nt``).
        old_tail, new_tail: the shared and count triples of the two builds (N-Triples).

    Raises:
        OSError: the previous store cannot be read or the new one written.
        SyntaxError: the N-Triples do not parse.
    """
    target = folder / STORE_DIR
    ox.Store.read_only(str(previous / STORE_DIR)).backup(str(target))
    store = ox.Store(str(target))
    old, new = set(old_tail.splitlines()), set(new_tail.splitlines())
    gone = b"".join(removed) + b"\n".join(sorted(old - new))
    for triple in ox.parse(gone, format=ox.RdfFormat.N_TRIPLES):
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))
    gained = b"".join(added) + b"\n".join(sorted(new - old))
    if gained:
        store.load(gained, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    store.flush()
    del store


def open_store(outdir: str | Path) -> ox.Store:
    """Open a build's store read-only, or load its ``graph.nt`` into memory when it has no store.

    Raises:
        QueryError: the folder holds no build.
    """
    outdir = Path(outdir)
    if (outdir / STORE_DIR).is_dir():
        try:
            return ox.Store.read_only(str(outdir / STORE_DIR))
        except OSError as exc:
            raise QueryError(f"{outdir / STORE_DIR}: cannot open the store: {exc}") from exc
    if not (outdir / "graph.nt").is_file():
        raise QueryError(f"{outdir / 'graph.nt'}: no build found; run 'kg build' first")
    store = ox.Store()
    store.bulk_load(path=str(outdir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store


def run_query(store: ox.Store, sparql: str):
    """Run a SPARQL 1.1 query over the store.

    Returns:
        Oxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

    Raises:
        QueryError: the query does not parse or fails.
    """
    try:
        return store.query(sparql)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc
