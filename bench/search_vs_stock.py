#!/usr/bin/env python3
"""Keyword search at archive scale: this project's search page against stock Pagefind over
the same article pages (issue 22), in Chromium.

    python bench/search_vs_stock.py SITE --work DIR [--runs 3] [--skip-index] [--out JSON]
    python bench/search_vs_stock.py SITE_A SITE_B --pagefind BIN_A --pagefind BIN_B --work DIR [--index-runs 2]

SITE is an output folder built by build.py with search on; it is only read. Several SITEs
(the same archive built with different Pagefind binaries, ``PAGEFIND_BINARY_PATH=BIN python
build.py …``) are measured in one browser run, their stock indexes built with the matching
``--pagefind`` binary (``-``: the installed one), each labelled by the Pagefind version in
its bundle: per query, every variant in turn, in reverse order on every other run, so
that the machine's drift falls on all of them alike. ``--index-runs N`` indexes each stock
site N times, alternating versions (the last index is the one searched).
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
import subprocess
import sys
import time
from pathlib import Path

from search_design import (CHROMIUM, CHROMIUM_ARGS, HARNESS, HARNESS_HTML, QUERIES, SEARCH_PAGE, Meter, article_pages,
                           bundle_size, harness_query, harness_startup, index_site, link_copy, new_page, project_query,
                           project_startup, serve)

HERE = Path(__file__).resolve().parent
THROTTLED = ["Điện Biên Phủ", "đảng viên"]
INSTALLED = "-"
"""``--pagefind`` value for the Pagefind the Python package runs."""
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


def bundle_version(bundle: Path) -> str:
    """The Pagefind version that wrote BUNDLE (a project's sharded bundle or a stock one)."""
    entry = next(bundle.glob("*/pagefind-entry.json"), bundle / "pagefind-entry.json")
    return json.loads(entry.read_text(encoding="utf-8"))["version"]


def pagefind_env(binary: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PAGEFIND_BINARY_PATH", None)
    if binary != INSTALLED:
        env["PAGEFIND_BINARY_PATH"] = str(Path(binary).resolve())
    return env


def binary_version(binary: str) -> str:
    """The version ``python -m pagefind`` reports when run with BINARY."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True,
                            env=pagefind_env(binary))
    return result.stdout.split()[-1] if result.returncode == 0 and result.stdout.split() else "?"


def measure(sites: dict[str, Path], runs: int, log) -> dict:
    """SITES: label → folder, "ours…" labels the project's page, any other a stock index."""
    from playwright.sync_api import sync_playwright

    servers = {key: serve(folder) for key, folder in sites.items()}
    base = {key: f"http://127.0.0.1:{s.server_address[1]}/" for key, s in servers.items()}
    results: dict = {"startup": {}, "queries": {}, "throttled": {}}

    def one(browser, label: str, query: str | None, throttle: bool = False) -> dict:
        context, page = new_page(browser, throttle)
        meter = Meter(page)
        if label.startswith("ours"):
            startup = project_startup(page, meter, base[label] + SEARCH_PAGE)
            row = project_query(page, meter, query) if query else {}
            row["startup_ms"], row["startup"] = startup["ready_ms"], startup["ready"]
        else:
            startup = harness_startup(page, meter, base[label] + HARNESS, {})
            row = harness_query(page, meter, query, {}) if query else {}
            row["startup_ms"], row["startup"] = startup["ready_init_ms"], startup["ready"]
        context.close()
        row["load"] = os.getloadavg()
        return row

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(runs):
                labels = list(sites) if run % 2 == 0 else list(reversed(sites))
                for label in labels:
                    row = one(browser, label, None)
                    results["startup"].setdefault(label, []).append(row)
                    log(f"run {run + 1} start-up {label}: {row['startup_ms']:.0f} ms, "
                        f"{row['startup']['all_requests']} requests, {row['startup']['all_bytes'] / 1024:.0f} KiB")
                for query in QUERIES:
                    for label in labels:
                        row = one(browser, label, query)
                        results["queries"].setdefault(query, {}).setdefault(label, []).append(row)
                        log(f"run {run + 1} {label} {query}: cold {row['cold_ms']:.0f} ms, {row['cold_bytes'] / 1024:.0f} KiB, "
                            f"{row['cold_requests']} req, {row['count']} results; repeat {row['repeat_ms']:.0f} ms")
                for query in THROTTLED:
                    for label in labels:
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


def _versions(data: dict) -> list[str]:
    """The label suffixes of the measured variants: [""] for one site, [" 1.5.2", " 1.6.0"] for two."""
    return list(dict.fromkeys(label[len("stock"):] for label in data["results"]["startup"] if label.startswith("stock")))


def _kib_req(rows) -> str:
    return f"{_med(rows, 'cold_bytes') / 1024:.0f} · {_med(rows, 'cold_requests'):.0f}"


def report(data: dict) -> str:
    results, lines = data["results"], []
    for v in _versions(data):
        if v:
            lines += [f"Pagefind{v}:", ""]
        lines += ["| query | stock ms | ours ms | ours/stock | stock KiB · req | ours KiB · req | results stock / ours "
                  "| repeat ms stock / ours |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for query, by in results["queries"].items():
            s, o = by["stock" + v], by["ours" + v]
            lines.append(f"| `{query}` | {_span(s, 'cold_ms')} | {_span(o, 'cold_ms')} "
                         f"| {_med(o, 'cold_ms') / _med(s, 'cold_ms'):.2f}× | {_kib_req(s)} | {_kib_req(o)} "
                         f"| {s[-1]['count']} / {o[-1]['count']} | {_med(s, 'repeat_ms'):.0f} / {_med(o, 'repeat_ms'):.0f} |")
        lines.append("")
    versions = _versions(data)
    for v in versions[1:]:
        a = versions[0]
        lines += [f"Pagefind{v} against{a} (cold ms, medians; ratio{v} /{a}):", "",
                  f"| query | stock{a} | stock{v} | ratio | stock KiB · req{a} /{v} | ours{a} | ours{v} | ratio "
                  f"| ours KiB · req{a} /{v} |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for query, by in results["queries"].items():
            cells = []
            for kind in ("stock", "ours"):
                old, new = by[kind + a], by[kind + v]
                cells.append(f"{_span(old, 'cold_ms')} | {_span(new, 'cold_ms')} "
                             f"| {_med(new, 'cold_ms') / _med(old, 'cold_ms'):.2f}× | {_kib_req(old)} / {_kib_req(new)}")
            lines.append(f"| `{query}` | {' | '.join(cells)} |")
        lines.append("")
    lines += ["| start-up | ms | requests | KiB |", "| --- | --- | --- | --- |"]
    for label, rows in results["startup"].items():
        lines.append(f"| {label} | {_span(rows, 'startup_ms')} | {statistics.median(r['startup']['all_requests'] for r in rows):.0f} "
                     f"| {statistics.median(r['startup']['all_bytes'] for r in rows) / 1024:.0f} |")
    lines += ["", "| throttled query | Pagefind | stock: start-up + query ms | ours: start-up + query ms | KiB stock / ours |",
              "| --- | --- | --- | --- | --- |"]
    for query, by in results["throttled"].items():
        for v in versions:
            s, o = by["stock" + v], by["ours" + v]
            lines.append(f"| `{query}` | {v.strip() or data.get('pagefind', '')} | {_med(s, 'startup_ms'):.0f} + {_span(s, 'cold_ms')} "
                         f"| {_med(o, 'startup_ms'):.0f} + {_span(o, 'cold_ms')} "
                         f"| {_med(s, 'cold_bytes') / 1024:.0f} / {_med(o, 'cold_bytes') / 1024:.0f} |")
    for v in versions:
        runs = data.get("stock_index_runs", {}).get(v.strip() or "stock", [])
        if runs:
            lines += ["", f"stock index{v}: wall {statistics.median(r['wall_s'] for r in runs):.1f} s, "
                          f"peak {statistics.median(r['peak_rss_mb'] for r in runs):.0f} MB (medians of {len(runs)}: "
                          + ", ".join(f"{r['wall_s']:.1f} s / {r['peak_rss_mb']:.0f} MB at load {r['load'][0]:.1f}" for r in runs)
                          + ")"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+", metavar="SITE")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pagefind", action="append", metavar="BINARY",
                        help=f"per SITE, in order: the Pagefind binary its stock index is built with ({INSTALLED!r}: "
                             "the installed one, the default)")
    parser.add_argument("--index-runs", type=int, default=1, help="index each stock site this many times, alternating")
    parser.add_argument("--skip-index", action="store_true", help="reuse the stock index in --work")
    parser.add_argument("--out", type=Path, default=HERE / "results" / f"search-vs-stock-{dt.date.today()}.json")
    args = parser.parse_args(argv)
    sites, work = [site.resolve() for site in args.sites], args.work.resolve()
    binaries = args.pagefind or [INSTALLED] * len(sites)
    if len(binaries) != len(sites):
        parser.error("give one --pagefind per SITE, or none")
    for site in sites:
        if not (site / "pagefind" / "shards.json").is_file():
            parser.error(f"{site}: build it with search on")
    versions = [bundle_version(site / "pagefind") for site in sites]
    if len(sites) > 1 and len(set(versions)) != len(versions):
        parser.error(f"each SITE must be built with another Pagefind version; found {', '.join(versions)}")
    for site, version, binary in zip(sites, versions, binaries):
        found = binary_version(binary) if not args.skip_index else version
        if found != version:
            parser.error(f"{site} was indexed by Pagefind {version}, but --pagefind {binary} runs {found}")
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def log(message):
        print(f"[{time.time() - started:6.0f}s] {message}", flush=True)

    suffixes = [f" {v}" for v in versions] if len(sites) > 1 else [""]
    stocks = [work / f"site-stock{s.replace(' ', '-')}" for s in suffixes]
    data: dict = {"sites": [str(s) for s in sites], "pagefind": versions[0] if len(sites) == 1 else versions,
                  "binaries": binaries, "date": str(dt.date.today()), "runs": args.runs, "loadavg_start": os.getloadavg()}
    if not args.skip_index:
        data["stock_pages_rewritten"] = [stock_site(site, stock) for site, stock in zip(sites, stocks)]
        data["stock_index_runs"] = {}
        for run in range(args.index_runs):
            for suffix, stock, binary in zip(suffixes, stocks, binaries):
                load = os.getloadavg()
                row = index_site(stock, work / f"pagefind-stock{suffix.replace(' ', '-')}.log", pagefind_env(binary))
                row["load"], row["version"] = load, bundle_version(stock / "pagefind")
                data["stock_index_runs"].setdefault(suffix.strip() or "stock", []).append(row)
                log(f"stock index{suffix}, run {run + 1}: {row}")
        data["stock_index"] = {k: rows[-1] for k, rows in data["stock_index_runs"].items()}
    for stock, version in zip(stocks, versions):
        found = bundle_version(stock / "pagefind")
        if found != version:
            parser.error(f"{stock}: stock index of Pagefind {found}, expected {version}: index it again (no --skip-index)")
    data["ours_index"] = {s.strip() or "ours": bundle_size(site / "pagefind") for s, site in zip(suffixes, sites)}
    variants = {**{f"stock{s}": stock for s, stock in zip(suffixes, stocks)},
                **{f"ours{s}": site for s, site in zip(suffixes, sites)}}
    data["results"] = measure(variants, args.runs, log)
    data["loadavg_end"] = os.getloadavg()
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
