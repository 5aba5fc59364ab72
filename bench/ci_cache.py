"""A CI publishing run with and without the carried cache (README, "Publishing from CI").

    python bench/ci_cache.py [--articles N] [--runs R] [--work DIR]

A synthetic archive (bench/corpus.py) is committed to a repository; run 1 builds a fresh
clone with ``bash .ci/pages`` (cold) and keeps its ``.cache/``; then one article's text is
edited and committed, and each of R runs builds a fresh clone twice: once with run 1's
cache restored (its files copied without their times), once without (cold). Printed:
each build's wall time and its summary line (articles parsed, pages rendered, shards
indexed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import make_articles, write_archive  # noqa: E402

URL = "https://bench.github.io/kho/"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd=cwd,
                   check=True, capture_output=True)


def ci_run(origin: Path, where: Path, cache: Path | None) -> tuple[float, str]:
    """A fresh clone, the cache restored (or none), ``bash .ci/pages``: wall time, summary."""
    git("clone", "-q", str(origin), str(where), cwd=origin.parent)
    if cache is not None:
        shutil.copytree(cache, where / ".cache", copy_function=shutil.copyfile)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ARCHIVIST_PLAIN", None)
    start = time.perf_counter()
    result = subprocess.run(["bash", ".ci/pages", URL], cwd=where, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return seconds, result.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"), help="seed texts (*.txt)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(dir=args.work))
    try:
        origin = work / "origin"
        write_archive(make_articles(args.articles, 1, args.seeds), origin)
        shutil.copytree(ROOT / "templates", origin / "templates")
        for name in ("build.py", ".ci/pages", ".gitignore"):
            (origin / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, origin / name)
        git("init", "-q", "-b", "main", cwd=origin)
        git("add", "-A", cwd=origin)
        git("commit", "-q", "-m", "archive", cwd=origin)
        seconds, line = ci_run(origin, work / "run-1", None)
        print(f"run 1, cold: {seconds:.1f} s  {line}")
        cache = work / "cache"
        shutil.copytree(work / "run-1" / ".cache", cache, copy_function=shutil.copyfile)
        article = sorted((origin / "content").rglob("*.md"))[len(list((origin / "content").rglob("*.md"))) // 2]
        article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn viết thêm.\n", encoding="utf-8")
        git("commit", "-q", "-am", "one edit", cwd=origin)
        times: dict[str, list[float]] = {"with the cache": [], "cold": []}
        for run in range(args.runs):
            for label, carried in (("with the cache", cache), ("cold", None)):
                where = work / f"run-{run}-{label.replace(' ', '-')}"
                seconds, line = ci_run(origin, where, carried)
                times[label].append(seconds)
                print(f"after one edit, {label}: {seconds:.1f} s  {line}")
                shutil.rmtree(where)
        for label, values in times.items():
            print(f"median {label}: {statistics.median(values):.1f} s ({min(values):.1f}–{max(values):.1f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
