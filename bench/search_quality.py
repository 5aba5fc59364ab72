#!/usr/bin/env python3
"""Recall of queries typed without diacritics against the same queries typed with them.

    python bench/search_quality.py [--site OUTPUT]

Serves a built site on loopback, and in Chromium runs every accented query of the browser
query table (tests/browser/search_queries.py) as typed, and folded (no tones, đ→d) as this
project's search runs an unaccented query: marked ("0dien", static/search.js ``marked``)
so that it matches the pages' folded copy. For comparison, the folded query unmarked
("as written only": only words written without diacritics match). All with
exactDiacritics, as search.js searches. Recall of a folded query = share of the accented
query's results it also finds (Pagefind's search, without the shard corrections of
static/search.js).
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.search_queries import QUERIES  # noqa: E402

RUN = """async (query) => {
  // the index is sharded by year (pagefind/shards.json): the first shard, the others merged
  window.opened ||= (async () => {
    const bundle = new URL('../pagefind/', location.href);
    const shards = (await (await fetch(new URL('shards.json', bundle))).json()).shards.map((s) => s.name);
    const pf = await import(new URL('pagefind.js?quality', bundle).href);
    const base = (name) => new URL(`${name}/`, bundle).pathname;
    const options = {exactDiacritics: true};
    await pf.options({...options, basePath: base(shards[0])});
    for (const name of shards.slice(1)) await pf.mergeIndex(base(name), options);
    return pf;
  })();
  const pf = await window.opened;
  const s = await pf.search(query);
  const urls = [];
  for (const r of s.results) urls.push((await r.data()).url);
  return urls;
}"""


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    quiet = type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    handler = functools.partial(quiet, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    accented = sorted({q[2:] for q, _ in QUERIES if q.startswith("q=") and "&" not in q and fold(q) != q})
    from playwright.sync_api import sync_playwright

    totals = {"ours": [0, 0], "as written only": [0, 0]}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/")
        page.wait_for_function("() => typeof marked === 'function'")
        print(f"{'query':32} {'ours: found/expected':>22} {'as written only: found/expected':>33}")
        for query in accented:
            row = []
            want = set(page.evaluate(RUN, query))
            for name, typed in (("ours", page.evaluate("(q) => marked(q)", fold(query))), ("as written only", fold(query))):
                got = set(page.evaluate(RUN, typed))
                totals[name][0] += len(want & got)
                totals[name][1] += len(want)
                row.append(f"{len(want & got)}/{len(want)}")
            print(f"{query:32} {row[0]:>22} {row[1]:>33}")
        browser.close()
    for name, (hit, want) in totals.items():
        print(f"recall of unaccented queries, {name}: {hit}/{want} = {hit / max(want, 1):.1%}")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
