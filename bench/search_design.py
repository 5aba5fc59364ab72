#!/usr/bin/env python3
"""Design directions of issue 22, measured: stock Pagefind, exactDiacritics, folded forms
indexed, the project's shards, and Pagefind's filter-only search.

    python bench/search_design.py SITE --work DIR [--runs R] [--skip-index] [--skip-browser]
                                  [--index-runs K] [--out JSON]

SITE is an output folder built by build.py with search on (its article pages carry the
hidden search copy and the ``data-pagefind-filter`` spans; its ``pagefind/`` is the
project's sharded index and ``tim-kiem/`` its search page). SITE is only read.

Indexes (in DIR; each under ``/usr/bin/time -v``: wall, CPU, peak RSS of the largest process):
- ``site-a``: hard links to SITE without ``pagefind/``, indexed as bench/run.py's "search
  index alone" does: ``python -m pagefind --site site-a --output-subdir pagefind --silent
  --force-language vi`` (one index over the article pages).
- ``site-c``: the same, but in each article page's hidden search copy every word holding a
  diacritic (or đ) is followed by its folded form (``Điện-dien Biên-bien Phủ-phu``), where the
  project's pages have that for đ-words only; the pages are new files (SITE untouched).
- ``site-c2``: the search copy as it is, followed by the same HTML with every word folded
  (a second, unaccented copy; tags and weights kept).

Browser variants (Debian's Chromium through Playwright, each site served on 127.0.0.1 by a
threaded static server, a new browser context, so a cold cache, for every measured query):
- A: stock Pagefind over site-a through its JS API as its default UI uses it:
  ``import pagefind.js``, ``options({})``, ``init()``, then per query ``search(q)`` and the
  first 10 results' ``data()``;
- B: the same index with ``options({exactDiacritics: true})``;
- C: site-c's index with ``exactDiacritics: true`` for every query (the folded forms
  answer unaccented queries); C-fold: site-c without exactDiacritics, unaccented queries only;
  C2: site-c2's index with ``exactDiacritics: true`` for every query;
- D: the project's own ``/tim-kiem/`` page (search.js over the year shards) on SITE, typed
  and sent as a reader does; time until the results are shown (``#search-status``).
Per query: ms from the search call (D: from Enter) to the first 10 results' data loaded,
bytes (response bodies) and requests under ``/pagefind/``, the result count; then the same
query again on the same page ("repeat": chunks and fragments loaded, compute only).
Start-up: A (page + import + options, then ``init()``, then ``filters()``) and D (page
opened until its "ready" text), all requests and bytes. Pagefind 1.5.2's ``init()`` only starts
its worker: the entry, meta and wasm files (~165 KiB, 4 requests) load with the first search,
so they are in A/B/C's cold query figures; D loads them (and the filters) at start-up.
Throttled: ``Điện Biên Phủ`` on A, B, C, C2 and D with ``Network.emulateNetworkConditions``
(1.6 Mbps down, 750 kbps up, 150 ms latency) from before the page is opened.
Filter-only (E): ``search(null, {filters, sort})`` on A's index, counts compared with the
article pages' own filter spans and the static pages' counts (``tim-kiem/duyet.json``).
Ground truth: the hidden search copies of SITE's article pages, tokenized in Python.

Writes the raw results as JSON (--out) and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from search_shards import TIMER, serve  # D's timer and the quiet local server (bench/ is on the path as a script)

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_PAGE = "tim-kiem/"
READY = "Nhập từ khóa để tìm trong kho lưu trữ."
HARNESS = "__search_design.html"
QUERIES = ["Điện Biên Phủ", "đảng viên", "dien bien phu", "dang vien", "học tập", '"dân vận khéo"',
           "Mường Luân", "xyzzy"]
THROTTLED = "Điện Biên Phủ"
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
            "uploadThroughput": 750_000 / 8}
FILTER_QUERIES = [  # (label, filters, sort)
    ("tinh = Hải Dương (largest province)", {"tinh": "Hải Dương"}, None),
    ("tinh = Hải Dương, newest first", {"tinh": "Hải Dương"}, {"date": "desc"}),
    ("tinh = Điện Biên, newest first", {"tinh": "Điện Biên"}, {"date": "desc"}),
    ("chu-de = Xây dựng Đảng (largest tag)", {"chu-de": "Xây dựng Đảng"}, None),
    ("chu-de = Xây dựng Đảng, newest first", {"chu-de": "Xây dựng Đảng"}, {"date": "desc"}),
    ("tinh = Hải Dương AND chu-de = Xây dựng Đảng, newest first",
     {"tinh": "Hải Dương", "chu-de": "Xây dựng Đảng"}, {"date": "desc"}),
    ("chu-de = Chỉ thị 05 OR Dân vận khéo, newest first",
     {"chu-de": {"any": ["Chỉ thị 05", "Dân vận khéo"]}}, {"date": "desc"}),
]

HARNESS_HTML = """<!doctype html>
<html lang="vi"><meta charset="utf-8"><title>search design bench</title>
<script>
window.benchLoad = async (options) => {
  const t0 = performance.now();
  const pf = await import("/pagefind/pagefind.js");
  await pf.options(options);
  window.__pf = pf;
  return performance.now() - t0;
};
window.benchInit = async () => { const t0 = performance.now(); await window.__pf.init(); return performance.now() - t0; };
window.benchFilters = async () => {
  const t0 = performance.now();
  const f = await window.__pf.filters();
  return { ms: performance.now() - t0, values: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Object.keys(v).length])) };
};
window.benchSearch = async (term, opts) => {
  const t0 = performance.now();
  const s = await window.__pf.search(term, opts || {});
  const t1 = performance.now();
  const datas = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  const t2 = performance.now();
  return { ms: t2 - t0, search_ms: t1 - t0, count: s.results.length, unfiltered: s.unfilteredResultCount,
           first: datas.map((d) => d.url), dates: datas.map((d) => (d.meta && d.meta.date) || "") };
};
</script>
<p>bench</p>
"""



# ---------------------------------------------------------------- text

def fold(word: str) -> str:
    nfd = unicodedata.normalize("NFD", word)
    return "".join(c for c in nfd if not ("\u0300" <= c <= "\u036f")).replace("đ", "d").replace("Đ", "d").lower()


WORD = re.compile(r"[^\W_]+")
COMPOUND = re.compile(r"([^\W_]+)-([^\W_]+)")
TAG = re.compile(r"(<[^>]+>)")
COPY_START = "<div hidden>"


def written(text: str) -> str:
    """The project's compounds ("Điện-dien") back to the words as written."""
    return COMPOUND.sub(lambda m: m.group(1) if fold(m.group(1)) == m.group(2) != m.group(1).lower() else m.group(0),
                        text)


def every_word_folded(text: str) -> str:
    """Each word holding a diacritic or đ followed by its folded form, as the project's
    compounds are made for đ-words."""
    return WORD.sub(lambda m: m.group(0) + "-" + fold(m.group(0)) if fold(m.group(0)) != m.group(0).lower()
                    else m.group(0), written(text))


def copy_bounds(html: str) -> tuple[int, int] | None:
    """Start and end of the hidden search copy's inner HTML (the ``<div hidden>`` that is
    not ``data-pagefind-ignore``, the last block of the article)."""
    start = html.find(COPY_START)
    if start < 0:
        return None
    start += len(COPY_START)
    end = html.rfind("</div>", start, html.find("</article>", start))
    return (start, end) if end > start else None


def folded_words(text: str) -> str:
    return WORD.sub(lambda m: fold(m.group(0)), written(text))


def append_folded_copy(html: str) -> str:
    """C2: the search copy as it is, then the same HTML again with every word folded."""
    bounds = copy_bounds(html)
    if not bounds:
        return html
    start, end = bounds
    inner = html[start:end]
    folded = "".join(part if part.startswith("<") else folded_words(part) for part in TAG.split(inner))
    return html[:start] + inner + folded + html[end:]


def rewrite_copy(html: str) -> str:
    bounds = copy_bounds(html)
    if not bounds:
        return html
    start, end = bounds
    inner = "".join(part if part.startswith("<") else every_word_folded(part) for part in TAG.split(html[start:end]))
    return html[:start] + inner + html[end:]


# ---------------------------------------------------------------- sites and indexes

def article_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("bai-viet/*/index.html"))


def link_copy(site: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target, copy_function=os.link,
                    ignore=lambda d, names: ["pagefind"] if Path(d) == site else [])


def make_site_c(target: Path, rewrite=None) -> dict:
    """Replace (not modify: the files are hard links to SITE's) each article page by one
    whose search copy holds every word's folded form."""
    before = after = 0
    for page in article_pages(target):
        html = page.read_text(encoding="utf-8")
        new = (rewrite or rewrite_copy)(html)
        before += len(html.encode())
        after += len(new.encode())
        tmp = page.with_suffix(".tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, page)
    return {"article_bytes_before": before, "article_bytes_after": after}


TIME_FIELDS = {"Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall", "User time (seconds)": "user_s",
               "System time (seconds)": "sys_s", "Maximum resident set size (kbytes)": "max_rss_kb",
               "Percent of CPU this job got": "cpu_percent"}


def parse_time_v(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key in TIME_FIELDS:
            out[TIME_FIELDS[key]] = value
    wall = out.get("wall", "0:0")
    parts = [float(x) for x in wall.split(":")]
    seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    return {"wall_s": round(seconds, 2), "user_s": float(out.get("user_s", 0)), "sys_s": float(out.get("sys_s", 0)),
            "peak_rss_mb": round(int(out.get("max_rss_kb", 0)) / 1024), "cpu_percent": out.get("cpu_percent")}


def index_site(site: Path, log: Path, env: dict[str, str] | None = None) -> dict:
    """Index SITE as one Pagefind index under ``/usr/bin/time -v`` (ENV: the environment, e.g.
    with ``PAGEFIND_BINARY_PATH``)."""
    bundle = site / "pagefind"
    if bundle.exists():
        shutil.rmtree(bundle)
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "pagefind", "--site", str(site),
               "--output-subdir", "pagefind", "--silent", "--force-language", "vi"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    log.write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"pagefind failed over {site}: see {log}")
    files = [p for p in bundle.rglob("*") if p.is_file()]
    index = [p for p in files if p.suffix == ".pf_index"]
    fragments = [p for p in files if p.suffix == ".pf_fragment"]
    return {**parse_time_v(result.stderr), "command": " ".join(command[2:]),
            "index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "files": len(files),
            "word_chunks": len(index), "word_chunks_mb": round(sum(p.stat().st_size for p in index) / 1e6, 2),
            "fragments_mb": round(sum(p.stat().st_size for p in fragments) / 1e6, 2)}


def bundle_size(bundle: Path) -> dict:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    index = [p for p in files if p.suffix == ".pf_index"]
    fragments = [p for p in files if p.suffix == ".pf_fragment"]
    return {"index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "files": len(files),
            "word_chunks": len(index), "word_chunks_mb": round(sum(p.stat().st_size for p in index) / 1e6, 2),
            "fragments_mb": round(sum(p.stat().st_size for p in fragments) / 1e6, 2)}


# ---------------------------------------------------------------- ground truth

FILTER_SPAN = re.compile(r'data-pagefind-filter="([^"]+)">([^<]*)<')
SORT_SPAN = re.compile(r'data-pagefind-sort="date">([^<]*)<')


def ground_truth(site: Path) -> dict:
    """Counts from the article pages' hidden search copies and filter spans."""
    import html as htmllib

    docs = []
    for page in article_pages(site):
        text = page.read_text(encoding="utf-8")
        bounds = copy_bounds(text)
        copy = htmllib.unescape(TAG.sub(" ", text[bounds[0]:bounds[1]])) if bounds else ""
        words = [w.lower() for w in WORD.findall(written(copy))]
        filters: dict[str, set] = {}
        for key, value in FILTER_SPAN.findall(text):
            filters.setdefault(key, set()).add(htmllib.unescape(value))
        date = SORT_SPAN.search(text)
        docs.append({"url": "/" + page.parent.relative_to(site).as_posix() + "/", "words": words,
                     "folded": [fold(w) for w in words], "filters": filters,
                     "date": date.group(1) if date else None})

    def phrase_in(seq, terms):
        n = len(terms)
        return any(seq[i:i + n] == terms for i in range(len(seq) - n + 1))

    queries = {}
    for query in QUERIES:
        terms = [w.lower() for w in WORD.findall(query)]
        fterms = [fold(w) for w in terms]
        row = {}
        if query.startswith('"'):
            row["exact_phrase"] = sum(phrase_in(d["words"], terms) for d in docs)
            row["folded_phrase"] = sum(phrase_in(d["folded"], fterms) for d in docs)
        row["exact_all_words"] = sum(all(t in set(d["words"]) for t in terms) for d in docs)
        row["folded_all_words"] = sum(all(t in set(d["folded"]) for t in fterms) for d in docs)
        queries[query] = row

    def matches(doc, filters):
        for key, want in filters.items():
            values = want["any"] if isinstance(want, dict) else [want]
            if not doc["filters"].get(key, set()) & set(values):
                return False
        return True

    filters = {}
    for label, spec, sort in FILTER_QUERIES:
        hits = [d for d in docs if matches(d, spec)]
        dated = sorted((d for d in hits if d["date"]), key=lambda d: d["date"], reverse=True)
        filters[label] = {"count": len(hits), "with_sort_key": len(dated),
                          "newest_dates": [d["date"] for d in dated[:10]]}
    browse = json.loads((site / "tim-kiem" / "duyet.json").read_text(encoding="utf-8"))
    static = {}
    for key, value in (("tinh", "Hải Dương"), ("tinh", "Điện Biên"), ("chu-de", "Xây dựng Đảng"),
                       ("chu-de", "Chỉ thị 05"), ("chu-de", "Dân vận khéo")):
        static[f"{key}={value}"] = sum(n for _, _, n in browse.get(key, {}).get(value, []))
    return {"articles": len(docs), "queries": queries, "filters": filters, "static_page_counts": static}


# ---------------------------------------------------------------- browser

class Meter:
    """Responses since the last ``take``: all of them, and those under /pagefind/."""

    def __init__(self, page):
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def take(self) -> dict:
        requests, self.requests = self.requests, []
        sizes = [(r.url, max(r.sizes()["responseBodySize"], 0)) for r in requests]
        pf = [(u, s) for u, s in sizes if "/pagefind/" in u]
        kinds: dict[str, list[int]] = {}
        for url, size in pf:
            name = url.split("/pagefind/", 1)[1].split("?")[0]
            kind = next((k for k in ("index", "fragment", "filter") if f"{k}/" in name), "meta")  # entry, meta, wasm, js
            kinds.setdefault(kind, [0, 0])
            kinds[kind][0] += size
            kinds[kind][1] += 1
        return {"bytes": sum(s for _, s in pf), "requests": len(pf), "all_bytes": sum(s for _, s in sizes),
                "all_requests": len(sizes), "kinds": kinds}


def new_page(browser, throttle: bool):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    return context, page


def harness_startup(page, meter: Meter, url: str, options: dict) -> dict:
    """Open the harness page, import Pagefind and set its options, then init(): ms and bytes of each step."""
    start = time.perf_counter()
    page.goto(url)
    load_ms = page.evaluate("(o) => window.benchLoad(o)", options)
    ready_ms = (time.perf_counter() - start) * 1000
    loaded = meter.take()
    init_ms = page.evaluate("() => window.benchInit()")
    inited = meter.take()
    return {"ready_ms": ready_ms, "import_ms": load_ms, "ready": loaded, "init_ms": init_ms,
            "init": inited, "ready_init_ms": ready_ms + init_ms}


def harness_query(page, meter: Meter, query, options: dict) -> dict:
    cold = page.evaluate("([q, o]) => window.benchSearch(q, o)", [query, options])
    cold.update(meter.take())
    repeat = page.evaluate("([q, o]) => window.benchSearch(q, o)", [query, options])
    return {"cold_ms": cold["ms"], "cold_search_ms": cold["search_ms"], "cold_bytes": cold["bytes"],
            "cold_requests": cold["requests"], "kinds": cold["kinds"], "count": cold["count"],
            "unfiltered": cold["unfiltered"], "first_page": cold["first"], "dates": cold["dates"],
            "repeat_ms": repeat["ms"], "repeat_bytes": meter.take()["bytes"]}


COUNT = re.compile(r"^([\d.,\s]+)")


def project_query(page, meter: Meter, query: str) -> dict:
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_function("window.__t1 !== null", timeout=600_000)
    cold_ms = page.evaluate("window.__t1 - window.__t0")
    cold = meter.take()
    status = page.locator("#search-status").text_content()
    links = page.locator("#results li h3 a").evaluate_all("links => links.map(a => a.pathname)")
    count = COUNT.match(status)
    page.evaluate("window.__t1 = null")
    page.press("#q", "Enter")
    page.wait_for_function("window.__t1 !== null", timeout=600_000)
    repeat_ms = page.evaluate("window.__t1 - window.__t0")
    return {"cold_ms": cold_ms, "cold_bytes": cold["bytes"], "cold_requests": cold["requests"], "kinds": cold["kinds"],
            "count": int(re.sub(r"\D", "", count.group(1))) if count and re.search(r"\d", count.group(1)) else 0,
            "status": status, "first_page": links, "repeat_ms": repeat_ms, "repeat_bytes": meter.take()["bytes"]}


def project_startup(page, meter: Meter, url: str) -> dict:
    page.add_init_script(TIMER)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(f"document.getElementById('search-status').textContent === {json.dumps(READY)}",
                           timeout=600_000)
    ready_ms = (time.perf_counter() - start) * 1000
    return {"ready_ms": ready_ms, "ready": meter.take()}


# label: (site key, options, queries or None for all)
HARNESS_VARIANTS = {
    "A": ("a", {}, None),
    "B": ("a", {"exactDiacritics": True}, None),
    "C": ("c", {"exactDiacritics": True}, None),
    "C-fold": ("c", {}, ["dien bien phu", "dang vien"]),
    "C2": ("c2", {"exactDiacritics": True}, None),
}
LABELS = ("A", "B", "C", "C-fold", "C2", "D")


def measure_browser(sites: dict[str, Path], runs: int, parts: set[str], log) -> dict:
    from playwright.sync_api import sync_playwright

    servers = {key: serve(folder) for key, folder in sites.items()}
    base = {key: f"http://127.0.0.1:{s.server_address[1]}/" for key, s in servers.items()}
    results: dict = {"startup": {}, "queries": {}, "throttled": {}, "filters": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(runs):
                if "startup" in parts:
                    for label in ("A", "D"):
                        context, page = new_page(browser, False)
                        meter = Meter(page)
                        if label == "D":
                            row = project_startup(page, meter, base["d"] + SEARCH_PAGE)
                        else:
                            row = harness_startup(page, meter, base["a"] + HARNESS, {})
                            f = page.evaluate("() => window.benchFilters()")
                            row["filters_ms"], row["filter_values"], row["filters"] = f["ms"], f["values"], meter.take()
                        context.close()
                        results["startup"].setdefault(label, []).append(row)
                        log(f"run {run + 1} startup {label}: {row['ready_ms']:.0f} ms"
                            + (f" + init {row['init_ms']:.0f} ms + filters {row['filters_ms']:.0f} ms" if label != "D" else "")
                            + f", {row['ready']['all_requests']} requests {row['ready']['all_bytes'] / 1024:.0f} KiB")
                if "queries" in parts:
                    for query in QUERIES:
                        for label in LABELS:
                            if label != "D" and HARNESS_VARIANTS[label][2] and query not in HARNESS_VARIANTS[label][2]:
                                continue
                            context, page = new_page(browser, False)
                            meter = Meter(page)
                            if label == "D":
                                startup = project_startup(page, meter, base["d"] + SEARCH_PAGE)
                                row = project_query(page, meter, query)
                            else:
                                key, options, _ = HARNESS_VARIANTS[label]
                                startup = harness_startup(page, meter, base[key] + HARNESS, options)
                                row = harness_query(page, meter, query, options)
                            row["startup_ms"] = startup.get("ready_init_ms", startup["ready_ms"])
                            context.close()
                            results["queries"].setdefault(label, {}).setdefault(query, []).append(row)
                            log(f"run {run + 1} {label} {query}: cold {row['cold_ms']:.0f} ms, "
                                f"{row['cold_bytes'] / 1024:.0f} KiB, {row['cold_requests']} req, {row['count']} results; "
                                f"repeat {row['repeat_ms']:.0f} ms")
                if "throttled" in parts:
                    for label in ("A", "B", "C", "C2", "D"):
                        context, page = new_page(browser, True)
                        meter = Meter(page)
                        if label == "D":
                            startup = project_startup(page, meter, base["d"] + SEARCH_PAGE)
                            row = project_query(page, meter, THROTTLED)
                            row["startup_ms"] = startup["ready_ms"]
                        else:
                            key, options, _ = HARNESS_VARIANTS[label]
                            startup = harness_startup(page, meter, base[key] + HARNESS, options)
                            row = harness_query(page, meter, THROTTLED, options)
                            row["startup_ms"] = startup["ready_init_ms"]
                        row["startup"] = startup
                        context.close()
                        results["throttled"].setdefault(label, []).append(row)
                        log(f"run {run + 1} throttled {label}: start-up {row['startup_ms']:.0f} ms, "
                            f"query {row['cold_ms']:.0f} ms, {row['cold_bytes'] / 1024:.0f} KiB")
                if "filters" in parts:
                    for label, spec, sort in FILTER_QUERIES:
                        context, page = new_page(browser, False)
                        meter = Meter(page)
                        harness_startup(page, meter, base["a"] + HARNESS, {})
                        options = {"filters": spec, **({"sort": sort} if sort else {})}
                        row = harness_query(page, meter, None, options)
                        context.close()
                        results["filters"].setdefault(label, []).append(row)
                        log(f"run {run + 1} filter {label}: {row['cold_ms']:.0f} ms, {row['cold_bytes'] / 1024:.0f} KiB, "
                            f"{row['cold_requests']} req, {row['count']} results")
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return results


# ---------------------------------------------------------------- report

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def span(values, fmt="{:.0f}") -> str:
    return f"{fmt.format(med(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def kib(n) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.2f} MiB"


def cell(rows) -> str:
    return (f"{span([r['cold_ms'] for r in rows])} ms · {kib(med([r['cold_bytes'] for r in rows]))} · "
            f"{med([r['cold_requests'] for r in rows]):.0f} req · {rows[-1]['count']} hits")


def report(data: dict) -> str:
    out = []
    idx = data.get("indexes", {})
    if idx:
        out += ["| index | wall s | CPU s (user+sys) | peak RSS | size | word chunks | fragments |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for label, rows in idx.items():
            if not isinstance(rows, list):
                continue
            out.append(f"| {label} | {span([r['wall_s'] for r in rows], '{:.1f}')} | "
                       f"{med([r['user_s'] + r['sys_s'] for r in rows]):.1f} | {med([r['peak_rss_mb'] for r in rows]):.0f} MB | "
                       f"{rows[-1]['index_mb']} MB, {rows[-1]['files']} files | {rows[-1]['word_chunks']} ({rows[-1]['word_chunks_mb']} MB) | "
                       f"{rows[-1]['fragments_mb']} MB |")
        if "D (shards, from the build)" in idx:
            d = idx["D (shards, from the build)"]
            out.append(f"| D (shards, from the build) | – | – | – | {d['index_mb']} MB, {d['files']} files | "
                       f"{d['word_chunks']} ({d['word_chunks_mb']} MB) | {d['fragments_mb']} MB |")
        out.append("")
    browser = data.get("browser") or {}
    truth = data.get("truth", {})
    if browser.get("startup"):
        out += ["| start-up | ready (ms) | requests | bytes | then init() | then filters() |", "| --- | --- | --- | --- | --- | --- |"]
        for label, rows in browser["startup"].items():
            extra = ("– | –" if label == "D" else
                     f"{span([r['init_ms'] for r in rows])} ms, {med([r['init']['all_requests'] for r in rows]):.0f} req, "
                     f"{kib(med([r['init']['all_bytes'] for r in rows]))} | {span([r['filters_ms'] for r in rows])} ms, "
                     f"{med([r['filters']['all_requests'] for r in rows]):.0f} req, {kib(med([r['filters']['all_bytes'] for r in rows]))}")
            out.append(f"| {label} | {span([r['ready_ms'] for r in rows])} | {med([r['ready']['all_requests'] for r in rows]):.0f} | "
                       f"{kib(med([r['ready']['all_bytes'] for r in rows]))} | {extra} |")
        out.append("")
    if browser.get("queries"):
        labels = [l for l in LABELS if l in browser["queries"]]
        out += ["| query | " + " | ".join(labels) + " | truth: all words exact / folded |",
                "| --- |" + " --- |" * (len(labels) + 1)]
        for query in QUERIES:
            cells = [cell(browser["queries"][l][query]) if query in browser["queries"][l] else "–" for l in labels]
            t = truth.get("queries", {}).get(query, {})
            tt = f"{t.get('exact_all_words')} / {t.get('folded_all_words')}"
            if "exact_phrase" in t:
                tt += f"; phrase {t['exact_phrase']} / {t['folded_phrase']}"
            out.append(f"| `{query}` | " + " | ".join(cells) + f" | {tt} |")
        out += ["", "| query (repeat, same page) | " + " | ".join(labels) + " |", "| --- |" + " --- |" * len(labels)]
        for query in QUERIES:
            out.append(f"| `{query}` | " + " | ".join(
                f"{med([r['repeat_ms'] for r in browser['queries'][l][query]]):.0f} ms" if query in browser["queries"][l] else "–"
                for l in labels) + " |")
        out.append("")
    if browser.get("throttled"):
        out += [f"| throttled `{THROTTLED}` (1.6 Mbps, 150 ms) | start-up ms | query ms | query bytes, requests | start-up + query |",
                "| --- | --- | --- | --- | --- |"]
        for label, rows in browser["throttled"].items():
            out.append(f"| {label} | {span([r['startup_ms'] for r in rows])} | {span([r['cold_ms'] for r in rows])} | "
                       f"{kib(med([r['cold_bytes'] for r in rows]))}, {med([r['cold_requests'] for r in rows]):.0f} | "
                       f"{med([r['startup_ms'] + r['cold_ms'] for r in rows]):.0f} |")
        out.append("")
    if browser.get("filters"):
        out += ["| filter-only on A: `search(null, {filters, sort})` | cold ms | bytes · requests | repeat ms | count | truth (pages) / with a date | first 10 dates right |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for label, rows in browser["filters"].items():
            t = truth.get("filters", {}).get(label, {})
            dates = rows[-1]["dates"]
            right = "–" if "newest" not in label else ("yes" if dates == t.get("newest_dates") else f"no: {dates[:3]}…")
            out.append(f"| {label} | {span([r['cold_ms'] for r in rows])} | {kib(med([r['cold_bytes'] for r in rows]))} · "
                       f"{med([r['cold_requests'] for r in rows]):.0f} | {med([r['repeat_ms'] for r in rows]):.0f} | "
                       f"{rows[-1]['count']} | {t.get('count')} / {t.get('with_sort_key')} | {right} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--index-runs", type=int, default=1)
    parser.add_argument("--skip-index", action="store_true", help="reuse the indexes in --work")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--parts", default="startup,queries,throttled,filters")
    parser.add_argument("--out", type=Path, default=HERE / "results" / f"search-design-10000-{dt.date.today()}.json")
    args = parser.parse_args(argv)
    site, work = args.site.resolve(), args.work.resolve()
    if not (site / SEARCH_PAGE / "index.html").is_file() or not (site / "pagefind" / "shards.json").is_file():
        parser.error(f"{site}: build it with search on")
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def log(message):
        print(f"[{time.time() - started:6.0f}s] {message}", flush=True)

    saved = json.loads(args.out.read_text()) if args.out.exists() else {}
    data = {"site": str(site), "date": str(dt.date.today()), "runs": args.runs, "loadavg_start": os.getloadavg(),
            "pagefind": subprocess.run([sys.executable, "-c", "import importlib.metadata as m; print(m.version('pagefind'))"],
                                       capture_output=True, text=True).stdout.strip(),
            "chromium": subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip(),
            "throttle": THROTTLE}
    sites = {"a": work / "site-a", "c": work / "site-c", "c2": work / "site-c2", "d": site}
    if args.skip_index:
        data["indexes"] = saved.get("indexes", {})
    else:
        data["indexes"] = {}
        log("site-a: hard links")
        link_copy(site, sites["a"])
        log("site-c: hard links, article pages rewritten with every word's folded form")
        link_copy(site, sites["c"])
        data["site_c"] = make_site_c(sites["c"])
        log("site-c2: hard links, article pages with a folded second copy of the search copy")
        link_copy(site, sites["c2"])
        data["site_c2"] = make_site_c(sites["c2"], append_folded_copy)
        for run in range(args.index_runs):
            for label, key in (("A (one index)", "a"), ("C (one index, folded forms)", "c"),
                               ("C2 (one index, folded copy appended)", "c2")):
                row = index_site(sites[key], work / f"pagefind-{key}-{run}.log")
                data["indexes"].setdefault(label, []).append(row)
                log(f"index {label}: {row['wall_s']} s, {row['peak_rss_mb']} MB, {row['index_mb']} MB")
    data["indexes"]["D (shards, from the build)"] = bundle_size(site / "pagefind")
    for key in ("a", "c", "c2"):
        (sites[key] / HARNESS).write_text(HARNESS_HTML, encoding="utf-8")
    if args.skip_index and saved.get("truth"):
        data["truth"], data["truth_site_c_same"] = saved["truth"], saved.get("truth_site_c_same")
        data["site_c"], data["site_c2"] = saved.get("site_c"), saved.get("site_c2")
    else:
        log("ground truth from the article pages (and site-c's, which must give the same counts)")
        data["truth"] = ground_truth(site)
        data["truth_site_c_same"] = ground_truth(sites["c"])["queries"] == data["truth"]["queries"]
    if not args.skip_browser:
        data["browser"] = measure_browser(sites, args.runs, set(args.parts.split(",")), log)
    else:
        data["browser"] = saved.get("browser")
    data["loadavg_end"] = os.getloadavg()
    data["wall_s"] = round(time.time() - started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print(report(data))
    print(f"\nraw results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
