"""Every row of the query table, in Chromium, at the domain root and under a sub-path."""

import unicodedata
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.search_queries import QUERIES


def url_of(base: str, query: str) -> str:
    pairs = [part.split("=", 1) for part in query.split("&")]
    return base + "tim-kiem/?" + "&".join(f"{k}={quote(v)}" for k, v in pairs)


def run(page, base: str, query: str) -> list[str]:
    page.goto(url_of(base, query))
    status = page.locator("#search-status")
    expect(status).not_to_have_text("")
    expect(status).not_to_have_text("Đang tìm…")
    page.wait_for_function("() => !document.querySelector('#search-status').textContent.startsWith('Đang')")
    page.wait_for_selector("#search-form:not([aria-busy])", state="attached")
    hrefs = page.locator("#results li h3 a").evaluate_all("links => links.map(a => a.href)")
    more = page.locator("#more")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)
        hrefs = page.locator("#results li h3 a").evaluate_all("links => links.map(a => a.href)")
    for href in hrefs:
        assert href.startswith(base), f"{href} is outside the site at {base}"
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def check(found: list[str], expectation) -> None:
    kind, value = expectation
    if kind == "top":
        assert found and found[0] == value, found
    elif kind == "only":
        assert set(found) == value and len(found) == len(value), found
    elif kind == "includes":
        assert value <= set(found), found
    elif kind == "excludes":
        assert found and not (value & set(found)), found
    elif kind == "count":
        assert len(found) == value, found
    elif kind == "order":
        assert found[: len(value)] == value, found
    else:
        raise AssertionError(f"unknown expectation {kind}")


@pytest.mark.parametrize("query,expectation", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_at_root(page, root_host, query, expectation):
    check(run(page, root_host, query), expectation)
    assert not page.problems


@pytest.mark.parametrize("query,expectation", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_under_subpath(page, subpath_host, query, expectation):
    check(run(page, subpath_host, query), expectation)
    assert not page.problems


def test_nfd_query_finds_what_nfc_finds(page, root_host):
    nfd = unicodedata.normalize("NFD", "Mường Luân")
    assert run(page, root_host, f"q={nfd}") == run(page, root_host, "q=Mường Luân") == ["khoi-day-khat-vong-xay-dung-dien-bien-phat-trien"]


def test_table_is_large_enough():
    assert len(QUERIES) >= 40
