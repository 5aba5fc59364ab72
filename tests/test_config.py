"""site.yaml: defaults, validation with lines and suggestions."""

from pathlib import Path

import pytest

from archivist.model.config import SiteConfig, load_config
from archivist.model.errors import BuildFailed

ROOT = Path(__file__).resolve().parent.parent


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        load_config(path, "site.yaml")
    return [str(p) for p in failed.value.problems]


def test_project_site_yaml_loads():
    config = load_config(ROOT / "site.yaml")
    assert config.segments.articles == "bai-viet" and config.per_page == 20


def test_empty_file_gives_defaults(tmp_path):
    (tmp_path / "site.yaml").write_text("")
    assert load_config(tmp_path / "site.yaml") == SiteConfig()


def test_every_problem_is_reported_with_its_line(tmp_path):
    found = problems(tmp_path, "titel: x\nper_page: 0\nsegments:\n  tags: Chủ đề\n  tag: x\nsearch: maybe\n")
    assert found == [
        "site.yaml:1: titel: unknown key; did you mean 'title'?",
        "site.yaml:2: per_page: expected a whole number of at least 1, got the number 0",
        'site.yaml:4: segments.tags: "Chủ đề" is not a URL segment (use lowercase a-z, 0-9 and hyphens)',
        "site.yaml:5: segments.tag: unknown key; did you mean 'tags'?",
        'site.yaml:6: search: expected true or false, got "maybe"',
    ]


def test_two_kinds_of_page_cannot_share_a_segment(tmp_path):
    assert problems(tmp_path, "segments:\n  years: chu-de\n") == [
        'site.yaml:2: segments.years: "chu-de" is already the segment of segments.tags']


def test_base_url_must_be_absolute_and_gets_a_slash(tmp_path):
    assert problems(tmp_path, "base_url: /luu-tru\n") == [
        'site.yaml:1: base_url: "/luu-tru" is not an absolute http(s) URL (like https://example.org/luu-tru/)']
    (tmp_path / "ok.yaml").write_text("base_url: https://example.org/luu-tru\n")
    assert load_config(tmp_path / "ok.yaml").base_url == "https://example.org/luu-tru/"


def test_malformed_yaml_names_the_line(tmp_path):
    assert problems(tmp_path, "title: x\nsegments: [a\n") == [
        "site.yaml:3: invalid YAML: did not find expected ',' or ']'"]


def test_the_reserved_segments_are_the_builds_own_folders():
    from archivist.build import render, search
    from archivist.model.config import RESERVED

    assert set(RESERVED) == {search.BUNDLE, render.STATIC}
