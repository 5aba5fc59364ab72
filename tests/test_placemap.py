"""The maps of where the articles are: projection, symbol sizes, the record a template
draws (archivist/build/placemap.py), and the maps in the built fixture archive."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import pytest

from archivist.build import placemap
from archivist.build.placemap import FRAME, R_MAX, R_MIN, country_map, project, radius, unit_map
from archivist.build.taxonomy import PlaceNode
from archivist.model.places import ERA_2025, ERA_LEGACY, gazetteer
from archivist.model.records import ArticleLink
from tests.conftest import read


def links(count: int, prefix: str = "a") -> tuple[ArticleLink, ...]:
    return tuple(ArticleLink(f"{prefix}{i}.md", f"{prefix}{i}", f"Bài {i}", None) for i in range(count))


def province(name: str, count: int, era: str = ERA_LEGACY, children: tuple[PlaceNode, ...] = ()) -> PlaceNode:
    place = next(p for p in gazetteer().provinces(era) if p.short == name)
    return PlaceNode(place, links(count, place.slug), children)


def box(view: str) -> tuple[float, float, float, float]:
    x, y, width, height = map(float, view.split())
    return x, y, width, height


# -- projection


def test_the_frame_maps_to_the_view_with_north_up_and_longitude_shortened():
    west, east, south, north = FRAME
    assert project(north, west) == (0.0, 0.0)
    x, y = project(south, east)
    assert y == round((north - south) * placemap.SCALE, 1)
    assert x == round((east - west) * math.cos(math.radians(16)) * placemap.SCALE, 1)
    hanoi, hcmc = project(21.03, 105.83), project(10.82, 106.63)
    assert hanoi[1] < hcmc[1], "north is up"
    assert hanoi[0] < hcmc[0], "Hồ Chí Minh City lies east of Hà Nội"
    one_east, one_north = project(16, west + 1), project(17, west)
    assert one_east[0] == pytest.approx(placemap.SCALE * math.cos(math.radians(16)), abs=0.1)
    assert project(16, west)[1] - one_north[1] == pytest.approx(placemap.SCALE)


def test_coordinates_are_rounded_to_a_tenth():
    x, y = project(21.0277644, 105.8341598)
    assert (x, y) == (round(x, 1), round(y, 1))
    assert len(repr(x).split(".")[1]) == 1 and len(repr(y).split(".")[1]) == 1


# -- sizes


def test_a_symbols_area_is_proportional_to_its_count():
    r_max, r_min = 30.0, 1.0
    assert radius(400, 400, r_max, r_min) == r_max
    for count in (100, 25, 64, 300):
        area_ratio = (radius(count, 400, r_max, r_min) / r_max) ** 2
        assert area_ratio == pytest.approx(count / 400, rel=0.01)
    assert radius(100, 400, r_max, r_min) == 15.0  # a quarter of the articles, half the radius


def test_a_single_article_stays_visible():
    assert radius(1, 100_000, 30.0, 2.0) == 2.0
    assert radius(1, 1, 30.0, 2.0) == 30.0
    assert radius(0, 0, 30.0, 2.0) == 2.0


# -- the record


def test_country_map_has_every_province_in_tree_order_and_draws_the_largest_first():
    nodes = (province("An Giang", 3), province("Điện Biên", 12), province("Hà Nội", 48), province("Lai Châu", 3))
    drawn = country_map(nodes)
    assert drawn is not None and drawn.level == "province"
    assert [(row.place.short, row.count, row.mapped) for row in drawn.rows] == [
        ("An Giang", 3, True), ("Điện Biên", 12, True), ("Hà Nội", 48, True), ("Lai Châu", 3, True)]
    assert [s.place.short for s in drawn.symbols] == ["Hà Nội", "Điện Biên", "An Giang", "Lai Châu"]
    width = box(drawn.view)[2]
    biggest, middle = drawn.symbols[0], drawn.symbols[1]
    assert biggest.r == round(R_MAX * width, 1)
    assert middle.r == pytest.approx(biggest.r / 2, abs=0.1)  # a quarter of the articles
    assert {m.key for m in drawn.marks} == {"hoang-sa", "truong-sa"}
    assert drawn.outline.startswith("M") and drawn.outline.count("z") == drawn.outline.count("M")
    assert country_map(()) is None


def test_every_symbol_lies_on_its_province_inside_the_country_view():
    nodes = tuple(PlaceNode(p, links(1 + i % 7, p.slug), ()) for i, p in enumerate(gazetteer().provinces(ERA_LEGACY)))
    drawn = country_map(nodes)
    x, y, width, height = box(drawn.view)
    assert len(drawn.symbols) == 63
    for symbol in drawn.symbols:
        assert x + symbol.r / 2 <= symbol.x <= x + width - symbol.r / 2, symbol.place.name
        assert y <= symbol.y <= y + height, symbol.place.name
        assert symbol.r >= round(R_MIN * width, 1)
    hanoi = next(s for s in drawn.symbols if s.place.code == "01")
    assert (hanoi.x, hanoi.y) == project(*gazetteer().position(hanoi.place))


def test_a_provinces_map_shows_its_districts_inside_a_view_of_their_own():
    legacy = gazetteer()
    hanoi = next(p for p in legacy.provinces(ERA_LEGACY) if p.code == "01")
    districts = tuple(PlaceNode(d, links(5 + i, d.slug), ()) for i, d in enumerate(legacy.children(hanoi)))
    node = PlaceNode(hanoi, links(100), districts)
    drawn = unit_map(node)
    assert drawn is not None and drawn.level == "district" and len(drawn.symbols) == len(districts) == 30
    x, y, width, height = box(drawn.view)
    assert (x, y) == (0, 0) and max(width, height) == placemap.UNIT_SIZE
    assert min(width, height) >= 0.6 * max(width, height) - 0.2
    ba_dinh, soc_son = (next(s for s in drawn.symbols if s.place.short == name) for name in ("Ba Đình", "Sóc Sơn"))
    on_country = [project(*gazetteer().position(s.place)) for s in (ba_dinh, soc_son)]
    zoom = math.dist((ba_dinh.x, ba_dinh.y), (soc_son.x, soc_son.y)) / math.dist(*on_country)
    assert zoom > 5, "zoomed in on Hà Nội (on a map about as wide as the country's)"
    for symbol in drawn.symbols:
        assert x <= symbol.x - symbol.r and symbol.x + symbol.r <= x + width + 0.1, symbol.place.name
        assert y <= symbol.y - symbol.r and symbol.y + symbol.r <= y + height + 0.1, symbol.place.name
    assert drawn.marks == ()


def test_one_unit_is_drawn_in_the_middle_of_a_square_view():
    legacy = gazetteer()
    bac_ninh = next(p for p in legacy.provinces(ERA_LEGACY) if p.short == "Bắc Ninh")
    node = PlaceNode(bac_ninh, links(2), (PlaceNode(legacy.children(bac_ninh)[0], links(2), ()),))
    drawn = unit_map(node)
    assert box(drawn.view) == (0, 0, placemap.UNIT_SIZE, placemap.UNIT_SIZE)
    (only,) = drawn.symbols
    assert (only.x, only.y, only.r) == (250, 250, round(R_MAX * placemap.UNIT_SIZE, 1))


def test_the_2025_units_have_positions_too():
    hanoi = next(p for p in gazetteer().provinces(ERA_2025) if p.code == "01")
    wards = tuple(PlaceNode(w, links(1), ()) for w in gazetteer().children(hanoi)[:40])
    drawn = unit_map(PlaceNode(hanoi, links(40), wards))
    assert drawn.level == "ward" and len(drawn.symbols) == 40 and all(row.mapped for row in drawn.rows)


def test_the_outline_is_read_once():
    assert placemap.outline() is placemap.outline()


# -- the built fixture archive


class _Map(HTMLParser):
    """The links of a page's maps with their titles (``svg``), and of their tables with
    the count in the row (``table``)."""

    def __init__(self):
        super().__init__()
        self.svg: dict[str, str] = {}
        self.table: dict[str, str] = {}
        self._where: str | None = None  # "svg" or "table"
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "table"):
            self._where = tag
        elif tag == "a" and self._where:
            self._href, self._text = dict(attrs)["href"], []
        elif tag == "td" and self._where == "table":
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("svg", "table"):
            self._where = None
        elif tag == "a" and self._where == "svg":
            self.svg[self._href] = "".join(self._text)
        elif tag == "td" and self._where == "table":
            self.table[self._href] = "".join(self._text)

    def handle_data(self, data):
        self._text.append(data)


def parse_map(html: str) -> _Map:
    parser = _Map()
    parser.feed(html)
    return parser


def test_the_places_index_and_the_home_page_map_every_province_with_its_count(fixture_site):
    legacy = {"dia-phuong/an-giang/": "Tỉnh An Giang: 1 bài viết",
              "dia-phuong/dien-bien/": "Tỉnh Điện Biên: 3 bài viết",
              "dia-phuong/ho-chi-minh/": "Thành phố Hồ Chí Minh: 1 bài viết",
              "dia-phuong/lai-chau/": "Tỉnh Lai Châu: 1 bài viết",
              "dia-phuong/quang-tri/": "Tỉnh Quảng Trị: 1 bài viết"}
    home = parse_map(read(fixture_site, ""))
    # both eras' maps: each province links its own era's page; the counts in a table too
    assert home.svg == {**legacy, "dia-phuong-2025/dien-bien/": "Tỉnh Điện Biên: 1 bài viết"}
    assert {href: text.split(": ")[1].split()[0] for href, text in home.svg.items()} == home.table
    # the places index maps the first era, with links from its own folder; the list under
    # the map gives the counts (no table), and the 2025 era's map is on its own index page
    index = read(fixture_site, "dia-phuong/")
    found = parse_map(index)
    assert found.svg == {href.removeprefix("dia-phuong/"): text for href, text in legacy.items()}
    assert not found.table and "<table" not in index
    assert 'href="../dia-phuong-2025/#ban-do-2025"' in index
    for href, text in legacy.items():
        count = text.split(": ")[1].split()[0]
        assert re.search(rf'<a href="{href.removeprefix("dia-phuong/")}">[^<]+</a> <span class="count">{count}</span>', index)
    assert "<svg" not in read(fixture_site, "trang/2/")
    only_2025 = parse_map(read(fixture_site, "dia-phuong-2025/"))
    assert only_2025.svg == {"dien-bien/": "Tỉnh Điện Biên: 1 bài viết"}


def test_a_province_page_maps_its_districts_and_other_pages_do_not(fixture_site):
    dien_bien = read(fixture_site, "dia-phuong/dien-bien/")
    found = parse_map(dien_bien)
    assert found.svg == {"dien-bien-dong/": "Huyện Điện Biên Đông: 2 bài viết",
                         "dien-bien-phu/": "Thành phố Điện Biên Phủ: 1 bài viết"}
    assert set(found.svg) == set(found.table)
    for route in ("dia-phuong/dien-bien/dien-bien-dong/", "dia-phuong/dien-bien/trang/2/", "chu-de/"):
        assert "<svg" not in read(fixture_site, route), route
    assert re.search(r'<svg viewBox="[-\d. ]+" role="group" aria-labelledby="ban-do-caption"', dien_bien)
