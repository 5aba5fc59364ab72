"""Tests for archivist.places: the gazetteer, slugs, locality resolution and eras."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest

from archivist.places import (
    ERA_2025,
    ERA_LEGACY,
    REFORM_DATE,
    Gazetteer,
    Place,
    PlaceError,
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
        "phường 14, quận Bình Thạnh, thành phố Hồ Chí Minh",
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
        "quận 1, thành phố Hồ Chí Minh",
        "phường 14, quận 3, thành phố Hồ Chí Minh",
        "thị xã Sơn Tây, thành phố Hà Nội",
        "thị trấn Khe Sanh, huyện Hướng Hóa, tỉnh Quảng Trị",
        "xã Mường Luân, huyện Điện Biên Đông, tỉnh Điện Biên",
        "phường 14, quận 3, thành phố Hồ Chí Minh",
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
    assert resolve_error(g, "Sa Pa").message.endswith("add its type (phường or thị xã)")
    assert resolve_error(g, "Phường 1").message.startswith(
        '"Phường 1" is ambiguous: it names 33 places: phường 1, quận 3, thành phố Hồ Chí Minh; '
        "phường 1, quận 4, thành phố Hồ Chí Minh;")


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
        "this article is dated before 1 July 2025 or undated, so its places are the units before 1 July 2025; "
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


def test_former_names_point_to_their_successor(g: Gazetteer) -> None:
    assert resolve_error(g, "thị xã Phúc Yên").message == (
        'no place "thị xã Phúc Yên" in the administrative units before 1 July 2025; '
        '"thị xã Phúc Yên" was merged into or renamed as thành phố Phúc Yên, tỉnh Vĩnh Phúc')
    assert resolve_error(g, "Quận 9").message.endswith(
        "was merged into or renamed as thành phố Thủ Đức, thành phố Hồ Chí Minh")


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
