"""The size of every browsing page of a synthetic archive of N articles (issue 21: each
browsing page at most 100 KB of HTML at 100,000 articles).

    python bench/page_sizes_model.py 100000 [--seed 1] [--share-2025 0.15] [--json OUT]

The archive is bench/corpus.py's (the same articles as run.py's for N and the seed),
with a share of them dated from 1 July 2025 and placed among the 2025 units, so that both
eras have pages; it goes straight into the site model (no Markdown is written or parsed:
each summary is its body's first paragraph), then every page but the articles' is rendered
with the project's templates, only the first page of each paginated list (the others
hold the same parts). Prints, per template, how many pages, the median and the largest
(with its URL), and each page over the limit; standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

from archivist.build.render import make_renderer  # noqa: E402
from archivist.build.site import make_site  # noqa: E402
from archivist.model.config import SiteConfig  # noqa: E402
from archivist.model.places import ERA_2025, gazetteer  # noqa: E402
from archivist.model.records import Article, Source, parse_date  # noqa: E402

LIMIT = 100_000
"""Bytes of HTML a browsing page may have (issue 21)."""
REFORM, LAST = dt.date(2025, 7, 1), dt.date(2026, 6, 30)


def summary_of(body: str) -> str:
    """The body's first paragraph that is not a caption or heading, without Markdown marks."""
    blocks = [b for b in body.split("\n\n") if not b.startswith(("#", "-", ">")) and "{: .caption }" not in b]
    return re.sub(r"\*+|\[([^]]*)\]\([^)]*\)", r"\1", blocks[0] if blocks else "")


def articles(n: int, seed: int, seeds: Path, share_2025: float) -> list[Article]:
    """The corpus' articles as records, a share of them moved to the 2025 era."""
    rng = random.Random(seed + 2025)
    later = corpus.Localities(rng, gazetteer(), ERA_2025)
    made = []
    for a in corpus.make_articles(n, seed, seeds):
        date, places = a.date, tuple(a.places)
        if rng.random() < share_2025:
            day = REFORM + dt.timedelta(days=rng.randint(0, (LAST - REFORM).days))
            date, places = day.isoformat(), (later.pick(),)
        made.append(Article(path=f"{a.stem}.md", slug=a.stem, title=a.title, date=parse_date(date) if date else None,
                            date_note=None, places=places, author=a.author,
                            source=Source(a.source[0], a.source[1]) if a.source else None, tags=tuple(a.tags),
                            summary=summary_of(a.body), body_html=""))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="articles in the archive")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"), help="seed texts (corpus.py)")
    parser.add_argument("--share-2025", type=float, default=0.15, help="share of articles dated from 1 July 2025")
    parser.add_argument("--templates", type=Path, default=HERE.parent / "templates")
    parser.add_argument("--json", type=Path, help="write the sizes of every rendered page here")
    args = parser.parse_args()

    start = time.perf_counter()
    records = articles(args.n, args.seed, args.seeds, args.share_2025)
    site = make_site(SiteConfig(base_url="https://example.org/luu-tru/", search=True), records)
    renderer = make_renderer(site, args.templates)
    browsing = [p for p in site.pages if p.template not in ("article.html", "feed.xml", "404.html", "search.html")
                and ("pager" not in p.context or p.context["pager"].number == 1)]
    print(f"{args.n:,} articles: {len(site.pages):,} pages; rendering {len(browsing):,} browsing pages "
          f"(first pages of lists) after {time.perf_counter() - start:.0f} s", file=sys.stderr)
    sizes: dict[str, list[tuple[int, str]]] = {}
    for page in browsing:
        sizes.setdefault(page.template, []).append((len(renderer.render(page)), page.route))
    print(f"| template | pages | median bytes | largest bytes | largest page | over {LIMIT:,} |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for template, found in sorted(sizes.items()):
        largest = max(found)
        over = sum(size > LIMIT for size, _ in found)
        print(f"| {template} | {len(found):,} | {statistics.median(s for s, _ in found):,.0f} | {largest[0]:,} "
              f"| /{largest[1]} | {over} |")
    for template, found in sorted(sizes.items()):
        for size, route in sorted(found, reverse=True):
            if size <= LIMIT:
                break
            print(f"over the limit: /{route} ({template}) {size:,} bytes")
    if args.json:
        args.json.write_text(json.dumps({t: {r: s for s, r in found} for t, found in sizes.items()}, ensure_ascii=False,
                                        indent=0), encoding="utf-8")
    print(f"done in {time.perf_counter() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
