"""Gazetteer of Vietnamese administrative units and a strict locality resolver.

Two eras: ERA_LEGACY (provinces › districts › wards, the units as they stood
on 30 June 2025) and ERA_2025 (provinces › wards, from 1 July 2025), read from
the data set of vietnamadminunits shipped with this tool (gazetteer_data).  Codes
are reused across eras, so a unit's identity is (era, level, code).

Slugs are the ASCII slug of the short name ("Phường 14" → "phuong-14"); when
siblings in the gazetteer share a slug, each of them gets "-<code>" appended.

Names in curators' text compare case-, whitespace- and punctuation-
insensitively, with tone placement normalised ("Hoà" = "Hòa").  A name
written without any diacritics compares on folded letters and prefers an
exact match (ASCII "Sa Pa" is Sa Pa, not Sa Pả); a name written with
diacritics must match them exactly ("Mường Luan" is not Mường Luân).  A few
aliases are known (HN, HCM, TPHCM, Sài Gòn before 2025, Thừa Thiên Huế,
BR-VT).

A locality is comma-separated parts, most specific first; each part must lie
in the next one, or name the same unit ("Thuận Hòa, Huế, Thừa Thiên Huế":
"Huế" and "Thừa Thiên Huế" are both the province-level thành phố Huế).  A part
without a type word that still names units at several levels names the
highest one, if only one is at that level ("Đồng Văn, Hà Giang" is the huyện,
not the thị trấn, as "Điện Biên" is the province).  Before 2025, a former name
the gazetteer records ("thị xã Cửa Lò", "Quận 9") resolves to the one unit
that took it over, with a note (``Gazetteer.lookup``).  Readings through
current names are preferred to readings through former names, and strict
nesting to parts naming the same unit.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from archivist.model import localities as loc
from archivist.model.eras import ERA_PHRASES, REFORM_DATE, era_for, eras_for
from archivist.model.gazetteer_data import (ERA_2025, ERA_LEGACY, LEVELS, Row, former_name, read_positions,
                                            read_units)
from archivist.model.vietnamese import nfc, slugify, sort_key

__all__ = ["ERA_LEGACY", "ERA_2025", "REFORM_DATE", "Place", "PlaceError", "Resolution", "Gazetteer", "gazetteer",
           "era_for", "eras_for"]

# Extra names curators use, by place key.
_ALIASES: dict[str, tuple[str, ...]] = {
    "legacy:province:01": ("HN",), "2025:province:01": ("HN",),
    "legacy:province:79": ("HCM", "TPHCM", "Sài Gòn"), "2025:province:79": ("HCM", "TPHCM"),
    # the province's name before 2025, as papers also write it ("Thừa Thiên - Huế", "TT-Huế")
    "legacy:province:46": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên – Huế", "TT-Huế"),
    "2025:province:46": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên – Huế", "TT-Huế"),
    "legacy:province:77": ("BR-VT", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu"),
}


def unit_title(kind: str, name: str) -> str:
    """A unit's type and name as running text writes them: the type word lowercased ("phường
    Thanh Trường"), but for a unit named by a number, as the official spelling rules write it
    (Decree 30/2020/NĐ-CP, Appendix II): "Quận 4", "Phường 15"."""
    return f"{kind[:1].upper()}{kind[1:]} {name}" if name[:1].isdigit() else f"{kind.lower()} {name}"


@dataclass(frozen=True)
class Place:
    """One administrative unit of one era."""

    era: str
    level: str
    code: str
    name: str
    short: str
    kind: str
    slug: str
    parent: Place | None = field(default=None, compare=False, repr=False)

    def __reduce__(self):
        """Pickle as the key: a cached or worker-made article points at this process's units."""
        return (_place_by_key, (self.key,))

    @property
    def key(self) -> str:
        """Globally unique identity "era:level:code"."""
        return f"{self.era}:{self.level}:{self.code}"

    @property
    def chain(self) -> tuple[Place, ...]:
        """Ancestors from the province down to this place."""
        return (self.parent.chain if self.parent else ()) + (self,)

    @property
    def path(self) -> tuple[str, ...]:
        """Slugs of the chain, province first."""
        return tuple(p.slug for p in self.chain)

    @property
    def title(self) -> str:
        """Full name as running text writes it (``unit_title``): "phường Thanh Trường", "Quận 4"."""
        if self.name.startswith(self.kind + " "):
            return unit_title(self.kind, self.name[len(self.kind) + 1:])
        return self.name

    @property
    def full_name(self) -> str:
        """As pages show it, most specific first: "Phường X, Thành phố Y, Tỉnh Z"."""
        return ", ".join(p.name for p in reversed(self.chain))

    @property
    def label(self) -> str:
        """Most specific first: "phường X, thành phố Y, tỉnh Z"."""
        return ", ".join(p.title for p in reversed(self.chain))


class PlaceError(ValueError):
    """A locality that names no place, or more than one."""

    def __init__(self, message: str, candidates: Iterable[Place] = (), unknown: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = tuple(candidates)
        self.unknown = unknown
        """A part names no unit of the era (not: several units, or parts that do not fit)."""


@dataclass(frozen=True)
class Resolution:
    """The place a locality names, with notes on how it was reached (English, one sentence each)."""

    place: Place
    notes: tuple[str, ...] = ()
    former: str | None = None  # the first former unit's name as written ("Cửa Lò"), if a part was one


class Gazetteer:
    """All units of both eras, with name indexes for resolving localities."""

    def __init__(self, places: Iterable[Place], aliases: dict[str, tuple[str, ...]],
                 former: dict[str, tuple[str, ...]]) -> None:
        """``aliases``: extra current names by place key; ``former``: the gazetteer's alias keys by place key."""
        self._by_key: dict[str, Place] = {}
        self._children: dict[str, list[Place]] = defaultdict(list)
        self._index: dict[str, dict[str, list[tuple[Place, str]]]] = {ERA_LEGACY: {}, ERA_2025: {}}
        self._aliases = aliases
        for place in places:
            key = place.key
            self._by_key[key] = place
            self._children[place.parent.key if place.parent else place.era].append(place)
            index = self._index[place.era]
            for name in self.names(place):
                index.setdefault(loc.loose_key(name), []).append((place, name))
        self._sorted: set[str] = set()
        self._positions: dict[str, tuple[float, float]] | None = None
        self._resolved: dict[tuple[str, str], Resolution] = {}
        """Localities already resolved, by text and era: an archive names the same few
        thousand places again and again, and resolving one takes a fifth of a millisecond."""
        # Former name key → successor → kinds the former unit is recorded with (None: recorded untyped).
        self._former: dict[str, dict[Place, set[str | None]]] = defaultdict(dict)
        for key, keys in former.items():
            place = self._by_key[key]
            own = loc.loose_key(place.short)
            for kind, name in (former_name(k, keys, own) for k in keys):
                if name != own or kind not in (None, place.kind):
                    self._former[name].setdefault(place, set()).add(kind)

    @classmethod
    def load(cls) -> Gazetteer:
        """Read the register shipped with the tool (gazetteer_data.DATA_FILE)."""
        rows, former = read_units()
        return cls(_build(rows), _ALIASES, former)

    def names(self, place: Place) -> tuple[str, ...]:
        """The names a unit is known by: its short name, the extra names curators use
        ("Thừa Thiên Huế", "TPHCM") and, when its short name repeats its type, the name
        without it."""
        names = (place.short, *self._aliases.get(place.key, ()))
        if place.short.startswith(place.kind + " "):
            names += (place.short[len(place.kind) + 1:],)
        return names

    def get(self, key: str) -> Place:
        """The place with this key ("legacy:ward:03142"); KeyError if there is none."""
        return self._by_key[key]

    def position(self, place: Place) -> tuple[float, float] | None:
        """(latitude, longitude) of a point inside the place (its seat or centre, as the
        gazetteer geocoded it), or None when it has none; read on first use."""
        if self._positions is None:
            self._positions = read_positions()
        return self._positions.get(place.key)

    def provinces(self, era: str) -> tuple[Place, ...]:
        """Provinces of an era, in Vietnamese order."""
        return self._sorted_children(_check_era(era))

    def children(self, place: Place) -> tuple[Place, ...]:
        """Direct subdivisions of a place, in Vietnamese order (numbers by value)."""
        return self._sorted_children(place.key)

    def places(self, era: str) -> Iterator[Place]:
        """Every place of an era, parents before children."""
        stack = list(reversed(self.provinces(era)))
        while stack:
            place = stack.pop()
            yield place
            stack.extend(reversed(self.children(place)))

    def _sorted_children(self, key: str) -> tuple[Place, ...]:
        """Children of a key ("era" for provinces), sorted once on first use."""
        children = self._children.get(key, [])
        if key not in self._sorted:
            children.sort(key=lambda p: (sort_key(p.short, numeric=True), p.kind, p.code))
            self._sorted.add(key)
        return tuple(children)

    def resolve(self, text: str, era: str) -> Place:
        """The one place a curator's locality names in an era; PlaceError otherwise."""
        return self.lookup(text, era).place

    def locate(self, text: str, date: object) -> Resolution:
        """The place a locality names for an article of ``date``: in the first era of
        ``eras_for(date)`` that knows every part of it; the first era's error otherwise (an
        ambiguous locality is not settled by the next era)."""
        first = None
        for era in eras_for(date):
            try:
                return self.lookup(text, era)
            except PlaceError as error:
                first = first or error
                if not error.unknown:
                    break
        raise first

    def lookup(self, text: str, era: str) -> Resolution:
        """The one place a curator's locality names in an era, with notes; PlaceError otherwise."""
        found = self._resolved.get((text, era))
        if found is None:
            found = self._resolved[text, era] = self._lookup(text, era)
        return found

    def _lookup(self, text: str, era: str) -> Resolution:
        _check_era(era)
        parts = [p.strip() for p in re.split(r"[,;]", nfc(text))]
        parsed = [loc.parse_part(p) for p in parts if p and loc.loose_key(p) not in loc.COUNTRY]
        if not parsed:
            raise PlaceError(f'no place given in "{text}"')
        for part in parsed:
            if loc.loose_key(part.text) in loc.TYPE_KEYS:
                raise PlaceError(f'"{part.text}" is a type of unit; write the name after it')
        candidates = [self._candidates(p, era) for p in parsed]
        for index, found in enumerate(candidates):
            if not found:
                raise self._unknown(parsed, candidates, index, era)
        chains = loc.chains(candidates)
        if not chains:
            raise self._inconsistent(parsed, candidates)
        best = min(map(loc.cost, chains))
        chains = [c for c in chains if loc.cost(c) == best]
        for index, part in enumerate(parsed):
            places = {c[index].place for c in chains}
            top = min(LEVELS.index(p.level) for p in places)
            highest = [p for p in places if LEVELS.index(p.level) == top]
            if not part.typed and len(highest) == 1:
                chains = [c for c in chains if c[index].place is highest[0]]
        targets = loc.by_label({c[0].place for c in chains})
        if len(targets) > 1:
            raise self._ambiguous(nfc(text).strip(), parsed, candidates, chains, targets)
        chain = chains[0] if len(chains) == 1 else min(
            chains, key=lambda c: [sort_key(m.place.label, numeric=True) for m in c])
        notes = tuple(loc.former_note(part, match) for part, match in zip(parsed, chain) if match.former)
        former = next((part.text for part, match in zip(parsed, chain) if match.former), None)
        return Resolution(targets[0], notes, former)

    def _candidates(self, part: loc.Part, era: str) -> list[loc.Match]:
        """Places a part may name, by name and type (diacritics must match when written), then by former name."""
        found: dict[Place, bool] = {}
        for kind, name in part.readings:
            exact = loc.exact_key(name)
            written = exact != loc.loose_key(name)
            for place, source in self._index[era].get(loc.loose_key(name), ()):
                if loc.fits(place, kind):
                    same = loc.exact_key(source) == exact
                    if same or not written:
                        found[place] = found.get(place, False) or same
        exact_ones = [p for p, same in found.items() if same]
        matches = [loc.Match(p) for p in exact_ones or found]
        if era == ERA_LEGACY:
            matches += [loc.Match(p, title) for p, title in self._formers(part).items() if p not in found]
        return matches

    def _formers(self, part: loc.Part) -> dict[Place, str]:
        """Units that took over a former unit the part names (of its type, if written), with its title."""
        successors: dict[Place, str] = {}
        for kind, name in part.readings:
            for place, kinds in self._former.get(loc.loose_key(name), {}).items():
                typed = kinds - {None}
                if kind is None:
                    known = next(iter(typed)) if len(typed) == 1 else None
                    successors.setdefault(place, unit_title(known, name) if known else f'"{name}"')
                elif kind in typed or (not typed and loc.fits(place, kind)):
                    successors[place] = unit_title(kind, name)
        return successors

    def _ambiguous(self, text: str, parts: list[loc.Part], candidates: list[list[loc.Match]],
                   chains: list[tuple[loc.Match, ...]], targets: list[Place]) -> PlaceError:
        """Error for a locality naming several places; a former name taken over by several units says so."""
        for index, part in enumerate(parts):
            successors = loc.by_label({c[index].place for c in chains})
            if len(successors) > 1 and all(m.former for m in candidates[index]):
                return PlaceError(f'no place "{part.text}" in the administrative units before 1 July 2025; '
                                  f'"{part.text}" was {loc.MERGED} {loc.listing(successors)}', successors)
        return PlaceError(f'"{text}" is ambiguous: it names {len(targets)} places: '
                          f"{loc.listing(targets)}; add its {loc.hint(targets)}", targets)

    def _inconsistent(self, parts: list[loc.Part], candidates: list[list[loc.Match]]) -> PlaceError:
        """Error for parts that each name places but do not nest."""
        if loc.chains(candidates[::-1]):
            return PlaceError(f'"{", ".join(p.text for p in parts)}": write the most specific part first: '
                              f'"{", ".join(p.text for p in reversed(parts))}"')
        index = 1
        while loc.chains(candidates[: index + 1]):
            index += 1
        ends = [c[-1] for c in loc.chains(candidates[:index])]
        inner = loc.by_label({m.place for m in ends})
        outer = ", ".join(p.text for p in parts[index:])
        its = f"it was {loc.MERGED}" if all(m.former for m in ends) else "it is" if len(inner) == 1 else "it is one of"
        return PlaceError(f'"{parts[index - 1].text}" is not in "{outer}": {its} {loc.listing(inner)}', inner)

    def _unknown(self, parts: list[loc.Part], candidates: list[list[loc.Match]], index: int, era: str) -> PlaceError:
        """Error for a part that names nothing in the era, with hints and suggestions."""
        part = parts[index]
        other = ERA_2025 if era == ERA_LEGACY else ERA_LEGACY
        higher = {j: self._meant(parts[j], era) for j in range(index + 1, len(parts))  # misspelt: in no era
                  if not candidates[j] and not self._candidates(parts[j], other)}
        within = next(([m.place for m in c] for c in candidates[index + 1:] if c), []) \
            or next((meant for meant in higher.values() if meant), [])
        same_name, close = self._suggest(part, era, within)
        suggestions = same_name or close
        message = f'no place "{part.text}" in the administrative units {ERA_PHRASES[era]}'
        elsewhere = [m.place for m in self._candidates(part, other) if not m.former]
        if elsewhere:
            dated = "dated before 1 July 2025" if era == ERA_LEGACY else "dated from 1 July 2025"
            message = (f'"{part.text}" is a unit {ERA_PHRASES[other]} ({loc.listing(loc.by_label(elsewhere), 3)}); '
                       f"this article is {dated}, so its places are the units {ERA_PHRASES[era]}")
            suggestions = same_name
        untyped = loc.Part(part.text, tuple((None, name) for _, name in part.readings), False)
        formerly = self._formers(untyped) if era == ERA_LEGACY else {}
        if formerly:
            message += "".join(f"; {formerly[p]} was {loc.MERGED} {p.label}" for p in loc.by_label(formerly)[:3])
            suggestions = loc.by_label(formerly)
        elif suggestions:
            message += f"; did you mean: {loc.listing(suggestions, 5)}?"
        for j, meant in higher.items():  # a misspelt unit above it is said at once, not after a fix
            meant = sorted(meant, key=lambda p: not any(p in s.chain for s in suggestions))  # above a suggestion first
            hint = f" (did you mean {loc.listing(meant[:2])}?)" if meant else ""
            message += f'; the higher unit "{parts[j].text}" is not known either{hint}'
        return PlaceError(message, suggestions, unknown=True)

    def _meant(self, part: loc.Part, era: str) -> list[Place]:
        """The units an unknown part most likely means (of its type, when written)."""
        same, close = self._suggest(part, era, [])
        fitting = [p for p in same or close if any(loc.fits(p, kind) for kind, _ in part.readings)]
        return fitting or same or close

    def _suggest(self, part: loc.Part, era: str, within: list[Place]) -> tuple[list[Place], list[Place]]:
        """Places named alike but for diacritics or type, and places spelt closely (best first)."""
        index = self._index[era]
        same: dict[Place, tuple[bool, bool]] = {}
        close: dict[Place, float] = {}
        for kind, name in part.readings:
            key = loc.loose_key(name)
            for place, _ in index.get(key, ()):
                rank = (not loc.fits(place, kind), not any(w in place.chain for w in within))
                same[place] = min(same.get(place, rank), rank)
            for match in difflib.get_close_matches(key, index, n=6, cutoff=0.75):
                ratio = difflib.SequenceMatcher(None, key, match).ratio()
                for place, _ in index[match]:
                    score = ratio + 0.2 * loc.fits(place, kind) + 0.2 * any(w in place.chain for w in within)
                    close[place] = max(close.get(place, 0.0), score)
        same_ranked = sorted(loc.by_label(same), key=lambda p: same[p])
        return same_ranked[:5], sorted(loc.by_label(close), key=lambda p: -close[p])[:5]


def _build(rows: dict[tuple[str, str, str], Row]) -> list[Place]:
    """Places from (era, level, code) → (full name, short, kind, parent key), parents first."""
    order = sorted(rows, key=lambda k: LEVELS.index(k[1]))
    siblings: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key in order:
        siblings[rows[key][3] or key[0]].append(key)
    slugs: dict[tuple[str, str, str], str] = {}
    for keys in siblings.values():
        bases = {k: slugify(rows[k][1]) or k[2] for k in keys}
        counts = Counter(bases.values())
        for k, base in bases.items():
            slugs[k] = f"{base}-{k[2]}" if counts[base] > 1 else base
    built: dict[str, Place] = {}
    for era, level, code in order:
        name, short, kind, parent = rows[era, level, code]
        built[f"{era}:{level}:{code}"] = Place(
            era, level, code, name, short, kind, slugs[era, level, code], built[parent] if parent else None)
    return list(built.values())


def _check_era(era: str) -> str:
    """Return ``era`` if it is a known era; ValueError otherwise."""
    if era not in ERA_PHRASES:
        raise ValueError(f"unknown era {era!r}; use {ERA_LEGACY!r} or {ERA_2025!r}")
    return era


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer.load()


def _place_by_key(key: str) -> Place:
    return gazetteer().get(key)
