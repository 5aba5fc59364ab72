"""Every unit of the register, written in an article's lead with its parents as papers write them
("UBND xã X, huyện Y, tỉnh Z tổ chức …"), is read by the importer as that very unit: a round trip
through the whole register of both eras, which catches a name the mention finder cuts short or runs
on ("thị trấn Nông trường Phong Hải", "Phường 1 Bảo Lộc", "tỉnh Bà Rịa - Vũng Tàu") or that another
unit's name shadows ("xã Nga Thanh" is not xã Nga Thành)."""

from __future__ import annotations

import pytest

from archivist.importer.extract import extract_text
from archivist.model.places import ERA_2025, ERA_LEGACY, gazetteer

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
        page = (f"Hội nghị sơ kết công tác\n{date}\n{day}, UBND {chain} tổ chức hội nghị sơ kết công tác.\n"
                "Hội nghị đã đánh giá kết quả thực hiện các nhiệm vụ.")
        places = extract_text(page, gazetteer()).places
        if not places or places[0] != unit:
            misread[chain] = places[0].label if places else None
    assert misread == {}
