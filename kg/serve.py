"""Serve a build: a SPARQL 1.1 Protocol endpoint and the two pages, on 127.0.0.1.

No HTTP code of our own: the endpoint is the Oxigraph server (the
``oxigraph`` command of the ``oxigraph`` package on PyPI) over the build's
store, read-only unless asked; the pages (``network.html``, ``across.html``)
are served by Python's standard ``http.server``, limited to those files.

Endpoints (Oxigraph's): ``http://127.0.0.1:PORT/query`` (GET or POST, the
SPARQL 1.1 Protocol), ``/store`` (the Graph Store Protocol, read-only) and
``/`` (a query page). Pages: ``http://127.0.0.1:PAGES_PORT/network.html``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from .errors import BuildError
from .rdf.store import STORE_DIR

__all__ = ["Server", "oxigraph_command", "free_port", "PAGES"]

#: The files of a build the page server hands out.
PAGES = ("network.html", "across.html")
_HOST = "127.0.0.1"


def oxigraph_command() -> str:
    """The path of the ``oxigraph`` server command.

    Raises:
        BuildError: it is not installed (``pip install oxigraph``).
    """
    beside = Path(sys.executable).with_name("oxigraph")
    found = shutil.which("oxigraph") or (str(beside) if beside.exists() else None)
    if not found:
        raise BuildError("the Oxigraph server is not installed: pip install oxigraph")
    return found


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves only :data:`PAGES`; ``/`` goes to ``network.html``."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        name = self.path.split("?", 1)[0].lstrip("/") or "network.html"
        if name not in PAGES:
            self.send_error(404, "only network.html and across.html are served")
            return
        self.path = "/" + name
        super().do_GET()

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def log_message(self, format, *args):  # quiet: the terminal shows the URLs
        pass


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((_HOST, port)) != 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for tests and benchmarks)."""
    with socket.socket() as s:
        s.bind((_HOST, 0))
        return s.getsockname()[1]


class Server:
    """The endpoint and the page server of one build.

    Args:
        outdir: the build folder (it must hold ``store/``).
        port: the SPARQL endpoint's port.
        pages_port: the page server's port (default ``port + 1``).
        writable: run Oxigraph read-write (SPARQL Update, Graph Store writes).

    Raises:
        BuildError: no store in ``outdir``, a port is taken, or the endpoint
            did not come up within ``timeout`` seconds.
    """

    def __init__(self, outdir: str | Path = "output", port: int = 7878, pages_port: int | None = None,
                 writable: bool = False):
        self.outdir = Path(outdir)
        self.port = port
        self.pages_port = pages_port or port + 1
        self.writable = writable
        if not (self.outdir / STORE_DIR).is_dir():
            raise BuildError(f"{self.outdir / STORE_DIR}: no store; run 'kg build' first")
        self._oxigraph: subprocess.Popen | None = None
        self._pages: http.server.ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://{_HOST}:{self.port}/query"

    @property
    def pages(self) -> str:
        return f"http://{_HOST}:{self.pages_port}/"

    def start(self, timeout: float = 30.0) -> "Server":
        """Start both servers and wait until the endpoint answers."""
        for port in (self.port, self.pages_port):
            if not _free(port):
                raise BuildError(f"port {port} on {_HOST} is already in use")
        mode = "serve" if self.writable else "serve-read-only"
        self._oxigraph = subprocess.Popen(
            [oxigraph_command(), mode, "--location", str(self.outdir / STORE_DIR), "--bind", f"{_HOST}:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        handler = functools.partial(_PagesHandler, directory=str(self.outdir))
        self._pages = http.server.ThreadingHTTPServer((_HOST, self.pages_port), handler)
        threading.Thread(target=self._pages.serve_forever, daemon=True).start()
        deadline = time.monotonic() + timeout
        probe = self.endpoint + "?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self._oxigraph.poll() is not None:
                error = self._oxigraph.stderr.read().decode("utf-8", "replace") if self._oxigraph.stderr else ""
                self.stop()
                raise BuildError(f"the Oxigraph server stopped: {error.strip()}")
            try:
                with urllib.request.urlopen(probe, timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise BuildError(f"the SPARQL endpoint did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop both servers."""
        if self._pages is not None:
            self._pages.shutdown()
            self._pages.server_close()
            self._pages = None
        if self._oxigraph is not None:
            self._oxigraph.terminate()
            try:
                self._oxigraph.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._oxigraph.kill()
            self._oxigraph = None

    def wait(self) -> None:
        """Block until the Oxigraph server ends (or Ctrl-C)."""
        try:
            if self._oxigraph is not None:
                self._oxigraph.wait()
        finally:
            self.stop()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
