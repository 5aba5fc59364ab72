"""Tests for archivist.model.places: the gazetteer, slugs, locality resolution and eras."""

from __future__ import annotations

import json
import datetime
import re
from collections import Counter

import pytest

from archivist.model.places import (
    ERA_2025,
    ERA_LEGACY,
    REFORM_DATE,
    Gazetteer,
    Place,
    PlaceError,
    Resolution,
    era_for,
    gazetteer,
)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    """The shared gazetteer."""
    return gazetteer()


def resolve_error(g: Gazetteer, text: str, era: str = ERA_LEGACY) -> PlaceError:
    """The PlaceError raised for a locality."""
    with pytest.raises(PlaceError) as info:
        g.resolve(text, era)
    assert str(info.value) == info.value.message
    return info.value


def labels(g: Gazetteer, texts: list[str], era: str = ERA_LEGACY) -> list[str]:
    """Labels of resolved localities."""
    return [g.resolve(t, era).label for t in texts]


# --- the gazetteer -----------------------------------------------------------------


def test_counts_match_the_official_lists(g: Gazetteer) -> None:
    legacy = Counter(p.level for p in g.places(ERA_LEGACY))
    current = Counter(p.level for p in g.places(ERA_2025))
    assert legacy == {"province": 63, "district": 696, "ward": 10035}
    assert current == {"province": 34, "ward": 3321}


def test_place_fields_chain_path_and_label(g: Gazetteer) -> None:
    ward = g.get("legacy:ward:03142")
    assert (ward.era, ward.level, ward.code) == (ERA_LEGACY, "ward", "03142")
    assert (ward.name, ward.short, ward.kind, ward.slug) == ("Phường Thanh Trường", "Thanh Trường", "Phường",
                                                              "thanh-truong")
    assert [p.key for p in ward.chain] == ["legacy:province:11", "legacy:district:094", "legacy:ward:03142"]
    assert ward.path == ("dien-bien", "dien-bien-phu", "thanh-truong")
    assert ward.label == "phường Thanh Trường, thành phố Điện Biên Phủ, tỉnh Điện Biên"
    assert ward.parent is not None and ward.parent.name == "Thành phố Điện Biên Phủ"
    assert ward.parent.kind == "Thành phố" and ward.parent.parent is not None
    assert ward.parent.parent.parent is None and ward.parent.parent.label == "tỉnh Điện Biên"
    hanoi = g.get("2025:province:01")
    assert (hanoi.name, hanoi.kind, hanoi.label, hanoi.path) == ("Thành phố Hà Nội", "Thành phố",
                                                                  "thành phố Hà Nội", ("ha-noi",))


def test_every_syllable_of_a_units_name_is_capitalised_as_names_are_written(g: Gazetteer) -> None:
    # the package writes a few in lowercase ("Đại áng", "Ya ly", "é Tòng"); a state farm's township keeps
    # its "trường" ("Nông trường Phong Hải")
    for era in (ERA_LEGACY, ERA_2025):
        for place in g.places(era):
            words = [w for w in re.split(r"[\s-]+", place.short) if w[:1].isalpha()]
            assert all(w[0].isupper() or (w == "trường" and "Nông trường" in place.short) for w in words), place.key
            assert place.name.endswith(place.short), place.key
    assert g.resolve("xã Đại Áng, huyện Thanh Trì", ERA_LEGACY).label == "xã Đại Áng, huyện Thanh Trì, thành phố Hà Nội"


def test_codes_are_reused_across_eras_but_keys_differ(g: Gazetteer) -> None:
    old, new = g.get("legacy:ward:03127"), g.get("2025:ward:03127")
    assert (old.name, new.name) == ("Phường Him Lam", "Phường Điện Biên Phủ")
    assert old != new and old.key != new.key


def test_get_unknown_key(g: Gazetteer) -> None:
    with pytest.raises(KeyError):
        g.get("legacy:ward:99999")


def test_slugs_unique_among_siblings_and_url_safe(g: Gazetteer) -> None:
    for era in (ERA_LEGACY, ERA_2025):
        groups = [g.provinces(era)] + [g.children(p) for p in g.places(era)]
        for siblings in groups:
            slugs = [p.slug for p in siblings]
            assert len(slugs) == len(set(slugs)), [s for s, n in Counter(slugs).items() if n > 1]
            assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs), slugs


def test_colliding_slugs_get_the_code(g: Gazetteer) -> None:
    sapa = g.resolve("thị xã Sa Pa", ERA_LEGACY)
    assert sapa.slug == "sa-pa"
    wards = {p.short: p.slug for p in g.children(sapa) if p.short.startswith("Sa P")}
    assert wards == {"Sa Pa": "sa-pa-03001", "Sa Pả": "sa-pa-03002"}
    ky_anh = {p.name: p.slug for p in g.children(g.resolve("Hà Tĩnh", ERA_LEGACY)) if p.short == "Kỳ Anh"}
    assert ky_anh == {"Huyện Kỳ Anh": "ky-anh-447", "Thị xã Kỳ Anh": "ky-anh-449"}


def test_numbered_units_keep_the_type_in_short_name_and_slug(g: Gazetteer) -> None:
    ward = g.resolve("P.14, Q. Bình Thạnh", ERA_LEGACY)
    assert (ward.name, ward.short, ward.slug) == ("Phường 14", "Phường 14", "phuong-14")
    assert ward.parent is not None and ward.parent.parent is not None
    assert ward.parent.parent.slug == "ho-chi-minh"
    assert g.resolve("Quận 1", ERA_LEGACY).path == ("ho-chi-minh", "quan-1")


def test_children_in_vietnamese_order_numbers_by_value(g: Gazetteer) -> None:
    binh_thanh = g.resolve("quận Bình Thạnh", ERA_LEGACY)
    assert [p.short for p in g.children(binh_thanh)][:5] == ["Phường 1", "Phường 2", "Phường 5", "Phường 7",
                                                                       "Phường 11"]
    provinces = [p.short for p in g.provinces(ERA_2025)]
    assert provinces[:11] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk",
                              "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai"]
    assert g.children(g.get("legacy:ward:03142")) == ()


def test_gazetteer_quirks_are_normalised(g: Gazetteer) -> None:
    assert g.resolve("thành phố Bắc Kạn", ERA_LEGACY).name == "Thành phố Bắc Kạn"  # "Thành Phố" in the data
    assert g.resolve("thị trấn Năm Căn", ERA_LEGACY).name == "Thị trấn Năm Căn"
    viet_hoa = g.resolve("phường Việt Hòa", ERA_2025)  # type column says Xã, name says Phường
    assert (viet_hoa.kind, viet_hoa.label) == ("Phường", "phường Việt Hòa, thành phố Hải Phòng")
    assert g.resolve("huyện Kỳ Anh", ERA_LEGACY).short == "Kỳ Anh"  # "Kỳ Anh (Huyện)" in the data


# --- resolving -----------------------------------------------------------------------


def test_the_brief_examples(g: Gazetteer) -> None:
    assert labels(g, [
        "phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên",
        "TP. Điện Biên Phủ",
        "Điện Biên",
        "thành phố Lai Châu, tỉnh Lai Châu",
        "P.14, Q. Bình Thạnh",
        "P. Mỹ Thạnh, TP Long Xuyên",
        "xã Mường Luân, huyện Điện Biên Đông",
        "Thừa Thiên Huế",
        "Thừa Thiên - Huế",
        "TP.HCM",
        "TP. Hồ Chí Minh",
        "Sài Gòn",
    ]) == [
        "phường Thanh Trường, thành phố Điện Biên Phủ, tỉnh Điện Biên",
        "thành phố Điện Biên Phủ, tỉnh Điện Biên",
        "tỉnh Điện Biên",
        "thành phố Lai Châu, tỉnh Lai Châu",
        "Phường 14, quận Bình Thạnh, thành phố Hồ Chí Minh",
        "phường Mỹ Thạnh, thành phố Long Xuyên, tỉnh An Giang",
        "xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên",
        "thành phố Huế",
        "thành phố Huế",
        "thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
    ]


@pytest.mark.parametrize("text", ["TP. Điện Biên Phủ", "Thành phố Điện Biên Phủ", "thành phố Điện Biên Phủ",
                                  "TP Điện Biên Phủ", "Tp.Điện Biên Phủ", "THÀNH PHỐ ĐIỆN BIÊN PHỦ",
                                  "Điện Biên Phủ", "Dien Bien Phu", "tp dien bien phu", "Điện Biên Phủ, Điện Biên"])
def test_every_form_of_dien_bien_phu_is_the_same_place(g: Gazetteer, text: str) -> None:
    assert g.resolve(text, ERA_LEGACY) == g.get("legacy:district:094")


def test_type_words_and_abbreviations(g: Gazetteer) -> None:
    assert labels(g, ["huyện Điện Biên", "H. Điện Biên", "Q1, TP.HCM", "p 14, q.3", "TX. Sơn Tây", "tt. Khe Sanh",
                      "X. Mường Luân", "Phường 14, Quận 3, TP.HCM, Việt Nam"]) == [
        "huyện Điện Biên, tỉnh Điện Biên",
        "huyện Điện Biên, tỉnh Điện Biên",
        "Quận 1, thành phố Hồ Chí Minh",
        "Phường 14, Quận 3, thành phố Hồ Chí Minh",
        "thị xã Sơn Tây, thành phố Hà Nội",
        "thị trấn Khe Sanh, huyện Hướng Hóa, tỉnh Quảng Trị",
        "xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên",
        "Phường 14, Quận 3, thành phố Hồ Chí Minh",
    ]
    assert g.resolve("đặc khu Phú Quốc", ERA_2025).label == "đặc khu Phú Quốc, tỉnh An Giang"
    assert g.resolve("TP Huế", ERA_2025).label == "thành phố Huế"
    assert g.resolve("tỉnh Thừa Thiên Huế", ERA_LEGACY).key == "legacy:province:46"


def test_a_bare_name_prefers_the_province(g: Gazetteer) -> None:
    assert g.resolve("Lai Châu", ERA_LEGACY).label == "tỉnh Lai Châu"
    assert g.resolve("TP Lai Châu", ERA_LEGACY).label == "thành phố Lai Châu, tỉnh Lai Châu"
    assert g.resolve("Bến Tre, Bến Tre", ERA_LEGACY).label == "thành phố Bến Tre, tỉnh Bến Tre"


def test_province_in_both_eras_is_two_places(g: Gazetteer) -> None:
    old, new = g.resolve("Điện Biên", ERA_LEGACY), g.resolve("Điện Biên", ERA_2025)
    assert (old.key, new.key) == ("legacy:province:11", "2025:province:11")
    assert old != new and old.label == new.label == "tỉnh Điện Biên"


def test_tone_placement_case_and_spacing_do_not_matter(g: Gazetteer) -> None:
    assert g.resolve("tỉnh Hoà Bình", ERA_LEGACY) == g.resolve("tỉnh Hòa Bình", ERA_LEGACY)
    assert g.resolve("TP. Thuỷ Nguyên, Hải Phòng", ERA_LEGACY).label == "thành phố Thủy Nguyên, thành phố Hải Phòng"
    assert g.resolve("  bà rịa-vũng   tàu ", ERA_LEGACY).label == "tỉnh Bà Rịa - Vũng Tàu"
    assert g.resolve("huyện Ea Hleo", ERA_LEGACY).label == "huyện Ea H'leo, tỉnh Đắk Lắk"


def test_ascii_names_prefer_exact_and_type_words_may_be_name_words(g: Gazetteer) -> None:
    assert g.resolve("phuong Thanh Truong, TP Dien Bien Phu", ERA_LEGACY).key == "legacy:ward:03142"
    assert g.resolve("Sa Pả", ERA_LEGACY).key == "legacy:ward:03002"
    assert g.resolve("phường Sa Pa", ERA_LEGACY).key == "legacy:ward:03001"
    assert g.resolve("phuong Sa Pa", ERA_LEGACY).key == "legacy:ward:03001"  # not Sa Pả
    assert g.resolve("xa Xa Phien", ERA_LEGACY).label == "xã Xà Phiên, huyện Long Mỹ, tỉnh Hậu Giang"
    assert g.resolve("Quan Hoa", ERA_LEGACY).label == "phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội"


def test_ambiguous_ward_lists_candidates_with_parents(g: Gazetteer) -> None:
    error = resolve_error(g, "phường Quyết Thắng")
    assert error.message == (
        '"phường Quyết Thắng" is ambiguous: it names 3 places: '
        "phường Quyết Thắng, thành phố Kon Tum, tỉnh Kon Tum; "
        "phường Quyết Thắng, thành phố Lai Châu, tỉnh Lai Châu; "
        "phường Quyết Thắng, thành phố Sơn La, tỉnh Sơn La; add its district or province")
    assert [p.label.split(", ")[-1] for p in error.candidates] == ["tỉnh Kon Tum", "tỉnh Lai Châu", "tỉnh Sơn La"]
    assert g.resolve("phường Quyết Thắng, tỉnh Lai Châu", ERA_LEGACY).label == \
        "phường Quyết Thắng, thành phố Lai Châu, tỉnh Lai Châu"


def test_long_ambiguity_is_cut_at_ten(g: Gazetteer) -> None:
    error = resolve_error(g, "xã Tân Hòa")
    assert error.message.startswith('"xã Tân Hòa" is ambiguous: it names 14 places: '
                                    "xã Tân Hòa, huyện Bình Gia, tỉnh Lạng Sơn; ")
    assert error.message.endswith("; and 4 more; add its district or province")
    assert len(error.candidates) == 14
    error = resolve_error(g, "xã Tân Hòa", ERA_2025)
    assert error.message.endswith("xã Tân Hòa, tỉnh Vĩnh Long; add its province")


def test_ambiguity_between_kinds_asks_for_the_type(g: Gazetteer) -> None:
    assert resolve_error(g, "Kỳ Anh, Hà Tĩnh").message == (
        '"Kỳ Anh, Hà Tĩnh" is ambiguous: it names 2 places: huyện Kỳ Anh, tỉnh Hà Tĩnh; '
        "thị xã Kỳ Anh, tỉnh Hà Tĩnh; add its type (huyện or thị xã)")
    assert resolve_error(g, "Cao Lãnh, Đồng Tháp").message.endswith("add its type (huyện or thành phố)")
    assert resolve_error(g, "Phường 1").message.startswith(
        '"Phường 1" is ambiguous: it names 33 places: Phường 1, Quận 3, thành phố Hồ Chí Minh; '
        "Phường 1, Quận 4, thành phố Hồ Chí Minh;")


def test_misspelling_suggests_close_names(g: Gazetteer) -> None:
    error = resolve_error(g, "Mường Luan")
    assert error.message == ('no place "Mường Luan" in the administrative units before 1 July 2025; '
                             "did you mean: xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên?")
    assert [p.key for p in error.candidates] == ["legacy:ward:03214"]
    error = resolve_error(g, "xã Mường Luâng, huyện Điện Biên Đông")
    assert "xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên" in error.message
    assert resolve_error(g, "huyện Điện Biên Phủ").message.endswith(
        "did you mean: thành phố Điện Biên Phủ, tỉnh Điện Biên?")
    assert resolve_error(g, "Đăk Lăk").message.endswith("did you mean: tỉnh Đắk Lắk?")


def test_unit_of_the_other_era_is_explained(g: Gazetteer) -> None:
    error = resolve_error(g, "phường Điện Biên Phủ")
    assert error.message == (
        '"phường Điện Biên Phủ" is a unit from 1 July 2025 (phường Điện Biên Phủ, tỉnh Điện Biên); '
        "this article is dated before 1 July 2025, so its places are the units before 1 July 2025; "
        "did you mean: thành phố Điện Biên Phủ, tỉnh Điện Biên?")
    assert g.resolve("phường Điện Biên Phủ", ERA_2025).label == "phường Điện Biên Phủ, tỉnh Điện Biên"
    error = resolve_error(g, "huyện Điện Biên Đông", ERA_2025)
    assert error.message == (
        '"huyện Điện Biên Đông" is a unit before 1 July 2025 (huyện Điện Biên Đông, tỉnh Điện Biên); '
        "this article is dated from 1 July 2025, so its places are the units from 1 July 2025")
    assert resolve_error(g, "TP. Điện Biên Phủ", ERA_2025).message.endswith(
        "did you mean: phường Điện Biên Phủ, tỉnh Điện Biên?")


def test_parent_that_does_not_contain_the_child(g: Gazetteer) -> None:
    error = resolve_error(g, "phường Thanh Trường, tỉnh Lai Châu")
    assert error.message == ('"phường Thanh Trường" is not in "tỉnh Lai Châu": it is '
                             "phường Thanh Trường, thành phố Điện Biên Phủ, tỉnh Điện Biên")
    assert resolve_error(g, "phường Quyết Thắng, tỉnh Điện Biên").message.startswith(
        '"phường Quyết Thắng" is not in "tỉnh Điện Biên": it is one of phường Quyết Thắng, thành phố Kon Tum')
    assert resolve_error(g, "tỉnh Điện Biên, phường Thanh Trường").message == (
        '"tỉnh Điện Biên, phường Thanh Trường": write the most specific part first: '
        '"phường Thanh Trường, tỉnh Điện Biên"')


def test_former_unit_that_took_a_type_word_is_reached_through_it(g: Gazetteer) -> None:
    assert g.resolve("thị xã Phúc Yên", ERA_LEGACY).label == "thành phố Phúc Yên, tỉnh Vĩnh Phúc"
    assert g.lookup("Phúc Yên", ERA_LEGACY) == Resolution(g.get("legacy:district:244"), (), None)


def test_empty_and_type_only_localities(g: Gazetteer) -> None:
    assert resolve_error(g, " , ").message == 'no place given in " , "'
    assert resolve_error(g, "tỉnh").message == '"tỉnh" is a type of unit; write the name after it'
    with pytest.raises(ValueError, match="unknown era"):
        g.resolve("Điện Biên", "2024")


def test_every_place_resolves_from_its_own_label(g: Gazetteer) -> None:
    for era in (ERA_LEGACY, ERA_2025):
        for place in g.places(era):
            assert g.resolve(place.label, era) is place, place.label


def test_place_is_hashable_and_comparable(g: Gazetteer) -> None:
    one, two = g.resolve("TP Điện Biên Phủ", ERA_LEGACY), g.resolve("Điện Biên Phủ", ERA_LEGACY)
    assert one is two and len({one, two}) == 1
    assert isinstance(one, Place) and "Điện Biên Phủ" in repr(one)


# --- eras -------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "era"), [
    (None, ERA_LEGACY),
    ((2025, None, None), ERA_LEGACY),
    ((2025,), ERA_LEGACY),
    ((2025, 6, 30), ERA_LEGACY),
    ((2025, 6, None), ERA_LEGACY),
    ((2025, 7, None), ERA_2025),
    ((2025, 7, 1), ERA_2025),
    ((2026, None, None), ERA_2025),
    ((1998, 3, 2), ERA_LEGACY),
    (datetime.date(2025, 7, 1), ERA_2025),
    (datetime.date(2025, 6, 30), ERA_LEGACY),
    (REFORM_DATE, ERA_2025),
])
def test_era_for(value: object, era: str) -> None:
    assert era_for(value) == era


def test_era_for_object_without_month() -> None:
    class YearOnly:
        year, month, day = 2025, None, None

    assert era_for(YearOnly()) == ERA_LEGACY


# --- untyped names name the highest unit ------------------------------------------------


@pytest.mark.parametrize(("text", "key", "label"), [
    ("Đồng Văn, Hà Giang", "legacy:district:026", "huyện Đồng Văn, tỉnh Hà Giang"),
    ("Điện Biên Đông, Điện Biên", "legacy:district:101", "huyện Điện Biên Đông, tỉnh Điện Biên"),
    ("Tam Đường, Lai Châu", "legacy:district:106", "huyện Tam Đường, tỉnh Lai Châu"),
    ("Than Uyên, Lai Châu", "legacy:district:110", "huyện Than Uyên, tỉnh Lai Châu"),
    ("Bát Xát, Lào Cai", "legacy:district:082", "huyện Bát Xát, tỉnh Lào Cai"),
    ("Sa Pa, Lào Cai", "legacy:district:088", "thị xã Sa Pa, tỉnh Lào Cai"),
    ("Sa Pa", "legacy:district:088", "thị xã Sa Pa, tỉnh Lào Cai"),
    ("Hạ Long, Quảng Ninh", "legacy:district:193", "thành phố Hạ Long, tỉnh Quảng Ninh"),
    ("Dong Van, Ha Giang", "legacy:district:026", "huyện Đồng Văn, tỉnh Hà Giang"),
    # a type word decides, as does a parent that only the lower unit lies in
    ("thị trấn Đồng Văn, Hà Giang", "legacy:ward:00721", "thị trấn Đồng Văn, huyện Đồng Văn, tỉnh Hà Giang"),
    ("Đồng Văn, Đồng Văn, Hà Giang", "legacy:ward:00721", "thị trấn Đồng Văn, huyện Đồng Văn, tỉnh Hà Giang"),
    ("phường Sa Pa, Lào Cai", "legacy:ward:03001", "phường Sa Pa, thị xã Sa Pa, tỉnh Lào Cai"),
    ("Sa Pa, Sa Pa, Lào Cai", "legacy:ward:03001", "phường Sa Pa, thị xã Sa Pa, tỉnh Lào Cai"),
    ("Sa Pả, Lào Cai", "legacy:ward:03002", "phường Sa Pả, thị xã Sa Pa, tỉnh Lào Cai"),
    ("xã Hạ Long", "legacy:ward:07012", "xã Hạ Long, huyện Vân Đồn, tỉnh Quảng Ninh"),
    ("xã Hạ Long, Quảng Ninh", "legacy:ward:07012", "xã Hạ Long, huyện Vân Đồn, tỉnh Quảng Ninh"),
    ("Hạ Long, Vân Đồn, Quảng Ninh", "legacy:ward:07012", "xã Hạ Long, huyện Vân Đồn, tỉnh Quảng Ninh"),
    ("Cầu Mây, Sa Pa, Lào Cai", "legacy:ward:03028", "phường Cầu Mây, thị xã Sa Pa, tỉnh Lào Cai"),
])
def test_an_untyped_name_is_the_highest_unit_of_that_name(g: Gazetteer, text: str, key: str, label: str) -> None:
    place = g.resolve(text, ERA_LEGACY)
    assert (place.key, place.label) == (key, label)


def test_several_units_at_the_highest_level_stay_ambiguous(g: Gazetteer) -> None:
    assert resolve_error(g, "Phước Long, Phước Long, Bạc Liêu").message == (
        '"Phước Long, Phước Long, Bạc Liêu" is ambiguous: it names 2 places: '
        "thị trấn Phước Long, huyện Phước Long, tỉnh Bạc Liêu; xã Phước Long, huyện Phước Long, tỉnh Bạc Liêu; "
        "add its type (thị trấn or xã)")
    assert resolve_error(g, "Hồng Ngự, Đồng Tháp").message == (
        '"Hồng Ngự, Đồng Tháp" is ambiguous: it names 2 places: huyện Hồng Ngự, tỉnh Đồng Tháp; '
        "thành phố Hồng Ngự, tỉnh Đồng Tháp; add its type (huyện or thành phố)")
    error = resolve_error(g, "Quang Trung")  # 26 wards, no district or province of that name
    assert error.message.startswith('"Quang Trung" is ambiguous: it names 26 places: ')
    assert {p.level for p in error.candidates} == {"ward"}


# --- consecutive parts naming the same unit ---------------------------------------------


def test_parts_naming_the_same_unit_collapse(g: Gazetteer) -> None:
    place = g.resolve("Thuận Hòa, Huế, Thừa Thiên Huế", ERA_LEGACY)
    assert (place.key, place.label) == ("legacy:ward:19762", "phường Thuận Hòa, quận Phú Xuân, thành phố Huế")
    assert g.resolve("Thuận Hòa, Thừa Thiên Huế", ERA_LEGACY) is place
    assert g.resolve("phường Thuận Hòa, TP Huế, tỉnh Thừa Thiên Huế", ERA_LEGACY) is place
    assert g.resolve("Huế, Thừa Thiên Huế", ERA_LEGACY).key == "legacy:province:46"
    # as papers also write the province's former name
    assert g.resolve("Thuận Hòa, Thừa Thiên – Huế", ERA_LEGACY) is place
    assert g.resolve("huyện A Lưới, TT-Huế", ERA_LEGACY).label == "huyện A Lưới, thành phố Huế"
    assert g.resolve("Hóa Châu, Huế, Thừa Thiên Huế", ERA_2025).label == "phường Hóa Châu, thành phố Huế"
    # nesting is preferred to collapsing: "Bến Tre, Bến Tre" is the city in the province
    assert g.resolve("Bến Tre, Bến Tre", ERA_LEGACY).label == "thành phố Bến Tre, tỉnh Bến Tre"
    assert g.lookup("Thuận Hòa, Huế, Thừa Thiên Huế", ERA_LEGACY).notes == ()


def test_collapsing_does_not_hide_a_wrong_parent(g: Gazetteer) -> None:
    assert resolve_error(g, "Thuận Hòa, Đà Nẵng").message.startswith(
        '"Thuận Hòa" is not in "Đà Nẵng": it is one of phường Thuận Hòa, quận Phú Xuân, thành phố Huế; ')
    assert resolve_error(g, "Thừa Thiên Huế, Thuận Hòa").message.endswith(
        'write the most specific part first: "Thuận Hòa, Thừa Thiên Huế"')


# --- former units --------------------------------------------------------------------------


def test_former_unit_resolves_to_its_successor_with_a_note(g: Gazetteer) -> None:
    found = g.lookup("Cửa Lò, Nghệ An", ERA_LEGACY)
    assert found == Resolution(g.get("legacy:district:412"), (
        'thị xã Cửa Lò (as written: "Cửa Lò") is a former unit, merged into or renamed as '
        "thành phố Vinh, tỉnh Nghệ An; filed under it",), "Cửa Lò")
    assert found.place.label == "thành phố Vinh, tỉnh Nghệ An"
    assert g.resolve("Cửa Lò, Nghệ An", ERA_LEGACY) is found.place
    assert g.lookup("thị xã Phúc Yên", ERA_LEGACY).notes == (
        "thị xã Phúc Yên is a former unit, merged into or renamed as thành phố Phúc Yên, tỉnh Vĩnh Phúc; "
        "filed under it",)


@pytest.mark.parametrize(("text", "key", "former"), [
    ("thị xã Cửa Lò", "legacy:district:412", "thị xã Cửa Lò"),
    ("TX Cửa Lò, Nghệ An", "legacy:district:412", "TX Cửa Lò"),
    ("Cua Lo, Nghe An", "legacy:district:412", "Cua Lo"),
    ("phường Lê Mao, TP Vinh, Nghệ An", "legacy:ward:16681", "phường Lê Mao"),
    ("Lê Mao, Vinh", "legacy:ward:16681", "Lê Mao"),
    ("Nghi Thu, Cửa Lò, Nghệ An", "legacy:ward:16735", "Cửa Lò"),  # a former parent
    ("thị xã Phúc Yên", "legacy:district:244", "thị xã Phúc Yên"),
    ("Quận 9", "legacy:district:769", "Quận 9"),
    ("Q.2, TP HCM", "legacy:district:769", "Q.2"),
    ("Sài Đồng, Long Biên, Hà Nội", "legacy:ward:00136", "Sài Đồng"),
    ("Cẩm Định, Hải Dương", "legacy:ward:10918", "Cẩm Định"),
    ("Tân Thành, Bà Rịa - Vũng Tàu", "legacy:district:754", "Tân Thành"),
])
def test_former_units_resolve_to_their_one_successor(g: Gazetteer, text: str, key: str, former: str) -> None:
    found = g.lookup(text, ERA_LEGACY)
    assert (found.place.key, found.former, len(found.notes)) == (key, former, 1)
    assert " is a former unit, merged into or renamed as " in found.notes[0]
    assert found.notes[0].endswith(f"{found.place.label}; filed under it") or found.former == "Cửa Lò"


def test_notes_name_the_former_unit_with_its_recorded_type(g: Gazetteer) -> None:
    assert g.lookup("Q.2, TP HCM", ERA_LEGACY).notes[0].startswith('Quận 2 (as written: "Q.2") is a former unit')
    assert g.lookup("Nghi Thu, Cửa Lò, Nghệ An", ERA_LEGACY).notes == (
        'thị xã Cửa Lò (as written: "Cửa Lò") is a former unit, merged into or renamed as '
        "thành phố Vinh, tỉnh Nghệ An; filed under it",)
    assert g.lookup("Tân Thành, Bà Rịa - Vũng Tàu", ERA_LEGACY).notes[0].startswith(
        'huyện Tân Thành (as written: "Tân Thành") is a former unit')


def test_current_names_win_over_former_ones(g: Gazetteer) -> None:
    found = g.lookup("Lê Lợi, Hải Phòng", ERA_LEGACY)  # "Lê Lợi" is also a former ward merged into Lạch Tray
    assert (found.place.label, found.notes, found.former) == (
        "phường Lê Lợi, quận An Dương, thành phố Hải Phòng", (), None)
    assert g.lookup("Phúc Yên", ERA_LEGACY).notes == ()


def test_former_unit_taken_over_by_several_stays_an_error(g: Gazetteer) -> None:
    error = resolve_error(g, "Cẩm Định")
    assert error.message == (
        'no place "Cẩm Định" in the administrative units before 1 July 2025; "Cẩm Định" was merged into or '
        "renamed as xã Định Sơn, huyện Cẩm Giàng, tỉnh Hải Dương; xã Xuân Đình, huyện Phúc Thọ, thành phố Hà Nội")
    assert [p.key for p in error.candidates] == ["legacy:ward:10918", "legacy:ward:09727"]


def test_former_unit_errors(g: Gazetteer) -> None:
    assert resolve_error(g, "Cửa Lò, Hà Tĩnh").message == (
        '"Cửa Lò" is not in "Hà Tĩnh": it was merged into or renamed as thành phố Vinh, tỉnh Nghệ An')
    assert resolve_error(g, "huyện Cửa Lò").message == (  # the wrong type
        'no place "huyện Cửa Lò" in the administrative units before 1 July 2025; '
        "thị xã Cửa Lò was merged into or renamed as thành phố Vinh, tỉnh Nghệ An")


def test_former_units_are_not_resolved_across_eras(g: Gazetteer) -> None:
    assert resolve_error(g, "thị xã Cửa Lò", ERA_2025).message == (
        'no place "thị xã Cửa Lò" in the administrative units from 1 July 2025; '
        "did you mean: phường Cửa Lò, tỉnh Nghệ An?")
    assert resolve_error(g, "Quận 9", ERA_2025).message == (
        'no place "Quận 9" in the administrative units from 1 July 2025')
    assert resolve_error(g, "Lê Mao, Nghệ An", ERA_2025).message.startswith(
        'no place "Lê Mao" in the administrative units from 1 July 2025')
    assert g.lookup("Cửa Lò, Nghệ An", ERA_2025) == Resolution(g.get("2025:ward:16732"), (), None)
    assert resolve_error(g, "phường Điện Biên Phủ").message.startswith(
        '"phường Điện Biên Phủ" is a unit from 1 July 2025 (phường Điện Biên Phủ, tỉnh Điện Biên); ')


# --- every unit written untyped with short names ---------------------------------------------


def untyped(place: Place) -> str:
    """A place written as curators do: short names, no type words, most specific first."""
    return ", ".join(p.short for p in reversed(place.chain))


def same_name_siblings(g: Gazetteer, era: str, level: str) -> set[Place]:
    """Places of a level whose short name a sibling of the same level shares: untyped, they are ambiguous."""
    groups: dict[tuple[str, str], list[Place]] = {}
    for place in g.places(era):
        if place.level == level:
            groups.setdefault((place.parent.key if place.parent else era, place.short), []).append(place)
    return {p for group in groups.values() if len(group) > 1 for p in group}


@pytest.mark.parametrize(("era", "level", "total", "resolved"), [
    (ERA_LEGACY, "ward", 10035, 9997),
    (ERA_LEGACY, "district", 696, 684),
    (ERA_2025, "ward", 3321, 3321),
])
def test_every_unit_resolves_untyped(g: Gazetteer, era: str, level: str, total: int, resolved: int) -> None:
    places = [p for p in g.places(era) if p.level == level]
    ambiguous = same_name_siblings(g, era, level)
    right, failed = 0, set()
    for place in places:
        try:
            found = g.resolve(untyped(place), era)
        except PlaceError as error:
            assert place in error.candidates, error.message
            failed.add(place)
            continue
        assert found is place, (untyped(place), found.label)
        right += 1
    assert (len(places), right) == (total, resolved)
    assert failed == ambiguous  # only same-name siblings (thị trấn and xã Phước Long in huyện Phước Long…)


def test_a_locality_resolved_again_gives_the_same_answer_and_an_error_again(g: Gazetteer) -> None:
    text = "phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên"
    first = g.lookup(text, ERA_LEGACY)
    assert g.lookup(text, ERA_LEGACY) is first and first.place.label == g.lookup(text.upper(), ERA_LEGACY).place.label
    for _ in range(2):
        with pytest.raises(PlaceError):
            g.lookup("xã Không Có Thật, tỉnh Điện Biên", ERA_LEGACY)


def test_the_2025_reform_links_each_legacy_unit_to_its_successors_and_back():
    from archivist.model.succession import succession

    g, reform = gazetteer(), succession()

    def labels(links):
        return [(place.label, whole) for place, whole in links]

    ha_giang = g.resolve("tỉnh Hà Giang", ERA_LEGACY)
    assert labels(reform.successors(ha_giang)) == [("tỉnh Tuyên Quang", True)]
    assert labels(reform.predecessors(reform.successors(ha_giang)[0][0])) == [
        ("tỉnh Hà Giang", True), ("tỉnh Tuyên Quang", True)]
    # a ward split in two: each part
    split = g.resolve("phường Thành Phước, thị xã Bình Minh, tỉnh Vĩnh Long", ERA_LEGACY)
    assert labels(reform.successors(split)) == [
        ("phường Bình Minh, tỉnh Vĩnh Long", False), ("phường Cái Vồn, tỉnh Vĩnh Long", False)]
    assert labels(reform.predecessors(reform.successors(split)[0][0])) == [
        ("phường Cái Vồn, thị xã Bình Minh, tỉnh Vĩnh Long", False),
        ("phường Thành Phước, thị xã Bình Minh, tỉnh Vĩnh Long", False),
        ("xã Thuận An, thị xã Bình Minh, tỉnh Vĩnh Long", True)]
    # a district's successors are its wards'; an island district without wards became a đặc khu
    city = g.resolve("thành phố Điện Biên Phủ, tỉnh Điện Biên", ERA_LEGACY)
    assert [label for label, _ in labels(reform.successors(city))] == [
        "phường Điện Biên Phủ, tỉnh Điện Biên", "xã Mường Phăng, tỉnh Điện Biên",
        "phường Mường Thanh, tỉnh Điện Biên", "xã Nà Tấu, tỉnh Điện Biên"]
    con_dao = g.resolve("huyện Côn Đảo", ERA_LEGACY)
    assert labels(reform.successors(con_dao)) == [("đặc khu Côn Đảo, thành phố Hồ Chí Minh", True)]
    # each era answers its own direction only; every legacy ward has a successor
    assert reform.predecessors(ha_giang) == () and reform.successors(reform.successors(ha_giang)[0][0]) == ()
    assert all(reform.successors(p) for p in g.places(ERA_LEGACY) if p.level == "ward")


def test_an_undated_or_2025_only_article_may_name_the_units_from_1_july_2025(fixture_copy):
    """Its date does not tell which units it means: the units before 1 July 2025 first, then the
    units from it; a dated article keeps its date's (the era-mismatch fixture)."""
    from archivist.commands import build

    content = fixture_copy.content
    (content / "khong-ngay-moi.md").write_text(
        "---\ntitle: Không rõ ngày, đơn vị mới\nlocality: phường Điện Biên Phủ, tỉnh Điện Biên\n---\nNội dung.\n",
        encoding="utf-8")
    (content / "nam-2025.md").write_text(
        "---\ntitle: Chỉ biết năm 2025\ndate: 2025\nlocality: phường Điện Biên Phủ, tỉnh Điện Biên\n---\nNội dung.\n",
        encoding="utf-8")
    (content / "khong-ngay-cu.md").write_text(  # a name of both eras: the units before 1 July 2025
        "---\ntitle: Không rõ ngày, đơn vị cũ\nlocality: tỉnh Điện Biên\n---\nNội dung.\n", encoding="utf-8")
    build(fixture_copy)
    articles = json.loads((fixture_copy.output / "archive.json").read_text(encoding="utf-8"))["articles"]
    records = {r["title"]: r for r in articles}
    assert records["Không rõ ngày, đơn vị mới"]["places"][0]["era"] == "2025"
    assert records["Chỉ biết năm 2025"]["places"][0]["era"] == "2025"
    assert records["Không rõ ngày, đơn vị cũ"]["places"][0]["era"] == "legacy"
