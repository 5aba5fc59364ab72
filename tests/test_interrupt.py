"""A build killed at any moment leaves the previous output/ whole, and the next build works.

Each kill lands at a moment the test chooses, not one a sleep guesses: just after the build
says a stage ended (``-v``); while its Pagefind is held back (``Hold``: every page staged,
the search index not begun); for ``serve``, after its quick edit while its full build
waits for the project lock the test holds. A kill is a SIGKILL to the build's process
group: the build and the Pagefind it runs (an orphaned Pagefind would otherwise go on
writing into the staging folder while the next build runs)."""

import itertools
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from archivist.build.output import project_lock
from archivist.build.search import BUNDLE, SCRATCH
from tests.golden import ROOT, files

ARTICLES = 150
PATIENCE = 120
"""Seconds to wait for a message or a held Pagefind before failing: only a hung test waits that long."""


def make_archive(root: Path, title_prefix: str, search: bool = False) -> None:
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    samples = sorted((ROOT / "content").glob("*.md"))
    for n in range(ARTICLES):
        text = samples[n % len(samples)].read_text(encoding="utf-8")
        text = text.replace("title: ", f"title: {title_prefix} {n} ", 1)
        (content / f"bai-{n:03d}.md").write_text(text, encoding="utf-8")
    (root / "site.yaml").write_text(f"search: {str(search).lower()}\nper_page: 10\n", encoding="utf-8")


def run_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root),
                             "--templates", str(ROOT / "templates"), "-q"], cwd=ROOT)


def pages(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A site's files without its search index (and the pages Pagefind is given)."""
    return {name: data for name, data in tree.items() if not name.startswith((f"{BUNDLE}/", f"{SCRATCH}/"))}


def index_changed(old: dict[str, bytes], new: dict[str, bytes]) -> bool:
    return any(name.startswith(f"{BUNDLE}/") and data != old.get(name) for name, data in new.items())


class Said:
    """What a process says on stderr, line by line as it comes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process, self.lines = process, []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def until(self, *starts: str) -> str:
        """The next line starting with one of ``starts``; fails when the process ends first."""
        while True:
            try:
                line = self._queue.get(timeout=PATIENCE)
            except queue.Empty:
                raise AssertionError(f"nothing starting with {starts} said in {PATIENCE}s: {self.lines}") from None
            if line is None:
                raise AssertionError(f"ended before saying {starts}: {self.lines}")
            self.lines.append(line)
            if line.startswith(starts):
                return line

    def all(self) -> str:
        """Everything said, once the process has ended."""
        self._reader.join()
        while not self._queue.empty():
            if (line := self._queue.get()) is not None:
                self.lines.append(line)
        return "\n".join(self.lines)


def start(command: list[str]) -> tuple[subprocess.Popen, Said]:
    """A process in a group of its own (``kill``), its stderr read by ``Said``."""
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    return process, Said(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the process and what it started (its group), then wait for its end. The
    group is signalled before the process is reaped, so its id is still this process's."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class Hold:
    """Pagefind through a script (PAGEFIND_BINARY_PATH, which the pagefind package reads)
    that runs the real one, except while ``holding()``: then each Pagefind a build starts
    leaves a file named for its process in ``self.held`` and waits, so the build stays with
    every page staged and its search index not begun until the hold ends."""

    def __init__(self, folder: Path) -> None:
        from pagefind.service import get_executable

        real = get_executable()
        assert real is not None, "Pagefind is not installed"
        self.flag, self.held, self.script = folder / "hold", folder / "held", folder / "pagefind"
        self.held.mkdir()
        flag = shlex.quote(str(self.flag))
        self.script.write_text(
            "#!/bin/sh\n"
            f'if [ "$1" != --version ] && [ -e {flag} ]; then\n'
            f"  : > {shlex.quote(str(self.held))}/$$\n"
            f"  while [ -e {flag} ]; do sleep 0.01; done\n"
            "fi\n"
            f'exec {shlex.quote(str(real.resolve()))} "$@"\n', encoding="utf-8")
        self.script.chmod(0o755)

    @contextmanager
    def holding(self) -> Iterator[None]:
        self.flag.touch()
        try:
            yield
        finally:
            self.flag.unlink()
            for held in self.held.iterdir():
                held.unlink()

    def reached(self, process: subprocess.Popen) -> None:
        """Wait until a Pagefind that ``process`` started is held."""
        deadline = time.monotonic() + PATIENCE
        while not any(self.held.iterdir()):
            assert process.poll() is None, "ended without running Pagefind"
            assert time.monotonic() < deadline, f"no Pagefind held in {PATIENCE}s"
            time.sleep(0.01)


@pytest.fixture
def hold(tmp_path_factory, monkeypatch) -> Hold:
    """Every build of the test indexes through the same script (it is part of what a build reads)."""
    made = Hold(tmp_path_factory.mktemp("pagefind"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(made.script))
    return made


def kill_build(root: Path, point: str, hold: Hold) -> None:
    """Run a build and kill it at ``point``: "index" while its Pagefind is held, else just
    after it says the stage of that name ended (the kill lands after that stage, most often
    in the next; what the tests assert holds wherever it lands)."""
    process, said = start([sys.executable, str(ROOT / "build.py"), "--root", str(root),
                           "--templates", str(ROOT / "templates"), "-q", "-v"])
    if point == "index":
        with hold.holding():
            hold.reached(process)
            kill(process)
    else:
        said.until(f"{point}: ")
        kill(process)


def test_killed_builds_never_damage_the_last_good_output(tmp_path, hold):
    make_archive(tmp_path, "Cũ", search=True)
    assert run_build(tmp_path).wait() == 0
    old = files(tmp_path / "output")
    make_archive(tmp_path, "Mới", search=True)
    assert run_build(tmp_path).wait() == 0
    new = files(tmp_path / "output")
    assert new != old

    def back_to_old() -> None:
        make_archive(tmp_path, "Cũ", search=True)
        assert run_build(tmp_path).wait() == 0
        make_archive(tmp_path, "Mới", search=True)

    # back to the old site, then kill builds of the new one at each stage
    back_to_old()
    for point in ("load", "model", "render", "write", "index", "swap"):
        if files(tmp_path / "output") == new:  # the last kill came after the swap
            back_to_old()
        kill_build(tmp_path, point, hold)
        now = files(tmp_path / "output")
        assert now in (old, new), f"output damaged by a kill after {point}"
        if point == "index":  # every page of the new site staged, the index not begun, output/ untouched
            assert now == old and pages(files(tmp_path / ".output.staging")) == pages(new)
        if point == "swap":
            assert now == new
    back_to_old()
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == new
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".cache", ".output.staging"]
    assert files(tmp_path / ".output.staging") == old  # the site before, kept to start the next build from


KINDS = {
    # the saved-model path: the pages showing the article, and its search shard, in one swap
    "text edit": (("Ban Chấp hành", "Ban Thường vụ"), ("render", "index", "swap")),
    # a full build: the article moves in every list
    "title edit": (("title: Cũ 9 ", "title: Mới 9 "), ("load", "model", "render", "write", "index", "swap")),
}


@pytest.mark.parametrize("kind", KINDS)
def test_killed_edits_with_search_leave_the_old_or_the_new_site(tmp_path, kind, hold):
    """SIGKILL at each stage of builds that alternate an edit and its revert, search index
    included: output/ is always the old site or the new one, never a mix (the pages of one
    with the index of the other), and the next build finishes the job."""
    make_archive(tmp_path, "Cũ", search=True)
    article = tmp_path / "content" / "bai-009.md"
    (old_text, new_text), points = KINDS[kind]
    original = article.read_text(encoding="utf-8")
    assert old_text in original
    edited = original.replace(old_text, new_text, 1)
    assert run_build(tmp_path).wait() == 0
    old = files(tmp_path / "output")
    article.write_text(edited, encoding="utf-8")
    assert run_build(tmp_path).wait() == 0
    new = files(tmp_path / "output")
    assert new != old and index_changed(old, new)
    article.write_text(original, encoding="utf-8")
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == old  # an edit and its revert: the same bytes, index included
    states = {"old": old, "new": new}
    for point, target in itertools.product(points, ("new", "old")):
        article.write_text(edited if target == "new" else original, encoding="utf-8")
        kill_build(tmp_path, point, hold)
        now = files(tmp_path / "output")
        before = states["old" if target == "new" else "new"]
        assert now in (old, new), f"a kill after {point} left a third state: " + ", ".join(
            sorted(name for name in now.keys() | before.keys() if now.get(name) != before.get(name))[:10])
        if point == "index":
            assert now == before and pages(files(tmp_path / ".output.staging")) == pages(states[target])
        if point == "swap":
            assert now == states[target]
        assert run_build(tmp_path).wait() == 0
        assert files(tmp_path / "output") == states[target], f"the build after the kill after {point} ended wrong"


def test_two_builds_at_once_take_turns_and_end_like_a_clean_build(tmp_path, hold):
    """Two terminals building the same project (here: two --clean builds, which drop the
    cache): the second, started while the first indexes, waits for it and says so, and
    both end with the whole site and its whole search index."""
    make_archive(tmp_path, "Cũ", search=True)
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path), "--templates", str(ROOT / "templates"),
               "--clean"]
    with hold.holding():
        first, first_said = start(command)
        hold.reached(first)
        second, second_said = start(command)
        second_said.until("another build of ")  # it waits for the first, held in its index
    codes = [first.wait(), second.wait()]
    said = first_said.all(), second_said.all()
    assert codes == [0, 0], said
    assert "Traceback" not in "".join(said)
    assert "waiting for it to end" not in said[0], said
    both = files(tmp_path / "output")
    shutil.rmtree(tmp_path / "output")
    shutil.rmtree(tmp_path / ".cache")
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == both


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_build_takes_its_pagefind_with_it(tmp_path, hold):
    """The build alone is killed (not its process group), while Pagefind indexes: Pagefind
    ends too, rather than go on writing into the staging folder the next build fills."""
    make_archive(tmp_path, "Cũ", search=True)
    with hold.holding():
        process, _ = start([sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path),
                            "--templates", str(ROOT / "templates"), "-q"])
        hold.reached(process)
        indexing = [int(held.name) for held in hold.held.iterdir()]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + PATIENCE
        while any(map(running, indexing)):
            assert time.monotonic() < deadline, f"Pagefind {indexing} still runs after its build was killed"
            time.sleep(0.01)
    assert run_build(tmp_path).wait() == 0


def start_serve(root: Path) -> tuple[subprocess.Popen, Said]:
    """``build.py serve`` on a free port, once its first build ended and it answers."""
    process, said = start([sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root),
                           "--templates", str(ROOT / "templates"), "--port", "0", "-q"])
    address = re.search(r"http://\S+/", said.until("serving "))
    assert address, said.lines
    said.until("built ")
    urllib.request.urlopen(address.group(), timeout=PATIENCE).close()
    return process, said


def assert_quick_edit_only(now: dict[str, bytes], before: dict[str, bytes], target: dict[str, bytes]) -> None:
    """output/ as serve's quick edit leaves it: the pages it rewrote already the target's,
    everything else (the search index included) as before."""
    rewritten = [name for name in now if now[name] != before.get(name)]
    assert now.keys() == before.keys() and rewritten, "no quick edit in output/"
    assert all(not name.startswith(f"{BUNDLE}/") and now[name] == target[name] for name in rewritten), rewritten


def test_a_killed_serve_never_keeps_the_next_build_from_ending_right(tmp_path, hold):
    """SIGKILL of serve after an edit: once its quick edit is live while its full build
    waits for another build of the project (the test holds the project's lock), while that
    build's Pagefind runs, and after that build. The build.py that follows ends with the
    site a build from scratch gives; so does one run while serve is alive."""
    make_archive(tmp_path, "Cũ", search=True)
    article = tmp_path / "content" / "bai-009.md"
    original = article.read_text(encoding="utf-8")
    edited = original.replace("Ban Chấp hành", "Ban Thường vụ", 1)
    assert edited != original
    states = {}
    for name, text in (("new", edited), ("old", original)):
        article.write_text(text, encoding="utf-8")
        assert run_build(tmp_path).wait() == 0
        states[name] = files(tmp_path / "output")
    assert index_changed(states["old"], states["new"])
    serve, said = start_serve(tmp_path)
    try:
        for point, target in itertools.product(("quick edit", "index", "after"), ("new", "old")):
            before = states["old" if target == "new" else "new"]
            text = edited if target == "new" else original
            if point == "quick edit":
                with project_lock(tmp_path):
                    article.write_text(text, encoding="utf-8")
                    said.until("updated ")
                    said.until("another build of ")  # its full build waits for the lock
                    kill(serve)
            elif point == "index":
                with hold.holding():
                    article.write_text(text, encoding="utf-8")
                    said.until("updated ")
                    hold.reached(serve)
                    kill(serve)
                assert pages(files(tmp_path / ".output.staging")) == pages(states[target])
            else:
                article.write_text(text, encoding="utf-8")
                said.until("updated ")
                said.until("built ")
                kill(serve)
            now = files(tmp_path / "output")
            if point == "after":
                assert now == states[target]
            else:
                assert_quick_edit_only(now, before, states[target])
            assert run_build(tmp_path).wait() == 0
            assert files(tmp_path / "output") == states[target], f"the build after the kill {point} ended wrong"
            serve, said = start_serve(tmp_path)
        article.write_text(edited, encoding="utf-8")  # a build while serve runs (and rebuilds)
        assert run_build(tmp_path).wait() == 0
        said.until("built ", "nothing changed")  # serve's rebuild, after or around that build
        assert run_build(tmp_path).wait() == 0
        assert files(tmp_path / "output") == states["new"]
        assert "Traceback" not in "\n".join(said.lines)
    finally:
        if serve.poll() is None:
            kill(serve)
