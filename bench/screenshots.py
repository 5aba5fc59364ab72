"""Screenshots of the map and the places index of a built site, in Debian's Chromium.

    python build.py --root ARCHIVE --output OUT --no-search
    python bench/screenshots.py OUT [--into docs/screenshots]

Writes, for each width (360 and 1280 CSS pixels): ``map-<width>.png``, the legacy-era map
of the places index (the figure alone), and ``places-<width>.png``, the first screenful
of the places index. PNGs are written with a small palette when Pillow is installed
(smaller files, the same look); otherwise as Chromium makes them. The site is served over
loopback as a static host would serve it.
"""

from __future__ import annotations

import argparse
import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (360, 1280)
HEIGHT = {360: 780, 1280: 900}
PLACES = "dia-phuong/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def shrink(png: bytes) -> bytes:
    """The PNG quantized to 256 colours when Pillow is there, else as it is."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue() if len(out.getvalue()) < len(png) else png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built output folder")
    parser.add_argument("--into", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.into.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]}, locale="vi-VN",
                                              color_scheme="light")
                page = context.new_page()
                page.goto(base + PLACES)
                shots = {f"places-{width}.png": page.screenshot(),
                         f"map-{width}.png": page.locator(".placemap figure").first.screenshot()}
                for name, png in shots.items():
                    data = shrink(png)
                    (args.into / name).write_bytes(data)
                    print(f"{args.into / name}: {len(data) // 1024} KB")
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
