#!/usr/bin/env python3
"""The duplicate check of ``build.py import`` (archivist/importer/duplicates.py): how its
shingle length and threshold were chosen, and what reading a large archive costs.

    python bench/duplicates.py table             # Jaccard by shingle length, copies vs different articles
    python bench/duplicates.py time N [--keep DIR]   # reading an N-article archive's records

``table``: the bodies of the sample's five articles (content/) and of the importer's ten
fixture pages (tests/fixtures/raw, extracted) are the different articles: the largest
similarity of any two of them is the "max different" column. The copies are made from the
five sample articles: the raw page the article was curated from (page furniture and all,
../shared/seeds), words replaced at random (1, 3, 5 %; 20 draws each), a paragraph dropped,
added or a new lead, the text cut to 70 and 50 %. Each copy column is the smallest
similarity over its cases (for the random ones, the 5th percentile of the draws).

``time``: an N-article synthetic archive (bench/corpus.py) is written, then its records
are read three times: without a cache, into an empty cache, and from the cache; plus one
import of a page into it, with the cache.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

from archivist.importer.duplicates import _words  # noqa: E402

SEEDS = REPO.parent / "shared" / "seeds"
LENGTHS = (1, 2, 3, 4, 5, 6, 8, 10)


def shingles(text: str, n: int) -> set:
    ids = _words(text)
    return set(zip(*(ids[i:] for i in range(n))))


def jaccard(a: str, b: str, n: int) -> float:
    x, y = shingles(a, n), shingles(b, n)
    return len(x & y) / max(1, len(x | y))


def corpus() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The sample's bodies, the raw seed each was curated from, and the fixtures' bodies."""
    from archivist.importer.extract import extract_html, extract_text
    from archivist.model.places import gazetteer
    from tests.test_import import SEED_TABLE

    curated = {p.stem: p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in sorted((REPO / "content").glob("*.md"))}
    raw = {Path(table[0]).stem: (SEEDS / seed).read_text(encoding="utf-8") for seed, table in SEED_TABLE.items()}
    fixtures = {}
    for path in sorted((REPO / "tests" / "fixtures" / "raw").iterdir()):
        extract = extract_html if path.suffix == ".html" else extract_text
        fixtures[path.stem] = extract(path.read_text(encoding="utf-8"), gazetteer()).body
    return curated, raw, fixtures


def table() -> None:
    curated, raw, fixtures = corpus()
    rng = random.Random(20)
    vocabulary = sorted({w for text in curated.values() for w in re.findall(r"\w+", text.lower())})
    names = sorted(curated)

    def replaced(text: str, rate: float) -> str:
        return "".join(rng.choice(vocabulary) if t.strip() and rng.random() < rate else t
                       for t in re.split(r"(\s+)", text))

    def paragraphs(text: str) -> list[str]:
        return [p for p in text.split("\n\n") if p.strip()]

    def dropped(text: str) -> str:
        parts = paragraphs(text)
        del parts[rng.randrange(1, len(parts))]
        return "\n\n".join(parts)

    def cut(text: str, share: float) -> str:
        words = text.split(" ")
        return " ".join(words[:int(len(words) * share)])

    cases: dict[str, list[tuple[str, str, bool]]] = {name: [] for name in (
        "raw page", "1% words", "3% words", "5% words", "-paragraph", "+paragraph", "new lead", "cut 70%", "cut 50%")}
    for i, name in enumerate(names):
        text, other = curated[name], curated[names[(i + 1) % len(names)]]
        cases["raw page"].append((raw[name], text, False))
        for rate in (1, 3, 5):
            cases[f"{rate}% words"] += [(replaced(text, rate / 100), text, True) for _ in range(20)]
        cases["-paragraph"].append((dropped(text), text, False))
        cases["+paragraph"].append((text + "\n\n" + rng.choice(paragraphs(other)), text, False))
        cases["new lead"].append(("\n\n".join([paragraphs(other)[0], *paragraphs(text)[1:]]), text, False))
        cases["cut 70%"].append((cut(text, 0.7), text, False))
        cases["cut 50%"].append((cut(text, 0.5), text, False))
    different = {**{f"content/{k}": v for k, v in curated.items()}, **{f"raw/{k}": v for k, v in fixtures.items()}}
    print("| words | " + " | ".join(cases) + " | max different (pair) |")
    print("|" + "---|" * (len(cases) + 2))
    for n in LENGTHS:
        cells = []
        for pairs in cases.values():
            scores = [jaccard(a, b, n) for a, b, _ in pairs]
            cells.append(statistics.quantiles(scores, n=20)[0] if pairs[0][2] else min(scores))
        worst = max((jaccard(different[a], different[b], n), a, b) for a, b in itertools.combinations(different, 2))
        print(f"| {n} | " + " | ".join(f"{c:.2f}" for c in cells) + f" | {worst[0]:.2f} ({worst[1]} / {worst[2]}) |")


def timed(n: int, keep: Path | None) -> None:
    import corpus as synthetic  # bench/corpus.py

    from archivist.importer.archive import Archive
    from archivist.importer.drafts import import_files

    root = keep or Path(tempfile.mkdtemp(prefix="duplicates-"))
    try:
        if not (root / "content").is_dir():
            synthetic.write_archive(synthetic.make_articles(n, 1, SEEDS), root)
        cache = root / ".cache"
        shutil.rmtree(cache, ignore_errors=True)
        for label, folder in (("no cache", None), ("empty cache", cache), ("from the cache", cache)):
            with clock() as took:
                archive = Archive.read(root / "content", "content", folder)
                archive.save()
            print(f"{len(archive.records)} articles, {label}: {took}")
        page = root / "trang.txt"
        page.write_text(f"Một bài viết mới hoàn toàn, lần {time.time_ns()}\n\n" + "Nội dung bài viết mới ở xã Mường "
                        "Luân, huyện Điện Biên Đông, tỉnh Điện Biên, với những chi tiết chưa từng có. " * 12,
                        encoding="utf-8")
        with clock() as took:
            report = import_files([page], root / "content", cache=cache)
        print(f"import of one page into it: {took} ({len(report.written)} written, {len(report.problems)} refused)")
        for draft in report.written:
            raw = root / "content" / yaml.safe_load(draft.read_text(encoding="utf-8").split("---\n")[1])["provenance"]["raw"]
            draft.unlink()
            raw.unlink()
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


class _Took:
    def __str__(self) -> str:
        return f"{self.wall:.2f}s ({self.cpu:.2f}s of CPU, workers included)"


@contextlib.contextmanager
def clock():
    """Wall time and CPU time (this process and its waited-for workers) of the block."""
    took = _Took()
    start, cpu = time.perf_counter(), _cpu()
    yield took
    took.wall, took.cpu = time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("table")
    timing = sub.add_parser("time")
    timing.add_argument("n", type=int)
    timing.add_argument("--keep", type=Path, help="write (or reuse) the archive there")
    args = parser.parse_args()
    table() if args.what == "table" else timed(args.n, args.keep)


if __name__ == "__main__":
    main()
