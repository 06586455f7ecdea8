"""Serve a build: a SPARQL 1.1 Protocol endpoint and the two pages, on 127.0.0.1.

The engine is the Oxigraph server (the ``oxigraph`` command of the
``oxigraph`` package on PyPI) over the build's store, read-only unless
asked. It listens on a private loopback port; the public port is a small
proxy of Python's standard ``http.server`` that checks every query and
update with :func:`kg.sparql_limits.check_query` (a query nested too deep
makes Oxigraph abort) and answers 400 with the reason past a limit, then
passes ``/query``, ``/sparql``, ``/update``, ``/store`` and ``/`` (Oxigraph's
query page) through. A watchdog thread restarts the Oxigraph server when it
dies, saying so on stderr, at most :data:`MAX_RESTARTS` times a minute;
past that :meth:`Server.wait` raises and ``kg serve`` exits 1. The pages
(``network.html``, ``across.html``) are served by ``http.server`` too,
limited to those files.

Endpoints: ``http://127.0.0.1:PORT/query`` (GET or POST, the SPARQL 1.1
Protocol; ``/sparql`` is the same), ``/store`` (the Graph Store Protocol,
read-only by default) and ``/`` (a query page). Pages:
``http://127.0.0.1:PAGES_PORT/network.html``.
"""

from __future__ import annotations

import functools
import http.client
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import deque
from pathlib import Path

from .errors import BuildError, QueryError
from .rdf.store import STORE_DIR
from .sparql_limits import QueryLimits, check_query

__all__ = ["Server", "oxigraph_command", "free_port", "PAGES", "MAX_RESTARTS"]

#: The files of a build the page server hands out.
PAGES = ("network.html", "across.html")
_HOST = "127.0.0.1"
#: The most restarts of the Oxigraph server within :data:`RESTART_WINDOW` seconds before kg serve gives up.
MAX_RESTARTS = 3
RESTART_WINDOW = 60.0
#: Public path -> the Oxigraph server's path.
_ROUTES = {"/query": "/query", "/sparql": "/query", "/update": "/update", "/store": "/store", "/": "/"}
_FORWARDED = ("Content-Type", "Accept")


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


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """Checks each SPARQL request and passes it to the Oxigraph server (``self.server.kg``, the :class:`Server`)."""

    protocol_version = "HTTP/1.1"  # keep-alive: a client's next query reuses its connection

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self._handle(None)

    def do_HEAD(self):  # noqa: N802
        self._handle(None)

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > 4 * self.server.kg.limits.max_bytes:  # URL-encoding at most triples a query's size
            self.close_connection = True
            self._reply(413, f"the request is {length:,} bytes, over the limit of {self.server.kg.limits.max_bytes:,}")
            return
        self._handle(self.rfile.read(length))

    def do_PUT(self):  # noqa: N802 (Graph Store Protocol writes, refused by a read-only server)
        self.do_POST()

    def do_DELETE(self):  # noqa: N802
        self._handle(None)

    def _reply(self, status: int, text: str) -> None:
        body = (f"kg serve: {text}\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _sparql(self, query_string: str, body: bytes | None) -> list[tuple[str, bool]]:
        """The query and update texts of the request: ``(text, is an update operation)``.

        From the URL's ``query=``/``update=`` parameters, and from the body as
        the SPARQL 1.1 Protocol sends it: ``application/sparql-query``,
        ``application/sparql-update``, or a form with those parameters.
        """
        def fields(encoded: str) -> list[tuple[str, bool]]:
            params = urllib.parse.parse_qs(encoded)
            return [(v, False) for v in params.get("query", [])] + [(v, True) for v in params.get("update", [])]

        found = fields(query_string)
        if body:
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            text = body.decode("utf-8", "replace")
            if kind == "application/sparql-query":
                found.append((text, False))
            elif kind == "application/sparql-update":
                found.append((text, True))
            elif kind == "application/x-www-form-urlencoded":
                found += fields(text)
        return found

    def _handle(self, body: bytes | None) -> None:
        server = self.server.kg
        path, _, query_string = self.path.partition("?")
        target = _ROUTES.get(path)
        if target is None:
            self._reply(404, f"no such endpoint {path}; the endpoints are /query, /sparql, /update, /store")
            return
        try:
            for text, update in self._sparql(query_string, body):
                check_query(text, server.limits, allow_update=update)
        except QueryError as exc:
            self._reply(400, f"refused: {exc}")
            return
        upstream = server.upstream
        if upstream is None:
            self._reply(503, "the SPARQL server is restarting; try again in a few seconds")
            return
        connection = http.client.HTTPConnection(_HOST, upstream, timeout=server.query_timeout)
        try:
            headers = {name: self.headers[name] for name in _FORWARDED if self.headers.get(name)}
            connection.request(self.command, target + ("?" + query_string if query_string else ""), body=body,
                               headers=headers)
            response = connection.getresponse()
            data = response.read()
        except OSError:
            self._reply(503, "the SPARQL server is restarting; try again in a few seconds")
            return
        finally:
            connection.close()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

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
    """The endpoint (a checking proxy before the Oxigraph server) and the page server of one build.

    Args:
        outdir: the build folder (it must hold ``store/``).
        port: the SPARQL endpoint's port (the proxy's).
        pages_port: the page server's port (default ``port + 1``).
        writable: run Oxigraph read-write (SPARQL Update, Graph Store writes).
        limits: the largest query passed on (:class:`kg.sparql_limits.QueryLimits`).
        log: where the watchdog says what happened (default: a line on stderr).

    Raises:
        BuildError: no store in ``outdir``, a port is taken, or the endpoint
            did not come up within ``timeout`` seconds.
    """

    #: Seconds the proxy waits for the Oxigraph server's answer to one request.
    query_timeout = 300.0

    def __init__(self, outdir: str | Path = "output", port: int = 7878, pages_port: int | None = None,
                 writable: bool = False, limits: QueryLimits = QueryLimits(), log=None):
        self.outdir = Path(outdir)
        self.port = port
        self.pages_port = pages_port or port + 1
        self.writable = writable
        self.limits = limits
        self.log = log or (lambda line: print(f"kg serve: {line}", file=sys.stderr, flush=True))
        if not (self.outdir / STORE_DIR).is_dir():
            raise BuildError(f"{self.outdir / STORE_DIR}: no store; run 'kg build' first")
        self.upstream: int | None = None  # the Oxigraph server's private port, while it answers
        self.failure: str | None = None
        self._oxigraph: subprocess.Popen | None = None
        self._servers: list[http.server.ThreadingHTTPServer] = []
        self._stopping = threading.Event()
        self._ended = threading.Event()
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        return f"http://{_HOST}:{self.port}/query"

    @property
    def pages(self) -> str:
        return f"http://{_HOST}:{self.pages_port}/"

    @property
    def oxigraph_pid(self) -> int | None:
        """The process id of the Oxigraph server now running (for tests and monitoring)."""
        return self._oxigraph.pid if self._oxigraph is not None else None

    def _serve(self, port: int, handler) -> None:
        httpd = http.server.ThreadingHTTPServer((_HOST, port), handler)
        httpd.daemon_threads = True
        httpd.kg = self
        self._servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def _spawn(self, timeout: float) -> None:
        """Start the Oxigraph server on a new private port and wait until it answers.

        Raises:
            BuildError: it stopped or did not answer within ``timeout`` seconds.
        """
        port = free_port()
        mode = "serve" if self.writable else "serve-read-only"
        process = subprocess.Popen(
            [oxigraph_command(), mode, "--location", str(self.outdir / STORE_DIR), "--bind", f"{_HOST}:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        self._oxigraph = process
        deadline = time.monotonic() + timeout
        probe = f"http://{_HOST}:{port}/query?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
                raise BuildError(f"the Oxigraph server stopped: {error.strip()}")
            try:
                with urllib.request.urlopen(probe, timeout=1):
                    self.upstream = port
                    return
            except OSError:
                time.sleep(0.1)
        raise BuildError(f"the SPARQL endpoint did not answer within {timeout:.0f} s")

    def start(self, timeout: float = 30.0) -> "Server":
        """Start the Oxigraph server, the proxy, the pages and the watchdog; return once the endpoint answers."""
        for port in (self.port, self.pages_port):
            if not _free(port):
                raise BuildError(f"port {port} on {_HOST} is already in use")
        try:
            self._spawn(timeout)
            self._serve(self.port, _ProxyHandler)
            self._serve(self.pages_port, functools.partial(_PagesHandler, directory=str(self.outdir)))
        except BaseException:
            self.stop()
            raise
        threading.Thread(target=self._watch, args=(timeout,), name="kg-serve-watchdog", daemon=True).start()
        return self

    def _watch(self, timeout: float) -> None:
        """Restart the Oxigraph server whenever it dies, at most :data:`MAX_RESTARTS` times a minute."""
        restarts: deque[float] = deque()
        while not self._stopping.is_set():
            process = self._oxigraph
            code = process.wait()
            if self._stopping.is_set():
                break
            self.upstream = None
            now = time.monotonic()
            while restarts and now - restarts[0] > RESTART_WINDOW:
                restarts.popleft()
            error = process.stderr.read().decode("utf-8", "replace").strip().splitlines() if process.stderr else []
            cause = f" ({error[-1]})" if error else ""
            if len(restarts) >= MAX_RESTARTS:
                self.failure = (f"the Oxigraph server stopped (exit code {code}){cause} {len(restarts) + 1} times "
                                f"within {RESTART_WINDOW:.0f} s; giving up")
                self.log(self.failure)
                break
            restarts.append(now)
            self.log(f"the Oxigraph server stopped (exit code {code}){cause}; restarting it")
            try:
                with self._lock:
                    if self._stopping.is_set():
                        break
                    self._spawn(timeout)
                self.log(f"the Oxigraph server answers again (restart {len(restarts)} of at most "
                         f"{MAX_RESTARTS} a minute)")
            except BuildError as exc:
                self.failure = f"could not restart the Oxigraph server: {exc}"
                self.log(self.failure)
                break
        self._ended.set()

    def stop(self) -> None:
        """Stop the watchdog, the Oxigraph server, the proxy and the pages."""
        self._stopping.set()
        for httpd in self._servers:
            httpd.shutdown()
            httpd.server_close()
        self._servers = []
        with self._lock:
            if self._oxigraph is not None:
                self._oxigraph.terminate()
                try:
                    self._oxigraph.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._oxigraph.kill()
                self._oxigraph = None
        self.upstream = None
        self._ended.set()

    def wait(self) -> None:
        """Block until the server is stopped (or Ctrl-C).

        Raises:
            BuildError: the Oxigraph server died more often than it may be
                restarted, or could not be restarted.
        """
        try:
            while not self._ended.wait(0.5):
                pass
        finally:
            self.stop()
        if self.failure:
            raise BuildError(self.failure)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
