"""Every unit of the register, written in an article's lead with its parents as papers write them
("UBND xã X, huyện Y, tỉnh Z tổ chức …"), is read by the importer as that very unit: a round trip
through the whole register of both eras, which catches a name the mention finder cuts short or runs
on ("thị trấn Nông trường Phong Hải", "Phường 1 Bảo Lộc", "tỉnh Bà Rịa - Vũng Tàu") or that another
unit's name shadows ("xã Nga Thanh" is not xã Nga Thành). Written with its district only, a commune is
read as itself when no other commune of its name is in a district of that name, and guessed at otherwise
never; a district is read as itself with its type abbreviated too ("TP. Điện Biên Phủ", "H. Mường Nhé")."""

from __future__ import annotations

from collections import Counter

import pytest

from archivist.importer.extract import extract_text
from archivist.importer.hostplaces import ORGANISATIONS, places_in_host
from archivist.importer.sources import name_for_url
from archivist.model.gazetteer_data import loose
from archivist.model.places import ERA_2025, ERA_LEGACY, gazetteer

ABBREVIATED = {"Thành phố": "TP.", "Thị xã": "TX.", "Huyện": "H.", "Quận": "Q."}

DATES = {ERA_LEGACY: ("10/01/2020", "Sáng 9/1"), ERA_2025: ("10/09/2025", "Sáng 9/9")}


def units(era: str, level: str) -> list:
    g = gazetteer()
    provinces = g.provinces(era)
    if level == "province":
        return list(provinces)
    found = [unit for province in provinces for unit in g.children(province)]
    return found if level == "district" or era == ERA_2025 else [w for d in found for w in g.children(d)]


@pytest.mark.parametrize("era, level", [(ERA_LEGACY, "province"), (ERA_LEGACY, "district"), (ERA_LEGACY, "ward"),
                                        (ERA_2025, "province"), (ERA_2025, "ward")])
def test_every_unit_of_the_register_written_with_its_parents_is_read_as_itself(era, level):
    date, day = DATES[era]
    misread = {}
    for unit in units(era, level):
        chain = ", ".join(part.title for part in reversed(unit.chain))
        if read(chain, era) != unit:
            misread[chain] = read(chain, era)
    assert misread == {}


def read(written: str, era: str = ERA_LEGACY):
    date, day = DATES[era]
    page = (f"Hội nghị sơ kết công tác\n{date}\n{day}, UBND {written} tổ chức hội nghị sơ kết công tác.\n"
            "Hội nghị đã đánh giá kết quả thực hiện các nhiệm vụ.")
    places = extract_text(page, gazetteer()).places
    return places[0] if places else None


def test_every_district_written_with_its_type_abbreviated_is_read_as_itself():
    misread = {}
    for district in units(ERA_LEGACY, "district"):
        written = f"{ABBREVIATED[district.kind]} {district.short}, {district.parent.title}"
        if read(written) != district:
            misread[written] = read(written)
    assert misread == {}


def test_a_commune_written_with_its_district_only_is_itself_when_the_pair_is_one_units():
    wards = units(ERA_LEGACY, "ward")
    pairs = Counter((w.kind, w.short, w.parent.kind, w.parent.short) for w in wards)
    misread = {}
    for ward in wards:
        written = f"{ward.title}, {ward.parent.title}"
        got = read(written)
        one = pairs[ward.kind, ward.short, ward.parent.kind, ward.parent.short] == 1
        if (got != ward) if one else (got is not None and got.level == "ward"):
            misread[written] = got
    assert misread == {}


@pytest.mark.parametrize("era", [ERA_LEGACY, ERA_2025])
def test_every_province_written_bare_after_its_committees_initials_is_read_as_itself(era):
    # but Hồ Chí Minh, a person's name too: the city counts only with its type word
    misread = {p.short: read(p.short, era) for p in units(era, "province") if p.short != "Hồ Chí Minh"}
    assert {name: got for name, got in misread.items() if got is None or got.short != name} == {}


def test_every_district_no_other_unit_names_written_bare_after_its_committee_is_read_as_itself():
    from archivist.importer.placenames import name_index
    unique = name_index(gazetteer(), ERA_LEGACY).districts
    assert len(unique) > 300
    misread = {name: read(name) for name in unique}
    assert {name: got for name, got in misread.items() if got != unique[name]} == {}


@pytest.mark.parametrize("era", [ERA_LEGACY, ERA_2025])
def test_every_units_portal_address_names_that_unit(era):
    """A unit's portal under its parents' ("anbinh.caolanh.dongthap.gov.vn") names it, wherever an
    address's labels fit one unit only: a commune named like another district of its province
    ("anphu.tinhbien.angiang": xã An Phú, not huyện An Phú) or like its own ("anphu.anphu.angiang"), or
    under a district name a city shares ("…caolanh.dongthap": the one holding the commune)."""
    g = gazetteer()
    every = [u for level in ("district", "ward") for u in units(era, level)]
    written = {u: ".".join(loose(part.short) for part in reversed(u.chain)) for u in every}
    alike = Counter(written.values())
    misread = {}
    for unit, labels in written.items():
        if alike[labels] > 1:  # "binhthanh.caolanh.dongthap": a xã Bình Thạnh in both Cao Lãnh
            continue
        host = labels + ".gov.vn"
        found = places_in_host(host, g, era)
        name = name_for_url(f"https://{host}/tin-tuc")[0] if era == ERA_LEGACY else None
        head = "Trang thông tin điện tử" if unit.level == "ward" else "Cổng thông tin điện tử"
        if found[-1:] != [unit] or era == ERA_LEGACY and name != f"{head} {unit.title}":
            misread[host] = (found[-1].label if found else None, name)
    assert misread == {}


def test_every_communes_portal_address_with_its_districts_name_in_the_same_label_names_it():
    """A commune's portal whose label runs its name and its district's together ("mythanhgiongtrom.bentre.gov.vn":
    xã Mỹ Thạnh, huyện Giồng Trôm), wherever the province holds one such pair (every third commune) and the
    commune's name is no organisation's label ("conganhalang" is Công an huyện Hạ Lang as well as xã Cô Ngân)."""
    g = gazetteer()
    wards = units(ERA_LEGACY, "ward")
    labels = {w: loose(w.short) + loose(w.parent.short) for w in wards}
    alike = Counter((w.chain[0], label) for w, label in labels.items())
    misread = {}
    for ward in wards[::3]:
        if alike[(ward.chain[0], labels[ward])] == 1 and loose(ward.short) not in ORGANISATIONS:
            host = f"{labels[ward]}.{loose(ward.chain[0].short)}.gov.vn"
            found = places_in_host(host, g, ERA_LEGACY)
            if found[-1:] != [ward]:
                misread[host] = found[-1].label if found else None
    assert misread == {}


@pytest.mark.parametrize("era", [ERA_LEGACY, ERA_2025])
def test_every_provinces_organisation_and_media_addresses_name_it(era):
    """An organisation's or outlet's address with a province's name ("tinhdoanbacgiang.vn",
    "congan.caobang.gov.vn", "baoquangtri.vn", "laichautv.vn") names that organisation of that
    province, not a commune whose name reads like the organisation's label (xã Cô Ngân, xã Đản Ván)."""
    g = gazetteer()
    city_only = {"thanhdoan", "thanhuy"}  # a province's city has them, named after it, not the province
    misread = {}
    for province in g.provinces(era):
        label = loose(province.short)
        hosts = [host for key in sorted(set(ORGANISATIONS) - city_only)
                 for host in (f"{key}{label}.vn", f"{key}.{label}.gov.vn", f"{key}-{label}.org.vn")]
        hosts += [f"bao{label}.vn", f"{label}tv.vn", f"truyenhinh{label}.vn", f"www.{label}.gov.vn"]
        for host in hosts:
            found = places_in_host(host, g, era)
            name = name_for_url(f"https://{host}/tin-tuc")[0]
            if found[-1:] != [province] or province.short not in (name or ""):
                misread[host] = (found[-1].label if found else None, name)
    assert misread == {}


@pytest.mark.parametrize("era", [ERA_LEGACY, ERA_2025])
def test_every_units_portal_banner_with_its_province_names_that_unit(era):
    """A portal's banner in capitals with its province beside it or on the line below ("TRANG THÔNG TIN ĐIỆN
    TỬ XÃ BÌNH HÒA - TỈNH AN GIANG") is the article's place when the text names none, wherever the province
    holds one unit of the name and type (every third unit; names with hyphens, "XÃ TÂN XÃ", "XÃ PHƯỚC TỈNH"); the
    portal's name spells the unit as the register does ("HUYỆN CHƯ PĂH": huyện Chư Păh, not "Chư PĂH")."""
    every = [u for level in ("district", "ward") for u in units(era, level)]
    alike = Counter((u.chain[0], u.kind, u.short.casefold()) for u in every)  # xã AYun and xã Ayun of Gia Lai
    misread = {}
    for unit in every[::3]:
        if alike[(unit.chain[0], unit.kind, unit.short.casefold())] > 1:
            continue
        head = "TRANG THÔNG TIN ĐIỆN TỬ" if unit.level == "ward" else "CỔNG THÔNG TIN ĐIỆN TỬ"
        name, province = unit.title.upper(), unit.chain[0].title.upper()
        for banner in (f"{head} {name} - {province}", f"{head} {name}\n{province}"):
            page = (f"{banner}\nTrang chủ\nTin tức - Sự kiện\nHội nghị sơ kết công tác\n{DATES[era][0]}\n"
                    f"{DATES[era][1]}, Ủy ban nhân dân tổ chức hội nghị sơ kết công tác.\n"
                    "Hội nghị đã đánh giá kết quả thực hiện các nhiệm vụ.")
            draft = extract_text(page, gazetteer())
            if draft.places[:1] != [unit] or draft.source.name != f"{head.capitalize()} {unit.title}":
                misread[banner] = ([p.label for p in draft.places[:1]], draft.source.name)
    assert misread == {}
