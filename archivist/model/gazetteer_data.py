"""Reading the official register of administrative units for archivist.model.places.

The register is the data set of the vietnamadminunits package, shipped with this tool as
``data/gazetteer.json.gz`` (the columns used, made from the package by
gazetteer_maker.py), so that the package and its geographic stack are not installed.

``read_units`` returns the units of both eras as plain rows keyed by
(era, level, code), with the kind of unit taken from the full name (the type
column is wrong for a few units), the short name without the gazetteer's
disambiguation suffix and with every syllable capitalised as names are written (the
package has a few in lowercase: "Đại áng"), and the former names the gazetteer records for legacy
districts and wards (the ``…Alias`` columns: ASCII keys such as "thixacualo",
"txcualo", "cualo" for thành phố Vinh).  ``former_name`` splits such a key into
the kind of the former unit, when the key spells it, and its name.

``read_succession`` reads the package's record of the 2025 reform (its converter data,
shipped in the same file): which unit of 1 July 2025 took over each legacy province and
ward (a ward split among several takes each of them). ``read_positions`` gives each
unit's latitude and longitude (for the maps).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path
from typing import Iterator

from archivist.model.vietnamese import fold

__all__ = ["DATA_FILE", "ERA_LEGACY", "ERA_2025", "LEVELS", "KINDS", "Row", "loose", "read_units", "read_positions",
           "former_name", "read_succession"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"
"""The register's rows, made from the vietnamadminunits package (1.0.4, MIT licence) by
gazetteer_maker.py; its provenance is in the file and in data/README.md."""

ERA_LEGACY = "legacy"
ERA_2025 = "2025"
LEVELS = ("province", "district", "ward")
KINDS = {
    "province": ("Thành phố", "Tỉnh"),
    "district": ("Thành phố", "Thị xã", "Huyện", "Quận"),
    "ward": ("Thị trấn", "Đặc khu", "Phường", "Xã"),
}
Row = tuple[str, str, str, str | None]  # full name, short name, kind, parent key

_NON_WORD = re.compile(r"[\W_]+")
_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)$")
# Type prefixes of alias keys, longest first: full words, then abbreviations.
_ALIAS_PREFIXES = tuple((fold(k).replace(" ", ""), k) for k in (
    "Thành phố", "Thị trấn", "Đặc khu", "Phường", "Thị xã", "Huyện", "Quận", "Xã")) + (
    ("tp", "Thành phố"), ("tx", "Thị xã"), ("tt", "Thị trấn"), ("q", "Quận"), ("p", "Phường"), ("h", "Huyện"),
    ("x", "Xã"))


def loose(text: str) -> str:
    """Matching key ignoring diacritics, case, spaces and punctuation; numbers by value ("09" → "9")."""
    key = fold(text).replace(" ", "")
    if not key.isalnum():
        key = _NON_WORD.sub("", key)
    return str(int(key)) if key.isdigit() else key


def read_units() -> tuple[dict[tuple[str, str, str], Row], dict[str, tuple[str, ...]]]:
    """Rows of every unit of both eras, and the alias keys of legacy units by place key ("legacy:ward:16681")."""
    tables = _tables()
    rows: dict[tuple[str, str, str], Row] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for era, parent in ((ERA_LEGACY, "district"), (ERA_2025, "")):
        table = tables[era]
        for name, short, code in table.distinct("province", "provinceShort", "provinceCode"):
            rows[era, "province", code] = (_cased(name, "province", ""), short, _kind(name, "province", ""), None)
        up_column = f"{parent or 'province'}Code"
        for name, short, kind, code, up in table.distinct("ward", "wardShort", "wardType", "wardCode", up_column,
                                                          filled="ward"):
            rows[era, "ward", code] = (_cased(name, "ward", kind), _short(short), _kind(name, "ward", kind),
                                       f"{era}:{parent or 'province'}:{up}")
    legacy = tables[ERA_LEGACY]
    for name, short, kind, code, up in legacy.distinct("district", "districtShort", "districtType", "districtCode",
                                                       "provinceCode"):
        rows[ERA_LEGACY, "district", code] = (_cased(name, "district", kind), _short(short),
                                              _kind(name, "district", kind), f"{ERA_LEGACY}:province:{up}")
    for level in ("district", "ward"):
        for code, keys in legacy.distinct(f"{level}Code", f"{level}Alias", filled=f"{level}Alias"):
            aliases[f"{ERA_LEGACY}:{level}:{code}"] = tuple(dict.fromkeys(loose(k) for k in json.loads(keys)))
    return rows, aliases


def read_positions() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of every unit of both eras that the gazetteer places, by place
    key ("legacy:district:498"): a point inside the unit (its seat, or its centre)."""
    positions: dict[str, tuple[float, float]] = {}
    levels = {ERA_LEGACY: LEVELS, ERA_2025: ("province", "ward")}
    for era, table in _tables().items():
        for level in levels[era]:
            for code, lat, lon in table.distinct(f"{level}Code", f"{level}Lat", f"{level}Lon"):
                if lat is not None and lon is not None:
                    positions[f"{era}:{level}:{code}"] = (float(lat), float(lon))
    return positions


class _Table:
    """One table of the data file: its column names and its rows, in the package's order."""

    def __init__(self, columns: list[str], rows: list[list]):
        self.index = {name: position for position, name in enumerate(columns)}
        self.rows = rows

    def distinct(self, *columns: str, filled: str | None = None) -> Iterator[tuple]:
        """The distinct values of ``columns``, in the order of their first row, of the rows
        whose column ``filled`` holds a value (neither NULL nor empty): SQL's ``SELECT
        DISTINCT … WHERE filled != ''`` over the package's table."""
        positions = [self.index[name] for name in columns]
        check = None if filled is None else self.index[filled]
        seen: dict[tuple, None] = {}
        for row in self.rows:
            if check is None or row[check] not in (None, ""):
                seen.setdefault(tuple(row[i] for i in positions))
        return iter(seen)


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    """The shipped data file (DATA_FILE), decoded once (a cold build reads its units, their
    positions and the 2025 reform from it). Not to be changed by its readers."""
    return json.loads(gzip.decompress(DATA_FILE.read_bytes()))


def _tables(data: dict | None = None) -> dict[str, _Table]:
    """The two eras' tables of the shipped data file."""
    data = data or _data()
    return {era: _Table(data[era]["columns"], data[era]["rows"]) for era in (ERA_LEGACY, ERA_2025)}


def former_name(key: str, siblings: tuple[str, ...], own: str) -> tuple[str | None, str]:
    """(kind, name key) of an alias key: "thixacualo" → ("Thị xã", "cualo") when "cualo" is also an
    alias of the unit, or the unit's own name ``own``, or the name is a number ("quan09" → ("Quận", "9"));
    otherwise (None, key), as the prefix may be part of a name ("phuongson")."""
    for prefix, kind in _ALIAS_PREFIXES:
        rest = key[len(prefix):]
        if key.startswith(prefix) and rest and (rest in siblings or rest == own or rest.isdigit()):
            return kind, loose(rest)
    return None, key


def _kind(full: str, level: str, column_type: str) -> str:
    """Kind from the full name's type word, trusted over the type column."""
    if column_type in KINDS[level] and full.startswith(column_type + " "):
        return column_type
    lowered = full.lower()
    return next((k for k in KINDS[level] if lowered.startswith(k.lower() + " ")), column_type)


def _cased(full: str, level: str, column_type: str) -> str:
    """The full name with its type word cased as the kind ("Thành Phố Bắc Kạn" → "Thành phố Bắc Kạn") and
    every syllable of the name capitalised."""
    kind = _kind(full, level, column_type)
    return kind + _syllables(full[len(kind):]) if full.lower().startswith(kind.lower() + " ") else full


def _short(short: str) -> str:
    """Short name without the gazetteer's disambiguation suffix: "Kỳ Anh (Huyện)" → "Kỳ Anh"; every syllable
    capitalised, as names are written ("Đại áng" → "Đại Áng"; not the "trường" of a state farm's township,
    "Nông trường Phong Hải")."""
    return _syllables(_DISAMBIGUATION.sub("", short) if short.endswith(")") else short)


_LOWER_INITIAL = re.compile(r"(?<!\S)(?<!Nông\s)([a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])")


def _syllables(name: str) -> str:
    return _LOWER_INITIAL.sub(lambda m: m[1].upper(), name)


Succession = tuple[tuple[str, str, bool], ...]
"""(legacy place key, 2025 place key, whole): ``whole`` is False for each part of a legacy
ward the reform split among several units."""


def read_succession() -> Succession:
    """Which 2025 unit took over each legacy unit: every province, every ward, and the
    island districts without wards (each became a đặc khu), from the package's converter
    data, which names units by the keys of their ASCII names (matched here to codes)."""
    data = _data()
    tables = _tables(data)
    legacy: dict[str, str] = {}  # "province_district_ward" or "province" → legacy place key
    current: dict[str, str] = {}  # "province_ward" or "province" → 2025 place key
    for province, district, ward, province_code, district_code, ward_code in tables[ERA_LEGACY].distinct(
            "provinceKey", "districtKey", "wardKey", "provinceCode", "districtCode", "wardCode"):
        legacy[f"{province}_{district}_{ward or ''}"] = (f"{ERA_LEGACY}:ward:{ward_code}" if ward_code
                                                         else f"{ERA_LEGACY}:district:{district_code}")
        legacy[province] = f"{ERA_LEGACY}:province:{province_code}"
    for province, ward, province_code, ward_code in tables[ERA_2025].distinct(
            "provinceKey", "wardKey", "provinceCode", "wardCode"):
        current[f"{province}_{ward}"] = f"{ERA_2025}:ward:{ward_code}"
        current[province] = f"{ERA_2025}:province:{province_code}"
    reform = data["succession"]
    pairs = [(old, new, True) for new, olds in reform["province"].items() for old in olds]
    pairs += [(old, f"{province}_{ward}", True) for province, wards in reform["ward"].items()
              for ward, olds in wards.items() for old in olds]
    pairs += [(old, f"{province}_{new}", False)
              for province, olds in reform["divided"].items() for old, news in olds.items() for new in news]
    # a key this version of the data does not match is left out: no link rather than a wrong one
    return tuple((legacy[old], current[new], whole) for old, new, whole in pairs if old in legacy and new in current)
