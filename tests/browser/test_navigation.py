"""Browsing the sample archive in Chromium: by place, with and without JavaScript, at the
domain root and under a sub-path."""

import re

from playwright.sync_api import expect

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
