"""Browser benchmark of the search page's start-up and of browsing by filters without a
keyword (issue 22), over a built site: Playwright driving Debian's chromium, a new
browser context (cold cache) for every URL, localhost, optionally throttled through the
DevTools protocol.

    python bench/browse.py OUTPUT_DIR [--runs 3] [--throttle] [--out results.json]

Throttled: ~1.6 Mbps down, 750 kbps up, 150 ms round trip (search_design.THROTTLE).
Per URL, medians of the runs: ms from navigation start to the first results shown
(``first``) and to the facet counts shown (``done``: the form no longer aria-busy), and
the bytes and requests of every response (page, script, style, data), and of those under
pagefind/ (which browsing must not need). Start-up: the search page with no query, until
its facets are listed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import quote

from search_design import CHROMIUM, CHROMIUM_ARGS, new_page, serve  # bench/ is on the path as a script

PAGE = "tim-kiem/"
URLS = [
    ("start-up (no query)", ""),
    ("one province, common", "tinh=Hải Dương"),
    ("one province, rare", "tinh=Điện Biên"),
    ("one topic", "chu-de=Xây dựng Đảng"),
    ("province AND topic", "tinh=Hải Dương&chu-de=Xây dựng Đảng"),
    ("two topics (OR)", "chu-de=Chỉ thị 05&chu-de=Dân vận khéo"),
    ("province, district, year", "tinh=Hà Nội&huyen=Ba Vì&nam=2024"),
]
TIMER = """
window.__first = null; window.__done = null;
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search-form");
  const list = document.getElementById("results");
  const status = document.getElementById("search-status");
  const look = () => {
    if (window.__first === null && (list.children.length || (status.textContent && !status.textContent.startsWith("Đang"))))
      window.__first = performance.now();
    if (window.__done === null && window.__first !== null && !form.hasAttribute("aria-busy")
        && document.querySelectorAll("#facets fieldset").length) window.__done = performance.now();
  };
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
});
"""


def measure(site: Path, runs: int, throttle: bool) -> dict:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
    results: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(runs):
                for name, query in URLS:
                    context, page = new_page(browser, throttle)
                    page.add_init_script(TIMER)
                    finished = []
                    page.on("requestfinished", lambda request: finished.append(request))
                    url = base + ("?" + "&".join(f"{k}={quote(v)}" for k, v in (p.split("=", 1) for p in query.split("&")))
                                  if query else "")
                    page.goto(url)
                    page.wait_for_function("window.__done !== null", timeout=600_000)
                    timing = page.evaluate("[window.__first, window.__done]")
                    sizes = [(r.url, max(r.sizes()["responseBodySize"], 0)) for r in finished]
                    row = {"first_ms": timing[0], "done_ms": timing[1],
                           "bytes": sum(n for _, n in sizes), "requests": len(sizes),
                           "pagefind_requests": sum(1 for u, _ in sizes if "/pagefind/" in u),
                           "status": page.locator("#search-status").text_content(),
                           "shown": page.locator("#results li").count()}
                    context.close()
                    results.setdefault(name, {"query": query, "runs": []})["runs"].append(row)
                    print(f"  run {run + 1}: {name}: first {row['first_ms']:.0f} ms, done {row['done_ms']:.0f} ms, "
                          f"{row['bytes'] / 1024:.0f} KiB, {row['requests']} requests "
                          f"({row['pagefind_requests']} under pagefind/); {row['status']}", flush=True)
            browser.close()
    finally:
        server.shutdown()
    return results


def report(results: dict) -> None:
    med = statistics.median
    print("\n| URL | first results ms | facets counted ms | bytes | requests (pagefind/) | status |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, entry in results.items():
        rows = entry["runs"]
        first = [r["first_ms"] for r in rows]
        done = [r["done_ms"] for r in rows]
        print(f"| {name}: `{entry['query'] or '–'}` | {med(first):.0f} ({min(first):.0f}–{max(first):.0f}) "
              f"| {med(done):.0f} ({min(done):.0f}–{max(done):.0f}) | {med(r['bytes'] for r in rows) / 1024:.0f} KiB "
              f"| {med(r['requests'] for r in rows):.0f} ({max(r['pagefind_requests'] for r in rows)}) "
              f"| {rows[-1]['status']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built output folder (with its search page)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", action="store_true", help="~1.6 Mbps down, 150 ms RTT (DevTools protocol)")
    parser.add_argument("--out", type=Path, help="write the raw results as JSON")
    args = parser.parse_args(argv)
    results = measure(args.site, args.runs, args.throttle)
    report(results)
    if args.out:
        args.out.write_text(json.dumps({"throttled": args.throttle, "results": results}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
