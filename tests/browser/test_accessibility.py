"""Accessibility, colour schemes, print and images in Chromium.

axe-core (the axe.min.js that the axe-playwright-python package ships, so no network at
test time) runs on every page type in the light and the dark scheme: no violation at
all, contrast and heading order included (an article whose own text skips a heading level
is held to no serious or critical one: its headings are the curator's). Then print media (navigation hidden, the citation
and the page's address shown), the dark scheme's colours, and an article's photo."""

from __future__ import annotations

from importlib.resources import files

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve

AXE = files("axe_playwright_python") / "axe.min.js"
ARTICLE = "bai-viet/lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu/"
PAGES = {
    "home": "",
    "article": ARTICLE,
    "places index": "dia-phuong/",
    "place page": "dia-phuong/dien-bien/",
    "tags index": "chu-de/",
    "tag page": "chu-de/dan-van-kheo/",
    "years": "nam/",
    "year page": "nam/2023/",
    "month page": "nam/2023/thang-06/",
    "search page with results": "tim-kiem/?q=d%C3%A2n%20v%E1%BA%ADn",
    "404": "khong-co/trang-nay/",
}
SCHEMES = ("light", "dark")


SERIOUS = ("serious", "critical")
ANY = ("minor", "moderate", *SERIOUS)


def serious_violations(page, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """axe-core's violations of the given impacts (serious and critical by default) on the
    page, one line each with the elements concerned."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in impacts]


@pytest.fixture(params=SCHEMES)
def scheme_page(request, browser):
    """A page in the light or the dark colour scheme."""
    context = browser.new_context(locale="vi-VN", color_scheme=request.param)
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations(scheme_page, root_host, name):
    page = scheme_page
    page.goto(root_host + PAGES[name])
    if name == "search page with results":
        expect(page.locator("#results > li").first).to_be_visible()
        expect(page.locator("#results mark").first).to_be_visible()
        expect(page.locator("#facets input").first).to_be_attached()
    assert serious_violations(page, ANY) == [], f"{name} ({page.scheme} scheme)"


def test_the_check_finds_what_it_looks_for(scheme_page, root_host):
    """The same check on a page given faint text and an image without alt text fails."""
    page = scheme_page
    page.goto(root_host + ARTICLE)
    page.evaluate("""() => {
        const p = document.querySelector(".article .body p");
        p.style.color = getComputedStyle(document.body).backgroundColor;
        p.style.opacity = "1";
        p.style.textShadow = "none";
        p.style.color = "color-mix(in srgb, " + p.style.color + " 85%, gray)";
        p.appendChild(document.createElement("img")).src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    }""")
    found = " ".join(serious_violations(page))
    assert "color-contrast" in found and "image-alt" in found, found


def test_an_article_with_a_photo_has_no_serious_violations_in_either_scheme(browser, fixture_host):
    for scheme in SCHEMES:
        context = browser.new_context(locale="vi-VN", color_scheme=scheme)
        page = context.new_page()
        page.goto(fixture_host + "bai-viet/ngay-day-du/")
        expect(page.locator("figure img")).to_be_visible()
        assert serious_violations(page) == [], scheme
        context.close()


def _colours(page, selector: str) -> tuple[str, str]:
    return page.locator(selector).first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")


def test_the_dark_scheme_follows_the_system_setting(browser, root_host):
    seen = {}
    for scheme in SCHEMES:
        context = browser.new_context(locale="vi-VN", color_scheme=scheme)
        page = context.new_page()
        page.goto(root_host + PAGES["search page with results"])
        expect(page.locator("#results mark").first).to_be_visible()
        seen[scheme] = {"body": _colours(page, "body"), "header": _colours(page, ".site-header"),
                        "input": _colours(page, "#q"), "mark": _colours(page, "#results mark")}
        context.close()
    for part in seen["light"]:
        assert seen["light"][part][0] != seen["dark"][part][0], f"{part}: same background in both schemes"
    assert seen["dark"]["body"] == ["rgb(20, 24, 29)", "rgb(230, 233, 237)"]  # dark paper, light ink
    assert seen["light"]["body"] == ["rgb(251, 251, 249)", "rgb(29, 35, 43)"]


MY_THANH = "bai-viet/dang-uy-phuong-my-thanh-nang-cao-hieu-qua-chi-thi-05-ct-tw/"


def test_printing_an_article_hides_navigation_and_shows_the_citation_and_address(page, subpath_host):
    page.goto(subpath_host + MY_THANH)
    address = page.locator(".print-url")
    expect(address).to_be_hidden()  # on screen the address bar says it
    page.emulate_media(media="print")
    for furniture in (".site-header", ".site-footer", ".breadcrumb", ".neighbours", "form[role=search]", ".skip"):
        expect(page.locator(furniture).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".article .body")).to_be_visible()
    expect(address).to_be_visible()
    expect(address).to_have_text(f"Địa chỉ: {subpath_host}{MY_THANH}")
    citation = page.locator(".cite")
    expect(citation).to_be_visible()
    for part in ("Ban VHTT phường Mỹ Thạnh.", "“Đảng uỷ phường Mỹ Thạnh nâng cao hiệu quả thực hiện Chỉ thị số 05-CT/TW",
                 "Cổng thông tin điện tử thành phố Long Xuyên", "01/06/2023", f"{subpath_host}{MY_THANH}"):
        expect(citation).to_contain_text(part)
    assert page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()
    expect(address).to_be_hidden()


def test_an_articles_photo_shows_with_its_caption_and_size(page, fixture_host):
    page.goto(fixture_host + "bai-viet/ngay-day-du/")
    figure = page.locator(".article .body figure")
    image = figure.locator("img")
    expect(image).to_have_attribute("alt", "Đoàn viên phường Mỹ Thạnh xếp hàng trong lễ ra quân")
    expect(image).to_have_attribute("loading", "lazy")
    expect(figure.locator("figcaption")).to_have_text("Lễ ra quân của phường Mỹ Thạnh.")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure img').complete")
    assert image.evaluate("e => [e.naturalWidth, e.naturalHeight, e.width, e.height]") == [240, 160, 240, 160]
    assert not page.problems


@pytest.fixture(scope="session")
def fixture_host(fixture_site):
    """The fixture archive (an article with a photo) served at the domain root."""
    server = serve(fixture_site, fixture_site / "404.html")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
