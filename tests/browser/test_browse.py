"""Search page without a keyword, in Chromium: filters list their articles (newest first,
paginated, counted), groups intersect, values of a group unite, facet counts narrow, an
empty choice offers what to drop; with a keyword, filters narrow the keyword's results.
Checked against the truth computed from archive.json over an archive made for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archivist.commands import Project, build
from archivist.model.places import gazetteer
from tests.browser.conftest import serve
from tests.golden import ROOT

ARTICLES = 64
LOCALITIES = [
    ["TP. Đông Hà, tỉnh Quảng Trị"],
    ["thành phố Lai Châu, tỉnh Lai Châu"],
    ["phường Mỹ Thạnh, TP. Long Xuyên, tỉnh An Giang"],
    ["xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên", "huyện Tủa Chùa, tỉnh Điện Biên"],
    ["phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên"],
    ["phường Quyết Thắng, thành phố Lai Châu, tỉnh Lai Châu", "TP. Đông Hà, tỉnh Quảng Trị"],
    ["phường Mường Thanh, TP. Điện Biên Phủ, tỉnh Điện Biên"],
]
TAGS = ["Chỉ thị 05", "Dân vận khéo", "Kinh tế", "Giáo dục"]
LEVELS = {"province": "tinh", "district": "huyen", "ward": "xa"}


def _front(n: int) -> str:
    places = "".join(f"\n  - {place}" for place in LOCALITIES[n % len(LOCALITIES)])
    tags = [tag for bit, tag in enumerate(TAGS) if (n * 7 + 3) >> bit & 1] or [TAGS[n % 4]]
    date = ["", "date: 2019\n", "date: 2021-03\n", f"date: 2022-{n % 12 + 1:02d}-{n % 27 + 1:02d}\n",
            f"date: 2023-{n % 12 + 1:02d}-01\n"][3 if n % len(LOCALITIES) == 2 else n % 5]  # An Giang: 2022 only
    return f"---\ntitle: Bài thử {n:02d}\nlocality:{places}\n{date}tags: [{', '.join(tags)}]\n---\n"


@pytest.fixture(scope="session")
def browse_site(tmp_path_factory):
    """An archive of ARTICLES articles over a few places, tags and years, built with its
    search index and served; yields (base URL, truth: each article's filter values in site
    order)."""
    root = tmp_path_factory.mktemp("browse")
    bodies = [path.read_text(encoding="utf-8").split("---", 2)[2] for path in sorted((ROOT / "content").glob("*.md"))]
    (root / "content").mkdir()
    for n in range(ARTICLES):
        (root / "content" / f"bai-{n:02d}.md").write_text(_front(n) + bodies[n % len(bodies)], encoding="utf-8")
    (root / "site.yaml").write_text("title: Kho thử\nsearch: true\n", encoding="utf-8")
    out = root / "output"
    build(Project.at(root, output=out, templates=ROOT / "templates"))
    server = serve(out, out / "404.html")
    yield f"http://127.0.0.1:{server.server_address[1]}/", _truth(out)
    server.shutdown()


def _truth(out: Path) -> list[dict]:
    """Per article of archive.json (site order): its slug and {group: set of values}."""
    truth = []
    for record in json.loads((out / "archive.json").read_text(encoding="utf-8"))["articles"]:
        values: dict[str, set[str]] = {key: set() for key in ("tinh", "huyen", "xa", "chu-de", "nam", "nguon")}
        for place in record["places"]:
            for unit in gazetteer().get(place["key"]).chain:
                values[LEVELS[unit.level]].add(unit.short)
        values["chu-de"] = set(record["tags"])
        values["nam"] = {record["date"][:4] if record["date"] else "Không rõ năm"}
        truth.append({"slug": record["url"].rstrip("/").rsplit("/", 1)[-1], "values": values, "date": record["date"]})
    return truth


def _matching(truth, filters, except_group=None):
    return [a for a in truth
            if all(a["values"][key] & set(values) for key, values in filters.items() if key != except_group)]


def _open(page, base, filters, q=""):
    query = "&".join([f"q={q}"] * bool(q) + [f"{key}={value}" for key, values in filters.items() for value in values])
    page.goto(f"{base}tim-kiem/?{query}")
    _settled(page)


def _settled(page):
    page.wait_for_selector("#search-form:not([aria-busy])", state="attached")


def _slugs(page):
    return page.locator("#results li h3 a").evaluate_all("a => a.map(x => x.href.split('/').at(-2))")


def _counts(page, key_label):
    group = page.locator("#facets fieldset", has_text=key_label)
    out = {}
    for text in group.locator("label").all_text_contents():
        name, count = text.strip().rsplit(" ", 1)
        out[name.strip()] = int(count)
    return out


LABELS = {"tinh": "Tỉnh, thành phố", "huyen": "Quận, huyện, thị xã", "chu-de": "Chủ đề", "nam": "Năm"}


@pytest.mark.parametrize("filters", [
    {"tinh": ["Điện Biên"]},
    {"chu-de": ["Kinh tế"]},
    {"nam": ["Không rõ năm"]},
    {"tinh": ["Điện Biên", "Quảng Trị"]},                      # union within a group
    {"tinh": ["Lai Châu"], "chu-de": ["Chỉ thị 05"]},           # intersection across groups
    {"tinh": ["Điện Biên"], "chu-de": ["Kinh tế", "Giáo dục"], "nam": ["2022"]},
])
def test_filters_without_keyword_list_matching_articles_newest_first(page, browse_site, filters):
    base, truth = browse_site
    expected = [a["slug"] for a in _matching(truth, filters)]
    assert expected, "each case has articles"
    _open(page, base, filters)
    expect(page.locator("#search-status")).to_have_text(f"{len(expected)} bài viết phù hợp bộ lọc, mới nhất trước")
    expect(page.locator("#results li")).to_have_count(min(10, len(expected)))
    while (shown := len(_slugs(page))) < len(expected):
        page.locator("#more").click()
        expect(page.locator("#results li")).to_have_count(min(shown + 10, len(expected)))
    assert _slugs(page) == expected  # all of them, in site order, paginated by ten
    expect(page.locator("#more")).to_be_hidden()
    # each shown group's counts are given the other groups' choices
    for key in ("tinh", "chu-de", "nam"):
        others = _matching(truth, filters, except_group=key)
        want = {}
        for article in others:
            for value in article["values"][key]:
                want[value] = want.get(value, 0) + 1
        got = {name: n for name, n in _counts(page, LABELS[key]).items() if n}
        assert got == want, key
    assert not page.problems


def test_districts_appear_once_a_province_is_chosen(page, browse_site):
    base, truth = browse_site
    _open(page, base, {})
    expect(page.locator("#facets legend", has_text=LABELS["huyen"])).to_have_count(0)
    page.locator("#facets fieldset", has_text=LABELS["tinh"]).get_by_label("Điện Biên").check()
    _settled(page)
    districts = _counts(page, LABELS["huyen"])
    want: dict[str, int] = {}
    for article in _matching(truth, {"tinh": ["Điện Biên"]}):
        for value in article["values"]["huyen"]:
            want[value] = want.get(value, 0) + 1
    assert {k: v for k, v in districts.items() if v} == want
    assert "tinh=%C4%90i%E1%BB%87n%20Bi%C3%AAn" in page.url
    assert not page.problems


def test_an_empty_choice_says_which_filter_to_drop(page, browse_site):
    base, truth = browse_site
    filters = {"tinh": ["An Giang"], "nam": ["2019"]}
    assert not _matching(truth, filters)
    _open(page, base, filters)
    expect(page.locator("#search-status")).to_have_text("Không có bài viết nào phù hợp tất cả bộ lọc đã chọn.")
    offers = page.locator("#results button.drop-filter")
    n_province = len(_matching(truth, {"nam": ["2019"]}))
    n_year = len(_matching(truth, {"tinh": ["An Giang"]}))
    expect(offers).to_have_text([f"Bỏ lọc Tỉnh, thành phố: An Giang (còn {n_province} bài viết)",
                                 f"Bỏ lọc Năm: 2019 (còn {n_year} bài viết)"])
    offers.first.click()
    _settled(page)
    expect(page.locator("#search-status")).to_have_text(f"{n_province} bài viết phù hợp bộ lọc, mới nhất trước")
    assert "tinh=" not in page.url and "nam=2019" in page.url
    assert not page.problems


def test_a_keyword_with_filters_narrows_the_keywords_results(page, browse_site):
    base, truth = browse_site

    def all_results(filters):
        _open(page, base, filters, q="dien%20bien")
        while page.locator("#more").is_visible():
            before = len(_slugs(page))
            page.locator("#more").click()
            page.wait_for_function(f"() => document.querySelectorAll('#results li').length > {before}")
        return set(_slugs(page))

    alone = all_results({})
    assert alone
    filters = {"tinh": ["Lai Châu", "Quảng Trị"], "chu-de": ["Kinh tế"]}
    narrowed = all_results(filters)
    assert narrowed == alone & {a["slug"] for a in _matching(truth, filters)}
    assert not page.problems


def test_the_page_starts_and_browses_without_the_search_index(page, browse_site):
    base, _ = browse_site
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    _open(page, base, {"tinh": ["Điện Biên"], "chu-de": ["Kinh tế"]})
    page.locator("#facets fieldset", has_text=LABELS["nam"]).locator("input").first.check()
    _settled(page)
    assert not [url for url in fetched if "/pagefind/" in url]
    assert not page.problems


def test_a_keyword_sorted_by_date_pages_through_every_shard_newest_first(page, browse_site):
    """The date sort fetches each year's shard when its results are reached: paging through
    gives every result of the keyword once, dated newest first and undated last."""
    base, truth = browse_site
    date = {a["slug"]: a["date"] for a in truth}

    def all_results(query):
        _open(page, base, {}, q=query)
        status = page.locator("#search-status").text_content()
        while page.locator("#more").is_visible():
            before = len(_slugs(page))
            page.locator("#more").click()
            page.wait_for_function(f"() => document.querySelectorAll('#results li').length > {before}")
        return status, _slugs(page)

    status, relevant = all_results("dien%20bien")
    assert len(relevant) > 20  # more than two pages, over several year shards
    sorted_status, by_date = all_results("dien%20bien&sap-xep=ngay")
    assert sorted_status == status and sorted(by_date) == sorted(relevant)
    dates = [date[slug] or "" for slug in by_date]
    dated = [d for d in dates if d]
    assert dates == dated + [""] * (len(dates) - len(dated))  # undated last
    assert dated == sorted(dated, reverse=True)  # newest first
    assert not page.problems
