"""Tests for archivist.model.vietnamese: folding, slugs and ICU-compatible collation."""

from __future__ import annotations

import gzip
import json
import random
import unicodedata

import icu
import pytest
from slugify import slugify as python_slugify

from archivist.model.vietnamese import fold, nfc, normalize_tones, slugify, sort_key

from archivist.model.gazetteer_data import DATA_FILE

COLUMNS = {
    "legacy": ("province", "district", "ward", "provinceShort", "districtShort", "wardShort"),
    "2025": ("province", "ward", "provinceShort", "wardShort"),
}


def gazetteer_names() -> list[str]:
    """Every distinct full and short name in both gazetteer tables (the shipped register)."""
    data = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    names: set[str] = set()
    for era, columns in COLUMNS.items():
        table = data[era]
        for column in columns:
            position = table["columns"].index(column)
            names.update(row[position] for row in table["rows"] if row[position])
    return sorted(names)


NAMES = gazetteer_names()


def collator(numeric: bool = False) -> icu.Collator:
    """ICU's Vietnamese collator, optionally with numeric collation."""
    result = icu.Collator.createInstance(icu.Locale("vi"))
    if numeric:
        result.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return result


def sign(a: object, b: object) -> int:
    """Three-way comparison result."""
    return (a > b) - (a < b)


def test_nfc_composes() -> None:
    assert nfc("Ho\u0300a") == "Hòa"
    assert nfc("Hòa") == "Hòa"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Điện Biên Phủ", "dien bien phu"),
        ("Hoà", "hoa"),
        ("Hòa", "hoa"),
        ("  ĐẮK   LẮK\t", "dak lak"),
        ("Ho\u0300a Bi\u0300nh", "hoa binh"),
        ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
        ("Ea H'leo", "ea h'leo"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Điện Biên Phủ", "dien-bien-phu"),
        ("Chỉ thị 05", "chi-thi-05"),
        ("Phường 14", "phuong-14"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Ea H'leo", "ea-hleo"),
        ("M'Đrắk", "mdrak"),
        ("Hoà Bình", "hoa-binh"),
        ("Tin &amp; bài", "tin-bai"),
        ("—", ""),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_fast_path_agrees_with_python_slugify_on_gazetteer() -> None:
    for name in NAMES:
        assert slugify(name) == python_slugify(fold(name).replace("'", "")), name


@pytest.mark.parametrize(("text", "expected"), [("Hoà", "Hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"),
                                                ("quý", "quý"), ("hoàng", "hoàng"), ("Quỳnh", "Quỳnh")])
def test_normalize_tones(text: str, expected: str) -> None:
    assert normalize_tones(text) == expected


def test_sort_key_matches_icu_on_every_gazetteer_name() -> None:
    assert len(NAMES) > 17000
    assert sorted(NAMES, key=sort_key) == sorted(NAMES, key=collator().getSortKey)


def test_numeric_sort_key_matches_icu_numeric_on_every_gazetteer_name() -> None:
    expected = sorted(NAMES, key=collator(numeric=True).getSortKey)
    assert sorted(NAMES, key=lambda s: sort_key(s, numeric=True)) == expected


TRICKY = [
    "a", "ă", "â", "b", "d", "đ", "Đ", "D", "o", "ô", "ơ", "u", "ư", "ma", "mà", "mả", "mã", "má", "mạ", "Ma", "MA",
    "Phường 1", "Phường 2", "Phường 10", "Phường", "Phường A", "Phường-A", "Phường'A", "Phường(A)", "Phường1",
    "ch", "cz", "gi", "gz", "ng", "nz", "tr", "tz", "05", "5", "a b", "ab", "a-b", "a'b", "aB", "Thị trấn",
    "Thị Trấn", "Bà Rịa - Vũng Tàu", "Bà Rịa", "Đắk Lắk", "Đăk Lăk", "Dak Lak", "Ea H'leo", "Ea Hleo",
]


def test_sort_key_matches_icu_on_tricky_words() -> None:
    assert sorted(TRICKY, key=sort_key) == sorted(TRICKY, key=collator().getSortKey)


def test_documented_order() -> None:
    order = ["a", "ă", "â", "d", "đ", "o", "ô", "ơ", "u", "ư"]
    assert sorted(reversed(order), key=sort_key) == order
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=sort_key) == tones
    assert sorted(["mạ", "Ma", "ma", "mb"], key=sort_key) == ["ma", "Ma", "mạ", "mb"]


def test_digits_compare_like_icu_default_and_numeric_on_request() -> None:
    wards = ["Phường 10", "Phường 2", "Phường 1", "Phường A"]
    assert sorted(wards, key=sort_key) == ["Phường 1", "Phường 10", "Phường 2", "Phường A"]
    assert sorted(wards, key=lambda s: sort_key(s, numeric=True)) == ["Phường 1", "Phường 2", "Phường 10", "Phường A"]
    assert sort_key("Chỉ thị 05", numeric=True) == sort_key("Chỉ thị 5", numeric=True)  # ICU ignores leading zeros


def test_tone_placement_is_not_a_difference_unlike_icu() -> None:
    assert sort_key("Hoà") == sort_key("Hòa")
    assert sort_key("Thuỷ") == sort_key("Thủy")
    # The one documented difference: ICU orders the two placements (secondary level).
    assert collator().compare("Hoà", "Hòa") == -1


def random_word(rng: random.Random) -> str:
    """A short random string of Vietnamese letters, tones, case, digits and punctuation."""
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    pieces = []
    for _ in range(rng.randint(0, 6)):
        char = rng.choice(vowels + "bcdđghklmnpqrstvxfjwz -'’0129\u00a0")
        char = nfc(char + rng.choice(tones)) if char in vowels else char
        pieces.append(char.upper() if rng.random() < 0.3 else char)
    return "".join(pieces)


def test_sort_key_matches_icu_pairwise_on_random_strings() -> None:
    rng = random.Random(7)
    plain, numeric = collator(), collator(numeric=True)
    for _ in range(20000):
        a, b = random_word(rng), random_word(rng)
        if normalize_tones(a) != a or normalize_tones(b) != b:
            continue  # tone placement is the documented difference
        assert sign(sort_key(a), sort_key(b)) == plain.compare(a, b), (a, b)
        assert sign(sort_key(a, numeric=True), sort_key(b, numeric=True)) == numeric.compare(a, b), (a, b)


def test_sort_key_accepts_decomposed_input() -> None:
    assert sort_key(unicodedata.normalize("NFD", "Điện Biên Phủ")) == sort_key("Điện Biên Phủ")


def test_search_fold_keeps_every_word_at_its_place_and_the_tags_as_they_are():
    """search.js reads the folded copy's words one for one with the text as written: the
    copy must keep every word where it is, fold it, and leave tags alone."""
    import re
    from pathlib import Path

    from archivist.model.vietnamese import fold, search_fold

    from tests.test_import import SEEDS

    root = Path(__file__).resolve().parents[1]
    seeds, articles = sorted(SEEDS.glob("*.txt")), sorted((root / "content").glob("*.md"))
    assert len(seeds) >= 5 and len(articles) >= 5, (SEEDS, len(seeds), len(articles))
    texts = seeds + articles
    for path in texts:
        text = path.read_text(encoding="utf-8")
        copy = search_fold(text)
        assert len(copy.split()) == len(text.split()), path
        for shown, word in zip(text.split(), copy.split()):
            runs = re.findall(r"[^\W_]+", word)
            assert all(run.isdecimal() or run.startswith("0") for run in runs), (path, shown, word)  # the marker
            unmarked = re.sub(r"[^\W_]+", lambda m: m.group(0) if m.group(0).isdecimal() else m.group(0)[1:], word)
            assert unmarked == fold(shown), (path, shown, word)
    assert search_fold("Đảng ủy TP. Điện Biên Phủ, 05-CT/TW") == "0dang 0uy 0tp. 0dien 0bien 0phu, 05-0ct/0tw"
    assert search_fold('<a href="/Đi" title="Đi">ĐƯỜNG đi</a>') == '<a href="/Đi" title="Đi">0duong 0di</a>'
    assert search_fold("x_đa 1đ2 ĐĐ-đ\u00a0đ 2019") == "0x_0da 01d2 0dd-0d\u00a00d 2019"
