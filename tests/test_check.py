"""``python build.py check``: content and config as a build sees them, then the built
output: links, assets, fragments, feeds, sitemaps and robots.txt."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archivist.check import GROUPED, check
from archivist.model.errors import BuildFailed, Problem
from archivist.build.output import MARKER
from archivist.commands import Project, build
from build import main
from tests.golden import FIXTURE, ROOT

TEMPLATES = ROOT / "templates"
BASE = "https://example.org/luu-tru/"
GONE = "output/bai-viet/chi-co-nam/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture archive copied (without its parse cache) and built into its output/."""
    root = tmp_path_factory.mktemp("check") / "site"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".cache"))
    build(project(root))
    return root


@pytest.fixture
def site(built, tmp_path) -> Path:
    """A copy of the built archive (content, site.yaml and output/) that a test may damage."""
    root = tmp_path / "site"
    shutil.copytree(built, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def project(root: Path) -> Project:
    return Project.at(root, templates=TEMPLATES)


def line_of(path: Path, needle: str) -> int:
    """The first line of ``path`` holding ``needle``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_good_build_passes(built):
    assert check(project(built)) == []
    assert check(project(built), base_url=BASE) == []


def test_a_deleted_page_is_reported_on_every_page_and_feed_that_links_it(site):
    out = site / "output"
    shutil.rmtree(out / "bai-viet" / "chi-co-nam")
    expected = set()
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml"):
            continue
        shown, seen = f"output/{path.relative_to(out).as_posix()}", set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if path.suffix == ".html":  # each distinct link once per page, at its first line
                for href in re.findall(r'(?:href|src)="([^"]*chi-co-nam/)"', line):
                    if href not in seen:
                        seen.add(href)
                        expected.add(f'{shown}:{number}: broken link "{href}": no file {GONE}')
            for loc in re.findall(r"<loc>([^<]*chi-co-nam/)</loc>", line):
                expected.add(f'{shown}:{number}: <loc> "{loc}": no file {GONE}')
            for href in re.findall(r'<link [^>]*href="([^"]*chi-co-nam/)"', line):
                expected.add(f'{shown}:{number}: <link href="{href}">: no file {GONE}')
    found = [str(p) for p in check(project(site))]
    assert len(expected) > 5
    # the same problem on more than GROUPED pages is one line, at its first page, with the count
    by_message: dict[str, list[str]] = {}
    for line in sorted(expected, key=lambda text: (text.split(":")[0], int(text.split(":")[1]))):
        by_message.setdefault(line.split(": ", 1)[1], []).append(line)
    said = []
    for message, lines in by_message.items():
        if len({line.split(":")[0] for line in lines}) <= GROUPED:
            said += lines
        else:
            said.append(f"{lines[0]} (and on {len({l.split(':')[0] for l in lines}) - 1} other pages alike)")
    said.append("output/: out of date with content/: 1 article page missing (bai-viet/chi-co-nam/index.html); "
                "run python build.py")
    assert sorted(found) == sorted(said)
    assert any("other pages alike" in line for line in found)


def test_broken_links_fragments_and_assets_on_a_page(site):
    out = site / "output"
    (out / "tai-lieu").mkdir()
    (out / "tai-lieu" / "bản đồ.txt").write_text("x", encoding="utf-8")
    write(out / "thu" / "index.html", """<!doctype html>
<html><head><link rel="stylesheet" href="../static/khong.css"><script src="../static/khong.js"></script></head>
<body><p id="dau"><a href="../khong-co/">a</a>
<a href="../khong-co/">the same link again: reported once</a>
<a href="../bai-viet/ngay-day-du/#fn:1">ok</a> <a href="../bai-viet/ngay-day-du/#fn:9">bad</a>
<a href="#dau">ok</a> <a href="#cuoi">bad</a> <a href="#top">ok</a> <a href="?trang=2">ok</a>
<img src="../static/favicon.svg?v=1#x" srcset="../static/favicon.svg 1x, ../static/thieu.svg 2x" alt="">
<a href="https://example .org/">space</a> <a href="http://">no host</a> <a href="mailto:a@b.vn">ok</a>
<a href="https://example.org/ok">ok</a> <a href="tel:+84">ok</a> <img src="data:image/gif;base64,R0lG" alt="">
<a href="/luu-tru/chu-de/">ok</a> <a href="/khac/">outside</a> <a href="../../ngoai/">outside</a>
<a href="../bai-viet/ngay-day-du">ok: redirected</a> <a href="../tai-lieu/b%E1%BA%A3n%20%C4%91%E1%BB%93.txt">ok</a>
<a href="{base}bai-viet/ngay-day-du/">ok</a> <a href="{base}khong-co.html">bad</a> <a name="cuoi2"></a>
<img srcset="data:image/png;base64,AA== 1x, ../static/favicon.svg 2x" alt="">
</p></body></html>
""".replace("{base}", BASE))
    article = out / "bai-viet" / "ngay-day-du" / "index.html"
    article.write_text(article.read_text(encoding="utf-8").replace('href="#fn:1"', 'href="#fn:9"'), encoding="utf-8")
    fn = line_of(article, 'href="#fn:9"')
    assert [str(p) for p in check(project(site), base_url=BASE)] == [
        f'output/bai-viet/ngay-day-du/index.html:{fn}: broken link "#fn:9": no id "fn:9" on this page',
        'output/thu/index.html:2: broken link "../static/khong.css": no file output/static/khong.css',
        'output/thu/index.html:2: broken link "../static/khong.js": no file output/static/khong.js',
        'output/thu/index.html:3: broken link "../khong-co/": no file output/khong-co/index.html',
        'output/thu/index.html:5: broken link "../bai-viet/ngay-day-du/#fn:9": '
        'no id "fn:9" in output/bai-viet/ngay-day-du/index.html',
        'output/thu/index.html:6: broken link "#cuoi": no id "cuoi" on this page',
        'output/thu/index.html:7: broken link "../static/thieu.svg": no file output/static/thieu.svg',
        'output/thu/index.html:8: malformed URL "http://": no host',
        'output/thu/index.html:8: malformed URL "https://example .org/": contains a space',
        'output/thu/index.html:10: broken link "../../ngoai/": outside the output folder',
        'output/thu/index.html:10: broken link "/khac/": outside the base path /luu-tru/',
        f'output/thu/index.html:12: broken link "{BASE}khong-co.html": no file output/khong-co.html',
    ]


def test_root_absolute_links_follow_the_base_url(site):
    problems = check(project(site), base_url="https://example.org/khac/")
    assert problems and all(p.path == "output/404.html" and "outside the base path /khac/" in p.message
                            for p in problems)


def test_feeds_sitemaps_and_robots(site):
    out = site / "output"
    write(out / "feed.xml", '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
                            "  <title>x</entry>\n</feed>\n")
    write(out / "sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                               "<url><loc>bai-viet/ngay-day-du/</loc></url>\n"
                               f"<url><loc>{BASE}bai-viet/ngay-day-du/</loc></url>\n"
                               f"<url><loc>{BASE}bai-viet/khong-co/</loc></url>\n"
                               "<url><loc>https://khac.example/</loc></url>\n"
                               "<url></url>\n</urlset>\n")
    write(out / "chu-de" / "thu" / "feed.xml", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Thử</title>
  <updated>2025-13-01T00:00:00+07:00</updated>
  <entry>
    <title>A</title>
    <id>{base}bai-viet/ngay-day-du/</id>
    <updated>2025-08-15</updated>
  </entry>
  <entry>
    <title>B</title>
    <id>{base}bai-viet/khong-co/</id>
    <link href="{base}bai-viet/khong-co/"/>
    <updated>2025-08-15T00:00:00Z</updated>
  </entry>
</feed>
""".replace("{base}", BASE))
    write(out / "sitemap-cu.xml", '<?xml version="1.0"?>\n<urlset><url><loc>x</loc></url></urlset>\n')
    write(out / "robots.txt", "User-agent: *\n# comment\n\nAllow: /\nkhông phải dòng\nSitemap: sitemap.xml\n")
    assert [str(p) for p in check(project(site), base_url=BASE)] == [
        "output/chu-de/thu/feed.xml:2: feed has no <id>",
        'output/chu-de/thu/feed.xml:4: <updated> "2025-13-01T00:00:00+07:00" is not an RFC 3339 date-time',
        "output/chu-de/thu/feed.xml:5: entry has no <link href>",
        'output/chu-de/thu/feed.xml:8: <updated> "2025-08-15" is not an RFC 3339 date-time',
        f'output/chu-de/thu/feed.xml:13: <link href="{BASE}bai-viet/khong-co/">: '
        "no file output/bai-viet/khong-co/index.html",
        "output/feed.xml:3: not well-formed XML: mismatched tag (column 13)",
        'output/robots.txt:5: expected "Field: value", got "không phải dòng"',
        'output/robots.txt:6: Sitemap "sitemap.xml" is not an absolute http(s) URL',
        'output/sitemap.xml:3: <loc> "bai-viet/ngay-day-du/" is not an absolute http(s) URL',
        f'output/sitemap.xml:5: <loc> "{BASE}bai-viet/khong-co/": no file output/bai-viet/khong-co/index.html',
        "output/sitemap.xml:7: sitemap entry has no <loc>",
    ]


def test_a_content_problem_is_reported_alone_as_the_build_reports_it(site):
    article = site / "content" / "ngay-day-du.md"
    article.write_text(article.read_text(encoding="utf-8").replace("date: 2023-06-01", "date: 2023-13-45"),
                       encoding="utf-8")
    shutil.rmtree(site / "output" / "bai-viet")
    with pytest.raises(BuildFailed) as failed:
        build(project(site))
    problems = check(project(site))
    assert problems == list(failed.value.problems)
    assert [(p.path, p.line, p.field) for p in problems] == [("content/ngay-day-du.md", 3, "date")]


def test_a_config_problem_is_reported(site):
    (site / "site.yaml").write_text("per_page: 0\n", encoding="utf-8")
    assert [(p.path, p.line, p.field) for p in check(project(site))] == [("site.yaml", 1, "per_page")]


def test_missing_output_is_not_built_yet(site):
    not_built = [Problem("output/", None, None, "not built yet; run python build.py")]
    (site / "output" / MARKER).unlink()
    assert check(project(site)) == not_built
    shutil.rmtree(site / "output")
    assert check(project(site)) == not_built


def test_the_command_line(site, capsys):
    args = ["check", "--root", str(site), "--templates", str(TEMPLATES)]
    assert main(args) == 0
    assert "check passed" in capsys.readouterr().out
    write(site / "output" / "thu" / "index.html", '<p>\n<a href="../khong-co/">x</a></p>\n')
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        'output/thu/index.html:2: broken link "../khong-co/": no file output/khong-co/index.html',
        "check failed: 1 problem",
    ]


def test_a_site_is_checked_as_it_was_built_and_a_pass_says_what_was_checked(site):
    """Built with --base-url under another path, the site is checked with that base URL
    (its robots.txt names it) without being told again; built without one (no feeds,
    no sitemap), the passing line says so instead of calling them valid."""
    import subprocess
    import sys

    command = [sys.executable, str(ROOT / "build.py"), "--root", str(site), "--templates", str(TEMPLATES)]
    assert subprocess.run([*command, "--base-url", "https://example.net/kho/", "-q"]).returncode == 0
    assert check(project(site)) == []
    assert check(project(site), base_url=BASE) != []  # 404.html links from /kho/, not /luu-tru/
    passed = subprocess.run([command[0], command[1], "check", *command[2:]], capture_output=True, text=True)
    assert passed.returncode == 0 and "sitemap" in passed.stdout and " 0 feeds" not in passed.stdout, passed.stdout
    assert subprocess.run([*command, "--base-url", "", "-q"]).returncode == 0
    assert check(project(site)) == []
    passed = subprocess.run([command[0], command[1], "check", *command[2:]], capture_output=True, text=True)
    assert "no feeds or sitemap (built without a base URL)" in passed.stdout, passed.stdout


def test_an_article_renamed_without_a_rebuild_makes_the_output_out_of_date(site):
    (site / "content" / "cu" / "chi-co-nam.md").rename(site / "content" / "cu" / "chi-co-nam-moi.md")
    assert [str(p) for p in check(project(site))] == [
        "output/: out of date with content/: 1 article page missing (bai-viet/chi-co-nam-moi/index.html); "
        "1 page of articles no longer there (bai-viet/chi-co-nam/index.html); run python build.py"]


DRAFT = """---
title: Bài nháp chưa duyệt
date: 2023-05-02
locality: phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên
draft: true
---
Nội dung nháp.
"""


def test_drafts_are_judged_by_the_builds_own_rule(site, capsys):
    """check applies the build's rule for which articles are published (pipeline.published):
    a build that leaves a draft out passes; an output/ built with --drafts holds pages not
    fit to publish and fails, unless check is told --drafts (a preview); site.yaml's
    ``drafts: true`` includes them for both."""
    write(site / "content" / "nhap.md", DRAFT)
    build(project(site))
    assert check(project(site)) == []
    build(project(site), drafts=True)
    assert [str(p) for p in check(project(site))] == [
        "output/: holds 1 draft (bai-viet/nhap/index.html): built with --drafts, a preview not fit to publish; "
        "run python build.py (check --drafts checks such a preview)"]
    assert check(project(site), drafts=True) == []
    args = ["check", "--root", str(site), "--templates", str(TEMPLATES)]
    assert main(args) == 1 and "holds 1 draft" in capsys.readouterr().err
    assert main([*args, "--drafts"]) == 0 and "check passed" in capsys.readouterr().out
    build(project(site))
    assert [str(p) for p in check(project(site), drafts=True)] == [
        "output/: out of date with content/: 1 article page missing (bai-viet/nhap/index.html); "
        "run python build.py --drafts"]
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "drafts: true\n", encoding="utf-8")
    assert "1 article page missing" in str(check(project(site)))
    build(project(site))
    assert check(project(site)) == []


@pytest.fixture
def recorded(built, tmp_path) -> Path:
    """A copy of the built archive with its cache, which holds the record of the build that
    made its output/ (a copy keeps the files' sizes and mtimes)."""
    root = tmp_path / "site"
    shutil.copytree(built, root)
    return root


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_an_input_changed_since_the_build_makes_the_output_out_of_date(recorded, capsys):
    """check compares the inputs now with the record of the build that made output/, as
    the build does (each file by its stat, then the digest of its bytes; site.yaml's
    settings as loaded; the tool's version), and names each that changed; a file changed
    back, or only touched, is no change. It writes nothing, not even to the cache."""
    article = recorded / "content" / "ngay-day-du.md"
    before = article.read_bytes()
    out_of_date = "changed since output/ was built; run python build.py"
    assert check(project(recorded)) == []
    cache = _tree(recorded / ".cache")
    article.write_text(before.decode("utf-8").replace("title: ", "title: Mới ", 1), encoding="utf-8")
    assert [str(p) for p in check(project(recorded))] == [f"content/ngay-day-du.md: {out_of_date}"]
    args = ["check", "--root", str(recorded), "--templates", str(TEMPLATES)]
    assert main(args) == 1
    assert capsys.readouterr().err.splitlines() == [f"content/ngay-day-du.md: {out_of_date}", "check failed: 1 problem"]
    article.write_bytes(before)  # the same bytes again, with a new mtime and ctime
    assert check(project(recorded)) == []
    assert _tree(recorded / ".cache") == cache
    config = recorded / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "feed_size: 3\n", encoding="utf-8")
    write(recorded / "content" / "moi.md", (recorded / "content" / "ngay-day-du.md").read_text(encoding="utf-8"))
    (recorded / "content" / "cu" / "chi-co-nam.md").unlink()
    assert [str(p) for p in check(project(recorded))][1:] == [
        "content/cu/chi-co-nam.md: removed since output/ was built; run python build.py",
        "content/moi.md: added since output/ was built; run python build.py",
        f"site.yaml (feed_size): {out_of_date}"]
    build(project(recorded))
    assert check(project(recorded)) == []


def test_a_file_of_the_output_changed_since_the_build_is_named(recorded):
    """A file of output/ changed, removed or added since the build that made it (its size or
    mtime not as the build left it) makes check fail, naming it; many are counted."""
    out = recorded / "output"
    (out / "archive.csv").write_bytes((out / "archive.csv").read_bytes() + b"x")
    assert [str(p) for p in check(project(recorded))] == [
        "output/archive.csv: changed since the build that made it (not as build.py left it); run python build.py"]
    for page in sorted(out.glob("nam/*/index.html"))[:4]:
        page.write_bytes(page.read_bytes())
    found = [str(p) for p in check(project(recorded))]
    assert len(found) == 1 and found[0].startswith(
        "output/: 5 files changed, added or removed since the build that made it (not as build.py left it) "
        "(output/archive.csv changed, "), found
    build(project(recorded))
    assert check(project(recorded)) == []


def test_an_input_that_cannot_be_read_for_the_comparison_is_a_message(recorded, monkeypatch):
    import archivist.check.since as since

    def unreadable(folder: Path) -> dict[str, str]:
        raise PermissionError(13, "Permission denied", str(folder / "base.html"))

    monkeypatch.setattr(since, "template_digests", unreadable)
    assert [str(p) for p in check(project(recorded))] == [
        f"output/: cannot be compared with the inputs now: [Errno 13] Permission denied: '{TEMPLATES / 'base.html'}'"]
