"""Long work shows its progress (issue 20 §4): parsing, rendering, indexing, checking and
importing tell a ``Progress`` (archivist/build/progress.py) as their results come back;
build.py shows it as a bar on a terminal, as plain lines in a log, and not at all with
``-q``; the output is the same bytes whatever shows it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

import build as cli
from archivist.build import workers
from archivist.build.progress import Progress
from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, files

TEMPLATES = ROOT / "templates"
LINE = re.compile(r"^(parse|render|index|check|import): ([\d,]+)/([\d,]+) (articles|pages) \((\d+)%\), "
                  r"(about \d+s left|done in \d+\.\ds|time left not known yet)$")


class Recorder(Progress):
    """Every call, as (what, stage or count)."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def start(self, stage: str, total: int, unit: str) -> None:
        self.calls.append(("start", stage, total, unit))

    def advance(self, count: int) -> None:
        self.calls.append(("advance", count))

    def end(self) -> None:
        self.calls.append(("end",))

    def stages(self) -> dict[str, tuple[int, int]]:
        """Stage → (total, sum of its advances), each stage started and ended in turn."""
        found: dict[str, tuple[int, int]] = {}
        current = None
        for call in self.calls:
            if call[0] == "start":
                assert current is None, self.calls
                current, total, done = call[1], call[2], 0
            elif call[0] == "advance":
                done += call[1]
            else:
                found[current] = (total, done)
                current = None
        assert current is None
        return found


@pytest.fixture
def site(tmp_path) -> Project:
    """The fixture archive with its search index on, in a folder of its own."""
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    config = tmp_path / "site" / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    return Project.at(tmp_path / "site", templates=TEMPLATES)


def test_each_stage_is_told_of_all_its_work_and_the_bytes_are_the_same(site, tmp_path):
    silent = build(Project.at(site.root, templates=TEMPLATES, output=tmp_path / "silent"), clean=True)
    told = Recorder()
    report = build(site, clean=True, meter=told)
    pages = report.pages  # every page of a clean build is rendered
    assert told.stages() == {"parse": (8, 8), "render": (pages, pages), "index": (8, 8)}
    assert report.parsed == 8 and report.rendered == pages > 70 and report.shards == (8, 8)
    assert files(site.output) == files(tmp_path / "silent") and silent.rendered == report.rendered
    # an edit of an article's text, built from the saved model: its year's shard is indexed again
    article = site.content / "ngay-day-du.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n", encoding="utf-8")
    told = Recorder()
    report = build(site, meter=told)
    assert told.stages() == {"index": (1, 1)} and report.shards == (1, 8)
    assert report.parsed == 1 and 0 < report.rendered < report.pages
    # an edit of its title, a full build: the parse is counted however it was made
    article.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: Sửa ", 1), encoding="utf-8")
    told = Recorder()
    report = build(site, meter=told)
    assert report.parsed == 1 and told.stages()["render"] == (report.rendered, report.rendered)


def test_workers_tell_each_chunk_as_its_results_come_and_give_the_same_results(monkeypatch):
    items = list(range(500))

    def square(chunk, offset):
        return [item * item + offset for item in chunk]

    expected = [item * item + 3 for item in items]
    for cores in (1, 2):  # in this process (in chunks when told), and in forked workers
        monkeypatch.setattr(workers, "workers", lambda cores=cores: cores)
        told: list[int] = []
        assert workers.run_chunks(square, items, 3, advance=told.append) == expected
        assert sum(told) == len(items) and len(told) > 1
        assert workers.run_chunks(square, items, 3) == expected


def test_plain_lines_in_a_log(site, tmp_path, capsys, monkeypatch):
    """stderr is not a terminal (pytest captures it): plain lines, one at every tenth of a
    stage once it has run Lines.QUIET_FOR seconds (none here: made 0), then the summary
    on stdout; a check and an import tell theirs too."""
    monkeypatch.setattr(cli.Lines, "QUIET_FOR", 0.0)
    assert cli.main(["--root", str(site.root), "--templates", str(TEMPLATES)]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert [line.split(":")[0] for line in lines if "(100%)" in line] == ["parse", "render", "index"]
    assert "parse: 8/8 articles (100%), done in " in captured.err
    pages = re.match(r"8 articles, (\d+) pages: 8 parsed, \1 rendered, ", captured.out)
    assert pages and captured.out.count("\n") == 1, captured.out
    assert f"render: {pages[1]}/{pages[1]} pages (100%), done in " in captured.err
    assert "search index rebuilt (8 of 8 shards)" in captured.out

    assert cli.main(["check", "--root", str(site.root), "--templates", str(TEMPLATES)]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert all(LINE.match(line) and line.startswith("check: ") for line in lines), lines
    assert re.match(r"check: (\d+)/\1 pages \(100%\), done in ", lines[-1]) and len(lines) > 1  # told by chunks
    assert captured.out.startswith("check passed: ")

    raws = sorted((ROOT / "tests" / "fixtures" / "raw").glob("*"))[:3]
    assert cli.main(["import", "--root", str(site.root), *map(str, raws)]) in (0, 1)
    captured = capsys.readouterr()
    import_lines = [line for line in captured.err.splitlines() if line.startswith("import: ")]
    assert [line.split(" (")[0] for line in import_lines] == ["import: 1/3 pages", "import: 2/3 pages",
                                                              "import: 3/3 pages"]


def test_plain_lines_wait_for_a_long_stage_then_come_every_tenth_or_every_few_seconds():
    said: list[str] = []
    now = [100.0]
    lines = cli.Lines(said.append, clock=lambda: now[0])
    lines.start("render", 3000, "pages")
    for _ in range(10):  # 10 % in the first 1.25 seconds: a short stage says nothing
        now[0] += 0.125
        lines.advance(30)
    assert said == []
    now[0] += 0.75
    lines.advance(100)
    for _ in range(26):  # then a line at each new tenth
        now[0] += 1.0
        lines.advance(100)
    lines.advance(0)
    assert said[0] == "render: 400/3,000 pages (13%), about 13s left"
    assert [line.split(" (")[0].split(" ")[1] for line in said] == [
        "400/3,000", "600/3,000", "900/3,000", "1,200/3,000", "1,500/3,000", "1,800/3,000", "2,100/3,000",
        "2,400/3,000", "2,700/3,000", "3,000/3,000"]
    assert said[-1] == "render: 3,000/3,000 pages (100%), done in 28.0s"
    said.clear()
    lines.start("index", 10, "pages")
    now[0] += 30.0
    lines.advance(0)  # a stage that moves slowly: a line at least every Lines.EVERY seconds
    now[0] += 5.0
    lines.advance(0)
    now[0] += cli.Lines.EVERY
    lines.advance(0)
    assert said == ["index: 0/10 pages (0%), time left not known yet"] * 2


def test_quiet_shows_nothing_but_problems(site, capsys, monkeypatch):
    monkeypatch.setattr(cli.Lines, "QUIET_FOR", 0.0)
    assert cli.main(["--root", str(site.root), "--templates", str(TEMPLATES), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert cli.main(["check", "--root", str(site.root), "--templates", str(TEMPLATES), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert type(cli.progress_for(quiet=True)) is Progress


def test_a_terminal_gets_a_bar_with_counts_and_time_left(site):
    """build.py with stderr on a pseudo-terminal: rich's bar (the stage, done/total, the
    percentage, the time left), cleared as each stage ends; the summary stays."""
    main, other = os.openpty()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(site.root),
                                "--templates", str(TEMPLATES)], stdout=subprocess.PIPE, stderr=other,
                               env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(other)
    screen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        screen += chunk
    os.close(main)
    out = process.communicate()[0].decode()
    assert process.returncode == 0
    raw = screen.decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", raw)  # without colours and cursor moves
    assert re.search(r"parse .*━.* 0/8 articles .*%", text), text
    pages = re.match(r"8 articles, (\d+) pages: 8 parsed, \1 rendered, ", out)
    assert pages, out
    assert re.search(rf"render .*━.* 0/{pages[1]} pages .*%", text), text
    assert "-:--:--" in text  # the time left, not known at the start
    assert "\x1b[2K" in raw  # rich redraws the line in place
