"""Gazetteer of Vietnamese administrative units and a strict locality resolver.

Two eras: ERA_LEGACY (provinces › districts › wards, the units as they stood
on 30 June 2025) and ERA_2025 (provinces › wards, from 1 July 2025), read from
the SQLite file shipped with vietnamadminunits.  Codes are reused across eras,
so a unit's identity is (era, level, code).

Slugs are the ASCII slug of the short name ("Phường 14" → "phuong-14"); when
siblings in the gazetteer share a slug, each of them gets "-<code>" appended.

Names in curators' text compare case-, whitespace- and punctuation-
insensitively, with tone placement normalised ("Hoà" = "Hòa").  A name
written without any diacritics compares on folded letters and prefers an
exact match (ASCII "Sa Pa" is Sa Pa, not Sa Pả); a name written with
diacritics must match them exactly ("Mường Luan" is not Mường Luân).  A few
aliases are known (HN, HCM, TPHCM, Sài Gòn before 2025, Thừa Thiên Huế,
BR-VT); former names the gazetteer records ("thị xã Phúc Yên", "Quận 9") are
never resolved, but the error names the unit that took them over.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import importlib.util
import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from archivist.vietnamese import fold, nfc, normalize_tones, slugify, sort_key

__all__ = ["ERA_LEGACY", "ERA_2025", "REFORM_DATE", "Place", "PlaceError", "Gazetteer", "gazetteer", "era_for"]

ERA_LEGACY = "legacy"
ERA_2025 = "2025"
REFORM_DATE = datetime.date(2025, 7, 1)
ERA_PHRASES = {ERA_LEGACY: "before 1 July 2025", ERA_2025: "from 1 July 2025"}
LEVELS = ("province", "district", "ward")

_KINDS = {
    "province": ("Thành phố", "Tỉnh"),
    "district": ("Thành phố", "Thị xã", "Huyện", "Quận"),
    "ward": ("Thị trấn", "Đặc khu", "Phường", "Xã"),
}
_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã")
_ASCII_WORDS = {fold(w): w for w in _WORDS}
# Type word or abbreviation (lowercase) → kind; "tỉnh" names every province (see _fits).
_TYPE_WORDS = {w: w[0].upper() + w[1:] for w in _WORDS} | {
    "tp": "Thành phố", "tx": "Thị xã", "tt": "Thị trấn", "h": "Huyện", "q": "Quận", "p": "Phường", "x": "Xã"}
# A type word at the start of a part: in full (with or without diacritics) or
# abbreviated (TP., TX, TT., and H./P./Q./X. with a dot or before a number: "P.14", "Q1").
_TYPE_RE = re.compile(
    rf"(?P<word>{'|'.join(_WORDS)})(?:\s+|\.\s*)|(?P<ascii>{'|'.join(_ASCII_WORDS)})\s+"
    r"|(?P<abbr>tp|tx|tt)(?:\.\s*|\s+|(?=\d))|(?P<letter>[hpqx])(?:\.\s*|\s*(?=\d))",
    re.IGNORECASE,
)
_COUNTRY = {"vietnam", "vn"}
# Extra names curators use, by place key.
_ALIASES: dict[str, tuple[str, ...]] = {
    "legacy:province:01": ("HN",), "2025:province:01": ("HN",),
    "legacy:province:79": ("HCM", "TPHCM", "Sài Gòn"), "2025:province:79": ("HCM", "TPHCM"),
    "legacy:province:46": ("Thừa Thiên Huế",), "2025:province:46": ("Thừa Thiên Huế",),
    "legacy:province:77": ("BR-VT",),
}
_NON_WORD = re.compile(r"[\W_]+")
_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)$")
_MAX_LISTED = 10
_Row = tuple[str, str, str, str | None]  # full name, short name, type column, parent key


def _loose(text: str) -> str:
    """Matching key ignoring diacritics, case, spaces and punctuation."""
    key = fold(text).replace(" ", "")
    if not key.isalnum():
        key = _NON_WORD.sub("", key)
    return str(int(key)) if key.isdigit() else key


def _exact(text: str) -> str:
    """Matching key keeping diacritics (tone placement normalised)."""
    key = _NON_WORD.sub("", normalize_tones(text).lower())
    return str(int(key)) if key.isdigit() else key


_TYPE_KEYS = {_loose(w) for w in _TYPE_WORDS}


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
        """Full name with the type word lowercased: "phường Thanh Trường"."""
        if self.name.startswith(self.kind):
            return self.kind.lower() + self.name[len(self.kind):]
        return self.name

    @property
    def label(self) -> str:
        """Most specific first: "phường X, thành phố Y, tỉnh Z"."""
        return ", ".join(p.title for p in reversed(self.chain))


class PlaceError(ValueError):
    """A locality that names no place, or more than one."""

    def __init__(self, message: str, candidates: Iterable[Place] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = tuple(candidates)


@dataclass(frozen=True)
class _Part:
    """One comma-separated part of a locality: its text and readings (kind or None, name)."""

    text: str
    readings: tuple[tuple[str | None, str], ...]
    typed: bool


def _parse(text: str) -> _Part:
    """Split a type word ("TP.", "huyện", "P.") off a part; ASCII type words also read as part of the name."""
    match = _TYPE_RE.match(text)
    if not match:
        return _Part(text, ((None, text),), False)
    rest = text[match.end():].strip()
    if match["word"]:
        return _Part(text, ((_TYPE_WORDS[match["word"].lower()], rest),), True)
    word = (match["abbr"] or match["letter"] or _ASCII_WORDS[match["ascii"].lower()]).lower()
    readings = ((_TYPE_WORDS[word], rest),) + (((None, text),) if match["ascii"] else ())
    return _Part(text, readings, True)


def _fits(place: Place, kind: str | None) -> bool:
    """Whether a place is of a kind (None: any); "tỉnh" also fits provinces that are cities."""
    return kind is None or place.kind == kind or (kind == "Tỉnh" and place.level == "province")


class Gazetteer:
    """All units of both eras, with name indexes for resolving localities."""

    def __init__(self, places: Iterable[Place], aliases: dict[str, tuple[str, ...]],
                 former: dict[str, list[Place]]) -> None:
        self._by_key: dict[str, Place] = {}
        self._children: dict[str, list[Place]] = defaultdict(list)
        self._index: dict[str, dict[str, list[tuple[Place, str]]]] = {ERA_LEGACY: {}, ERA_2025: {}}
        self._former = former
        for place in places:
            key = place.key
            self._by_key[key] = place
            self._children[place.parent.key if place.parent else place.era].append(place)
            index = self._index[place.era]
            names = [place.short, *aliases.get(key, ())]
            if place.short.startswith(place.kind + " "):
                names.append(place.short[len(place.kind) + 1:])
            for name in names:
                index.setdefault(_loose(name), []).append((place, name))
        self._sorted: set[str] = set()

    @classmethod
    def load(cls) -> Gazetteer:
        """Read the vietnamadminunits SQLite file (without importing the package)."""
        spec = importlib.util.find_spec("vietnamadminunits")
        if spec is None or spec.origin is None:
            raise RuntimeError("the vietnamadminunits package is not installed")
        database = Path(spec.origin).parent / "data" / "dataset.db"
        rows: dict[tuple[str, str, str], _Row] = {}
        former: dict[str, set[str]] = defaultdict(set)
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            for era, table, parent in ((ERA_LEGACY, "admin_units_legacy", "district"), (ERA_2025, "admin_units", "")):
                query = f"SELECT DISTINCT {{}} FROM {table}"
                for name, short, code in connection.execute(query.format("province, provinceShort, provinceCode")):
                    rows[era, "province", code] = (name, short, "", None)
                columns = f"ward, wardShort, wardType, wardCode, {parent or 'province'}Code"
                for name, short, kind, code, up in connection.execute(query.format(columns) + " WHERE ward != ''"):
                    rows[era, "ward", code] = (name, _short(short), kind, f"{era}:{parent or 'province'}:{up}")
            for name, short, kind, code, up in connection.execute(
                    "SELECT DISTINCT district, districtShort, districtType, districtCode, provinceCode"
                    " FROM admin_units_legacy"):
                rows[ERA_LEGACY, "district", code] = (name, _short(short), kind, f"{ERA_LEGACY}:province:{up}")
            for level in ("district", "ward"):
                for code, aliases in connection.execute(
                        f"SELECT DISTINCT {level}Code, {level}Alias FROM admin_units_legacy"
                        f" WHERE {level}Alias IS NOT NULL"):
                    for alias in json.loads(aliases):
                        former[alias].add(f"{ERA_LEGACY}:{level}:{code}")
        places = _build(rows)
        by_key = {p.key: p for p in places}
        return cls(places, _ALIASES, {a: [by_key[k] for k in sorted(keys)] for a, keys in former.items()})

    def get(self, key: str) -> Place:
        """The place with this key ("legacy:ward:03142"); KeyError if there is none."""
        return self._by_key[key]

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
        _check_era(era)
        parts = [p.strip() for p in re.split(r"[,;]", nfc(text))]
        parsed = [_parse(p) for p in parts if p and _loose(p) not in _COUNTRY]
        if not parsed:
            raise PlaceError(f'no place given in "{text}"')
        for part in parsed:
            if _loose(part.text) in _TYPE_KEYS:
                raise PlaceError(f'"{part.text}" is a type of unit; write the name after it')
        candidates = [self._candidates(p, era) for p in parsed]
        for index, found in enumerate(candidates):
            if not found:
                raise self._unknown(parsed, candidates, index, era)
        chains = self._chains(candidates)
        if not chains:
            raise self._inconsistent(parsed, candidates)
        for index, part in enumerate(parsed):
            if not part.typed and any(c[index].level == "province" for c in chains):
                chains = [c for c in chains if c[index].level == "province"]
        targets = _by_label({c[0] for c in chains})
        if len(targets) > 1:
            raise PlaceError(f'"{nfc(text).strip()}" is ambiguous: it names {len(targets)} places: '
                             f"{_listing(targets)}; add its {_hint(targets)}", targets)
        return targets[0]

    def _candidates(self, part: _Part, era: str) -> list[Place]:
        """Places a part may name, by name and type; diacritics must match when written."""
        found: dict[Place, bool] = {}
        for kind, name in part.readings:
            exact = _exact(name)
            written = exact != _loose(name)
            for place, source in self._index[era].get(_loose(name), ()):
                if _fits(place, kind):
                    same = _exact(source) == exact
                    if same or not written:
                        found[place] = found.get(place, False) or same
        exact_ones = [p for p, same in found.items() if same]
        return exact_ones or list(found)

    def _chains(self, candidates: list[list[Place]]) -> list[tuple[Place, ...]]:
        """Choices of one candidate per part, each later part an ancestor of the one before."""
        chains = [(p,) for p in candidates[0]]
        for found in candidates[1:]:
            chains = [c + (p,) for c in chains for p in found if p in c[-1].chain[:-1]]
        return chains

    def _inconsistent(self, parts: list[_Part], candidates: list[list[Place]]) -> PlaceError:
        """Error for parts that each name places but do not nest."""
        if self._chains(candidates[::-1]):
            return PlaceError(f'"{", ".join(p.text for p in parts)}": write the most specific part first: '
                              f'"{", ".join(p.text for p in reversed(parts))}"')
        index = 1
        while self._chains(candidates[: index + 1]):
            index += 1
        inner = _by_label({c[-1] for c in self._chains(candidates[:index])})
        outer = ", ".join(p.text for p in parts[index:])
        its = "it is" if len(inner) == 1 else "it is one of"
        return PlaceError(f'"{parts[index - 1].text}" is not in "{outer}": {its} {_listing(inner)}', inner)

    def _unknown(self, parts: list[_Part], candidates: list[list[Place]], index: int, era: str) -> PlaceError:
        """Error for a part that names nothing in the era, with hints and suggestions."""
        part = parts[index]
        other = ERA_2025 if era == ERA_LEGACY else ERA_LEGACY
        within = next((c for c in candidates[index + 1:] if c), [])
        same_name, close = self._suggest(part, era, within)
        suggestions = same_name or close
        message = f'no place "{part.text}" in the administrative units {ERA_PHRASES[era]}'
        elsewhere = self._candidates(part, other)
        if elsewhere:
            dated = "dated before 1 July 2025 or undated" if era == ERA_LEGACY else "dated from 1 July 2025"
            message = (f'"{part.text}" is a unit {ERA_PHRASES[other]} ({_listing(_by_label(elsewhere), 3)}); '
                       f"this article is {dated}, so its places are the units {ERA_PHRASES[era]}")
            suggestions = same_name
        keys = {_loose(part.text)} | {_loose(f"{k} {name}") for k, name in part.readings if k}
        formerly = _by_label({p for key in keys for p in self._former.get(key, ())}) if era == ERA_LEGACY else []
        if formerly:
            message += f'; "{part.text}" was merged into or renamed as {_listing(formerly, 3)}'
            suggestions = formerly
        elif suggestions:
            message += f"; did you mean: {_listing(suggestions, 5)}?"
        return PlaceError(message, suggestions)

    def _suggest(self, part: _Part, era: str, within: list[Place]) -> tuple[list[Place], list[Place]]:
        """Places named alike but for diacritics or type, and places spelt closely (best first)."""
        index = self._index[era]
        same: dict[Place, tuple[bool, bool]] = {}
        close: dict[Place, float] = {}
        for kind, name in part.readings:
            key = _loose(name)
            for place, _ in index.get(key, ()):
                rank = (not _fits(place, kind), not any(w in place.chain for w in within))
                same[place] = min(same.get(place, rank), rank)
            for match in difflib.get_close_matches(key, index, n=6, cutoff=0.75):
                ratio = difflib.SequenceMatcher(None, key, match).ratio()
                for place, _ in index[match]:
                    score = ratio + 0.2 * _fits(place, kind) + 0.2 * any(w in place.chain for w in within)
                    close[place] = max(close.get(place, 0.0), score)
        same_ranked = sorted(_by_label(same), key=lambda p: same[p])
        return same_ranked[:5], sorted(_by_label(close), key=lambda p: -close[p])[:5]


def _build(rows: dict[tuple[str, str, str], _Row]) -> list[Place]:
    """Places from (era, level, code) → (full name, short, type, parent key), parents first."""
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
        full, short, column_type, parent = rows[era, level, code]
        kind, name = _kind_and_name(full, level, column_type)
        built[f"{era}:{level}:{code}"] = Place(
            era, level, code, name, short, kind, slugs[era, level, code], built[parent] if parent else None)
    return list(built.values())


def _kind_and_name(full: str, level: str, column_type: str) -> tuple[str, str]:
    """Kind from the full name's type word (trusted over the type column), and the name with it cased."""
    if column_type in _KINDS[level] and full.startswith(column_type + " "):
        return column_type, full
    lowered = full.lower()
    for kind in _KINDS[level]:
        if lowered.startswith(kind.lower() + " "):
            return kind, kind + full[len(kind):]
    return column_type, full


def _short(short: str) -> str:
    """Short name without the gazetteer's disambiguation suffix: "Kỳ Anh (Huyện)" → "Kỳ Anh"."""
    return _DISAMBIGUATION.sub("", short) if short.endswith(")") else short


def _by_label(places: Iterable[Place]) -> list[Place]:
    """Places sorted by label in Vietnamese order, numbers by value."""
    return sorted(places, key=lambda p: sort_key(p.label, numeric=True))


def _listing(places: list[Place], limit: int = _MAX_LISTED) -> str:
    """Labels of places, at most ``limit`` of them, then "and N more"."""
    shown = "; ".join(p.label for p in places[:limit])
    return shown + (f"; and {len(places) - limit} more" if len(places) > limit else "")


def _hint(places: list[Place]) -> str:
    """What to add to tell ambiguous places apart: their type and/or their parent."""
    kinds = Counter(p.kind for p in places)
    hints = [f"type ({' or '.join(sorted((k.lower() for k in kinds), key=sort_key))})"] if len(kinds) > 1 else []
    alike = [p for p in places if kinds[p.kind] > 1]
    if alike:
        legacy_ward = any(p.era == ERA_LEGACY and p.level == "ward" for p in alike)
        hints.append("district or province" if legacy_ward else "province")
    return " or its ".join(hints)


def _check_era(era: str) -> str:
    """Return ``era`` if it is a known era; ValueError otherwise."""
    if era not in ERA_PHRASES:
        raise ValueError(f"unknown era {era!r}; use {ERA_LEGACY!r} or {ERA_2025!r}")
    return era


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer.load()


def era_for(date_value: object) -> str:
    """ERA_2025 for dates known to be on or after 1 July 2025, else ERA_LEGACY (undated included)."""
    if date_value is None:
        return ERA_LEGACY
    if isinstance(date_value, tuple):
        year, month = (tuple(date_value) + (None, None))[:2]
    else:
        year, month = getattr(date_value, "year"), getattr(date_value, "month", None)
    if year is None:
        return ERA_LEGACY
    if year > REFORM_DATE.year or (year == REFORM_DATE.year and month is not None and month >= REFORM_DATE.month):
        return ERA_2025
    return ERA_LEGACY
