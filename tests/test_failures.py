"""A failure in any stage of a build, on any path, leaves output/ exactly as it was, and
the next build ends like a clean one."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from archivist.build import output, search
from archivist.model.errors import BuildFailed, Problem
from tests.golden import files
from tests.test_incremental import _clean_build, _edit
from tests.test_live import ARTICLE


@pytest.fixture()
def project(fixture_copy):
    return fixture_copy


def _pagefind_fails(*args, **kwargs):
    raise BuildFailed([Problem("pagefind", None, None, "search index of shard 2022: Pagefind exited with status 1")])


def _disk_full(path, data):
    raise OSError(errno.ENOSPC, "No space left on device", path)


FAILURES = {"pagefind fails": (search, "build_index", _pagefind_fails, BuildFailed),
            "disk full": (output, "_write", _disk_full, OSError)}
EDITS = {
    "text edit": ("1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài."),  # from the saved model
    "title edit": ("title: ", "title: Mới - "),  # a full build
}


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_leaves_output_as_it_was(project, tmp_path, monkeypatch, failure, edit):
    _edit(project.config, "search: false", "search: true")
    from archivist.commands import build

    build(project)
    before = files(project.output)
    _edit(project.content / ARTICLE, *EDITS[edit])
    module, name, replacement, error = FAILURES[failure]
    with monkeypatch.context() as patch:
        patch.setattr(module, name, replacement)
        with pytest.raises(error):
            build(project)
    assert files(project.output) == before
    report = build(project)
    assert not report.skipped and report.index == "rebuilt"
    assert files(project.output) == _clean_build(project, tmp_path)


@pytest.mark.parametrize("beside", [".output.staging", ".output.previous"])
def test_a_users_folder_beside_the_output_is_never_emptied(project, beside):
    """build.py keeps the site before beside output/ (``.output.staging``) and, on systems
    without an atomic exchange, moves output/ aside for a moment (``.output.previous``): a
    folder of the user's under either name is refused, never emptied or deleted."""
    from archivist.commands import build

    folder = project.output.parent / beside
    folder.mkdir()
    (folder / "f").write_text("x", encoding="utf-8")
    for step in ("first build", "build after an edit"):
        with pytest.raises(BuildFailed) as failed:
            build(project)
        assert failed.value.problems[0].path == str(folder) and "not made by build.py" in failed.value.problems[0].message
        assert (folder / "f").read_text(encoding="utf-8") == "x", step
        _edit(project.content / ARTICLE, *EDITS["title edit"])


def test_a_staging_folder_left_by_a_killed_build_is_still_the_tools(project, monkeypatch):
    """The staging folder holds the marker from its start: a build that dies filling it
    leaves a folder the next build knows as its own."""
    from archivist.commands import build

    staging = project.output.parent / ".output.staging"
    shutil.rmtree(staging, ignore_errors=True)
    real_write, this_process = output._write, os.getpid()

    def interrupted_in_this_process(path, data):  # after the workers wrote the pages
        if os.getpid() == this_process and not path.endswith(output.MARKER):
            raise KeyboardInterrupt
        real_write(path, data)

    with monkeypatch.context() as patch:
        patch.setattr(output, "_write", interrupted_in_this_process)
        with pytest.raises(KeyboardInterrupt):
            build(project, clean=True)
    assert staging.is_dir() and any(staging.iterdir())
    assert not build(project).skipped


def test_a_dangling_symlink_or_an_unreadable_article_is_a_message(project, monkeypatch):
    from archivist.commands import build

    before = files(project.output)
    (project.content / "mat.md").symlink_to(project.root / "khong-con.md")
    with pytest.raises(BuildFailed) as failed:
        build(project)
    [problem] = failed.value.problems
    assert problem.path.endswith("mat.md") and "does not exist" in problem.message
    (project.content / "mat.md").unlink()
    real = Path.read_bytes

    def unreadable(path):
        if path.name == ARTICLE:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    _edit(project.content / ARTICLE, *EDITS["title edit"])
    monkeypatch.setattr(Path, "read_bytes", unreadable)
    with pytest.raises(BuildFailed) as failed:
        build(project)
    assert [(p.path.endswith(ARTICLE), p.message) for p in failed.value.problems] == [(True, "cannot be read: Permission denied")]
    assert files(project.output) == before


def test_a_full_disk_is_a_message_from_the_command_line(project, tmp_path):
    """build.py under a disk-full fault (injected by a sitecustomize module on the path):
    one line naming the file and the cause, exit status 1, no traceback, output/ as it was."""
    import subprocess
    import sys

    from tests.golden import ROOT

    before = files(project.output)
    _edit(project.content / ARTICLE, *EDITS["title edit"])
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import errno\nfrom archivist.build import output\n"
        "def _full(path, data):\n    raise OSError(errno.ENOSPC, 'No space left on device', path)\n"
        "output._write = _full\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project.root),
                             "--templates", str(project.templates)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{ROOT}"})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "No space left on device; output/ was not changed" in result.stderr
    assert files(project.output) == before


def test_symbolic_links_in_content_are_followed_and_named_in_warnings(project, tmp_path):
    """One rule for links to files and to folders, wherever they point: followed, so their
    articles are built, and each named in a warning (--strict refuses them); a loop of
    links is read once."""
    from archivist.commands import build

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "thu-muc").mkdir(parents=True)
    text = (project.content / ARTICLE).read_text(encoding="utf-8")
    (elsewhere / "bai-ngoai.md").write_text(text.replace("title: ", "title: Ngoài ", 1), encoding="utf-8")
    (elsewhere / "thu-muc" / "bai-trong-thu-muc.md").write_text(text.replace("title: ", "title: Thư mục ", 1),
                                                               encoding="utf-8")
    (project.content / "lien-ket.md").symlink_to(elsewhere / "bai-ngoai.md")
    (project.content / "thu-muc-lien-ket").symlink_to(elsewhere / "thu-muc", target_is_directory=True)
    (elsewhere / "thu-muc" / "vong").symlink_to(project.content, target_is_directory=True)  # a loop
    report = build(project)
    assert (project.output / "bai-viet" / "lien-ket" / "index.html").is_file()
    assert (project.output / "bai-viet" / "bai-trong-thu-muc" / "index.html").is_file()
    linked = sorted(w.path.rpartition("/")[2] for w in report.warnings if "symbolic link" in w.message)
    assert linked == ["lien-ket.md", "thu-muc-lien-ket"], report.warnings
    with pytest.raises(BuildFailed):
        build(project, strict=True)


def _as_a_user(step) -> tuple[int, str]:
    """Run ``step()`` in a forked process as a user who is not root (``nobody`` when the
    tests run as root, so that permissions apply; the modules a build needs are already
    imported, the interpreter's folders may be out of that user's reach). Returns its exit
    code and what it printed to stderr."""
    import io
    import pwd
    import sys

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 0
        err = sys.stderr = io.StringIO()
        try:
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            code = step() or 0
        except BaseException as error:  # noqa: BLE001 (reported to the parent)
            print(f"{type(error).__name__}: {error}", file=err)
            code = 99
        os.write(write, err.getvalue().encode())
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        message = pipe.read()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), message


def test_a_read_only_output_folder_is_replaced_whole_and_a_read_only_parent_is_a_message(tmp_path):
    """For a user who is not root: an output/ whose folders are all read-only is replaced
    as a whole by the next build (a folder swap in its parent), the build after that
    reuses the read-only folder swapped out, and when the parent folder is read-only
    the build says so, exit 1, output/ as it was."""
    import pwd
    import tempfile

    from archivist.commands import Project, build
    from build import main
    from tests.golden import ROOT

    top = Path(tempfile.mkdtemp(dir=tmp_path.anchor + "tmp"))  # a folder the user can reach
    top.chmod(0o755)
    try:
        root = top / "site"
        shutil.copytree(ROOT / "tests/fixtures/archive", root, ignore=shutil.ignore_patterns(".cache", "output"))
        shutil.copytree(ROOT / "templates", root / "templates")
        build(Project.at(top / "site"), clean=True)  # imports all a build needs, as root
        shutil.rmtree(root / "output")
        shutil.rmtree(root / ".cache")
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for path in [root, *root.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
        project = Project.at(root)
        run = ["--root", str(root), "-q"]
        assert _as_a_user(lambda: main(run)) == (0, "")

        def read_only(path: Path) -> None:
            for folder in [path, *(p for p in path.rglob("*") if p.is_dir())]:
                folder.chmod(0o555)

        for step, title in enumerate(("Mới", "Mới hơn"), 1):
            assert _as_a_user(lambda: read_only(project.output)) == (0, "")
            _edit(project.content / ARTICLE, "title: ", f"title: {title} ")
            assert _as_a_user(lambda: main(run)) == (0, ""), step
            assert files(project.output) == _clean_build(project, tmp_path), step

        _edit(project.content / ARTICLE, "title: ", "title: Cuối ")
        before = files(project.output)
        assert _as_a_user(lambda: root.chmod(0o555)) == (0, "")
        code, message = _as_a_user(lambda: main(run))
        assert code == 1 and "Permission denied" in message and "output/ was not changed" in message, message
        assert "Traceback" not in message
        assert files(project.output) == before
        assert root.stat().st_mode & 0o777 == 0o555  # the user's folder as the user left it
    finally:
        for folder in [top, *(p for p in top.rglob("*") if p.is_dir() and not p.is_symlink())]:
            folder.chmod(0o755)
        shutil.rmtree(top)
