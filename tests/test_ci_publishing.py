"""Publishing from CI (issue 20 §7): the shipped workflow files' build steps, run as CI
runs them, on a fresh clone of an archive's repository with the cache a CI carries from an
earlier run: the output is byte for byte that of a clean build, and the build does no more
work (articles parsed, pages rendered, search shards indexed, by its own count) than a
rebuild after the same one edit on the curator's machine; with no edit, it does nothing.

The commands are read from the workflow files themselves (.github/workflows/pages.yml,
.gitlab-ci.yml), all but the install step (the package is installed here already)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.golden import FIXTURE, ROOT, files

URL = "https://nguoi-luu-tru.github.io/kho-tin/"
GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
EDITED = "content/ngay-day-du.md"
SUMMARY = re.compile(r"^(\d+) articles, (\d+) pages: (\d+) parsed, (\d+) rendered, .*"
                     r"search index (?:rebuilt \((\d+) of (\d+) shards\)|unchanged)", re.M)


def github_steps() -> tuple[list[str], str, dict[str, str]]:
    """The build job's commands (but the install), the folder it publishes and its env."""
    steps = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    commands = [step["run"] for step in steps if "run" in step and not _installs(step["run"])]
    published = next(step["with"]["path"] for step in steps if step.get("uses", "").startswith(
        "actions/upload-pages-artifact@"))
    cached = next(step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cached == ".cache"
    return commands, published, {"BASE_URL": URL}


def gitlab_steps() -> tuple[list[str], str, dict[str, str]]:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]
    assert [".cache/"] in [cache["paths"] for cache in job["cache"]]
    return [line for line in job["script"] if not _installs(line)], job["artifacts"]["paths"][0], {"CI_PAGES_URL": URL}


def _installs(command: str) -> bool:
    return "pip install" in command


def run_steps(repo: Path, commands: list[str], env: dict[str, str]) -> str:
    """Run the commands in the checkout as a CI runner does (bash, -e, in the checkout);
    the build's output (stdout)."""
    environment = {key: value for key, value in os.environ.items() if key != "ARCHIVIST_PLAIN"}
    environment.update(env, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                       PYTHONPATH=str(ROOT))
    out = ""
    for command in commands:
        result = subprocess.run(["bash", "-e", "-c", command], cwd=repo, env=environment, capture_output=True,
                                text=True)
        assert result.returncode == 0, f"{command}: {result.stderr}"
        out += result.stdout
    return out


def work(summary: str) -> dict[str, int]:
    """A build's own count of its work, from its summary line."""
    match = SUMMARY.search(summary)
    assert match, summary
    return {"parsed": int(match[3]), "rendered": int(match[4]), "shards indexed": int(match[5] or 0)}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def origin(tmp_path) -> Path:
    """An archive's repository as a publisher keeps it: site.yaml, content/, templates/,
    build.py, the CI script and the workflow files (the tool's package is installed)."""
    repo = tmp_path / "origin"
    shutil.copytree(FIXTURE, repo, ignore=shutil.ignore_patterns(".cache", "output"))
    config = repo / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    shutil.copytree(ROOT / "templates", repo / "templates")
    for name in ("build.py", ".ci/pages", ".github/workflows/pages.yml", ".gitlab-ci.yml", ".gitignore"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, repo / name)
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "archive", cwd=repo)
    return repo


def clone(origin: Path, where: Path) -> Path:
    """A fresh checkout (every file new: new mtimes, ctimes and inodes)."""
    git("clone", "-q", str(origin), str(where), cwd=origin.parent)
    return where


def edit(repo: Path) -> None:
    path = repo / EDITED
    path.write_text(path.read_text(encoding="utf-8") + "\nMột đoạn viết thêm sau khi đăng.\n", encoding="utf-8")


def carry(cache: Path, to: Path) -> None:
    """The CI's cache restore: the files' bytes, not their times or inodes."""
    shutil.copytree(cache, to, copy_function=shutil.copyfile)


@pytest.mark.parametrize("steps", [github_steps, gitlab_steps])
def test_a_fresh_checkout_with_the_carried_cache_builds_like_a_rebuild(origin, tmp_path, steps):
    commands, published, env = steps()
    assert any(".ci/pages" in command for command in commands)

    # run 1: a fresh checkout, no cache yet: a full build; the CI saves .cache/
    first = clone(origin, tmp_path / "run-1" / "repo")
    full = work(run_steps(first, commands, env))
    assert full["parsed"] == 8 and full["rendered"] > 0 and full["shards indexed"] > 0
    saved = tmp_path / "saved-cache"
    carry(first / ".cache", saved)

    # the same one edit rebuilt where run 1 left its checkout (the curator's rebuild)
    if published != "output":  # GitLab moves output/ to public/: put it back, as a curator has it
        (first / published).rename(first / "output")
    edit(first)
    rebuild = work(run_steps(first, commands, env))
    assert rebuild["parsed"] == 1 and 0 < rebuild["rendered"] < full["rendered"]

    # run 2: the edit pushed; a fresh checkout elsewhere, with the cache of run 1
    edit(origin)
    git("commit", "-q", "-am", "one edit", cwd=origin)
    second = clone(origin, tmp_path / "run-2" / "checkout")
    carry(saved, second / ".cache")
    ci = work(run_steps(second, commands, env))
    assert ci["parsed"] <= rebuild["parsed"] and ci["rendered"] <= rebuild["rendered"], (ci, rebuild)
    assert ci["shards indexed"] <= rebuild["shards indexed"], (ci, rebuild)

    # the same bytes as a clean build of the same commit
    clean = clone(origin, tmp_path / "clean" / "repo")
    run_steps(clean, [f"python3 build.py --base-url {URL} --clean"], {})
    assert files(second / published) == files(clean / "output")
    assert files(first / published) == files(clean / "output")

    # run 3: nothing pushed since; a fresh checkout with the cache of run 2. Every input
    # file is new to it, the image the fixture's article shows too (anh/le-ra-quan.png):
    # their bytes decide, and they are as built
    assert (second / "content" / "anh" / "le-ra-quan.png").is_file()
    carry(second / ".cache", tmp_path / "saved-cache-2")
    third = clone(origin, tmp_path / "run-3" / "checkout")
    carry(tmp_path / "saved-cache-2", third / ".cache")
    assert "nothing changed since the last build" in run_steps(third, commands, env)
    assert files(third / published) == files(clean / "output")


def test_without_a_cache_the_steps_make_a_whole_site(origin, tmp_path):
    """The first run (or an expired cache): a full build, published as it is."""
    commands, published, env = github_steps()
    repo = clone(origin, tmp_path / "repo")
    assert work(run_steps(repo, commands, env))["parsed"] == 8
    assert (repo / published / "404.html").read_text(encoding="utf-8").count('href="/kho-tin/static/') >= 1
    assert (repo / published / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {URL}sitemap.xml\n")
    assert (repo / ".cache" / "site.tar").is_file()
