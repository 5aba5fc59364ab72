"""A query typed at a reader's pace (110 ms a key), sent with Enter 150 ms after the last key:
ms from Enter to its results, for each built site in turn (cold browser context each time).

    python bench/search_typing.py RUNS plain|throttle NAME=OUTPUT [NAME=OUTPUT …]

``throttle``: 1.6 Mbps down, 150 ms RTT (search_design.THROTTLE). Medians over RUNS.
"""
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_shards as ss
from search_design import CHROMIUM, CHROMIUM_ARGS, SEARCH_PAGE, READY, new_page
from playwright.sync_api import sync_playwright
if len(sys.argv) < 4 or sys.argv[2] not in ("plain", "throttle"):
    sys.exit(__doc__)
sites = dict(a.split("=", 1) for a in sys.argv[3:]); runs = int(sys.argv[1]); throttle = sys.argv[2] == "throttle"
servers = {k: ss.serve(Path(v)) for k, v in sites.items()}
res = {k: {} for k in sites}
try:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for run in range(runs):
            for query in ["dang vien", "Điện Biên Phủ", "Mường Luân"]:
                for k, server in servers.items():
                    ctx, page = new_page(b, throttle)
                    page.add_init_script(ss.TIMER)
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/{SEARCH_PAGE}")
                    page.wait_for_function(f"document.getElementById('search-status').textContent === {json.dumps(READY)}", timeout=120000)
                    page.type("#q", query, delay=110)
                    page.wait_for_timeout(150)
                    page.press("#q", "Enter")
                    ms = ss.settle(page)
                    res[k].setdefault(query, []).append(ms)
                    ctx.close()
finally:
    for s in servers.values(): s.shutdown()
for q in res[next(iter(res))]:
    print(q, {k: round(statistics.median(v[q])) for k, v in res.items()})
