"""Readings of a unit's name that the register does not give as written: a unit whose type changed
since the article (a commune made a ward, a district town made a city), a unit merged later inside
the page's own units, and a district or province spelt otherwise than the register spells it.
An article after the reform that names a province as it was before is read in the province that
took it over (``successor_of``). Each gives the place and the review note that says how it was read; ``mentions`` asks for them
only when the name as written finds no unit where the page is, or finds one only in a province the
text does not name (``in_named_units``, once the text's own units are known).
"""

from __future__ import annotations

from ..model.places import ERA_2025, ERA_LEGACY, Gazetteer, Place, PlaceError
from ..model.succession import succession
from ..model.vietnamese import fold
from .placenames import LEVEL_OF, Mention, NameIndex

__all__ = ["type_since_changed", "in_named_units", "commune_within", "merged_within", "respelt", "successor_of"]

_LEVELS = {2.0: "ward", 1.0: "district", 0.5: "district"}


def type_since_changed(index: NameIndex, mention: Mention, found: list[Place], anchors: set[Place],
                       anchor_source: dict[Place, str]) -> tuple[list[Place], str | None]:
    """A unit written with the type it had then (the places it names, and the note): a district
    when no unit of its type bears the name and one unit of its level does ("thị xã Đông Triều" of
    2021 is thành phố Đông Triều); a commune when none of its type and name is in the province of the
    site's own district or commune (``anchors`` below a province) but one of another type is: "xã
    Hồng Giang" on a Lục Ngạn station's page of 2018 is phường Hồng Giang of thị xã Chũ, Bắc Giang
    (a commune made a ward later), not xã Hồng Giang of Thái Bình. A provincial paper reports from
    other provinces too: its home province is not enough."""
    level = _LEVELS.get(LEVEL_OF.get(mention.kind or "", 3))
    if level == "district" and not found:
        others = [p for p in index.candidates(None, mention.name) if p.level == level]
        if len(others) == 1:
            return others, (f'locality: "{mention.query}" is read as {others[0].label}, the one unit of the name '
                            "at its level: check")
    provinces = {a.chain[0]: a for a in anchors if a.level != "province"}
    if level != "ward" or any(p.chain[0] in provinces for p in found):
        return found, None
    inside = [p for p in index.candidates(None, mention.name)
              if p.level == "ward" and p.kind != mention.kind and p.chain[0] in provinces]
    if len(inside) != 1:
        return found, None
    elsewhere = f" ({found[0].label} is the one {mention.kind.lower()} of that name)" if len(found) == 1 else ""
    return inside, (f'locality: "{mention.query}" is read as {inside[0].label}, in the province of '
                    f"{anchor_source.get(provinces[inside[0].chain[0]], 'the page')}{elsewhere}: check")


def _type_changed_where_named(index: NameIndex, mention: Mention, place: Place,
                             provinces: set[Place]) -> tuple[Place, str] | None:
    """A unit read by its type in a province the text never names, when the one unit of its name and
    level in a province the text does name has another type now: that one, whose type changed since
    ("huyện Phong Điền (Thừa Thiên – Huế)" of 2020 is thị xã Phong Điền of Huế; the huyện of that name
    is Cần Thơ's), with its note; else None."""
    if mention.bare or place.level == "province" or place.chain[0] in provinces:
        return None
    others = [p for p in index.candidates(None, mention.name)
              if p.level == place.level and p.kind != place.kind and p.chain[0] in provinces]
    if len(others) != 1:
        return None
    return others[0], (f'locality: "{mention.query}" is read as {others[0].label}, whose type changed since: the '
                       f"text names {others[0].chain[0].title}, not the province of {place.label}: check")


def commune_within(index: NameIndex, mention: Mention, units: set[Place]) -> tuple[Place, str] | None:
    """A commune or ward no unit of its type and name is, read as the one commune or ward of its name,
    compared without diacritics and spaces, inside a unit the text names: its type changed since ("xã
    Lê Hồ, huyện Kim Bảng" of 2019 is phường Lê Hồ of thị xã Kim Bảng) or the text spells it otherwise
    ("xã Ea Kuếh" is xã Ea Kuêh); with its note, else None."""
    if _LEVELS.get(LEVEL_OF.get(mention.kind or "", 3)) != "ward":
        return None
    inside = [p for p in index.candidates(None, fold(mention.name))
              if p.level == "ward" and any(u in p.chain[:-1] for u in units)]
    if len(inside) != 1:
        return None
    return inside[0], (f'locality: "{mention.query}" is read as {inside[0].label}, the one unit of the name in '
                       f"{next(u for u in inside[0].chain[-2::-1] if u in units).title} that the text names: check")


def in_named_units(index: NameIndex, resolved: dict[Mention, Place], unfound: list[tuple[Mention, str]]) -> list[str]:
    """Mentions read again once the text's units are known: a unit of its type in a province the text does
    not name, and a commune or ward no unit of its type and name is (``unfound``, the mentions found nowhere
    with the resolver's error, keeps those still left out); ``resolved`` updated, the notes returned."""
    notes = []
    provinces = {p for p in resolved.values() if p.level == "province"}
    for mention, place in list(resolved.items()):
        if (reading := _type_changed_where_named(index, mention, place, provinces)) is not None:
            resolved[mention] = reading[0]
            notes.append(reading[1])
    for mention, error in list(unfound):
        named = {p for p in resolved.values() if p.level != "ward"}
        if (reading := commune_within(index, mention, named)) is not None:
            resolved[mention] = reading[0]
            notes.append(reading[1])
            unfound.remove((mention, error))
    return notes


def merged_within(gazetteer: Gazetteer, era: str, mention: Mention,
                  units: set[Place]) -> tuple[Place, tuple[str, ...]] | None:
    """A name that no candidate inside the text's or the page's units bears, read as a unit of one
    of them merged later ("Phường 10" on Quận 4's portal: filed under Phường 8), with the gazetteer's
    notes; None unless exactly one such reading."""
    readings = {}
    for unit in units:
        if unit.level == "ward":
            continue
        try:
            resolution = gazetteer.lookup(f"{mention.query}, {unit.label}", era)
        except PlaceError:
            continue
        if resolution.former and unit in resolution.place.chain:
            readings[resolution.place] = resolution.notes
    return next(iter(readings.items())) if len(readings) == 1 else None


def respelt(index: NameIndex, mention: Mention) -> Place | None:
    """The one district or province of a typed name, compared without diacritics: "huyện Mù Cang
    Chải" is huyện Mù Căng Chải as the register writes it (a commune's name so compared matches too
    many to guess)."""
    spelt = [p for p in index.candidates(mention.kind, fold(mention.name)) if p.level != "ward"]
    return spelt[0] if mention.strict and len(spelt) == 1 else None


def successor_of(gazetteer: Gazetteer, era: str, mention: Mention) -> tuple[Place, str] | None:
    """A province an article after the 2025 reform names as it was before ("tỉnh Quảng Nam (cũ)"), read as
    the province that took it over whole (thành phố Đà Nẵng), with its note. A former district or commune
    stays out (a district was abolished, a commune often split; such an article names them as history)."""
    if era != ERA_2025:
        return None
    try:
        before = gazetteer.lookup(mention.query, ERA_LEGACY).place
    except PlaceError:
        return None
    links = succession().successors(before) if before.level == "province" else ()
    if len(links) != 1 or not links[0][1]:
        return None
    after = links[0][0]
    return after, (f'locality: "{mention.query}" is a unit before 1 July 2025 ({before.label}); read as '
                   f"{after.label}, which took it over: check")
