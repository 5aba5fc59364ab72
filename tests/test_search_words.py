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
from tests.golden import build_fixture


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("words") / "output"
    build_fixture(out, search=True)
    return out / search.BUNDLE


def chunk_words(bundle: Path) -> set[str]:
    """Every form of a word in a shard's index chunks (the key when it has pages of its own,
    and each variant), decoded here apart from the module."""
    import cbor2

    words = set()
    for chunk in (bundle / "index").iterdir():
        raw = gzip.decompress(chunk.read_bytes())
        for key, pages, variants in cbor2.loads(raw[len(SIGNATURE):])[0]:
            words.update([key] if pages else [])
            words.update(form for form, *_ in variants)
    return words


def directory(bundle: Path) -> dict[str, set[str]]:
    """Form → names of the shards holding it, as the directory's files say."""
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    names = [shard["name"] for shard in manifest["shards"]]
    held = {}
    for _, digest in manifest["words"]:
        data = json.loads((bundle / searchwords.FOLDER / f"{digest}.json").read_text(encoding="utf-8"))
        for key, mask in zip(data["words"], data["shards"], strict=True):
            held[key] = {name for bit, name in enumerate(names) if int(mask, 16) >> bit & 1}
    return held


def test_each_shard_keeps_the_words_of_its_index(bundle):
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    for shard in manifest["shards"]:
        words = (bundle / shard["name"] / searchwords.WORDS).read_text(encoding="utf-8").splitlines()
        assert words == sorted(chunk_words(bundle / shard["name"]), key=searchwords.order)
        assert any(word.startswith("0") for word in words)  # the folded copy
        assert any(word != vietnamese.search_fold(word) for word in words)  # forms as written, accented


def test_the_directory_names_exactly_the_shards_holding_each_form(bundle):
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    names = [shard["name"] for shard in manifest["shards"]]
    expected: dict[str, set[str]] = {}
    for name in names:
        for word in chunk_words(bundle / name):
            expected.setdefault(word, set()).add(name)
    assert directory(bundle) == expected
    assert any(len(held) == 1 for held in expected.values()) and any(len(held) > 2 for held in expected.values())
    firsts = [first for first, _ in manifest["words"]]
    assert firsts == sorted(firsts, key=searchwords.order)


def test_the_directory_is_split_in_files_in_the_order_javascript_compares(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # U+FF41 sorts before an astral character in Python, after it in JavaScript (UTF-16)
    words = ["\uff41x", "\U0001f600", "ba", "b", "ab", "0ab"]
    (tmp_path / "a" / searchwords.WORDS).write_text("\n".join(words[:4]) + "\n", encoding="utf-8")
    (tmp_path / "b" / searchwords.WORDS).write_text("\n".join(words[2:]) + "\n", encoding="utf-8")
    original = searchwords.PER_FILE
    try:
        searchwords.PER_FILE = 2
        listing = searchwords.write_directory(tmp_path, ["a", "b"])
    finally:
        searchwords.PER_FILE = original
    assert [first for first, _ in listing] == ["0ab", "b", "\U0001f600"]
    files = [json.loads((tmp_path / searchwords.FOLDER / f"{digest}.json").read_text(encoding="utf-8"))
             for _, digest in listing]
    assert [word for file in files for word in file["words"]] == ["0ab", "ab", "b", "ba", "\U0001f600", "\uff41x"]
    assert [mask for file in files for mask in file["shards"]] == ["2", "2", "3", "3", "1", "1"]


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
