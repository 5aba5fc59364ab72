"""The maps in Chromium: they render, every symbol is a link that opens its unit's page (by
keyboard and by pointer, with and without JavaScript, at the domain root and under a
sub-path), and the counts in their titles and tables are the archive's (archive.json)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archivist.commands import Project, build
from archivist.model.places import gazetteer
from tests.browser.conftest import SUBPATH, serve
from tests.golden import ROOT

LOCALITIES = [  # (locality, how many articles name it); the last one is dated from 1 July 2025
    ("phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên", 6),
    ("huyện Điện Biên Đông, tỉnh Điện Biên", 3),
    ("thành phố Lai Châu, tỉnh Lai Châu", 2),
    ("TP. Đông Hà, tỉnh Quảng Trị", 4),
    ("phường Mỹ Thạnh, TP. Long Xuyên, tỉnh An Giang", 1),
    ("P.14, Q. Bình Thạnh, TP. Hồ Chí Minh", 5),
    ("quận Ba Đình, thành phố Hà Nội", 7),
    ("huyện Sóc Sơn, thành phố Hà Nội", 2),
    ("phường Bến Nghé, quận 1, TP. Hồ Chí Minh", 1),
    ("phường Điện Biên Phủ, tỉnh Điện Biên", 2),
]


@pytest.fixture(scope="module")
def map_site(tmp_path_factory):
    """An archive over nine provinces of both eras, built once into TOP/luu-tru/ and served
    at a domain root and under /luu-tru/; yields (root URL, sub-path URL, output folder)."""
    top = tmp_path_factory.mktemp("maps")
    root = top / "project"
    (root / "content").mkdir(parents=True)
    n = 0
    for index, (locality, count) in enumerate(LOCALITIES):
        date = "2025-08-15" if index == len(LOCALITIES) - 1 else f"2021-{index + 1:02d}-01"
        for _ in range(count):
            n += 1
            (root / "content" / f"bai-{n:02d}.md").write_text(
                f"---\ntitle: Bài {n:02d}\nlocality: {locality}\ndate: {date}\n---\nNội dung bài {n}.\n", encoding="utf-8")
    (root / "site.yaml").write_text("title: Kho bản đồ\nsearch: false\nper_page: 5\n", encoding="utf-8")
    out = top / "site" / SUBPATH
    build(Project.at(root, output=out, templates=ROOT / "templates"))
    at_root, under = serve(out, out / "404.html"), serve(top / "site", out / "404.html")
    yield (f"http://127.0.0.1:{at_root.server_address[1]}/",
           f"http://127.0.0.1:{under.server_address[1]}/{SUBPATH}/", out)
    at_root.shutdown()
    under.shutdown()


def archive_counts(out: Path, level: str = "province", era: str = "legacy", within: str | None = None) -> Counter:
    """Articles per unit of ``level`` (by full name) from archive.json: what every map must show."""
    counts: Counter = Counter()
    for record in json.loads((out / "archive.json").read_text(encoding="utf-8"))["articles"]:
        units = {unit for place in record["places"] for unit in gazetteer().get(place["key"]).chain
                 if unit.level == level and unit.era == era and (within is None or unit.parent.name == within)}
        counts.update(unit.name for unit in units)
    return counts


def symbols(page, map_id: str) -> list[tuple[str, str, int]]:
    """(href, name, count) of each symbol of a map, in drawing order."""
    found = []
    for link in page.locator(f"#{map_id} svg a").all():
        name, count = re.fullmatch(r"(.+): ([\d.]+) bài viết", link.locator("title").text_content()).groups()
        found.append((link.get_attribute("href"), name, int(count.replace(".", ""))))
    return found


def table(page, map_id: str) -> Counter:
    rows = page.locator(f"#{map_id} table tbody tr")
    return Counter({row.locator("th a").text_content(): int(row.locator("td").text_content().replace(".", ""))
                    for row in rows.all()})


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_every_province_on_the_map_opens_its_page(page, map_site, where):
    base = map_site[0] if where == "root" else map_site[1]
    page.goto(base + "dia-phuong/")
    svg = page.locator("#ban-do-legacy svg")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box["width"] > 250 and box["height"] > 250, box
    drawn = symbols(page, "ban-do-legacy")
    assert {(name, count) for _, name, count in drawn} == set(archive_counts(map_site[2]).items())
    for index, (href, name, count) in enumerate(drawn):
        page.locator("#ban-do-legacy svg a").nth(index).focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(name)
        expect(page.locator(".count-line")).to_contain_text(f"{count} bài viết")
        assert page.url == base + "dia-phuong/" + href.removeprefix("../dia-phuong/"), (page.url, href)
        page.go_back()
    assert not page.problems


def test_the_tables_and_titles_count_what_the_archive_holds(page, map_site):
    base, _, out = map_site
    page.goto(base)  # the home page: both eras' maps, each with its table
    for era in ("legacy", "2025"):
        truth = archive_counts(out, era=era)
        assert table(page, f"ban-do-{era}") == truth, era
        assert Counter({name: count for _, name, count in symbols(page, f"ban-do-{era}")}) == truth, era
    # the places indexes: one era's map each, its counts in the list under it, no table
    for route, era in (("dia-phuong/", "legacy"), ("dia-phuong-2025/", "2025")):
        page.goto(base + route)
        truth = archive_counts(out, era=era)
        assert Counter({name: count for _, name, count in symbols(page, f"ban-do-{era}")}) == truth, route
        assert page.locator(f"#ban-do-{era} table").count() == 0, route
    page.goto(base + "dia-phuong/ha-noi/")
    assert table(page, "ban-do") == archive_counts(out, "district", within="Thành phố Hà Nội")
    assert not page.problems


def test_a_province_map_opens_its_districts_without_javascript(no_js_page, map_site):
    base = map_site[1]
    no_js_page.goto(base + "dia-phuong/dien-bien/")
    drawn = symbols(no_js_page, "ban-do")
    assert [(name, count) for _, name, count in drawn] == [("Thành phố Điện Biên Phủ", 6), ("Huyện Điện Biên Đông", 3)]
    no_js_page.locator("#ban-do svg a").nth(1).focus()
    no_js_page.keyboard.press("Enter")
    expect(no_js_page.locator("h1")).to_have_text("Huyện Điện Biên Đông")
    assert no_js_page.url == base + "dia-phuong/dien-bien/dien-bien-dong/"


def test_the_map_fits_a_narrow_screen_and_its_top_symbol_takes_a_tap(browser, map_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(map_site[0] + "dia-phuong/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("#ban-do-legacy svg").bounding_box()
    assert 280 <= box["width"] <= 360 and box["height"] < 1.4 * box["width"], box
    top = page.locator("#ban-do-legacy svg a").last  # drawn last: the smallest, above the others
    name = top.locator("title").text_content().split(":")[0]
    top.locator("circle").click()
    expect(page.locator("h1")).to_have_text(name)
    context.close()
