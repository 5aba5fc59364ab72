"""The preview server: serving, live reload over server-sent events, rebuild on change, stop."""

from __future__ import annotations

import json
import queue
import re
import shutil
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archivist.commands import Project
from archivist.preview.serve import RELOAD_JS, serve
from tests.golden import FIXTURE, ROOT

TAG = '<script src="/__archivist/reload.js" defer></script>'
ARTICLE = "content/ngay-day-du.md"
TIMEOUT = 15


@dataclass
class Preview:
    """A running serve() on a copy of the fixture archive."""

    project: Project
    port: int
    lines: queue.Queue
    stop: threading.Event
    thread: threading.Thread
    result: list = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        try:
            with urllib.request.urlopen(self.url(path), timeout=TIMEOUT) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def raw(self, target: str) -> tuple[int, bytes]:
        """A request with the target sent byte for byte (urllib would normalise it)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as sock:
            sock.sendall(f"GET {target} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body

    def said(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """Wait for a line said by serve() matching ``pattern``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if re.search(pattern, line):
                return line
        raise AssertionError(f"serve() never said {pattern!r}")


class Events:
    """A raw server-sent events client."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock.sendall(b"GET /__archivist/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        self.stream = self.sock.makefile("rb")
        head = []
        while (line := self.stream.readline()) not in (b"\r\n", b""):
            head.append(line.decode("latin-1").strip())
        assert head[0].split()[1] == "200", head
        assert "content-type: text/event-stream; charset=utf-8" in (h.lower() for h in head), head
        self.first = self.next(TIMEOUT, any_message=True)
        """The state sent on connecting."""

    def next(self, timeout: float, any_message: bool = False) -> dict[str, str]:
        """The next message with an event name (or any message), within ``timeout``."""
        deadline = time.monotonic() + timeout
        message: dict[str, str] = {}
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no server-sent event in time")
            self.sock.settimeout(left)
            line = self.stream.readline().decode("utf-8")
            if not line:
                raise AssertionError("event stream closed")
            line = line.rstrip("\n")
            if line:
                name, _, value = line.partition(":")
                if name:  # lines starting with ':' are comments (pings)
                    message[name] = value.removeprefix(" ")
            elif message.get("event") or (any_message and "id" in message):
                return message
            else:
                message = {}

    def close(self) -> None:
        self.stream.close()
        self.sock.close()


def start(tmp_path: Path, edit=None, **options) -> Preview:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    if edit:
        edit(root)
    # the project's templates, unless ``edit`` gave the site its own
    project = Project.at(root, templates=root / "templates" if (root / "templates").is_dir() else ROOT / "templates")
    lines: queue.Queue = queue.Queue()
    stop = threading.Event()
    result: list = []
    thread = threading.Thread(target=lambda: result.append(
        serve(project, port=0, search_index=False, say=lines.put, stop=stop, **options)))
    thread.start()
    first = lines.get(timeout=TIMEOUT)
    port = re.match(r"serving http://127\.0\.0\.1:(\d+)/", first)
    assert port, first
    return Preview(project, int(port.group(1)), lines, stop, thread, result)


@pytest.fixture
def preview(tmp_path):
    running = start(tmp_path)
    running.said(r"^built \d+ articles")
    yield running
    running.stop.set()
    running.thread.join(TIMEOUT)
    assert not running.thread.is_alive() and running.result == [0]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_site_with_the_reload_script_injected(preview, tmp_path):
    status, headers, body = preview.get("/bai-viet/ngay-day-du/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    page = body.decode()
    assert page.count(TAG) == 1 and page.index(TAG) < page.index("</body>")
    on_disk = (preview.project.output / "bai-viet/ngay-day-du/index.html").read_text(encoding="utf-8")
    assert "__archivist" not in on_disk and page.replace(TAG, "") == on_disk
    assert TAG in preview.get("/")[2].decode()
    # a folder without its slash is redirected, so relative links keep working
    assert preview.get("/bai-viet/ngay-day-du")[2].decode() == page

    status, headers, body = preview.get("/khong-co/trang-nay/")
    assert status == 404 and "Không tìm thấy trang" in body.decode() and TAG in body.decode()
    for overlong in ("/" + "a" * 300 + "/", "/bai-viet/" + "%C4%91" * 200):  # a name too long for the file system
        status, _, body = preview.get(overlong)
        assert status == 404 and "Không tìm thấy trang" in body.decode(), overlong

    status, headers, body = preview.get("/__archivist/reload.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8" and body == RELOAD_JS
    script = body.decode()
    assert "EventSource" in script and "textContent" in script and "innerHTML" not in script
    assert "Bản dựng lỗi — trang đang hiển thị bản dựng tốt gần nhất:" in json.loads(
        '"' + re.search(r'title.textContent = "([^"]*)"', script).group(1) + '"')

    out = preview.project.output
    (out / "pagefind").mkdir()
    for name in ("pagefind/pagefind.vi_1.pf_meta", "pagefind/wasm.unknown.pagefind", "x.wasm"):
        (out / name).write_bytes(b"\0asm")
    expected = {"/static/style.css": "text/css; charset=utf-8", "/static/search.js": "text/javascript; charset=utf-8",
                "/static/favicon.svg": "image/svg+xml", "/feed.xml": "application/xml; charset=utf-8",
                "/sitemap.xml": "application/xml; charset=utf-8", "/archive.json": "application/json",
                "/x.wasm": "application/wasm", "/pagefind/pagefind.vi_1.pf_meta": "application/octet-stream",
                "/pagefind/wasm.unknown.pagefind": "application/octet-stream"}
    for path, kind in expected.items():
        status, headers, body = preview.get(path)
        assert (status, headers["Content-Type"]) == (200, kind), path
        assert b"__archivist" not in body

    # nothing outside the output folder, however the path is written
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    (out / "leak.txt").symlink_to(secret)
    (out / "leak-dir").symlink_to(tmp_path, target_is_directory=True)
    for target in ("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/static/..%2f..%2fsecret.txt",
                   "/..\\secret.txt", "//" + str(secret), str(secret), "/leak.txt", "/leak-dir/secret.txt",
                   "/static/../../secret.txt", "/%00", "/.archivist", f"http://localhost/../{secret.name}"):
        status, body = preview.raw(target)
        assert status in (403, 404), target
        assert "BÍ MẬT".encode() not in body, target


def test_an_edit_rebuilds_and_reloads_the_page(preview):
    article = preview.project.root / ARTICLE
    events = Events(preview.port)
    assert "event" not in events.first  # a good build: nothing to do on connecting
    latencies = []
    for n in range(3):
        marker = f"Đoạn mới số {n} vừa được thêm."
        written = time.perf_counter()
        replace_in(article, "Đoạn mở đầu có", f"{marker}\n\nĐoạn mở đầu có")
        deadline = written + TIMEOUT
        while marker not in preview.get("/bai-viet/ngay-day-du/")[2].decode():
            assert time.perf_counter() < deadline, "the page was not rebuilt in time"
            time.sleep(0.01)
        latencies.append(time.perf_counter() - written)
        assert events.next(TIMEOUT)["event"] == "reload"
        # text only: its pages were published from the model in memory, then the full build ran
        preview.said(r"^updated \d+ pages of 1 edited article in [\d.]+s \(\d+ written\); building the rest")
        preview.said(r"^built \d+ articles")
    replace_in(article, "title: Ngày", "title: Tin về ngày")  # what places it: the full build only
    assert "updated" not in preview.said(r"^(updated|built) ")
    assert "Tin về ngày" in preview.get("/bai-viet/ngay-day-du/")[2].decode()
    events.close()
    print(f"\nedit → updated page: median {statistics.median(latencies) * 1000:.0f} ms "
          f"({', '.join(f'{t * 1000:.0f}' for t in latencies)} ms)")


def test_a_bad_edit_keeps_the_last_good_site_and_reports_the_problem(preview):
    article = preview.project.root / ARTICLE
    events = Events(preview.port)
    replace_in(article, "date: 2023-06-01", "date: 2020-13")
    replace_in(article, "Đoạn mở đầu có", "Đoạn hỏng không được hiện. Đoạn mở đầu có")
    error = events.next(TIMEOUT)
    assert error["event"] == "error"
    problems = json.loads(error["data"])
    assert any(p.startswith(f"{ARTICLE}:3: date: ") for p in problems), problems
    preview.said(r"^build failed: 1 problem; serving the last good site")
    status, _, body = preview.get("/bai-viet/ngay-day-du/")
    assert status == 200 and "Đoạn mở đầu có" in body.decode() and "Đoạn hỏng" not in body.decode()
    late = Events(preview.port)  # a page opened now learns of the failure at once
    assert late.first["event"] == "error" and json.loads(late.first["data"]) == problems
    late.close()

    replace_in(article, "date: 2020-13", "date: 2020-12")
    assert events.next(TIMEOUT)["event"] == "reload"
    preview.said(r"^built \d+ articles")
    assert "Đoạn hỏng" in preview.get("/bai-viet/ngay-day-du/")[2].decode()
    fresh = Events(preview.port)
    assert "event" not in fresh.first
    fresh.close()
    events.close()


def test_a_text_edit_that_fails_a_template_reports_its_template_and_line(tmp_path):
    # the quick edit from the model in memory leaves it to the full build, which names the
    # template, its line and the page: the log and the banner say the same
    from tests.test_template_errors import BOOM, FAILS_ON_BOOM, HEADING

    def fragile(root: Path) -> None:
        shutil.copytree(ROOT / "templates", root / "templates")
        replace_in(root / "templates" / "article.html", HEADING, FAILS_ON_BOOM)

    running = start(tmp_path, fragile)
    try:
        running.said(r"^built \d+ articles")
        before = (running.project.output / "bai-viet/ngay-day-du/index.html").read_bytes()
        events = Events(running.port)
        replace_in(running.project.root / ARTICLE, "Đoạn mở đầu có", f"{BOOM} Đoạn mở đầu có")
        error = events.next(TIMEOUT)
        events.close()
        line = next(n for n, text in enumerate((running.project.templates / "article.html").read_text(
            encoding="utf-8").splitlines(), 1) if BOOM in text)
        located = (f"templates/article.html:{line}: ZeroDivisionError: division by zero "
                   f"(rendering /bai-viet/ngay-day-du/, from {ARTICLE})")
        assert error["event"] == "error" and json.loads(error["data"]) == [located]
        said = []
        while not said or not said[-1].startswith("build failed"):
            said.append(running.lines.get(timeout=TIMEOUT))
        assert located in said and not any("quick edit failed" in line or "Traceback" in line for line in said), said
        assert said[-1] == "build failed: 1 problem; serving the last good site"
        assert (running.project.output / "bai-viet/ngay-day-du/index.html").read_bytes() == before
    finally:
        running.stop.set()
        running.thread.join(TIMEOUT)


def test_a_failed_first_build_serves_the_problems_until_fixed(tmp_path):
    running = start(tmp_path, lambda root: replace_in(root / ARTICLE, "date: 2023-06-01", "date: <b>2020-13"))
    try:
        running.said(r"^build failed: 1 problem; no site to serve yet")
        status, headers, body = running.get("/bai-viet/ngay-day-du/")
        page = body.decode()
        assert status == 500 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert f"{ARTICLE}:3: date: " in page and "<b>" not in page and TAG in page
        replace_in(running.project.root / ARTICLE, "date: <b>2020-13", "date: 2020-12")
        running.said(r"^built \d+ articles")
        assert running.get("/bai-viet/ngay-day-du/")[0] == 200
    finally:
        running.stop.set()
        running.thread.join(TIMEOUT)


def test_site_yaml_edits_rebuild_and_editor_temp_files_do_not(preview):
    content = preview.project.content
    for name in (".ngay-day-du.md.swp", "ngay-day-du.md~", ".#ngay-day-du.md", "4913"):
        (content / name).write_text("rác", encoding="utf-8")
    time.sleep(0.5)
    assert preview.lines.empty(), "an editor temp file triggered a rebuild"
    config = preview.project.config
    saved = config.with_name("site.yaml.new")  # saved the way editors do: write aside, rename over
    saved.write_text(config.read_text(encoding="utf-8").replace("Kho thử nghiệm", "Kho đổi tên"), encoding="utf-8")
    saved.replace(config)
    preview.said(r"^built \d+ articles")
    assert "Kho đổi tên" in preview.get("/")[2].decode()

    events = Events(preview.port)
    article = preview.project.root / ARTICLE
    article.write_bytes(article.read_bytes())  # saved without a change: no reload
    preview.said(r"^nothing changed since the last build")
    replace_in(article, "date: 2023-06-01", "date: 2020-13")
    assert events.next(TIMEOUT)["event"] == "error"  # not a reload for the save that changed nothing
    events.close()


def test_stop_ends_serve_promptly_without_stray_threads(tmp_path):
    before = set(threading.enumerate())
    running = start(tmp_path)
    running.said(r"^built \d+ articles")
    events = Events(running.port)  # an open event stream must not hold the shutdown up
    started = time.perf_counter()
    running.stop.set()
    running.thread.join(5)
    took = time.perf_counter() - started
    events.close()
    assert not running.thread.is_alive() and running.result == [0]
    assert took < 2, f"serve() took {took:.2f}s to stop"
    assert set(threading.enumerate()) <= before
