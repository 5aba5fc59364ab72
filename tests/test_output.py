"""Writing output/: atomic swap, unchanged files kept, stale files removed, paths confined."""

import os
from pathlib import Path

import pytest

from archivist.model.errors import BuildFailed
from archivist.build.output import MARKER, check_output_dir, safe_relative, write_output


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_unchanged_files_keep_their_mtime_and_stale_files_go(tmp_path):
    out = tmp_path / "output"
    write_output({"index.html": b"home", "a/index.html": b"a", "old/index.html": b"old"}, out)
    stamp = 1_000_000_000
    os.utime(out / "index.html", (stamp, stamp))
    os.utime(out / "a/index.html", (stamp, stamp))
    report = write_output({"index.html": b"home", "a/index.html": b"changed"}, out)
    assert tree(out) == {MARKER: tree(out)[MARKER], "index.html": b"home", "a/index.html": b"changed"}
    assert (out / "index.html").stat().st_mtime == stamp
    assert (out / "a/index.html").stat().st_mtime != stamp
    assert (report.written, report.unchanged, report.removed) == (1, 1, 1)
    # beside it only the staging folder, holding the site before, for the next build to update
    assert [p.name for p in tmp_path.iterdir() if p.name != "output"] == [".output.staging"]
    assert tree(tmp_path / ".output.staging")["a/index.html"] == b"a"


def test_the_reused_staging_folder_always_ends_up_exactly_the_new_site(tmp_path):
    out = tmp_path / "output"
    sites = [
        {"index.html": b"1", "a/index.html": b"a", "a/b/index.html": b"b", "c/index.html": b"c"},
        {"index.html": b"2", "a/index.html": b"a"},                   # folders go
        {"index.html": b"2", "a/index.html": b"a2", "d/e/f.html": b"f"},  # new folders
        {"index.html": b"2", "a": b"now a file", "d/e/f.html": b"f"},  # a folder becomes a file
        {"index.html": b"2", "a/index.html": b"a folder again"},
    ]
    for number, site in enumerate(sites * 2):
        write_output(dict(site), out)
        assert {k: v for k, v in tree(out).items() if k != MARKER} == site, number
        for path in site:  # no file is shared between the live site and the staging folder
            staged = tmp_path / ".output.staging" / path
            if staged.is_file() and staged.read_bytes() != site[path]:
                assert (out / path).read_bytes() == site[path]


def test_kept_files_are_hard_links_not_copies(tmp_path):
    out = tmp_path / "output"
    write_output({"index.html": b"home", "a/index.html": b"a"}, out)
    write_output({"index.html": None, "a/index.html": b"a2"}, out)
    write_output({"index.html": None, "a/index.html": b"a3"}, out)
    assert (out / "index.html").read_bytes() == b"home"
    assert (out / "index.html").stat().st_nlink == 2  # output/ and the staging folder
    assert (out / "a/index.html").read_bytes() == b"a3"
    assert (tmp_path / ".output.staging" / "a/index.html").read_bytes() == b"a2"


def test_failure_before_the_swap_leaves_output_untouched(tmp_path):
    out = tmp_path / "output"
    write_output({"index.html": b"good"}, out)
    before = tree(out)

    def crash(staging, previous):
        raise RuntimeError("killed mid-build")

    with pytest.raises(RuntimeError):
        write_output({"index.html": b"half", "new.html": b"x"}, out, crash)
    assert tree(out) == before
    write_output({"index.html": b"next"}, out)
    assert tree(out)["index.html"] == b"next"


@pytest.mark.parametrize("path", ["../evil.html", "/etc/passwd", "a/../../b", "a\\..\\b", "", "a//b", "./a",
                                  "a/./b", "a/", "..", "a\0b"])
def test_paths_cannot_escape_the_output_folder(path):
    with pytest.raises(ValueError):
        safe_relative(path)
    assert safe_relative("bai-viet/chi-co-thang/index.html") == "bai-viet/chi-co-thang/index.html"


def test_refuses_a_folder_with_foreign_files(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "notes.txt").write_text("curator's notes")
    with pytest.raises(BuildFailed) as failed:
        check_output_dir(out, [tmp_path / "content"], tmp_path)
    assert "was not made by build.py" in str(failed.value)
    assert (out / "notes.txt").read_text() == "curator's notes"


@pytest.mark.parametrize("name", ["content", "content/out", "."])
def test_refuses_output_over_the_sources(tmp_path, name):
    (tmp_path / "content").mkdir()
    with pytest.raises(BuildFailed, match="choose a separate folder"):
        check_output_dir(tmp_path / name, [tmp_path / "content"], tmp_path)
