"""The search index is byte-deterministic (archivist/searchcanon.py): the same pages built
in two folders, or an edit and its revert, give the same bytes under ``pagefind/``, though
Pagefind itself lists filters, their values and sort orders in a different order on every
run: with ``canonicalize`` turned off, the first three tests fail. Runs the real Pagefind;
that Pagefind's own client reads the canonical bundles is tested in tests/browser/."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from archivist.build import search
from archivist.build import searchcanon
from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, files

ARTICLES = 150
"""Articles of the larger archive: three shards of 30 to 90 pages, several values per filter."""


def fixture_copy(root: Path) -> Project:
    shutil.copytree(FIXTURE, root)
    return Project.at(root, templates=ROOT / "templates")


def larger_archive(root: Path) -> Project:
    """ARTICLES copies of the sample content, each with its own title."""
    content = root / "content"
    content.mkdir(parents=True)
    samples = sorted((ROOT / "content").glob("*.md"))
    for n in range(ARTICLES):
        text = samples[n % len(samples)].read_text(encoding="utf-8")
        (content / f"bai-{n:03d}.md").write_text(text.replace("title: ", f"title: Bài {n} ", 1), encoding="utf-8")
    (root / "site.yaml").write_text("search: true\nper_page: 10\n", encoding="utf-8")
    return Project.at(root, templates=ROOT / "templates")


def index_of(project: Project) -> dict[str, bytes]:
    return files(project.output / search.BUNDLE)


def decoded(bundle: Path) -> dict:
    """What a bundle says, whatever its order and file names: pages, word index, each
    filter's pages by value, each sort order."""
    entry = json.loads((bundle / searchcanon.ENTRY).read_text(encoding="utf-8"))
    (info,) = entry["languages"].values()
    meta = searchcanon._read(bundle / f"pagefind.{info['hash']}.pf_meta")
    words = {}
    for _, _, hash_ in meta[2]:
        for word, *pages in searchcanon._read(bundle / "index" / f"{hash_}.pf_index")[0]:
            words[word] = pages
    filters = {}
    for name, hash_ in meta[3]:
        index = searchcanon._read(bundle / "filter" / f"{hash_}.pf_filter")
        assert index[0] == name
        filters[name] = {value: pages for value, pages in index[1]}
    return {"version": meta[0], "pages": meta[1], "words": words, "filters": filters,
            "sorts": dict(meta[4]), "rest": meta[5:], "page_count": info["page_count"]}


def test_the_fixture_archive_gives_the_same_index_in_two_folders(tmp_path):
    one, two = fixture_copy(tmp_path / "one"), fixture_copy(tmp_path / "two")
    build(one, search_index=True)
    build(two, search_index=True)
    assert index_of(one) == index_of(two)


def test_a_larger_archive_gives_the_same_index_in_two_folders(tmp_path):
    one, two = larger_archive(tmp_path / "one"), larger_archive(tmp_path / "two")
    build(one)
    build(two)
    index = index_of(one)
    assert len([name for name in index if name.endswith(".pf_filter")]) > 10
    assert index == index_of(two)


def test_an_edit_then_its_revert_gives_the_index_back(tmp_path):
    project = larger_archive(tmp_path / "archive")
    build(project)
    before = index_of(project)
    article = project.root / "content" / "bai-007.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nMột đoạn mới thêm vào.\n", encoding="utf-8")
    build(project)
    edited = index_of(project)
    assert edited != before and edited["shards.json"] != before["shards.json"]
    article.write_text(text, encoding="utf-8")
    build(project)
    assert index_of(project) == before


@pytest.fixture(scope="module")
def raw_bundle(tmp_path_factory) -> Path:
    """A bundle as Pagefind wrote it (canonicalize turned off), the largest of the larger
    archive."""
    root = tmp_path_factory.mktemp("raw")
    project = larger_archive(root / "archive")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "canonicalize", lambda bundle: None)
        build(project)
    shards = json.loads((project.output / search.BUNDLE / search.MANIFEST).read_text(encoding="utf-8"))["shards"]
    largest = max(shards, key=lambda shard: shard["pages"])["name"]
    shutil.copytree(project.output / search.BUNDLE / largest, root / "bundle")
    return root / "bundle"


def test_the_canonical_bundle_says_what_pagefind_wrote(raw_bundle, tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(raw_bundle, bundle)
    searchcanon.canonicalize(bundle)
    assert decoded(bundle) == decoded(raw_bundle)
    canonical = files(bundle)
    raw = files(raw_bundle)
    # only the entry, meta and filter files change; fragments and word index stay
    assert {n for n in canonical if canonical[n] != raw.get(n)} <= {
        n for n in canonical if n == searchcanon.ENTRY or n.endswith((".pf_meta", ".pf_filter"))}
    for name, data in canonical.items():
        if name.endswith((".pf_meta", ".pf_filter")):
            assert data[:10] == bytes.fromhex("1f8b08000000000002ff")  # gzip: no name, mtime 0, best
            cbor = gzip.decompress(data)[len(searchcanon.SIGNATURE):]
            digits = searchcanon.META_DIGITS if name.endswith(".pf_meta") else searchcanon.FILTER_DIGITS
            assert Path(name).name.split(".")[-2] == "vi_" + searchcanon.full_hash(cbor)[:digits]
    meta = searchcanon._read(next(bundle.glob("*.pf_meta")))
    assert [name for name, _ in meta[3]] == sorted(name for name, _ in meta[3])
    for _, hash_ in meta[3]:
        values = searchcanon._read(bundle / "filter" / f"{hash_}.pf_filter")[1]
        assert values == sorted(values) and all(pages == sorted(pages) for _, pages in values)
    searchcanon.canonicalize(bundle)  # idempotent
    assert files(bundle) == canonical


def test_a_bundle_in_an_unknown_format_is_refused_untouched(raw_bundle, tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(raw_bundle, bundle)
    victim = min((bundle / "filter").iterdir())
    victim.write_bytes(gzip.compress(searchcanon.SIGNATURE + b"\xa1\x01\x02", mtime=0))  # a CBOR map
    before = files(bundle)
    with pytest.raises(searchcanon.FormatError, match="major type 5"):
        searchcanon.canonicalize(bundle)
    assert files(bundle) == before


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, -1, -24, -25, -70000,
                                   "", "đ", "x" * 300, [], [1, ["a", [-3]]]])
def test_cbor_values_encode_in_shortest_form_and_back(value):
    cbor = searchcanon.encode(value)
    assert searchcanon.decode(cbor) == value
    if isinstance(value, int):
        size = abs(value + (value < 0))
        assert len(cbor) == 1 + (0 if size < 24 else 1 if size < 256 else 2 if size < 65536 else 4 if size < 2**32 else 8)


def test_full_hash_writes_bytes_in_hex_without_leading_zeros():
    # sha1(b"abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d: byte 06 is written "6"
    assert searchcanon.full_hash(b"abc") == "a9993e36476816aba3e25717850c26c9cd0d89d"
