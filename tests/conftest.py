"""Shared fixtures: the fixture archive and the real sample content, each built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, build_fixture


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture archive built (no search index); returns the output folder."""
    out = tmp_path_factory.mktemp("fixture") / "output"
    build_fixture(out)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The project's own content/ built with its site.yaml, search index included."""
    out = tmp_path_factory.mktemp("sample") / "output"
    build(Project.at(ROOT, output=out))
    return out


@pytest.fixture()
def fixture_copy(tmp_path) -> Project:
    """A copy of the fixture archive with its own copy of the templates, not built."""
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return Project.at(tmp_path / "site", templates=tmp_path / "templates")


@pytest.fixture()
def built_copy(fixture_copy) -> Project:
    """``fixture_copy`` built once."""
    build(fixture_copy)
    return fixture_copy


def read(site: Path, route: str) -> str:
    """The HTML of a route (``bai-viet/x/``) in a built site."""
    path = site / route / "index.html" if not route.endswith(".html") else site / route
    return path.read_text(encoding="utf-8")


__all__ = ["FIXTURE", "read"]
