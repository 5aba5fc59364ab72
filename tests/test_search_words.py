"""The word directory (archivist/build/searchwords.py): each shard's forms of words read
from what Pagefind wrote, and the directory of which shards hold each form. What a reader's query
fetches with it, and that it finds what a search of every shard finds, is tested in
tests/browser/test_search.py."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from archivist.build import search, searchwords
from archivist.build.searchcanon import SIGNATURE, FormatError
from archivist.model import vietnamese
from archivist.model.errors import BuildFailed
from tests.golden import build_busy_fixture, build_fixture


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return build_busy_fixture(tmp_path_factory.mktemp("words")) / search.BUNDLE


def chunk_words(bundle: Path) -> dict[str, int]:
    """Every form of a word in a shard's index chunks (the key when it has pages of its own,
    and each variant) with the pages holding it, decoded here apart from the module."""
    import cbor2

    size = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["vi"]["page_count"]

    def pages_of(pages: list) -> int:
        # an entry per page: [page number as a step from the previous entry's, positions, …]
        steps = [page[0] for page in pages]
        assert all(step > 0 for step in steps[1:]) and sum(steps) < size
        return len(pages)

    words = {}
    for chunk in (bundle / "index").iterdir():
        raw = gzip.decompress(chunk.read_bytes())
        for key, pages, variants in cbor2.loads(raw[len(SIGNATURE):])[0]:
            words.update({key: pages_of(pages)} if pages else {})
            words.update((form, pages_of(pages)) for form, pages, *_ in variants)
    return words


def directory(bundle: Path) -> dict[str, dict[str, int]]:
    """Form → {name of a shard holding it: pages holding it there}, as the directory's files say."""
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    names = [shard["name"] for shard in manifest["shards"]]
    held = {}
    for _, digest in manifest["words"]:
        data = json.loads((bundle / searchwords.FOLDER / f"{digest}.json").read_text(encoding="utf-8"))
        for key, mask, pages in zip(data["words"], data["shards"], data["pages"], strict=True):
            holders = [name for bit, name in enumerate(names) if int(mask, 16) >> bit & 1]
            held[key] = dict(zip(holders, pages, strict=True))
    return held


def test_each_shard_keeps_the_words_of_its_index(bundle):
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    counts = set()
    for shard in manifest["shards"]:
        lines = (bundle / shard["name"] / searchwords.WORDS).read_text(encoding="utf-8").splitlines()
        words = {form: int(pages) for form, pages in map(lambda line: line.split("\t"), lines)}
        expected = chunk_words(bundle / shard["name"])
        assert list(words) == sorted(expected, key=searchwords.order)
        assert words == expected
        assert any(word.startswith("0") for word in words)  # the folded copy
        assert any(word != vietnamese.search_fold(word) for word in words)  # forms as written, accented
        counts.update(words.values())
    assert 1 in counts and max(counts) > 1  # a shard of more than one page


def test_the_directory_names_exactly_the_shards_holding_each_form_and_their_pages(bundle):
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    names = [shard["name"] for shard in manifest["shards"]]
    expected: dict[str, dict[str, int]] = {}
    for name in names:
        for word, pages in chunk_words(bundle / name).items():
            expected.setdefault(word, {})[name] = pages
    assert directory(bundle) == expected
    assert any(len(held) == 1 for held in expected.values()) and any(len(held) > 2 for held in expected.values())
    firsts = [first for first, _ in manifest["words"]]
    assert firsts == sorted(firsts, key=searchwords.order)


def test_the_directory_is_split_in_files_in_the_order_javascript_compares(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # U+FF41 sorts before an astral character in Python, after it in JavaScript (UTF-16)
    words = ["\uff41x", "\U0001f600", "ba", "b", "ab", "0ab"]
    (tmp_path / "a" / searchwords.WORDS).write_text("".join(f"{w}\t{n}\n" for n, w in enumerate(words[:4], 1)),
                                                    encoding="utf-8")
    (tmp_path / "b" / searchwords.WORDS).write_text("".join(f"{w}\t{n}\n" for n, w in enumerate(words[2:], 7)),
                                                    encoding="utf-8")
    monkeypatch.setattr(searchwords, "FILE_BYTES", 30)  # two forms a file
    listing = searchwords.write_directory(tmp_path, ["a", "b"])
    assert [first for first, _ in listing] == ["0ab", "b", "\U0001f600"]
    files = [json.loads((tmp_path / searchwords.FOLDER / f"{digest}.json").read_text(encoding="utf-8"))
             for _, digest in listing]
    assert [word for file in files for word in file["words"]] == ["0ab", "ab", "b", "ba", "\U0001f600", "\uff41x"]
    assert [mask for file in files for mask in file["shards"]] == ["2", "2", "3", "3", "1", "1"]
    assert [pages for file in files for pages in file["pages"]] == [[10], [9], [4, 8], [3, 7], [2], [1]]


def test_a_chunk_not_in_pagefinds_format_fails_the_shard_with_its_name(bundle, tmp_path):
    shard = tmp_path / "2023"
    shutil.copytree(bundle / "2023", shard)
    assert searchwords.shard_words(shard)
    chunk = sorted((shard / "index").iterdir())[0]
    chunk.write_bytes(gzip.compress(SIGNATURE + b"\xa1\x01\x02"))  # a CBOR map, not Pagefind's arrays
    with pytest.raises(FormatError, match=chunk.name.removesuffix(".pf_index")):
        searchwords.shard_words(shard)
    chunk.write_bytes(b"not gzip")
    with pytest.raises(FormatError, match=chunk.name):
        searchwords.shard_words(shard)


def test_a_shard_whose_words_cannot_be_read_fails_the_build_saying_so(tmp_path, monkeypatch):
    def unreadable(bundle: Path) -> None:
        raise FormatError("index chunk vi_0: not a Pagefind word index")

    monkeypatch.setattr(search, "write_words", unreadable)
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path / "output", search=True)
    assert "search index of shard" in str(failed.value.problems[0]) and "vi_0" in str(failed.value.problems[0])
    assert not (tmp_path / "output").exists()


def test_a_shard_kept_without_its_words_is_indexed_again(tmp_path):
    out = tmp_path / "output"
    build_fixture(out, search=True)
    bundle = out / search.BUNDLE
    listing = (bundle / search.MANIFEST).read_bytes()
    (bundle / "2023" / searchwords.WORDS).unlink()
    build_fixture(out, search=True)
    assert (bundle / "2023" / searchwords.WORDS).is_file()
    assert (bundle / search.MANIFEST).read_bytes() == listing
