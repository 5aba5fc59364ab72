"""What readers see in the built fixture archive: order, dates, places, tags, links, safety."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from tests.conftest import read


def titles(html: str) -> list[str]:
    """Titles of the article list on a page, in order."""
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_home_is_newest_first_with_undated_last_and_paginated(fixture_site):
    pages = [read(fixture_site, "")] + [read(fixture_site, f"trang/{n}/") for n in (2, 3, 4)]
    listed = [t for page in pages for t in titles(page)]
    assert listed == [
        "Sau sắp xếp đơn vị hành chính 2025",
        "Ngày đầy đủ, phường cụ thể",
        "Chỉ biết tháng đăng",
        "Chỉ biết năm đăng",
        "Viết tắt kiểu P.14, Q. Bình Thạnh",
        "Tiêu đề &lt;script&gt;alert(&#39;tieu-de&#39;)&lt;/script&gt; &amp; ký tự đặc biệt",
        "Tên có BOM, CRLF và NFD",
        "Không rõ ngày đăng",
    ]
    assert "Trang 1/4" in pages[0] and 'rel="next" href="trang/2/"' in pages[0]
    assert 'rel="prev" href="../../"' in pages[1]
    # numbered: every page of four linked from each, the current one marked, page 1 at the list's URL
    numbers = re.findall(r'<li><a href="([^"]*)"( aria-current="page")? aria-label="Trang [^"]*">(\d+)</a></li>', pages[2])
    assert [(href, bool(current), n) for href, current, n in numbers] == [
        ("../../", False, "1"), ("../../trang/2/", False, "2"), ("../../trang/3/", True, "3"), ("../../trang/4/", False, "4")]


def test_a_long_list_links_the_first_the_last_and_the_pages_around():
    from archivist.build.site import Pager

    def window(number, total):
        return Pager(number, total, (), "", "trang").window()

    assert window(1, 1) == [1] and window(1, 2) == [1, 2]
    assert window(1, 150) == [1, 2, 3, None, 150]
    assert window(75, 150) == [1, None, 73, 74, 75, 76, 77, None, 150]
    assert window(4, 7) == [1, 2, 3, 4, 5, 6, 7]  # a gap of one number shows the number
    assert window(150, 150) == [1, None, 148, 149, 150]
    for total in range(1, 40):
        for number in range(1, total + 1):
            shown = [n for n in window(number, total) if n is not None]
            assert shown == sorted(set(shown)) and {1, number, total} <= set(shown)


def test_dates_are_shown_with_their_precision(fixture_site):
    assert '<time datetime="2023-06-01">01/06/2023</time>' in read(fixture_site, "bai-viet/ngay-day-du/")
    assert '<time datetime="2022-11">tháng 11/2022</time>' in read(fixture_site, "bai-viet/chi-co-thang/")
    year_only = read(fixture_site, "bai-viet/chi-co-nam/")
    assert '<time datetime="2020">năm 2020</time>' in year_only
    assert "Sau 4 năm thực hiện Chỉ thị số 05/CT-TW" in year_only
    assert "không rõ ngày" in read(fixture_site, "bai-viet/khong-ro-ngay/")


def test_article_page_shows_breadcrumb_author_source_tags_and_neighbours(fixture_site):
    html = read(fixture_site, "bai-viet/ngay-day-du/")
    crumbs = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', html.split('class="breadcrumb"')[1].split("</nav>")[0])
    assert crumbs == [("../../dia-phuong/an-giang/", "Tỉnh An Giang"),
                      ("../../dia-phuong/an-giang/long-xuyen/", "Thành phố Long Xuyên"),
                      ("../../dia-phuong/an-giang/long-xuyen/my-thanh/", "Phường Mỹ Thạnh")]
    assert '<a href="../../tac-gia/ban-vhtt-phuong-my-thanh/">Ban VHTT phường Mỹ Thạnh</a>' in html
    assert 'href="https://longxuyen.angiang.gov.vn"' in html
    assert '<a href="../../chu-de/chi-thi-05/">Chỉ thị 05</a>' in html
    assert 'rel="prev" href="../../bai-viet/sau-sap-nhap/"' in html
    assert 'rel="next" href="../../bai-viet/chi-co-thang/"' in html
    assert "<figcaption>Lễ ra quân của phường Mỹ Thạnh.</figcaption></figure>" in html
    assert "<h1" in html and html.count("<h1") == 1


def test_related_articles_share_a_place_or_tag(fixture_site):
    related = read(fixture_site, "bai-viet/chi-co-thang/").split('id="lien-quan"')[1]
    # site.yaml asks for 3; all four candidates share the tag "Chỉ thị 05", nearest in time first
    assert titles(related) == ["Ngày đầy đủ, phường cụ thể", "Chỉ biết năm đăng", "Không rõ ngày đăng"]


def test_province_page_lists_everything_inside_it(fixture_site):
    province = read(fixture_site, "dia-phuong/dien-bien/") + read(fixture_site, "dia-phuong/dien-bien/trang/2/")
    assert sorted(titles(province)) == sorted([
        "Chỉ biết tháng đăng",
        "Tiêu đề &lt;script&gt;alert(&#39;tieu-de&#39;)&lt;/script&gt; &amp; ký tự đặc biệt",
        "Tên có BOM, CRLF và NFD",
    ])
    assert "3 bài viết" in province


def test_both_eras_live_side_by_side(fixture_site):
    legacy = read(fixture_site, "dia-phuong/")
    assert "Đơn vị hành chính trước 1/7/2025" in legacy and "Đơn vị hành chính từ 1/7/2025" in legacy
    ward_2025 = read(fixture_site, "dia-phuong-2025/dien-bien/dien-bien-phu/")
    assert titles(ward_2025) == ["Sau sắp xếp đơn vị hành chính 2025"]
    assert "Phường Điện Biên Phủ" in ward_2025
    city = read(fixture_site, "dia-phuong/dien-bien/dien-bien-phu/")
    assert titles(city) == ["Chỉ biết tháng đăng"]


def test_abbreviated_places_resolve(fixture_site):
    assert titles(read(fixture_site, "dia-phuong/ho-chi-minh/binh-thanh/phuong-14/")) == ["Viết tắt kiểu P.14, Q. Bình Thạnh"]
    assert titles(read(fixture_site, "dia-phuong/lai-chau/lai-chau/quyet-thang/")) == ["Chỉ biết năm đăng"]


def test_nfd_bom_crlf_file_is_normalized(fixture_site):
    html = read(fixture_site, "bai-viet/bom-crlf-nfd/")
    assert "Tên có BOM, CRLF và NFD" in html and "Văn bản viết dưới dạng NFD." in html
    assert "\r" not in html and "\ufeff" not in html
    assert "dia-phuong/dien-bien/dien-bien-dong/muong-luan/" in html


def test_tag_spellings_merge_and_lists_are_in_vietnamese_order(fixture_site):
    tag = read(fixture_site, "chu-de/van-hoa/")
    assert titles(tag) == ["Ngày đầy đủ, phường cụ thể", "Không rõ ngày đăng"]
    index = read(fixture_site, "chu-de/")
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">', index)
    assert names == ["&lt;i&gt;thẻ&lt;/i&gt;", "Cải cách hành chính", "Chỉ thị 05", "Dân vận khéo", "Đô thị", "Văn hóa"]


def test_years_include_an_undated_page(fixture_site):
    years = read(fixture_site, "nam/")
    assert re.findall(r">(Năm \d{4}|Không rõ năm)</a>", years) == [
        "Năm 2025", "Năm 2023", "Năm 2022", "Năm 2020", "Năm 2019", "Năm 2018", "Năm 2017", "Không rõ năm"]
    assert titles(read(fixture_site, "nam/khong-ro-nam/")) == ["Không rõ ngày đăng"]


def test_years_page_counts_each_month_and_links_the_months_that_have_articles(fixture_site):
    years = read(fixture_site, "nam/")
    year_2020 = years.split('id="nam-2020"')[1].split("</section>")[0]
    cells = re.findall(r'<li class="bar-(\d)">(?:<a href="([^"]+)">|<span>)(tháng \d+|không rõ tháng) <span class="n">(\d+)</span>',
                       year_2020)
    assert [(month, count) for _, _, month, count in cells] == [
        *((f"tháng {m}", "0") for m in range(1, 13)), ("không rõ tháng", "1")]
    assert cells[-1][:2] == ("8", "../nam/2020/khong-ro-thang/")  # the fullest month: a full bar
    assert all(link == "" and bar == "0" for bar, link, _, _ in cells[:-1])  # an empty month has no page
    assert '<a href="../nam/2022/thang-11/">tháng 11 <span class="n">1</span></a>' in years
    assert 'id="nam-khong-ro-nam"' in years and "khong-ro-nam/thang" not in years


def test_a_month_page_lists_its_articles_under_its_year(fixture_site):
    month = read(fixture_site, "nam/2022/thang-11/")
    assert "<h1>Tháng 11/2022</h1>" in month and titles(month) == ["Chỉ biết tháng đăng"]
    assert '<a href="../../../nam/2022/">Năm 2022</a>' in month
    assert 'href="../../../nam/2022/thang-11/" aria-current="page">tháng 11' in month
    year_only = read(fixture_site, "nam/2020/khong-ro-thang/")
    assert "<h1>Năm 2020, không rõ tháng</h1>" in year_only and titles(year_only) == ["Chỉ biết năm đăng"]
    year = read(fixture_site, "nam/2020/")
    assert '<a href="../../nam/2020/khong-ro-thang/">không rõ tháng' in year and titles(year) == ["Chỉ biết năm đăng"]
    assert not (fixture_site / "nam" / "2020" / "thang-01").exists()
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/luu-tru/nam/2022/thang-11/</loc>" in sitemap
    assert "<loc>https://example.org/luu-tru/nam/2020/khong-ro-thang/</loc>" in sitemap


def test_a_former_unit_links_to_its_successor_and_back(fixture_site):
    def era_links(route: str) -> str:
        return read(fixture_site, route).split('<nav class="era-link"')[1].split("</nav>")[0]

    now = era_links("dia-phuong/dien-bien/dien-bien-phu/thanh-truong/")
    assert "Từ 1/7/2025, nay thuộc:" in now
    assert ('<li><a href="../../../../dia-phuong-2025/dien-bien/">Tỉnh Điện Biên</a> <span class="count">1</span>: '
            '<ul class="inline"><li><a href="../../../../dia-phuong-2025/dien-bien/dien-bien-phu/">Phường Điện Biên Phủ</a>'
            ' <span class="count">1</span></li></ul></li>') in now
    before = era_links("dia-phuong-2025/dien-bien/dien-bien-phu/")
    assert "Trước 1/7/2025 gồm:" in before
    # the wards it absorbed, under their district: linked where they have articles, named where they have none
    assert '<a href="../../../dia-phuong/dien-bien/dien-bien-phu/">Thành phố Điện Biên Phủ, Tỉnh Điện Biên</a>' in before
    assert ('<li>Xã Thanh Minh</li><li><a href="../../../dia-phuong/dien-bien/dien-bien-phu/thanh-truong/">'
            'Phường Thanh Trường</a> <span class="count">1</span></li>') in before
    # a district's successors are its wards': Mường Luân's 2025 namesake has no articles
    assert "<li>Xã Mường Luân</li>" in era_links("dia-phuong/dien-bien/dien-bien-dong/")
    assert ('<li><ul class="inline"><li><a href="../../dia-phuong/dien-bien/">Tỉnh Điện Biên</a> '
            '<span class="count">3</span></li></ul></li>') in era_links("dia-phuong-2025/dien-bien/")
    # successors without articles, parent included, are named without a link
    assert ("<li>Tỉnh An Giang: <ul class=\"inline\"><li>Phường Mỹ Thới</li></ul></li>"
            in era_links("dia-phuong/an-giang/long-xuyen/my-thanh/"))


def test_summary_prefers_the_curators_and_skips_captions(fixture_site):
    home = read(fixture_site, "trang/4/")
    assert "Tóm tắt do người biên tập viết" in home and "Đoạn đầu không được dùng" not in home
    assert "Đoạn mở đầu có chữ đậm" in read(fixture_site, "")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_hostile_metadata_and_bodies_cannot_run_code(fixture_site):
    for page in fixture_site.rglob("*.html"):
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in ("iframe", "object", "embed"), page
            if tag == "script":  # only JSON-LD data, never code, in the fixture (search is off)
                assert dict(attrs).get("type") == "application/ld+json", page
            for name, value in attrs:
                assert not name.startswith("on"), (page, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (page, tag, name)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_resolves(fixture_site):
    broken = []
    for page in fixture_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(fixture_site)} -> {link}")
    assert not broken


def test_404_links_from_the_site_root(fixture_site):
    html = read(fixture_site, "404.html")
    assert 'href="/luu-tru/dia-phuong/"' in html and 'href="/luu-tru/static/style.css?v=' in html


def test_pages_are_accessible_vietnamese_documents(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.startswith('<!doctype html>\n<html lang="vi">'), page
        assert '<main id="noi-dung"' in html and 'href="#noi-dung"' in html, page
        assert "<nav" in html and "<header" in html and "<footer" in html, page


def test_a_site_without_search_leaves_out_the_search_markup(fixture_site, tmp_path):
    """The fixture's site.yaml turns search off: its article pages carry no hidden filters
    nor the copy of the text made for the index; the same archive built with search has
    both (test_search_index)."""
    html = read(fixture_site, "bai-viet/ngay-day-du/")
    assert "data-pagefind-filter" not in html and " hidden" not in html and "Đoạn-doan" not in html
    assert '<h1 data-pagefind-meta="title">' in html and '<div class="body">' in html
    assert "Phường Mỹ Thạnh" in html


def test_every_paginated_list_has_numbered_pagination():
    """Home, tag, author, source, year, month and place (both eras) lists of three
    articles, one a page: every page links the first and the last, the pages around it,
    the previous and the next (rel=prev/next), and page 1 is the list's own URL."""
    from archivist.build.render import make_renderer
    from archivist.build.site import make_site
    from archivist.model.config import SiteConfig
    from archivist.model.places import ERA_2025, ERA_LEGACY, gazetteer
    from archivist.model.records import Article, PubDate, Source
    from tests.golden import ROOT

    def article(n: int, era: str, place: str, date: PubDate) -> Article:
        return Article(path=f"{era}-{n}.md", slug=f"{era}-{n}", title=f"Bài {era} {n}", date=date, date_note=None,
                       places=(gazetteer().resolve(place, era),), author="Minh Thảo", source=Source("Báo"),
                       tags=("Chỉ thị 05",), summary="", body_html="")

    articles = [article(n, ERA_LEGACY, "phường Thanh Trường, TP. Điện Biên Phủ", PubDate(2022, 11, n)) for n in (1, 2, 3)]
    articles += [article(n, ERA_2025, "phường Điện Biên Phủ, tỉnh Điện Biên", PubDate(2025, 8, n)) for n in (1, 2, 3)]
    site = make_site(SiteConfig(per_page=1), articles)
    renderer = make_renderer(site, ROOT / "templates")
    listed = {}
    for page in site.pages:
        if "pager" not in page.context or page.context["pager"].total == 1:
            continue
        pager, html = page.context["pager"], renderer.render(page).decode()
        listed.setdefault(page.template, set()).add(pager.base)
        def link(route: str) -> str:
            return "../" * page.route.count("/") + route or "./"

        numbers = re.findall(r'<li><a href="([^"]*)"( aria-current="page")? aria-label="Trang [^"]*">(\d+)</a></li>', html)
        shown = [int(n) for _, _, n in numbers]
        assert shown[0] == 1 and shown[-1] == pager.total and pager.number in shown, (page.route, shown)
        assert [int(n) for _, current, n in numbers if current] == [pager.number], page.route
        assert all(href == link(pager.route_of(int(n))) for href, _, n in numbers), (page.route, numbers)
        assert numbers[0][0] == link(pager.base)  # page 1 at the list's own URL
        assert (f'rel="prev" href="{link(pager.prev or "")}"' in html) == (pager.number > 1), page.route
        assert (f'rel="next" href="{link(pager.next or "")}"' in html) == (pager.number < pager.total), page.route
    assert set(listed) == {"home.html", "term.html", "year.html", "month.html", "place.html"}
    assert {"nam/2022/thang-11/", "nam/2025/thang-08/"} <= listed["month.html"]
    assert len(listed["term.html"]) == 3  # a tag, an author, a source
    assert {base.split("/")[0] for base in listed["place.html"]} == {"dia-phuong", "dia-phuong-2025"}


def test_a_short_link_goes_down_from_the_pages_folder_and_is_the_same_target():
    from posixpath import normpath

    from archivist.build.render import PageLinks
    from archivist.build.site import Page, Routes
    from archivist.model.config import SiteConfig

    for directory_urls in (True, False):
        config = SiteConfig(directory_urls=directory_urls, base_url="https://example.org/kho/")
        shared = {"config": config, "routes": Routes(config), "assets": {}}
        index = "" if directory_urls else "index.html"
        links = PageLinks(Page("dia-phuong/", "places.html", {}), shared)
        assert links.short("dia-phuong/an-giang/chau-doc/") == "an-giang/chau-doc/" + index
        assert links.short("dia-phuong/") == (index or "./")
        for route in ("dia-phuong/an-giang/", "dia-phuong-2025/an-giang/", "nam/", ""):
            # the same page as url() links, whichever way it is written
            assert normpath("dia-phuong/" + links.short(route)) == normpath("dia-phuong/" + links.url(route))
        assert links.short("dia-phuong-2025/an-giang/") == "../dia-phuong-2025/an-giang/" + index
        not_found = PageLinks(Page("404.html", "404.html", {}), shared)  # served at any URL: from the root
        assert not_found.short("dia-phuong/") == "/kho/dia-phuong/" + index
