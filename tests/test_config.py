"""site.yaml: defaults, validation with lines and suggestions."""

from __future__ import annotations  # a settings record's field types as site.yaml's reader sees them

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archivist.model.config import SiteConfig, load_config, read_settings
from archivist.model.errors import BuildFailed
from archivist.model.schema import Checker
from archivist.model.yamlsource import parse

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


@pytest.mark.parametrize("value, problem", [
    ("https://example.org/luu-tru?utm_source=x", "has a query (?utm_source=x)"),
    ("https://example.org/luu-tru/x#f", "has a fragment (#f)"),
    ("https://example.org?x", "has a query (?x)"),
    ("https://curator:secret@example.org/", "has a user name (…@)"),
    ("https://example.org:99999/", "is not an absolute http(s) URL"),
])
def test_base_url_with_a_query_fragment_or_user_is_a_problem_at_its_line(tmp_path, value, problem):
    assert problems(tmp_path, f"title: Kho\nbase_url: {value}\n") == [
        f'site.yaml:2: base_url: "{value}" {problem}'
        + ("; a site's address has none: remove it" if "URL" not in problem else
           " (like https://example.org/luu-tru/)")]


@pytest.mark.parametrize("value, normal", [
    ("https://example.org/luu-tru//", "https://example.org/luu-tru/"),
    ("https://example.org//luu-tru///2025", "https://example.org/luu-tru/2025/"),
    ("https://example.org/lưu-trữ/", "https://example.org/l%C6%B0u-tr%E1%BB%AF/"),
    ("https://example.org/l%C6%B0u-tr%E1%BB%AF", "https://example.org/l%C6%B0u-tr%E1%BB%AF/"),
    ("https://lưutrữ.vn", "https://xn--lutr-qib9306b.vn/"),
    ("HTTPS://Example.ORG:8443/a%zz", "https://example.org:8443/a%25zz/"),
])
def test_base_url_is_kept_in_one_ascii_form(tmp_path, value, normal):
    """Every absolute link, feed, the sitemap and robots.txt append routes to it: one
    slash between segments, and only ASCII, which XML and robots.txt readers accept."""
    (tmp_path / "site.yaml").write_text(f"base_url: {value}\n", encoding="utf-8")
    assert load_config(tmp_path / "site.yaml").base_url == normal


def test_malformed_yaml_names_the_line(tmp_path):
    assert problems(tmp_path, "title: x\nsegments: [a\n") == [
        "site.yaml:3: invalid YAML: did not find expected ',' or ']'"]


def test_the_reserved_segments_are_the_builds_own_folders():
    from archivist.build import render, search
    from archivist.model.config import RESERVED

    assert set(RESERVED) == {search.BUNDLE, render.STATIC}


def test_only_image_hosts_are_judged_as_host_names():
    """A list-of-texts setting is read as texts; only a field marked ``items: hosts``
    (image_hosts) must hold host names."""
    @dataclass(frozen=True)
    class Settings:
        keywords: tuple[str, ...] = ()
        image_hosts: tuple[str, ...] = field(default=(), metadata={"items": "hosts"})

    text = "keywords: [Điện Biên, https://anh.vn/x, ' Lai Châu ']\nimage_hosts: [https://anh.vn/x]\n"
    check = Checker("site.yaml", text)
    settings = read_settings(Settings, parse(text), check)
    assert settings.keywords == ("Điện Biên", "https://anh.vn/x", "Lai Châu")
    assert [str(p) for p in check.problems] == [
        'site.yaml:2: image_hosts[0]: expected a host name like baodienbienphu.info.vn (no https://, no path), '
        'got "https://anh.vn/x"']
    text = "keywords:\n  - 1\n  - ''\n  - Điện Biên\n"
    check = Checker("site.yaml", text)
    read_settings(Settings, parse(text), check)
    assert [str(p) for p in check.problems] == [
        "site.yaml:2: keywords[0]: expected text, got the number 1 (quote it in YAML)",
        "site.yaml:3: keywords[1]: is empty: write the text or remove the item"]
    check = Checker("site.yaml", "keywords: Điện Biên\n")
    read_settings(Settings, {"keywords": "Điện Biên"}, check)
    assert [str(p) for p in check.problems] == [
        'site.yaml:1: keywords: expected a list of texts like [a, b], got "Điện Biên"']
