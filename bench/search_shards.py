#!/usr/bin/env python3
"""The search index sharded by year against one index over the same pages.

    python bench/search_shards.py SITE [--runs R] [--work DIR] [--skip-index] [--skip-browser]

SITE is an output folder built by build.py with the current templates (its search.js is
the one measured). Its article pages (those with ``data-pagefind-body``) are grouped by
their year filter, as ``archivist.build.search.shards_of`` groups them, and indexed twice by
``archivist.build.search.build_index``: once as shards (one Pagefind process at a time, then
two at once), once as a single shard holding every page — the one-index layout, which
search.js serves through the same code path as before sharding (no merge, no shard checks).

Indexing: wall seconds, peak RSS of the largest Pagefind process (``os.wait4``) and the
peak of all of them together (sampled from /proc every 50 ms), index size.
Browser (Debian's Chromium through Playwright, each variant served on loopback): for each
query, in a fresh browser context, the search page is opened and waited for (init), the
query is typed and sent (cold), another query follows, then the first again (repeat);
for each step the time from Enter (or the facet or sort change) to the results shown
and the bytes of responses under ``pagefind/``. Medians of R runs; the results of the
two variants are compared (count and first page). Writes JSON to --work and prints
Markdown tables.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

YEAR = re.compile(rb'data-pagefind-filter="nam">([^<]+)<')
SEARCH_PAGE = "tim-kiem/"
READY = "Nhập từ khóa để tìm trong kho lưu trữ."
# (label, typed query, then optionally a measured action: a facet (filter, value) or the date sort)
QUERIES = [
    ("accented place", "Điện Biên Phủ", None),
    ("unaccented place", "dien bien phu", None),
    ("accented, everywhere", "đảng viên", None),
    ("unaccented", "dan van kheo", None),
    ("phrase", '"dân vận khéo"', None),
    ("rare accented", "Mường Luân", None),
    ("rare unaccented", "muong luan", None),
    ("unknown word", "xyzzy", None),
    ("filter (facet click)", "đảng viên", ("tinh", "Điện Biên")),
    ("sort by date", "dien bien", "sort"),
]
TIMER = """
window.__t0 = null; window.__t1 = null;
const start = (e) => { window.__t0 = performance.now(); window.__t1 = null; };
document.addEventListener("submit", start, true);
document.addEventListener("change", (e) => { if (e.target.matches("#facets input, #sort")) start(e); }, true);
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("search-status");
  new MutationObserver(() => {
    const text = status.textContent;
    if (window.__t0 !== null && window.__t1 === null && text && !text.startsWith("Đang")) window.__t1 = performance.now();
  }).observe(status, { childList: true, characterData: true, subtree: true });
});
"""
SAMPLER_PERIOD = 0.05


# ---------------------------------------------------------------- indexing

def article_shards(site: Path) -> dict[str, list[str]]:
    """The site's article pages grouped by their year filter, newest year first, undated last."""
    groups: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] == "pagefind":
            continue
        data = page.read_bytes()
        if b"data-pagefind-body" not in data:
            continue
        year = YEAR.search(data)
        name = year.group(1).decode() if year and year.group(1).isdigit() else "undated"
        groups.setdefault(name, []).append(rel.as_posix())
    order = sorted((n for n in groups if n.isdigit()), reverse=True) + [n for n in groups if not n.isdigit()]
    return {name: sorted(groups[name]) for name in order}


def link_pages(site: Path, pages: list[str], target: Path) -> None:
    for rel in pages:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / rel, target / rel)


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def index_once(site: Path, shards: dict[str, list[str]], parallel: int, work: Path) -> dict:
    """build_index over hard links to the pages, in a child process; its cost."""
    work.mkdir(parents=True, exist_ok=True)
    stage = work / "stage"
    if stage.exists():
        shutil.rmtree(stage)
    link_pages(site, [p for pages in shards.values() for p in pages], stage)
    spec = work / "shards.json"
    spec.write_text(json.dumps(shards))
    code = ("import json, sys; from pathlib import Path; from archivist.build import search; "
            f"search.PARALLEL = {parallel}; s = Path(sys.argv[1]); "
            "print(search.build_index(s, s / '.none', json.loads(Path(sys.argv[2]).read_text())))")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(stage), str(spec)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(SAMPLER_PERIOD)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if status != 0:
        raise SystemExit(f"indexing failed: {err or out}")
    bundle = stage / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {"seconds": seconds, "max_process_mb": usage.ru_maxrss / 1024, "peak_total_mb": peak / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime, "index_mb": sum(p.stat().st_size for p in files) / 1e6,
            "index_files": len(files), "report": out.strip()}


VARIANTS = {"shards, 1 at a time": ("shards-1", 1), "shards, 2 at a time": ("shards-2", 2), "one index": ("one", 1)}
"""Label: (folder under WORK/index, Pagefind processes at once)."""
BROWSED = {"shards": "shards-2", "one index": "one"}
"""The indexes served to the browser: label → folder under WORK/index."""


def group_years(shards: dict[str, list[str]], pages: int) -> dict[str, list[str]]:
    """Consecutive shards merged while they hold at most ``pages`` pages together."""
    groups: list[tuple[list[str], list[str]]] = []
    for name, members in shards.items():
        if groups and len(groups[-1][1]) + len(members) <= pages:
            groups[-1][0].append(name)
            groups[-1][1].extend(members)
        else:
            groups.append(([name], list(members)))
    return {f"{names[0]}-{names[-1]}" if len(names) > 1 else names[0]: sorted(members) for names, members in groups}


def measure_indexing(site: Path, shards: dict[str, list[str]], runs: int, work: Path,
                     variants: dict[str, tuple[str, int]]) -> dict[str, list[dict]]:
    """Index each layout R times; the last index of each stays in WORK/index/."""
    single = {"all": [p for pages in shards.values() for p in pages]}
    results: dict[str, list[dict]] = {}
    for run in range(runs):
        for label, (folder, parallel) in variants.items():
            result = index_once(site, single if folder == "one" else shards, parallel, work / "index" / folder)
            results.setdefault(label, []).append(result)
            print(f"  index run {run + 1}: {label}: {result['seconds']:.1f}s, "
                  f"largest process {result['max_process_mb']:.0f} MB, all together {result['peak_total_mb']:.0f} MB",
                  flush=True)
    return results


# ---------------------------------------------------------------- browser

class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def variant_site(site: Path, bundle: Path, target: Path) -> Path:
    """A hard-linked copy of the site with the given pagefind/ folder."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target, copy_function=os.link, ignore=lambda d, names: ["pagefind"] if Path(d) == site else [])
    shutil.copytree(bundle, target / "pagefind", copy_function=os.link)
    return target


class Meter:
    """Bytes of responses under pagefind/ since the last ``take``."""

    def __init__(self, page):
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request) if "/pagefind/" in request.url else None)

    def take(self) -> tuple[int, int]:
        requests, self.requests = self.requests, []
        return sum(max(r.sizes()["responseBodySize"], 0) for r in requests), len(requests)


def settle(page) -> float:
    page.wait_for_function("window.__t1 !== null", timeout=600_000)
    return page.evaluate("window.__t1 - window.__t0")


def typed(page, query: str) -> float:
    """Type the query and send it; ms until its results are shown."""
    page.fill("#q", query)
    page.press("#q", "Enter")
    return settle(page)


def act(page, action, undo: bool = False) -> float:
    """Check the facet (or choose the date sort), or undo it; ms until results are shown."""
    if action == "sort":
        page.select_option("#sort", "" if undo else "ngay")
    else:
        key, value = action
        box = page.locator(f"#facets input[name=\"{key}\"][value=\"{value}\"]")
        box.uncheck() if undo else box.check()
    return settle(page)


def first_page(page) -> tuple[str, list[str]]:
    status = page.locator("#search-status").text_content()
    links = page.locator("#results li h3 a").evaluate_all("links => links.map(a => a.pathname)")
    return status, links


def one_query(page, meter: Meter, query: str, action, other: str) -> dict:
    """Cold: the query (or, with an action, the action after the query) on a page just
    opened. Repeat: the same again after another query (or after undoing the action)."""
    if action is None:
        cold_ms = typed(page, query)
    else:
        typed(page, query)
        meter.take()
        cold_ms = act(page, action)
    cold_bytes, cold_requests = meter.take()
    status, links = first_page(page)
    if action is None:
        typed(page, other)
        meter.take()
        repeat_ms = typed(page, query)
    else:
        act(page, action, undo=True)
        meter.take()
        repeat_ms = act(page, action)
    repeat_bytes, _ = meter.take()
    return {"cold_ms": cold_ms, "cold_bytes": cold_bytes, "cold_requests": cold_requests,
            "repeat_ms": repeat_ms, "repeat_bytes": repeat_bytes, "status": status, "first_page": links}


def measure_browser(sites: dict[str, Path], runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    servers = {label: serve(folder) for label, folder in sites.items()}
    results: dict = {label: {} for label in sites}
    ready = f"document.getElementById('search-status').textContent === {json.dumps(READY)}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(runs):
                for i, (name, query, action) in enumerate(QUERIES):
                    other = QUERIES[(i + 1) % len(QUERIES)][1]
                    for label, server in servers.items():
                        context = browser.new_context(locale="vi-VN")
                        page = context.new_page()
                        page.add_init_script(TIMER)
                        meter = Meter(page)
                        start = time.perf_counter()
                        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{SEARCH_PAGE}")
                        page.wait_for_function(ready, timeout=600_000)
                        init_ms = (time.perf_counter() - start) * 1000
                        init_bytes, init_requests = meter.take()
                        row = {"init_ms": init_ms, "init_bytes": init_bytes, "init_requests": init_requests,
                               **one_query(page, meter, query, action, other)}
                        context.close()
                        results[label].setdefault(name, {"query": query, "runs": []})["runs"].append(row)
                        print(f"  browser run {run + 1}: {label}: {name}: cold {row['cold_ms']:.0f} ms "
                              f"{row['cold_bytes'] / 1024:.0f} KiB, repeat {row['repeat_ms']:.0f} ms; {row['status']}",
                              flush=True)
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return results


# ---------------------------------------------------------------- report

def med(values) -> float:
    return statistics.median(values)


def span(values, fmt="{:.0f}") -> str:
    return f"{fmt.format(med(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def print_report(indexing: dict | None, browser: dict | None, shards: dict[str, list[str]]) -> None:
    pages = sum(len(p) for p in shards.values())
    print(f"\n{pages} article pages, {len(shards)} shards (largest {max(len(p) for p in shards.values())} pages)\n")
    if indexing:
        print("| indexing | seconds | largest Pagefind process | all processes together | index size |")
        print("| --- | --- | --- | --- | --- |")
        for label, rows in indexing.items():
            print(f"| {label} | {span([r['seconds'] for r in rows], '{:.1f}')} | "
                  f"{span([r['max_process_mb'] for r in rows])} MB | {span([r['peak_total_mb'] for r in rows])} MB | "
                  f"{rows[-1]['index_mb']:.0f} MB, {rows[-1]['index_files']} files |")
    if browser:
        labels = list(browser)
        print("\n| query | " + " | ".join(f"{l}: cold ms / KiB | {l}: repeat ms" for l in labels) + " | same results |")
        print("| --- |" + " --- | --- |" * len(labels) + " --- |")
        init = {l: [r for row in browser[l].values() for r in row["runs"]] for l in labels}
        print("| page ready (init) | " + " | ".join(
            f"{span([r['init_ms'] for r in init[l]])} / {med([r['init_bytes'] for r in init[l]]) / 1024:.0f} "
            f"({med([r['init_requests'] for r in init[l]]):.0f} requests) | –" for l in labels) + " | |")
        for name, _, _ in QUERIES:
            cells = []
            for l in labels:
                runs = browser[l][name]["runs"]
                cells.append(f"{span([r['cold_ms'] for r in runs])} / {med([r['cold_bytes'] for r in runs]) / 1024:.0f} "
                             f"({med([r['cold_requests'] for r in runs]):.0f} req) | {span([r['repeat_ms'] for r in runs])}")
            a, b = (browser[l][name]["runs"][-1] for l in labels[:2])
            same = "same count" if a["status"] == b["status"] else f"{a['status']!r} vs {b['status']!r}"
            overlap = len(set(a["first_page"]) & set(b["first_page"]))
            order = "same first page" if a["first_page"] == b["first_page"] else f"{overlap}/{len(a['first_page'])} of first page"
            print(f"| {name}: `{browser[labels[0]][name]['query']}` | " + " | ".join(cells) + f" | {same}, {order} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--skip-index", action="store_true", help="reuse the indexes left in --work by a previous run")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--group", type=int, metavar="PAGES",
                        help="merge consecutive years into shards of at most PAGES pages; index only those, and "
                             "compare them with the one index left in --work by a run without --group")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / SEARCH_PAGE / "index.html").is_file():
        parser.error(f"{site} has no {SEARCH_PAGE}: build it with the search index on")
    work = (args.work or Path(tempfile.mkdtemp(prefix="search-shards-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    shards = article_shards(site)
    variants, browsed, results_file = VARIANTS, BROWSED, work / "search_shards.json"
    if args.group:
        shards = group_years(shards, args.group)
        label, folder = f"shards of ≤{args.group} pages", f"grouped-{args.group}"
        variants, browsed = {f"{label}, 2 at a time": (folder, 2)}, {label: folder, "one index": "one"}
        results_file = work / f"search_shards-{folder}.json"
        if not (work / "index" / "one" / "stage" / "pagefind").is_dir() and not args.skip_browser:
            parser.error(f"--group compares with {work}/index/one, left by a run without --group")
    print(f"{sum(len(p) for p in shards.values())} article pages in {len(shards)} shards; work folder {work}", flush=True)
    saved = json.loads(results_file.read_text()) if results_file.exists() else {}
    indexing = saved.get("indexing")
    if not args.skip_index:
        indexing = measure_indexing(site, shards, args.runs, work, variants)
        results_file.write_text(json.dumps({"site": str(site), "runs": args.runs, "indexing": indexing}, indent=1))
    browser = saved.get("browser")
    if not args.skip_browser:
        sites = {label: variant_site(site, work / "index" / folder / "stage" / "pagefind", work / "site" / folder)
                 for label, folder in browsed.items()}
        browser = measure_browser(sites, args.runs)
    results_file.write_text(json.dumps({"site": str(site), "runs": args.runs, "indexing": indexing, "browser": browser},
                                       ensure_ascii=False, indent=1))
    print_report(indexing, browser, shards)
    print(f"\nraw results: {results_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
