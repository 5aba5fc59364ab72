"""The 2025 reform as the gazetteer records it: which unit from 1 July 2025 took over each
unit before it, and the other way round.

Provinces merged whole, so each legacy province has one successor; a legacy ward went
whole into one 2025 ward, or was split among several (``whole`` False for each part);
a legacy district was abolished: its successors are those of its wards (an island district
without wards became a đặc khu). What the package's data does not record has no
successor, and pages then link nothing rather than a guess.
"""

from __future__ import annotations

import functools

from archivist.model.gazetteer_data import read_succession
from archivist.model.places import ERA_LEGACY, Gazetteer, Place, gazetteer
from archivist.model.vietnamese import sort_key

__all__ = ["Link", "Succession", "succession"]

Link = tuple[Place, bool]
"""A unit of the other era and whether the whole unit (True) or a part of it (False)
passed from the legacy unit to the 2025 one."""


class Succession:
    """Successors of legacy units and predecessors of 2025 units."""

    def __init__(self, places: Gazetteer, pairs: tuple[tuple[str, str, bool], ...]):
        self._places = places
        self._after: dict[str, dict[Place, bool]] = {}
        self._before: dict[str, dict[Place, bool]] = {}
        for old, new, whole in pairs:
            before, after = places.get(old), places.get(new)
            self._after.setdefault(old, {})[after] = whole
            self._before.setdefault(new, {})[before] = whole

    def successors(self, place: Place) -> tuple[Link, ...]:
        """The 2025 units that took over a legacy unit: a province's province; a ward's
        ward or wards; a district's, those of its wards (whole), in Vietnamese order."""
        if place.era != ERA_LEGACY:
            return ()
        units: dict[Place, bool] = dict(self._after.get(place.key, {}))
        if place.level == "district":
            for ward in self._places.children(place):
                units.update(dict.fromkeys(self._after.get(ward.key, {}), True))
        return tuple(sorted(units.items(), key=lambda link: _order(link[0])))

    def predecessors(self, place: Place) -> tuple[Link, ...]:
        """The legacy units a 2025 unit took over, whole or in part: a province's
        provinces, a ward's wards (or island district), in Vietnamese order of their chains
        (so a district's wards are together)."""
        if place.era == ERA_LEGACY:
            return ()
        return tuple(sorted(self._before.get(place.key, {}).items(), key=lambda link: _order(link[0])))


def _order(place: Place) -> tuple:
    return tuple(sort_key(unit.short, numeric=True) for unit in place.chain), place.code


@functools.cache
def succession() -> Succession:
    """The reform's record, read once per process."""
    return Succession(gazetteer(), read_succession())
