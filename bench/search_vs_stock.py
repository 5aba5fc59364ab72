#!/usr/bin/env python3
"""Keyword search at archive scale: this project's search page against stock Pagefind over
the same article pages (issue 22), in Chromium.

    python bench/search_vs_stock.py SITE --work DIR [--runs 3] [--skip-index] [--out JSON]

SITE is an output folder built by build.py with search on; it is only read.
- **stock**: hard links to SITE whose article pages lose the folded copy of their text
  (the hidden ``<div>`` after the text keeps its first paragraph: places, author, source,
  tags), indexed as one Pagefind index the way its documentation says
  (``python -m pagefind --site DIR --output-subdir pagefind --silent --force-language vi``,
  under ``/usr/bin/time -v``), searched through its JavaScript API as its default UI does:
  ``import``, ``options({})``, ``init()``, ``search(q)``, the first 10 results' ``data()``
  (search_design.py's harness, variant A).
- **ours**: SITE's own ``/tim-kiem/``, the query typed and sent, until its first results
  are shown (search_design.py's variant D).
Per query, medians of the runs, a new browser context (cold cache) each time: ms, bytes and
requests under ``/pagefind/``, the result count; "repeat": the same query again on the same
page. Start-up: each page until it is ready to take a query. Throttled: ``Điện Biên Phủ``
and ``đảng viên`` at ~1.6 Mbps down, 150 ms round trip (DevTools protocol).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from search_design import (CHROMIUM, CHROMIUM_ARGS, HARNESS, HARNESS_HTML, QUERIES, SEARCH_PAGE, Meter, article_pages,
                           bundle_size, harness_query, harness_startup, index_site, link_copy, new_page, project_query,
                           project_startup, serve)

HERE = Path(__file__).resolve().parent
THROTTLED = ["Điện Biên Phủ", "đảng viên"]
FOLDED_COPY = re.compile(r'(<div hidden>\s*<p data-pagefind-weight="3">.*?</p>).*?(\s*</div>\s*</article>)', re.S)


def stock_site(site: Path, target: Path) -> int:
    """Hard links to SITE, each article page replaced by one without the folded copy."""
    link_copy(site, target)
    changed = 0
    for page in article_pages(target):
        html = page.read_text(encoding="utf-8")
        new, n = FOLDED_COPY.subn(r"\1\2", html, count=1)
        changed += n
        tmp = page.with_suffix(".tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, page)  # a new file: SITE's page is untouched
    (target / HARNESS).write_text(HARNESS_HTML, encoding="utf-8")
    return changed


def measure(sites: dict[str, Path], runs: int, log) -> dict:
    from playwright.sync_api import sync_playwright

    servers = {key: serve(folder) for key, folder in sites.items()}
    base = {key: f"http://127.0.0.1:{s.server_address[1]}/" for key, s in servers.items()}
    results: dict = {"startup": {}, "queries": {}, "throttled": {}}

    def one(browser, label: str, query: str | None, throttle: bool = False) -> dict:
        context, page = new_page(browser, throttle)
        meter = Meter(page)
        if label == "ours":
            startup = project_startup(page, meter, base["ours"] + SEARCH_PAGE)
            row = project_query(page, meter, query) if query else {}
            row["startup_ms"], row["startup"] = startup["ready_ms"], startup["ready"]
        else:
            startup = harness_startup(page, meter, base["stock"] + HARNESS, {})
            row = harness_query(page, meter, query, {}) if query else {}
            row["startup_ms"], row["startup"] = startup["ready_init_ms"], startup["ready"]
        context.close()
        return row

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(runs):
                for label in ("stock", "ours"):
                    row = one(browser, label, None)
                    results["startup"].setdefault(label, []).append(row)
                    log(f"run {run + 1} start-up {label}: {row['startup_ms']:.0f} ms, "
                        f"{row['startup']['all_requests']} requests, {row['startup']['all_bytes'] / 1024:.0f} KiB")
                for query in QUERIES:
                    for label in ("stock", "ours"):
                        row = one(browser, label, query)
                        results["queries"].setdefault(query, {}).setdefault(label, []).append(row)
                        log(f"run {run + 1} {label} {query}: cold {row['cold_ms']:.0f} ms, {row['cold_bytes'] / 1024:.0f} KiB, "
                            f"{row['cold_requests']} req, {row['count']} results; repeat {row['repeat_ms']:.0f} ms")
                for query in THROTTLED:
                    for label in ("stock", "ours"):
                        row = one(browser, label, query, throttle=True)
                        results["throttled"].setdefault(query, {}).setdefault(label, []).append(row)
                        log(f"run {run + 1} throttled {label} {query}: start-up {row['startup_ms']:.0f} ms, "
                            f"query {row['cold_ms']:.0f} ms, {row['cold_bytes'] / 1024:.0f} KiB")
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return results


def _med(rows, key):
    return statistics.median(r[key] for r in rows)


def _span(rows, key) -> str:
    values = [r[key] for r in rows]
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def report(data: dict) -> str:
    lines = ["| query | stock ms | ours ms | ours/stock | stock KiB · req | ours KiB · req | results stock / ours "
             "| repeat ms stock / ours |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for query, by in data["results"]["queries"].items():
        s, o = by["stock"], by["ours"]
        lines.append(f"| `{query}` | {_span(s, 'cold_ms')} | {_span(o, 'cold_ms')} "
                     f"| {_med(o, 'cold_ms') / _med(s, 'cold_ms'):.2f}× "
                     f"| {_med(s, 'cold_bytes') / 1024:.0f} · {_med(s, 'cold_requests'):.0f} "
                     f"| {_med(o, 'cold_bytes') / 1024:.0f} · {_med(o, 'cold_requests'):.0f} "
                     f"| {s[-1]['count']} / {o[-1]['count']} | {_med(s, 'repeat_ms'):.0f} / {_med(o, 'repeat_ms'):.0f} |")
    lines += ["", "| start-up | ms | requests | KiB |", "| --- | --- | --- | --- |"]
    for label, rows in data["results"]["startup"].items():
        lines.append(f"| {label} | {_span(rows, 'startup_ms')} | {statistics.median(r['startup']['all_requests'] for r in rows):.0f} "
                     f"| {statistics.median(r['startup']['all_bytes'] for r in rows) / 1024:.0f} |")
    lines += ["", "| throttled query | stock: start-up + query ms | ours: start-up + query ms | KiB stock / ours |",
              "| --- | --- | --- | --- |"]
    for query, by in data["results"]["throttled"].items():
        s, o = by["stock"], by["ours"]
        lines.append(f"| `{query}` | {_med(s, 'startup_ms'):.0f} + {_span(s, 'cold_ms')} "
                     f"| {_med(o, 'startup_ms'):.0f} + {_span(o, 'cold_ms')} "
                     f"| {_med(s, 'cold_bytes') / 1024:.0f} / {_med(o, 'cold_bytes') / 1024:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-index", action="store_true", help="reuse the stock index in --work")
    parser.add_argument("--out", type=Path, default=HERE / "results" / f"search-vs-stock-{dt.date.today()}.json")
    args = parser.parse_args(argv)
    site, work = args.site.resolve(), args.work.resolve()
    if not (site / "pagefind" / "shards.json").is_file():
        parser.error(f"{site}: build it with search on")
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def log(message):
        print(f"[{time.time() - started:6.0f}s] {message}", flush=True)

    stock = work / "site-stock"
    data: dict = {"site": str(site), "date": str(dt.date.today()), "runs": args.runs, "loadavg_start": os.getloadavg()}
    if not args.skip_index:
        data["stock_pages_rewritten"] = stock_site(site, stock)
        data["stock_index"] = index_site(stock, work / "pagefind-stock.log")
        log(f"stock index: {data['stock_index']}")
    data["ours_index"] = bundle_size(site / "pagefind")
    data["results"] = measure({"stock": stock, "ours": site}, args.runs, log)
    data["loadavg_end"] = os.getloadavg()
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
