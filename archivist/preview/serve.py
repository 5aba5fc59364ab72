"""``serve()``: build, serve ``output/`` on 127.0.0.1, rebuild and reload on every change.

A preview for curators, not a production server. It watches ``content/``, ``templates/``
and ``site.yaml``; every change rebuilds the site with ``pipeline.build`` and tells open
pages over server-sent events (``/__archivist/events``) to reload. An edit of articles'
text (not of what places them: title, date, places, tags, author, source) is first
published from the model kept in memory, in milliseconds (preview/quickedit.py), then the full build
brings the rest up to date. A failed rebuild keeps
the last good site and shows the problems in a banner. The reload script
(``/__archivist/reload.js``) is served from memory and added to HTML responses only as
they are sent: the files in ``output/`` are never modified.

The preview always serves the site at ``/``, even when ``base_url`` has a sub-path
(``https://example.org/luu-tru/``): the site's links are relative, so every page works;
only ``404.html`` uses ``base_url``, and its links point to the published sub-path.
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import socketserver
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote, unquote, urlsplit

import watchfiles

from ..build.store import Store
from ..commands import Project, build
from ..incremental.savedmodel import LIVE
from ..model.errors import BuildFailed
from .quickedit import quick_edit

SCRIPT_PATH = "/__archivist/reload.js"
EVENTS_PATH = "/__archivist/events"
_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json",
          ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
          ".svg": "image/svg+xml", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8",
          ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif"}
"""Content types by suffix; anything else (Pagefind's .pf_meta, .pagefind…) is application/octet-stream."""
# Editor droppings: vim swap files and its 4913 write test, backups, emacs lock files.
_IGNORED = re.compile(r"(\.sw.|~|\.tmp)$|^\.#|^4913$")
_BANNER = "Bản dựng lỗi — trang đang hiển thị bản dựng tốt gần nhất:"
RELOAD_JS = """\
(function () {
  "use strict";
  function list(problems) {
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0.4em 0 0;padding-left:1.2em;font-family:monospace;white-space:pre-wrap";
    problems.forEach(function (problem) {
      ul.appendChild(document.createElement("li")).textContent = String(problem);
    });
    return ul;
  }
  function showProblems(problems) {
    var ul = list(problems), old = document.getElementById("archivist-problems");
    ul.id = "archivist-problems";
    if (old) return old.replaceWith(ul);  // the failure page, or a banner already shown
    var banner = document.createElement("div"), title = document.createElement("strong");
    banner.setAttribute("role", "alert");
    banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:50vh;" +
      "overflow:auto;padding:0.75em 1em;background:#fff1f0;color:#7f1d1d;border-bottom:3px solid #b91c1c;" +
      "font:14px/1.45 system-ui,sans-serif;text-align:left";
    title.textContent = BANNER;
    banner.append(title, ul);
    document.body.appendChild(banner);
  }
  var source = new EventSource("EVENTS");
  source.addEventListener("reload", function () { source.close(); location.reload(); });
  source.addEventListener("error", function (event) {
    // an error event without data is EventSource losing its connection; it reconnects by itself
    if (typeof event.data === "string") showProblems(JSON.parse(event.data));
  });
})();
""".replace("BANNER", json.dumps(_BANNER)).replace("EVENTS", EVENTS_PATH).encode()


class _Hub:
    """The outcome of the last build, shared by the builder and the event streams."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.generation = 0
        self.problems: list[str] | None = None
        """The last build's problems; None when it succeeded."""
        self.has_site = False
        """Whether a build succeeded in this session."""
        self.closed = False
        self._token = secrets.token_hex(4)

    def event_id(self) -> str:
        """Names the current state (per server run); a reconnecting page that saw another reloads."""
        return f"{self._token}.{self.generation}"

    def publish(self, problems: list[str] | None = None, closed: bool = False) -> None:
        """Record a build's outcome (or the end of the preview) and wake the event streams."""
        with self.changed:
            self.generation += 1
            self.problems, self.closed = problems, closed
            self.has_site = self.has_site or problems is None
            self.changed.notify_all()

    def message(self, reconnected: bool) -> bytes:
        """The server-sent event for the current state: ``error`` with the problems, ``reload``
        for a successful build the page has not seen, else only the state's id."""
        head = f"id: {self.event_id()}\n"
        if self.problems is not None:
            return f"{head}event: error\ndata: {json.dumps(self.problems, ensure_ascii=False)}\n\n".encode()
        return f"{head}event: reload\ndata: {self.generation}\n\n".encode() if reconnected else f"{head}\n".encode()


class _Server(ThreadingHTTPServer):
    """Serves ``project.output``; tracks connections so shutdown can cut them at once."""

    daemon_threads = False  # server_close() joins every request thread: no stray threads
    block_on_close = True

    def __init__(self, address: tuple[str, int], project: Project, hub: _Hub) -> None:
        self.project, self.hub = project, hub
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # not HTTPServer's: its DNS look-up can stall
        self.server_name, self.server_port = self.server_address[:2]

    def finish_request(self, request, client_address) -> None:
        with self.lock:
            self.connections.add(request)
        try:
            super().finish_request(request, client_address)
        finally:
            with self.lock:
                self.connections.discard(request)

    def abort_connections(self) -> None:
        """End every open connection (event streams, idle clients) so their threads end."""
        with self.lock:
            for connection in self.connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "archivist-preview"
    timeout = 30

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per rebuild is enough; requests are not logged

    def _respond(self, body: bool) -> None:
        url, hub = urlsplit(self.path), self.server.hub
        try:
            if url.path == SCRIPT_PATH:
                return self._send(200, _TYPES[".js"], RELOAD_JS, body)
            if url.path == EVENTS_PATH and body:
                return self._events(hub)
            if not hub.has_site:
                return self._send(500, _TYPES[".html"], _inject(_failure_page(hub.problems or [])), body)
            found = _resolve(self.server.project.output, url.path)
            if found == 403:
                return self._send(403, _TYPES[".txt"], b"403 Forbidden\n", body)
            if isinstance(found, str):  # a folder asked for without its slash
                return self._send(301, _TYPES[".txt"], b"", body, found + (f"?{url.query}" if url.query else ""))
            status, found = (200, found) if isinstance(found, Path) else (404, self.server.project.output / "404.html")
            try:
                data = found.read_bytes()
            except OSError:  # no 404.html, or a build swapping output/ just now
                return self._send(404, _TYPES[".txt"], b"404 Not Found\n", body)
            kind = _TYPES.get(found.suffix, "application/octet-stream")
            self._send(status, kind, _inject(data) if found.suffix == ".html" else data, body)
        except OSError:
            pass  # the browser went away, or the server is shutting down

    def _send(self, status: int, kind: str, data: bytes, body: bool, location: str | None = None) -> None:
        self.send_response(status)
        for name, value in (("Content-Type", kind), ("Content-Length", str(len(data))), ("Location", location),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")):
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, hub: _Hub) -> None:
        """A server-sent event stream: the current state, then one event per build."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        last = self.headers.get("Last-Event-ID")
        with hub.changed:
            seen, event = hub.generation, hub.message(reconnected=bool(last) and last != hub.event_id())
        self.wfile.write(b"retry: 1000\n\n" + event)
        while True:
            with hub.changed:
                hub.changed.wait_for(lambda: hub.generation != seen, timeout=15)
                if hub.closed:
                    return
                event = hub.message(reconnected=True) if hub.generation != seen else b": ping\n\n"
                seen = hub.generation
            self.wfile.write(event)


def _resolve(output: Path, url_path: str) -> Path | str | int | None:
    """The file under ``output`` for a URL path: a Path, a redirect (str) for a folder
    without its slash, 403 for a path leaving the folder, None when there is no such file."""
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if "\0" in decoded or "\\" in decoded or ".." in parts:
        return 403
    if any(part.startswith(".") for part in parts):
        return None  # the build marker and other hidden files
    root = output.resolve()  # afresh on every request: builds swap the folder
    try:
        target = root.joinpath(*parts).resolve()
        if target.is_dir() and target.is_relative_to(root):
            if not decoded.endswith("/"):
                return "/" + "".join(quote(part) + "/" for part in parts)
            target = (target / "index.html").resolve()
        if not target.is_relative_to(root):
            return 403  # a symlink pointing outside the site
        return target if target.is_file() else None
    except OSError:  # a name too long for the file system, and the like: no such page
        return None


def _inject(html: bytes) -> bytes:
    """The page with the reload script added before ``</body>`` (or at its end)."""
    at = html.lower().rfind(b"</body>")
    return html + _TAG if at < 0 else html[:at] + _TAG + html[at:]


def _failure_page(problems: list[str]) -> bytes:
    items = "".join(f"<li>{escape(problem)}</li>" for problem in problems)
    return ('<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Bản dựng lỗi</title></head>\n'
            '<body><h1>Bản dựng lỗi</h1>\n<p>Chưa dựng được trang nào; sửa các lỗi sau, trang sẽ tự tải lại:</p>\n'
            f'<ul id="archivist-problems" style="font-family:monospace">{items}</ul>\n</body></html>\n').encode()


class _Changes:
    """The input files changed since the builder last looked, from the watchers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] = set()
        self._event = threading.Event()

    def add(self, paths: Iterable[str]) -> None:
        with self._lock:
            self._paths.update(Path(path) for path in paths)
            self._event.set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
            self._event.clear()
        return paths


def _watch(paths: list[Path], wanted: Callable[[str], bool], recursive: bool, changes: _Changes,
           ready: threading.Event, halt: threading.Event, debounce: float, say: Callable[[str], None]) -> None:
    """Tell ``changes`` of every wanted file under ``paths`` that changes, until ``halt`` is
    set; set ``ready`` once the watch is in place (its first yield, after at most 0.2 s)."""
    try:
        for batch in watchfiles.watch(*paths, watch_filter=lambda _change, path: wanted(path),
                                      debounce=max(1, round(debounce * 1000)), stop_event=halt,
                                      rust_timeout=200, yield_on_timeout=True, recursive=recursive,
                                      raise_interrupt=False):
            ready.set()
            if batch:
                changes.add(path for _change, path in batch)
    except Exception as error:  # e.g. a folder that does not exist: serve without watching it
        say(f"cannot watch {', '.join(map(str, paths))}: {error}")
    finally:
        ready.set()


def serve(project: Project, *, port: int = 8000, base_url: str | None = None, search_index: bool | None = True,
          strict: bool = False, drafts: bool | None = None, say: Callable[[str], None] = print, host: str = "127.0.0.1",
          stop: threading.Event | None = None, debounce: float = 0.15) -> int:
    """Build, serve ``project.output`` at ``http://host:port/`` and rebuild on every change
    of the inputs until Ctrl-C or ``stop`` is set; then return 0 (1 if the port is taken).
    ``port=0`` picks a free port: the first line said names the real one. ``search_index``
    None lets site.yaml decide, and so does ``drafts`` None (True shows draft articles, marked)."""
    stop = stop or threading.Event()
    halt, changes, hub = threading.Event(), _Changes(), _Hub()
    config = str(project.config)
    watchers: list[tuple[threading.Thread, threading.Event]] = []
    for paths, wanted, recursive in (
            ([project.content, project.templates], lambda path: not _IGNORED.search(Path(path).name), True),
            # site.yaml through its folder, not recursively: a watch on the file itself is lost
            # when an editor saves by renaming a new file over it
            ([project.config.parent], lambda path: path == config, False)):
        ready = threading.Event()
        watchers.append((threading.Thread(target=_watch, name="archivist-watch", daemon=True,
                                          args=(paths, wanted, recursive, changes, ready, halt, debounce, say)), ready))
        watchers[-1][0].start()
    for _, ready in watchers:
        ready.wait(5)
    try:
        server = _Server((host, port), project, hub)
    except OSError as error:
        say(f"cannot listen on {host}:{port}: {error.strerror or error}")
        halt.set()
        for thread, _ in watchers:
            thread.join(5)
        return 1
    say(f"serving http://{host}:{server.server_port}/ — rebuilding on changes to content, templates and site.yaml;"
        " Ctrl-C to stop")
    serving = threading.Thread(target=server.serve_forever, args=(0.1,), name="archivist-serve", daemon=True)
    # the cache stays in memory between rebuilds: parsed articles are not read back from disk
    options = {"base_url": base_url, "search_index": search_index, "strict": strict, "drafts": drafts, "memory": {},
               "waiting": say}
    try:
        _rebuild(project, options, hub, say)
        serving.start()  # requests made during the first build wait in the listen queue
        while not stop.is_set():
            if changes.wait(0.1):
                _rebuild(project, options, hub, say, changes.take())
    except KeyboardInterrupt:
        say("stopped")
    finally:
        halt.set()  # the watchers stop within a step (50 ms)
        hub.publish(hub.problems, closed=True)
        if serving.is_alive():
            server.shutdown()
        server.abort_connections()
        server.server_close()  # joins the request threads
        for thread in [serving, *(thread for thread, _ in watchers)]:
            if thread.ident is not None:
                thread.join(5)
    return 0


def _rebuild(project: Project, options: dict, hub: _Hub, say: Callable[[str], None],
             changed: set[Path] | None = None) -> None:
    """One build; its summary or problems said, its outcome published to open pages. When
    ``changed`` holds only edits of articles' text, the pages showing them are published
    first (a quick edit, preview/quickedit.py), then the full build brings the rest up to date."""
    quick = None
    if changed:
        try:
            quick = quick_edit(options["memory"], Store(project.cache, options["memory"]), changed)
        except Exception as error:  # a bug there must not end the preview: the full build follows
            say(f"quick edit failed ({type(error).__name__}: {error}); building")
        if quick is not None:
            say(f"updated {quick.rendered} pages of {quick.articles} edited article"
                f"{'s' if quick.articles != 1 else ''} in {quick.seconds:.3f}s ({quick.written} written); "
                "building the rest")
            hub.publish(None)
    try:
        report = build(project, **options)
    except BuildFailed as failed:
        problems = [str(problem) for problem in failed.problems]
    except Exception as error:  # a bug or an I/O error must not end the preview
        problems = [f"{type(error).__name__}: {error}"]
    else:
        for warning in report.warnings:
            say(f"warning: {warning}")
        total = sum(report.seconds.values())
        if getattr(report, "skipped", False) and hub.has_site and hub.problems is None:
            return say(f"nothing changed since the last build ({total:.2f}s)")  # no reload needed
        drafts = f" ({report.drafts} draft{'s' if report.drafts != 1 else ''} left out; --drafts shows them)" \
            if report.drafts else ""
        say(f"built {report.articles} articles{drafts}, {report.pages} pages in {total:.2f}s: {report.rendered} rendered, "
            f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed")
        if quick is None or report.rendered:  # else the open pages already show what changed
            hub.publish(None)
        if (live := options["memory"].get(LIVE)) is not None:
            live.prepare()  # while the curator reads: the next quick edit starts at once
        return
    for problem in problems:
        say(problem)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    say(f"build failed: {count}; " + ("serving the last good site" if hub.has_site else "no site to serve yet"))
    hub.publish(problems)
