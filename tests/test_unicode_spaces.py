"""Unicode spaces pasted from the web (U+00A0 above all) in front matter and site.yaml:
read as ordinary spaces where they stand only between tokens, named with their line and
column where YAML cannot read them (tests/fixtures/invalid: unicode-space-in-key,
nbsp-for-a-colons-space, nbsp-indentation, site-nbsp-in-key)."""

from __future__ import annotations

import pytest

from archivist.build.content import parse_article
from archivist.model.config import load_config
from archivist.model.places import gazetteer
from archivist.model.yamlsource import ODD_SPACES, YamlError, parse, plain_spaces

DOCUMENT = "title:{s}Bài{s}\n{s}# ghi chú\nlocality:\n-{s}tỉnh Điện Biên\nsource{s}:\n {s}name: Báo\n {s}url:{s}http://x.vn\n"
"""Every place an odd space is only whitespace: after a colon, at a line's end, before a
comment, after a list's dash, before a colon, in indentation."""


@pytest.mark.parametrize("space", list(ODD_SPACES), ids=[f"U+{ord(c):04X}" for c in ODD_SPACES])
def test_an_odd_space_between_tokens_reads_as_an_ordinary_space(space):
    assert parse(DOCUMENT.format(s=space)) == parse(DOCUMENT.format(s=" ")) == {
        "title": "Bài", "locality": ["tỉnh Điện Biên"], "source": {"name": "Báo", "url": "http://x.vn"}}


def test_an_odd_space_inside_a_value_is_the_curators_text():
    assert parse("title: Điện\u00a0Biên, 70\u202fnăm\nurl: http://x.vn/a\u00a0b\n") == {
        "title": "Điện\u00a0Biên, 70\u202fnăm", "url": "http://x.vn/a\u00a0b"}


def test_a_yaml_error_is_blamed_on_an_odd_space_only_where_it_matters():
    with pytest.raises(YamlError) as error:  # ": " in a value, as with ordinary spaces
        parse("title: Điện\u00a0Biên: 70 năm\n")
    assert error.value.message == "invalid YAML: mapping values are not allowed in this context" and error.value.line == 1


def test_lines_and_columns_stay_where_they_were():
    text = "title:\u00a0a\n\u3000\u3000b: c\n"
    assert [len(line) for line in plain_spaces(text).split("\n")] == [len(line) for line in text.split("\n")]


def test_an_article_pasted_with_non_breaking_spaces_builds():
    raw = ("---\ntitle:\u00a0Lan tỏa học và làm theo Bác\nlocality:\u00a0phường Thanh Trường, TP. Điện Biên Phủ, "
           "tỉnh Điện Biên\nsource:\n\u00a0\u00a0name:\u00a0Báo Điện Biên Phủ\ndate:\u20072021\u00a0\n---\n"
           "Nội dung.\n").encode()
    article, warnings = parse_article("a.md", "content/a.md", raw, gazetteer())
    assert article.title == "Lan tỏa học và làm theo Bác" and article.source.name == "Báo Điện Biên Phủ"
    assert article.places[0].name.endswith("Thanh Trường") and article.date.iso == "2021" and not warnings


def test_site_yaml_pasted_with_a_non_breaking_space_loads(tmp_path):
    (tmp_path / "site.yaml").write_text("title:\u00a0Kho\nper_page:\u00a010\n", encoding="utf-8")
    config = load_config(tmp_path / "site.yaml")
    assert config.title == "Kho" and config.per_page == 10
