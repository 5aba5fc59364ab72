"""The search page in Chromium: keyboard use, URL state, facets, sub-path, file://."""

import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.search_queries import KD, LT

TITLE = "Lan tỏa học và làm theo Bác tại Đảng bộ TP. Điện Biên Phủ"
LT_SLUG = "lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu"


def settled(page):
    page.wait_for_function("() => { const s = document.querySelector('#search-status').textContent;"
                           " return s && !s.startsWith('Đang'); }")
    page.wait_for_selector("#search-form:not([aria-busy])", state="attached")  # facets shown too


def test_keyboard_search_then_open_result(page, root_host):
    page.goto(root_host + "tim-kiem/")
    settled(page)
    page.keyboard.press("Tab")  # skip link
    page.locator("#q").focus()
    page.keyboard.type("thanh truong")
    page.keyboard.press("Enter")
    settled(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["thanh truong"]}
    first = page.locator("main #results li h3 a").first
    expect(first).to_have_text(TITLE)
    expect(page.locator("main #results mark").first).to_contain_text("Thanh")
    first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(TITLE)
    assert not page.problems


def test_url_state_round_trip_and_facets(page, root_host):
    page.goto(root_host + "tim-kiem/?q=%C4%91%E1%BA%A1o%20%C4%91%E1%BB%A9c")
    settled(page)
    expect(page.locator("#search-status")).to_have_text("5 kết quả cho “đạo đức”")
    province = page.locator("#facets fieldset", has_text="Tỉnh, thành phố")
    expect(province.locator("label", has_text="Điện Biên")).to_contain_text("2")
    province.get_by_label("Điện Biên").check()
    settled(page)
    expect(page.locator("#search-status")).to_have_text("2 kết quả cho “đạo đức”")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["đạo đức"], "tinh": ["Điện Biên"]}
    # OR inside a group: the other province keeps its count and can be added
    expect(province.locator("label", has_text="Quảng Trị")).to_contain_text("1")
    province.get_by_label("Quảng Trị").check()
    settled(page)
    expect(page.locator("#search-status")).to_have_text("3 kết quả cho “đạo đức”")
    shared = page.url
    page.select_option("#sort", "ngay")
    settled(page)
    assert "sap-xep=ngay" in page.url
    page.go_back()
    settled(page)
    assert page.url == shared
    expect(page.locator("#search-status")).to_have_text("3 kết quả cho “đạo đức”")
    page.reload()
    settled(page)
    found = page.locator("#results li h3 a").evaluate_all("a => a.map(x => x.href.split('/').at(-2))")
    assert set(found) == {LT, KD, "chuyen-bien-trong-hoc-tap-va-lam-theo-bac-o-dong-ha"}
    assert not page.problems


def test_facets_count_every_year_shard_and_the_sort_spans_them(page, root_host):
    page.goto(root_host + "tim-kiem/?q=dien%20bien")
    settled(page)
    expect(page.locator("#search-status")).to_have_text("5 kết quả cho “dien bien”")
    legends = page.locator("#facets legend").all_text_contents()
    assert set(legends) <= {"Tỉnh, thành phố", "Quận, huyện, thị xã", "Xã, phường, thị trấn", "Chủ đề", "Năm", "Nguồn"}
    years = page.locator("#facets fieldset", has_text="Năm")
    labels = years.locator("label").evaluate_all("ls => ls.map(l => l.textContent.trim())")
    assert sorted(labels) == ["2020 1", "2023 1", "Không rõ năm 3"]
    years.get_by_label("2020").check()
    settled(page)
    expect(page.locator("#search-status")).to_have_text("1 kết quả cho “dien bien”")
    years.get_by_label("2023").check()
    settled(page)
    expect(page.locator("#search-status")).to_have_text("2 kết quả cho “dien bien”")
    expect(years.locator("label", has_text="Không rõ năm")).to_contain_text("3")
    page.select_option("#sort", "ngay")
    settled(page)
    found = page.locator("#results li h3 a").evaluate_all("a => a.map(x => x.href.split('/').at(-2))")
    assert found == ["dang-uy-phuong-my-thanh-nang-cao-hieu-qua-chi-thi-05-ct-tw",
                     "dang-bo-thanh-pho-lai-chau-tich-cuc-hoc-tap-va-lam-theo-bac"]
    assert not page.problems


# A file of the index failing to load: the word directory, Pagefind's module or a shard's
# entry when the index is first opened, or a result's fragment for a later query once it is
# open (the first query finds nothing, so it fetched none).
@pytest.mark.parametrize("failing,first", [("**/pagefind/words/*", True),
                                           ("**/pagefind/pagefind.js*", True),
                                           ("**/pagefind/2020/pagefind-entry.json*", True),
                                           ("**/pagefind/2023/pagefind-entry.json*", True),  # the primary's
                                           ("**/pagefind/*/fragment/*", False)])
def test_an_index_file_that_fails_shows_the_error_and_a_later_query_tries_again(page, root_host, failing, first):
    status = page.locator("#search-status")
    if first:
        page.route(failing, lambda route: route.abort())
    page.goto(root_host + ("tim-kiem/?q=bien" if first else "tim-kiem/?q=xyzzy"))
    if first:
        expect(status).to_have_text("Không tải được bộ tìm kiếm.")
    else:
        settled(page)
        expect(status).to_have_text("Không tìm thấy bài viết nào cho “xyzzy”.")
        page.route(failing, lambda route: route.abort())
        page.locator("#q").fill("")
        page.locator("#q").type("dien bien")
        page.keyboard.press("Enter")
        expect(status).to_have_text("Không tải được bộ tìm kiếm.")
    expect(status).not_to_contain_text("Đang tìm")
    expect(page.locator("#results li")).to_have_count(0)  # not an earlier query's results
    expect(page.locator("#facets fieldset")).to_have_count(0)
    expect(page.locator("#more")).to_be_hidden()
    page.unroute(failing)
    page.locator("#q").fill("")
    page.locator("#q").type("dang vien")
    page.keyboard.press("Enter")
    settled(page)
    expect(status).to_have_text(re.compile(r"^\d+ kết quả cho “dang vien”$"))
    expect(page.locator("#results li").first).to_be_visible()
    page.locator("#q").fill("dien bien")
    page.keyboard.press("Enter")
    settled(page)
    expect(status).to_have_text("5 kết quả cho “dien bien”")
    page.problems.clear()  # the aborted requests


def test_search_page_explains_itself_from_disk(page, sample_site):
    page.goto((sample_site / "tim-kiem" / "index.html").as_uri())
    expect(page.locator("#search-status")).to_contain_text("file://")


def test_every_page_has_a_search_box_that_opens_the_search_page(no_js_page, root_host):
    no_js_page.goto(root_host + "bai-viet/" + LT_SLUG + "/")
    box = no_js_page.get_by_role("search", name="Tìm trong kho lưu trữ").get_by_role("searchbox")
    box.fill("Mường Luân")
    box.press("Enter")
    assert urlsplit(no_js_page.url).path == "/tim-kiem/"
    assert parse_qs(urlsplit(no_js_page.url).query) == {"q": ["Mường Luân"]}


def test_results_appear_as_the_reader_types(page, root_host):
    page.goto(root_host)
    page.goto(root_host + "tim-kiem/")
    settled(page)
    page.locator("#q").press_sequentially("muong lu", delay=40)  # no Enter
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ kết quả cho “muong lu”$"))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["muong lu"]}
    page.locator("#q").press_sequentially("an ", delay=40)  # the trailing space is kept while typing
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ kết quả cho “muong luan”$"))
    settled(page)
    expect(page.locator("#q")).to_have_value("muong luan ")
    expect(page.locator("#results li h3 a").first).to_have_attribute("href", re.compile(KD))
    page.go_back()  # typing replaced the URL's query rather than adding history entries
    assert page.url == root_host
    assert not page.problems


def _manifest(site) -> dict:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))


def _held_by_one(site) -> tuple[str, str]:
    """A word of the word directory held by exactly one shard (and by no longer word of
    another shard), with that shard's name."""
    manifest = _manifest(site)
    names = [shard["name"] for shard in manifest["shards"]]
    held = {}
    for _, digest in manifest["words"]:
        data = json.loads((site / "pagefind" / "words" / f"{digest}.json").read_text(encoding="utf-8"))
        held.update(zip(data["words"], data["shards"]))
    for key, mask in sorted(held.items()):
        shards = {name for bit, name in enumerate(names) if int(mask, 16) >> bit & 1}
        prefixed = {k for k in held if k.startswith(key)}
        if (len(key) >= 5 and key.isalpha() and not key.startswith("0") and len(shards) == 1
                and all(held[k] == mask for k in prefixed)):
            return key, shards.pop()
    raise AssertionError("no key held by a single shard")


def test_a_word_found_nowhere_opens_no_shard_and_a_rare_one_only_its_own(page, root_host, sample_site):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(root_host + "tim-kiem/?q=xyzzy")
    settled(page)
    expect(page.locator("#search-status")).to_have_text("Không tìm thấy bài viết nào cho “xyzzy”.")
    index = [path for path in requested if path.startswith("/pagefind/")]
    assert "/pagefind/shards.json" in index and any(path.startswith("/pagefind/words/") for path in index)
    assert not [path for path in index if path.endswith((".js", "pagefind-entry.json", ".pf_meta", ".pf_index"))]

    key, shard = _held_by_one(sample_site)
    requested.clear()
    page.locator("#q").fill(key)
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^\d+ kết quả cho “{key}”$"))
    entries = {path.split("/")[2] for path in requested if path.endswith("pagefind-entry.json")}
    assert entries == {shard}
    assert not page.problems


def _queries(site, count: int, seed: int) -> list[str]:
    """Queries drawn (seeded) from the words of the indexed pages: words as written, folded,
    cut to a prefix, with punctuation, pairs from one page and from two, and words found
    nowhere."""
    import gzip
    import random

    from archivist.model.vietnamese import search_fold

    pages = []
    for fragment in sorted((site / "pagefind").glob("*/fragment/*")):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        pages.append([word for word in data["content"].split() if not word.startswith("0")])
    rng = random.Random(seed)
    queries = set()
    while len(queries) < count:
        words = rng.choice(pages)
        word = rng.choice(words)
        kind = rng.randrange(7)
        if kind == 1:
            word = search_fold(word).lstrip("0")
        elif kind == 2:
            word = word[:rng.randint(2, max(2, len(word) - 1))]
        elif kind == 3:
            word = f"{word} {rng.choice(words)}"
        elif kind == 4:
            word = f"{word} {rng.choice(rng.choice(pages))}"
        elif kind == 5:
            word = f"{word}q{rng.randint(0, 99)}"
        elif kind == 6:
            word = f'"{word} {words[(words.index(word) + 1) % len(words)]}"'
        queries.add(word.strip())
    return sorted(queries)


def test_the_word_directory_finds_what_a_search_of_every_shard_finds(page, root_host, sample_site):
    """The same queries, with the directory and with a manifest that lists none (every
    query then opens every shard): the same status and the same first results."""
    queries = _queries(sample_site, 36, seed=7)

    def answers() -> list[tuple[str, list[str]]]:
        found = []
        for query in queries:
            page.goto(root_host + "tim-kiem/?" + urlencode({"q": query}))
            settled(page)
            links = page.locator("#results li h3 a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
            found.append((page.locator("#search-status").text_content(), links))
        return found

    with_directory = answers()
    manifest = _manifest(sample_site)
    page.route("**/pagefind/shards.json", lambda route: route.fulfill(
        json={**manifest, "words": []}))
    without = answers()
    assert with_directory == without
    statuses = [status for status, _ in with_directory]
    assert any("kết quả" in s for s in statuses) and any("Không tìm thấy" in s for s in statuses)
    assert not page.problems


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    """The fixture archive built with a shard of three pages and seven of one
    (tests.golden.build_busy_fixture), served: yields (its output folder, its base URL)."""
    from tests.browser.conftest import serve
    from tests.golden import build_busy_fixture

    site = build_busy_fixture(tmp_path_factory.mktemp("busy"))
    server = serve(site, None)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_directorys_pages_of_each_word_are_what_pagefind_finds_for_it(page, busy):
    """The page weighs shards by how many pages hold each query word as the directory says:
    for every form of every shard, Pagefind's own whole-word search of that shard (as
    search.js makes it, exactDiacritics) finds that many pages."""
    site, host = busy
    page.goto(host + "tim-kiem/")
    manifest = _manifest(site)
    names = [shard["name"] for shard in manifest["shards"]]
    expected: dict[str, dict[str, int]] = {name: {} for name in names}
    for _, digest in manifest["words"]:
        data = json.loads((site / "pagefind" / "words" / f"{digest}.json").read_text(encoding="utf-8"))
        for form, mask, pages in zip(data["words"], data["shards"], data["pages"], strict=True):
            holders = [name for bit, name in enumerate(names) if int(mask, 16) >> bit & 1]
            for name, count in zip(holders, pages, strict=True):
                expected[name][form] = count
    assert max(count for forms in expected.values() for count in forms.values()) == 3
    for name, forms in expected.items():
        found = page.evaluate("""async ({ name, forms }) => {
            const pagefind = await import(`/pagefind/pagefind.js?shard=${name}`);
            await pagefind.options({ exactDiacritics: true, basePath: `/pagefind/${name}/` });
            const found = {};
            for (const form of forms) found[form] = (await pagefind.search(`"${form}"`)).results.length;
            await pagefind.destroy();
            return found;
        }""", {"name": name, "forms": list(forms)})
        assert found == forms, name
    assert not page.problems


def _device(browser, site, cores: int):
    """A browser context on a device said to have ``cores`` cores, the site's words told to be
    common (the manifest's and the word directory's page counts times 10,000), with a page
    that records each Pagefind instance it imports (``page.instances``)."""
    manifest = _manifest(site)
    manifest["shards"] = [{**shard, "pages": shard["pages"] * 10_000} for shard in manifest["shards"]]

    def common(route):
        words = json.loads(route.fetch().text())
        route.fulfill(json={**words, "pages": [[n * 10_000 for n in counts] for counts in words["pages"]]})

    context = browser.new_context(locale="vi-VN")
    context.add_init_script(f"Object.defineProperty(navigator, 'hardwareConcurrency', {{ get: () => {cores} }})")
    context.route("**/pagefind/shards.json", lambda route: route.fulfill(json=manifest))
    context.route("**/pagefind/words/*.json", common)
    page = context.new_page()
    page.instances = set()
    page.on("request", lambda request: urlsplit(request.url).path.endswith("/pagefind.js")
            and page.instances.add(request.url))
    return context, page


@pytest.mark.parametrize("sort", ["", "ngay"])
def test_a_view_over_several_instances_answers_as_one_instance(browser, busy, sort):
    """A device with more cores searches a query of common words in several Pagefind instances
    at once: the same seeded queries answer with the same status, the same first results in
    the same order and the same facet counts as in one instance, under either order. The
    fixture's words are told to be common (the manifest's and the word directory's page
    counts, times 10,000 in both runs), as only queries of many pages are split."""
    site, host = busy
    queries = _queries(site, 36, seed=11)

    def answers(cores: int) -> tuple[list, int]:
        context, page = _device(browser, site, cores)
        found = []
        for query in queries:
            page.goto(host + "tim-kiem/?" + urlencode({"q": query, **({"sap-xep": sort} if sort else {})}))
            settled(page)
            links = page.locator("#results li h3 a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
            counts = page.locator("#facets label").all_text_contents()
            found.append((page.locator("#search-status").text_content(), links, counts))
        context.close()
        return found, len(page.instances)

    one, opened_one = answers(1)
    several, opened_several = answers(4)
    assert one == several
    assert opened_several > opened_one  # the views of several shards did open several instances
    assert sum(bool(links) for _, links, _ in one) >= 10 and any(len(links) > 2 for _, links, _ in one)


def test_a_file_that_fails_in_one_of_several_instances_shows_the_error_and_a_later_query_tries_again(browser, busy):
    """A query searched in several instances: one instance's file fails, the query ends with the
    error status (the other instances are closed), and the next query opens them all afresh."""
    site, host = busy
    second = _manifest(site)["shards"][1]["name"]  # a shard of the second instance
    context, page = _device(browser, site, 4)
    failing = f"**/pagefind/{second}/pagefind-entry.json*"
    page.route(failing, lambda route: route.abort())
    status = page.locator("#search-status")
    page.goto(host + "tim-kiem/?" + urlencode({"q": "tỉnh"}))  # in 7 of the 8 shards: 3 instances
    expect(status).to_have_text("Không tải được bộ tìm kiếm.")
    expect(page.locator("#results li")).to_have_count(0)
    assert len(page.instances) > 1
    page.unroute(failing)
    page.locator("#q").fill("tỉnh")
    page.keyboard.press("Enter")
    settled(page)
    expect(status).to_have_text(re.compile(r"^\d+ kết quả cho “tỉnh”$"))
    expect(page.locator("#results li").first).to_be_visible()
    context.close()


def test_what_a_query_reads_before_the_index_is_read_while_the_reader_types(page, root_host):
    """The manifest and the word directory's files for the words typed so far are read as the
    reader types, before the query is sent (the page still idle), and each only once."""
    page.add_init_script("""window.__fetched = []; const fetched = window.fetch;
        window.fetch = (...args) => { window.__fetched.push([String(args[0]),
            document.getElementById("search-status").textContent]); return fetched(...args); };""")
    idle = "Nhập từ khóa để tìm trong kho lưu trữ."
    page.goto(root_host + "tim-kiem/")
    expect(page.locator("#search-status")).to_have_text(idle)
    page.locator("#q").press_sequentially("dien", delay=80)  # Enter within the typing pause (300 ms)
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ kết quả cho “dien”$"))
    fetched = [(urlsplit(url).path, status) for url, status in page.evaluate("window.__fetched")]
    directory = [(path, status) for path, status in fetched if path.startswith("/pagefind/words/")
                 or path == "/pagefind/shards.json"]
    # the manifest and the first word's file were read before the query ran (the word's last
    # letters may fetch a neighbouring file after it was sent)
    assert len(directory) >= 2 and directory[0][1] == directory[1][1] == idle
    paths = [path for path, _ in directory]
    assert len(paths) == len(set(paths)) and "/pagefind/shards.json" in paths
    assert not page.problems
