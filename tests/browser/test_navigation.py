"""Browsing the sample archive in Chromium: by place, with and without JavaScript, at the
domain root and under a sub-path."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve

LAN_TOA = "Lan tỏa học và làm theo Bác tại Đảng bộ TP. Điện Biên Phủ"


def browse_to_ward_article(page, base):
    page.goto(base)
    expect(page.locator("h1")).to_have_text("Lưu trữ tin địa phương")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Địa phương").click()
    expect(page.locator("h1")).to_have_text("Địa phương")
    page.get_by_role("link", name="Tỉnh Điện Biên", exact=True).click()
    expect(page.locator("h1")).to_have_text("Tỉnh Điện Biên")
    expect(page.locator(".count-line")).to_contain_text("2 bài viết")
    page.locator(".subunits").get_by_role("link", name="Thành phố Điện Biên Phủ").click()
    page.locator(".subunits").get_by_role("link", name="Phường Thanh Trường").click()
    expect(page.locator("h1")).to_have_text("Phường Thanh Trường")
    crumbs = page.get_by_role("navigation", name="Địa giới hành chính").locator("li")
    expect(crumbs).to_have_text(["Tỉnh Điện Biên", "Thành phố Điện Biên Phủ", "Phường Thanh Trường"])
    page.get_by_role("link", name=LAN_TOA).click()
    expect(page.locator("h1")).to_have_text(LAN_TOA)
    expect(page.locator(".facts")).to_contain_text("Minh Thảo")


def test_browse_province_district_ward_without_javascript(no_js_page, root_host):
    browse_to_ward_article(no_js_page, root_host)


def test_browse_under_a_subpath_with_styles_and_no_errors(page, subpath_host):
    browse_to_ward_article(page, subpath_host)
    assert page.url.startswith(subpath_host)
    border = page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert border == "solid", "stylesheet did not load under the sub-path"
    page.get_by_role("link", name="Tỉnh Điện Biên").first.click()
    page.get_by_role("link", name="Chủ đề", exact=True).click()
    page.get_by_role("link", name="Dân vận khéo").click()
    expect(page.locator("h1")).to_have_text("Dân vận khéo")
    assert not page.problems


def test_unknown_url_under_subpath_shows_a_working_404(page, subpath_host):
    response = page.goto(subpath_host + "khong-co/trang/nay/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    page.problems.clear()  # the browser logs the 404 status of the page itself
    page.get_by_role("link", name="Duyệt theo địa phương").click()
    expect(page.locator("h1")).to_have_text("Địa phương")
    assert page.url == subpath_host + "dia-phuong/"
    assert not page.problems


def test_deep_missing_url_under_subpath_gets_styles_and_a_working_home_link(page, subpath_host):
    response = page.goto(subpath_host + "bai-viet/khong-co/a/b/c/trang-mat")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    border = page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert border == "solid", "stylesheet of 404.html did not load at a deep URL"
    page.problems.clear()  # the browser logs the 404 status of the page itself
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.locator("h1")).to_have_text("Lưu trữ tin địa phương")
    assert page.url == subpath_host
    assert not page.problems


def test_years_and_undated_articles_are_reachable(page, root_host):
    page.goto(root_host + "nam/")
    page.get_by_role("link", name="Không rõ năm").click()
    expect(page.locator("h1")).to_have_text("Không rõ năm")
    assert page.locator("ol.articles > li").count() == 3
    assert re.search(r"nam/khong-ro-nam/$", page.url)


MY_THANH = "Đảng uỷ phường Mỹ Thạnh nâng cao hiệu quả thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị"


def test_timeline_from_years_to_a_month_to_an_article_at_360px_without_javascript(browser, root_host):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(root_host)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Năm").click()
    expect(page.locator("h1")).to_have_text("Theo năm")
    months = page.get_by_role("list", name="Số bài viết mỗi tháng, năm 2023")
    expect(months.get_by_role("listitem")).to_have_count(12)
    expect(months.get_by_role("link")).to_have_text(["tháng 6 1"])  # the only month with articles
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the years page scrolls sideways at 360 px"
    page.get_by_role("link", name="Năm 2023", exact=True).click()
    expect(page.locator("h1")).to_have_text("Năm 2023")
    page.get_by_role("navigation", name="Các tháng năm 2023").get_by_role("link", name="tháng 6").click()
    expect(page.locator("h1")).to_have_text("Tháng 6/2023")
    assert page.url == root_host + "nam/2023/thang-06/"
    expect(page.locator("[aria-current=page]")).to_have_text("tháng 6 1")
    page.get_by_role("link", name=MY_THANH).click()
    expect(page.locator("h1")).to_have_text(MY_THANH)
    # an article dated to the year only is under its year's "không rõ tháng"
    page.goto(root_host + "nam/2020/")
    page.get_by_role("link", name="không rõ tháng").click()
    expect(page.locator("h1")).to_have_text("Năm 2020, không rõ tháng")
    expect(page.locator("ol.articles > li")).to_have_count(1)
    context.close()


@pytest.fixture(scope="module")
def fixture_host(fixture_site):
    """The fixture archive (it has articles in both eras) served at the domain root."""
    server = serve(fixture_site, fixture_site / "404.html")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_former_ward_links_to_the_ward_that_took_it_over_and_back(page, fixture_host):
    page.goto(fixture_host + "dia-phuong/dien-bien/dien-bien-phu/thanh-truong/")
    expect(page.locator("h1")).to_have_text("Phường Thanh Trường")
    now = page.get_by_role("navigation", name="Nay thuộc (đơn vị hành chính từ 1/7/2025)")
    expect(now).to_contain_text(re.compile(r"^\s*Từ 1/7/2025, nay thuộc:\s+Tỉnh Điện Biên 1: Phường Điện Biên Phủ 1\s*$"))
    now.get_by_role("link", name="Phường Điện Biên Phủ").click()
    expect(page.locator("h1")).to_have_text("Phường Điện Biên Phủ")
    assert page.url == fixture_host + "dia-phuong-2025/dien-bien/dien-bien-phu/"
    before = page.get_by_role("navigation", name="Trước 1/7/2025 (đơn vị hành chính cũ)")
    # the six former wards, under their district; one has articles
    expect(before.locator("ul.inline > li")).to_have_count(6)
    expect(before.get_by_role("link")).to_have_text(["Thành phố Điện Biên Phủ, Tỉnh Điện Biên", "Phường Thanh Trường"])
    before.get_by_role("link", name="Phường Thanh Trường").click()
    expect(page.locator("h1")).to_have_text("Phường Thanh Trường")
    assert not page.problems


def test_numbered_pagination_of_the_home_list(no_js_page, fixture_host):
    """The fixture archive's home list (two articles a page, four pages) by its page numbers
    and its previous/next links, without JavaScript: page 1 at the list's own URL, the
    current page marked, rel=prev/next on the neighbours' links."""
    page = no_js_page
    page.goto(fixture_host)
    pager = page.get_by_role("navigation", name="Phân trang")
    expect(pager.locator("[aria-current=page]")).to_have_text("1")
    expect(pager.locator("a[rel=prev]")).to_have_count(0)
    expect(pager.locator("ol a")).to_have_text(["1", "2", "3", "4"])
    first = page.locator("ol.articles h3").all_inner_texts()
    assert page.locator("head link[rel=next]").get_attribute("href") == "trang/2/"
    pager.locator("a[rel=next]").click()
    assert page.url == fixture_host + "trang/2/"
    assert page.locator("head link[rel=prev]").get_attribute("href") == "../../"
    expect(pager.locator("[aria-current=page]")).to_have_attribute("aria-label", "Trang 2/4")
    second = page.locator("ol.articles h3").all_inner_texts()
    assert len(first) == len(second) == 2 and not set(first) & set(second)
    pager.get_by_role("link", name="Trang 4").click()
    assert page.url == fixture_host + "trang/4/"
    expect(pager.locator("a[rel=next]")).to_have_count(0)
    pager.locator("a[rel=prev]").click()
    assert page.url == fixture_host + "trang/3/"
    pager.get_by_role("link", name="Trang 1", exact=True).click()
    assert page.url == fixture_host
    assert page.locator("ol.articles h3").all_inner_texts() == first
