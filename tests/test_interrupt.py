"""A build killed at any moment leaves the previous output/ whole, and the next build works."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.golden import ROOT, files

ARTICLES = 150


def make_archive(root: Path, title_prefix: str) -> None:
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    samples = sorted((ROOT / "content").glob("*.md"))
    for n in range(ARTICLES):
        text = samples[n % len(samples)].read_text(encoding="utf-8")
        text = text.replace("title: ", f"title: {title_prefix} {n} ", 1)
        (content / f"bai-{n:03d}.md").write_text(text, encoding="utf-8")
    (root / "site.yaml").write_text("search: false\nper_page: 10\n", encoding="utf-8")


def run_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root),
                             "--templates", str(ROOT / "templates"), "-q"], cwd=ROOT)


def test_killed_builds_never_damage_the_last_good_output(tmp_path):
    make_archive(tmp_path, "Cũ")
    assert run_build(tmp_path).wait() == 0
    old = files(tmp_path / "output")
    make_archive(tmp_path, "Mới")
    assert run_build(tmp_path).wait() == 0
    new = files(tmp_path / "output")
    assert new != old

    def back_to_old() -> None:
        make_archive(tmp_path, "Cũ")
        assert run_build(tmp_path).wait() == 0
        make_archive(tmp_path, "Mới")

    back_to_old()
    start = time.perf_counter()  # articles parsed before: the time of the builds below
    assert run_build(tmp_path).wait() == 0
    full = time.perf_counter() - start
    # back to the old site, then kill builds of the new one at spread-out moments
    back_to_old()
    mid_write = 0
    for step in range(30):
        if mid_write >= 2:
            break
        if files(tmp_path / "output") == new:  # the last kill came too late: start again
            back_to_old()
        process = run_build(tmp_path)
        time.sleep(full * (0.5 + (step % 12) * 0.045))  # the write is near the end
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = files(tmp_path / "output")
        assert now in (old, new), f"output damaged by a kill at step {step}"
        staged = files(tmp_path / ".output.staging")
        mid_write += staged not in (old, new) or (now == old and staged == new)
    assert mid_write, "no kill landed while the new site was being written; the test proved nothing"
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == new
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".cache", ".output.staging"]
    assert files(tmp_path / ".output.staging") == old  # the site before, kept to start the next build from


KINDS = {
    # the saved-model path: the pages showing the article, and its search shard, in one swap
    "text edit": ("Ban Chấp hành", "Ban Thường vụ"),
    # a full build: the article moves in every list
    "title edit": ("title: Cũ 9 ", "title: Mới 9 "),
}


@pytest.mark.parametrize("kind", KINDS)
def test_killed_edits_with_search_leave_the_old_or_the_new_site(tmp_path, kind):
    """SIGKILL at spread-out moments of builds that alternate an edit and its revert, search
    index included: output/ is always the old site or the new one, never a mix (the pages of
    one with the index of the other), and the next build finishes the job."""
    make_archive(tmp_path, "Cũ")
    (tmp_path / "site.yaml").write_text("search: true\nper_page: 10\n", encoding="utf-8")
    article = tmp_path / "content" / "bai-009.md"
    old_text, new_text = KINDS[kind]
    original = article.read_text(encoding="utf-8")
    assert old_text in original
    edited = original.replace(old_text, new_text, 1)
    assert run_build(tmp_path).wait() == 0
    old = files(tmp_path / "output")
    article.write_text(edited, encoding="utf-8")
    start = time.perf_counter()
    assert run_build(tmp_path).wait() == 0
    took = time.perf_counter() - start
    new = files(tmp_path / "output")
    assert new != old and any(name.startswith("pagefind/") and new[name] != old.get(name) for name in new)
    article.write_text(original, encoding="utf-8")
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == old  # an edit and its revert: the same bytes, index included
    states = {"old": old, "new": new}
    kills = 10
    for step in range(kills):
        target = "new" if step % 2 == 0 else "old"
        article.write_text(edited if target == "new" else original, encoding="utf-8")
        process = run_build(tmp_path)
        time.sleep(took * (0.1 + 0.9 * step / (kills - 1)))  # from parsing to the swap
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = files(tmp_path / "output")
        assert now in (old, new), f"a kill at step {step} left a third state: " + ", ".join(
            sorted(name for name in now.keys() | states[target].keys() if now.get(name) != states[target].get(name))[:10])
        assert run_build(tmp_path).wait() == 0
        assert files(tmp_path / "output") == states[target], f"the build after the kill at step {step} ended wrong"


def test_two_builds_at_once_take_turns_and_end_like_a_clean_build(tmp_path):
    """Two terminals building the same project (here: two --clean builds, which drop the
    cache): the second waits for the first, says so, and both end with the whole site
    and its whole search index."""
    make_archive(tmp_path, "Cũ")
    (tmp_path / "site.yaml").write_text("search: true\nper_page: 10\n", encoding="utf-8")
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path), "--templates", str(ROOT / "templates"),
               "--clean"]
    first = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    second = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    errors = [process.communicate()[1] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], errors
    assert "Traceback" not in "".join(errors)
    assert sum("waiting for it to end" in error for error in errors) == 1, errors
    both = files(tmp_path / "output")
    shutil.rmtree(tmp_path / "output")
    shutil.rmtree(tmp_path / ".cache")
    assert run_build(tmp_path).wait() == 0
    assert files(tmp_path / "output") == both


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_serve(root: Path, port: int) -> subprocess.Popen:
    """``build.py serve`` on ``port``, once it answers."""
    import urllib.request

    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root),
                                "--templates", str(ROOT / "templates"), "--port", str(port), "-q"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return process
        except OSError:
            assert process.poll() is None, "serve ended"
            time.sleep(0.1)
    process.kill()
    raise AssertionError("serve did not answer")


def test_a_killed_serve_never_keeps_the_next_build_from_ending_right(tmp_path):
    """SIGKILL of serve at spread-out moments after an edit (during its quick edit, its
    full build with the search index, or after it): the build.py that follows ends with
    the site a build from scratch gives; so does one run while serve is alive."""
    make_archive(tmp_path, "Cũ")
    (tmp_path / "site.yaml").write_text("search: true\nper_page: 10\n", encoding="utf-8")
    article = tmp_path / "content" / "bai-009.md"
    original = article.read_text(encoding="utf-8")
    edited = original.replace("Ban Chấp hành", "Ban Thường vụ", 1)
    assert edited != original
    states = {}
    for name, text in (("new", edited), ("old", original)):
        article.write_text(text, encoding="utf-8")
        assert run_build(tmp_path).wait() == 0
        states[name] = files(tmp_path / "output")
    assert states["new"] != states["old"]
    port = _free_port()
    serve = _start_serve(tmp_path, port)
    try:
        mixed = 0  # kills that left serve's quick edit live without its full build
        for step in range(24):
            if step >= 8 and mixed >= 2:
                break
            target = "new" if step % 2 == 0 else "old"
            article.write_text(edited if target == "new" else original, encoding="utf-8")
            time.sleep(0.05 + 0.2 * (step % 10))
            serve.send_signal(signal.SIGKILL)
            serve.wait()
            mixed += files(tmp_path / "output") not in (states["old"], states["new"])
            assert run_build(tmp_path).wait() == 0
            assert files(tmp_path / "output") == states[target], f"the build after the kill at step {step} ended wrong"
            serve = _start_serve(tmp_path, port)
        assert mixed, "no kill landed between serve's quick edit and its full build; the test proved nothing"
        article.write_text(edited, encoding="utf-8")  # a build while serve runs (and rebuilds)
        assert run_build(tmp_path).wait() == 0
        time.sleep(1)
        assert run_build(tmp_path).wait() == 0
        assert files(tmp_path / "output") == states["new"]
    finally:
        serve.kill()
        serve.wait()
