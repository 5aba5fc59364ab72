"""Real-browser fixtures: Debian's /usr/bin/chromium driven by Playwright, and a static
host on loopback that serves a built site under a sub-path and answers unknown URLs with
the site's 404.html, as GitHub Pages and Netlify do."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archivist.commands import Project, build
from tests.golden import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SUBPATH = "luu-tru"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Host(SimpleHTTPRequestHandler):
    """Static host: files under the served folder, the site's 404.html for anything else."""

    not_found: Path | None = None

    def log_message(self, *args):  # keep test output clean
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found is not None and self.not_found.is_file():
            body = self.not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(folder: Path, not_found: Path | None):
    handler = type("Host", (_Host,), {"not_found": not_found})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def root_host(sample_site):
    """The sample site served at the domain root: yields its base URL."""
    server = serve(sample_site, sample_site / "404.html")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def subpath_host(tmp_path_factory):
    """The sample site built with a sub-path base URL and served under /luu-tru/."""
    top = tmp_path_factory.mktemp("host")
    out = top / SUBPATH
    server = serve(top, out / "404.html")
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    build(Project.at(ROOT, output=out), base_url=base)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Chromium from Debian; a missing browser is a failure, never a skip."""
    assert CHROMIUM.exists(), "Debian's chromium is required for the browser tests (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and failed requests in ``page.problems``."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request the browser cancels because the page moved on (net::ERR_ABORTED, e.g. the
    # favicon on a busy machine) is no fault of the site; a missing file is a 404, which
    # Chromium reports as a console error.
    page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
            else problems.append(f"request failed: {r.url} ({r.failure})"))
    page.problems = problems
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    """A page with JavaScript disabled."""
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    yield context.new_page()
    context.close()
