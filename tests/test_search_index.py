"""The search index sharded by publication year (archivist/build/search.py): which page goes in
which shard, the manifest, and that an unchanged shard is kept (same files, hard-linked)
while an edit re-indexes only its own shard. Runs the real Pagefind over the fixture
archive; what a reader sees of the merged shards is tested in tests/browser/."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from archivist.build import search
from archivist.model.errors import BuildFailed
from archivist.model.config import load_config
from archivist.build.content import load_articles
from archivist.commands import Project, build
from archivist.model.places import gazetteer
from archivist.build.site import make_site
from tests.golden import FIXTURE, ROOT, build_fixture

YEARS = ["2025", "2023", "2022", "2020", "2019", "2018", "2017"]


@pytest.fixture(scope="module")
def site():
    config = load_config(FIXTURE / "site.yaml")
    return make_site(config, list(load_articles(FIXTURE / "content", gazetteer()).articles))


@pytest.fixture(scope="module")
def shards(site):
    return search.shards_of(site)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture archive built with search on, its pages only (the index removed)."""
    out = tmp_path_factory.mktemp("searchable") / "output"
    build_fixture(out, search=True)
    shutil.rmtree(out / search.BUNDLE)
    return out


@pytest.fixture(scope="module")
def indexed(fixture_site, shards, tmp_path_factory):
    """The fixture archive's pages with a freshly built index (no previous output)."""
    out = tmp_path_factory.mktemp("indexed") / "output"
    shutil.copytree(fixture_site, out)
    report = search.build_index(out, out / ".none", shards)
    return out, report


def stage(previous: Path, target: Path) -> Path:
    """A staging folder as the output step makes it: every page hard-linked from the
    previous output, without its index."""
    for path in previous.rglob("*"):
        rel = path.relative_to(previous)
        if rel.parts[0] == search.BUNDLE or path.is_dir():
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target / rel)
    return target


def inodes(bundle: Path) -> dict[str, int]:
    return {p.relative_to(bundle).as_posix(): p.stat().st_ino for p in sorted(bundle.rglob("*")) if p.is_file()}


def manifest(out: Path) -> dict:
    return json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))


def test_each_article_is_in_the_shard_of_its_year_newest_first_undated_last(site, shards, fixture_site):
    assert list(shards) == [*YEARS, "khong-ro-nam"] == [*YEARS, site.config.segments.undated]
    assert shards["2022"] == ["bai-viet/chi-co-thang/index.html"]
    assert shards["2020"] == ["bai-viet/chi-co-nam/index.html"]
    assert shards["khong-ro-nam"] == ["bai-viet/khong-ro-ngay/index.html"]
    assert sorted(p for pages in shards.values() for p in pages) == sorted(
        p.relative_to(fixture_site).as_posix() for p in fixture_site.glob("bai-viet/*/index.html"))
    for name, pages in shards.items():
        assert pages == sorted(pages)
        for page in pages:
            year = re.search(r'data-pagefind-filter="nam">([^<]+)<', (fixture_site / page).read_text(encoding="utf-8"))
            assert year.group(1) == (name if name in YEARS else "Không rõ năm"), page


def test_article_pages_index_their_text_then_a_folded_marked_copy(fixture_site):
    """Pagefind reads the title (weighted), the text shown, the places, author, source and
    tags, then all of that again folded and marked word for word (vietnamese.search_fold),
    markup as it is."""
    html = (fixture_site / "bai-viet/ngay-day-du/index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-filter="tinh">An Giang</span>' in html
    assert re.search(r'<h1 data-pagefind-meta="title" data-pagefind-ignore>Ngày đầy đủ, phường cụ thể</h1>', html)
    assert '<p hidden data-pagefind-weight="7">Ngày đầy đủ, phường cụ thể</p>' in html
    assert '<div class="body">' in html and "Đoạn mở đầu có <strong>chữ đậm</strong>" in html
    copy = html[html.index("<div hidden>\n"):html.index("</article>")]
    about = re.search(r'<p data-pagefind-weight="3">([^<]*)</p>', copy).group(1)
    assert "An Giang" in about and "Ban VHTT phường Mỹ Thạnh" in about and "Chỉ thị 05" in about and "Văn hóa" in about
    assert '<p data-pagefind-weight="7">0ngay 0day 0du, 0phuong 0cu 0the</p>' in copy
    assert "0doan 0mo 0dau 0co <strong>0chu 0dam</strong>" in copy
    assert 'href="https://example.org/bai-goc"' in copy  # markup as it is
    assert "0chi 0thi 05" in copy and "0van 0hoa" in copy  # tags, folded


def test_manifest_lists_one_bundle_per_shard_in_order(indexed, shards):
    out, report = indexed
    assert (report.rebuilt, report.kept) == (len(shards), 0)
    assert str(report) == f"rebuilt {len(shards)} of {len(shards)} shards"
    found = manifest(out)
    assert found["layout"] == search.LAYOUT and found["pagefind"] == version("pagefind")
    assert [s["name"] for s in found["shards"]] == list(shards)
    assert [s["pages"] for s in found["shards"]] == [len(p) for p in shards.values()]
    assert len({s["key"] for s in found["shards"]}) == len(shards)
    bundle = out / "pagefind"
    assert sorted(p.name for p in bundle.iterdir()) == sorted([*shards, "pagefind.js", "shards.json", "words"])
    assert (bundle / "pagefind.js").read_bytes() == (bundle / "2025" / "pagefind.js").read_bytes()
    for name, pages in shards.items():
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text())
        assert entry["version"] == version("pagefind")
        assert [lang["page_count"] for lang in entry["languages"].values()] == [len(pages)]
        assert list(entry["languages"]) == ["vi"]  # --force-language vi
        assert len(list((bundle / name / "fragment").iterdir())) == len(pages)
        assert not [f for f in search.UI_FILES if (bundle / name / f).exists()]
    assert not (out / search.SCRATCH).exists()


def test_unchanged_pages_keep_every_shard_as_hard_links(indexed, shards, tmp_path):
    previous, _ = indexed
    staging = stage(previous, tmp_path / "staging")
    report = search.build_index(staging, previous, shards)
    assert (report.rebuilt, report.kept) == (0, len(shards))
    assert str(report) == f"kept all {len(shards)} shards"
    for name in shards:
        assert inodes(staging / "pagefind" / name) == inodes(previous / "pagefind" / name)
    assert manifest(staging) == manifest(previous)


def test_same_bytes_in_new_files_also_keep_the_shards(indexed, shards, tmp_path):
    """After --clean every page is a new file: the shards are compared by content."""
    previous, _ = indexed
    staging = stage(previous, tmp_path / "staging")
    for pages in shards.values():
        for page in pages:
            data = (staging / page).read_bytes()
            (staging / page).unlink()
            (staging / page).write_bytes(data)
    report = search.build_index(staging, previous, shards)
    assert (report.rebuilt, report.kept) == (0, len(shards))


def test_an_edit_rebuilds_exactly_its_shard(indexed, shards, tmp_path):
    previous, _ = indexed
    staging = stage(previous, tmp_path / "staging")
    page = staging / shards["2022"][0]
    html = page.read_text(encoding="utf-8")
    page.unlink()
    page.write_text(html.replace("</h1>", " sửa lỗi chính tả</h1>", 1), encoding="utf-8")
    report = search.build_index(staging, previous, shards)
    assert (report.rebuilt, report.kept) == (1, len(shards) - 1)
    assert str(report) == f"rebuilt 1 of {len(shards)} shards"
    for name in shards:
        same = inodes(staging / "pagefind" / name) == inodes(previous / "pagefind" / name)
        assert same == (name != "2022"), name
    before, after = manifest(previous)["shards"], manifest(staging)["shards"]
    assert [a["key"] == b["key"] for a, b in zip(after, before)] == [name != "2022" for name in shards]


def test_a_new_article_or_other_options_rebuild_what_they_change(indexed, shards, tmp_path):
    previous, _ = indexed
    staging = stage(previous, tmp_path / "staging")
    moved = dict(shards)
    moved["2020"] = sorted([*shards["2020"], *shards["2019"]])  # a page added to a shard
    del moved["2019"]
    report = search.build_index(staging, previous, moved)
    assert (report.rebuilt, report.kept) == (1, len(moved) - 1)
    assert not (staging / "pagefind" / "2019").exists()
    other = stage(previous, tmp_path / "other")
    report = search.build_index(other, previous, shards, language="en")
    assert (report.rebuilt, report.kept) == (len(shards), 0)


def chunk_files(bundle: Path) -> int:
    return len(list((bundle / "index").glob("*.pf_index")))


def test_the_chunk_size_reaches_pagefind_and_is_part_of_each_shards_key(indexed, shards, tmp_path, monkeypatch):
    """Pagefind counts an accented word's positions as nothing when it closes a chunk of
    its word index (search.CHUNK_ENV), so the size is set: a smaller one makes
    more, smaller chunks, and changing it indexes every shard again."""
    previous, _ = indexed
    largest = max(shards, key=lambda name: len(shards[name]))
    monkeypatch.setattr(search, "CHUNK_SIZE", 10**9)
    whole = stage(previous, tmp_path / "whole")
    report = search.build_index(whole, previous, shards)
    assert (report.rebuilt, report.kept) == (len(shards), 0)
    assert chunk_files(whole / "pagefind" / largest) == 1
    monkeypatch.setattr(search, "CHUNK_SIZE", 20)
    small = stage(whole, tmp_path / "small")
    report = search.build_index(small, whole, shards)
    assert (report.rebuilt, report.kept) == (len(shards), 0)
    assert chunk_files(small / "pagefind" / largest) > 5
    assert chunk_files(previous / "pagefind" / largest) < chunk_files(small / "pagefind" / largest)


def test_a_previous_index_without_manifest_is_rebuilt(indexed, shards, tmp_path):
    previous, _ = indexed
    old = tmp_path / "old"
    stage(previous, old)
    (old / "pagefind").mkdir()
    (old / "pagefind" / "pagefind.js").write_text("// a single index of an older build")
    staging = stage(old, tmp_path / "staging")
    report = search.build_index(staging, old, shards)
    assert (report.rebuilt, report.kept) == (len(shards), 0)


def test_shards_are_indexed_two_at_a_time_within_the_page_budget(monkeypatch, tmp_path):
    running: list[int] = []
    seen: list[tuple[int, int]] = []
    lock = threading.Lock()

    def index(staging, name, pages, options):
        with lock:
            running.append(len(pages))
            seen.append((len(running), sum(running)))
        time.sleep(0.05)
        with lock:
            running.remove(len(pages))

    monkeypatch.setattr(search, "_index_shard", index)
    monkeypatch.setattr(search, "PAGES_AT_ONCE", 10)
    sizes = {"2019": 12, "2020": 8, "2021": 6, "2022": 3, "2023": 2}
    search._index_shards(tmp_path, {name: ["p"] * n for name, n in sizes.items()}, ())
    assert len(seen) == len(sizes)
    assert max(n for n, _ in seen) == search.PARALLEL == 2
    assert all(pages <= 10 for n, pages in seen if n > 1)  # the 12-page shard ran alone


def _site_of_years(groups: dict[int | None, list[str | None]]):
    """A stand-in site whose year groups hold articles dated by ISO strings (None: undated)."""
    from types import SimpleNamespace as NS

    def article(year, n, iso):
        parts = [int(x) for x in iso.split("-")] if iso else []
        date = NS(iso=iso, year=parts[0], month=parts[1] if len(parts) > 1 else None) if iso else None
        return NS(path=f"{year}/bai-{n}.md", slug=f"{year}-bai-{n}", date=date)

    years = [NS(year=year, articles=tuple(article(year, n, iso) for n, iso in enumerate(isos)))
             for year, isos in groups.items()]
    return NS(years=years, routes=NS(article=lambda a: f"bai-viet/{a.slug}/"),
              config=NS(segments=NS(undated="khong-ro-nam")))


def test_a_large_year_is_split_by_months_into_shards_in_date_order(monkeypatch):
    monkeypatch.setattr(search, "MAX_SHARD", 4)
    dates = ["2019-12-30", "2019-11", "2019-09-01", "2019-08-31", "2019-07-01", "2019-06-30",
             "2019-05-02", "2019-04-30", "2019-03", "2019-01-01", "2019"]
    site = _site_of_years({2020: ["2020-05-01"], 2019: dates, None: [None] * 9})
    shards = search.shards_of(site)
    assert list(shards)[:4] == ["2020", "2019-3", "2019-2", "2019-1"]
    # newest first: every date of a shard sorts after every date of the shards after it
    iso = {f"bai-viet/2019-bai-{n}/index.html": d for n, d in enumerate(dates)}
    parts = [[iso[p] for p in shards[name]] for name in ("2019-3", "2019-2", "2019-1")]
    assert sorted(d for part in parts for d in part) == sorted(dates)
    for newer, older in zip(parts, parts[1:]):
        assert min(newer) > max(older)
    assert "2019" in parts[-1]  # a year-only date sorts at the year's start
    undated = [name for name in shards if name.startswith("khong-ro-nam-")]
    assert len(undated) == 3 and sum(len(shards[n]) for n in undated) == 9
    assert max(len(pages) for pages in shards.values()) <= 6


def test_a_year_crowded_into_a_few_months_is_split_into_runs_of_dates(monkeypatch):
    """A year under way (all in January–March) or one busy season: parts of at most
    MAX_SHARD, still in date order."""
    monkeypatch.setattr(search, "MAX_SHARD", 4)
    dates = [f"2025-{m:02d}-{d:02d}" for m in (1, 2, 3) for d in (3, 9, 17)] + ["2025-02", "2025"]
    shards = search.shards_of(_site_of_years({2025: dates}))
    iso = {f"bai-viet/2025-bai-{n}/index.html": d for n, d in enumerate(dates)}
    parts = [[iso[p] for p in pages] for pages in shards.values()]
    assert max(map(len, parts)) <= 4 and sorted(d for part in parts for d in part) == sorted(dates)
    for newer, older in zip(parts, parts[1:]):
        assert min(newer) >= max(older)


def test_shards_keep_their_articles_when_the_archive_grows(monkeypatch):
    """An added article changes only its own shard while the number of parts stays."""
    monkeypatch.setattr(search, "MAX_SHARD", 5)
    dates = [f"2019-{m:02d}-01" for m in range(1, 13)]
    before = search.shards_of(_site_of_years({2019: dates, None: [None] * 9}))
    after = search.shards_of(_site_of_years({2019: [*dates, "2019-12-31"], None: [None] * 10}))
    assert list(after) == list(before) == ["2019-3", "2019-2", "2019-1", "khong-ro-nam-1", "khong-ro-nam-2"]
    new_undated = next(name for name, pages in after.items() if "bai-viet/None-bai-9/index.html" in pages)
    assert [name for name in after if after[name] != before[name]] == ["2019-3", new_undated]


def test_build_reindexes_only_the_shard_of_the_edited_article(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root)
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    project = Project.at(root, templates=ROOT / "templates")
    said: list[str] = []
    first = build(project, progress=said.append)
    assert first.index == "rebuilt" and any("search index: rebuilt 8 of 8 shards" in s for s in said)
    bundle = project.output / "pagefind"
    before = {name: inodes(bundle / name) for name in [*YEARS, "khong-ro-nam"]}
    article = root / "content" / "chi-co-thang.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn mới thêm vào.\n", encoding="utf-8")
    said.clear()
    second = build(project, progress=said.append)
    assert second.index == "rebuilt" and any("search index: rebuilt 1 of 8 shards" in s for s in said)
    after = {name: inodes(bundle / name) for name in before}
    assert [name for name in before if before[name] != after[name]] == ["2022"]


def test_another_pagefind_indexes_every_shard_again(tmp_path, monkeypatch):
    """A Pagefind upgraded (here: the binary PAGEFIND_BINARY_PATH names, which says it is
    9.9.9 and indexes with the real one) is an input: the next build is not "nothing
    changed", it indexes every shard again and the manifest names the new version; the
    build after it has nothing to do. Never a bundle of two versions."""
    from pagefind.service import get_executable

    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".cache", "output"))
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    project = Project.at(root, templates=ROOT / "templates")
    build(project)
    assert manifest(project.output)["pagefind"] == version("pagefind")
    assert build(project).skipped
    newer = tmp_path / "pagefind-newer"
    newer.write_text(f'#!/bin/sh\n[ "$1" = --version ] && echo "pagefind 9.9.9" && exit 0\n'
                     f'exec "{get_executable()}" "$@"\n', encoding="utf-8")
    newer.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(newer))
    again = build(project)
    assert not again.skipped and again.shards == (8, 8)
    assert manifest(project.output)["pagefind"] == "9.9.9"
    assert build(project).skipped
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(BuildFailed, match="Pagefind, which builds the search index, is not installed"):
        build(project)
