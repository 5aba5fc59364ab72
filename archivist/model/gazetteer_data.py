"""Reading the vietnamadminunits SQLite file for archivist.model.places.

``read_units`` returns the units of both eras as plain rows keyed by
(era, level, code), with the kind of unit taken from the full name (the type
column is wrong for a few units) and the short name without the gazetteer's
disambiguation suffix, and the former names the gazetteer records for legacy
districts and wards (the ``…Alias`` columns: ASCII keys such as "thixacualo",
"txcualo", "cualo" for thành phố Vinh).  ``former_name`` splits such a key into
the kind of the former unit, when the key spells it, and its name.
``read_positions`` gives each unit's latitude and longitude (for the maps).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from pathlib import Path

from archivist.model.vietnamese import fold

__all__ = ["ERA_LEGACY", "ERA_2025", "LEVELS", "KINDS", "Row", "loose", "read_units", "read_positions", "former_name"]

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


def _database() -> Path:
    """The SQLite file shipped with vietnamadminunits (found without importing the package)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(spec.origin).parent / "data" / "dataset.db"


def read_units() -> tuple[dict[tuple[str, str, str], Row], dict[str, tuple[str, ...]]]:
    """Rows of every unit of both eras, and the alias keys of legacy units by place key ("legacy:ward:16681")."""
    database = _database()
    rows: dict[tuple[str, str, str], Row] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        for era, table, parent in ((ERA_LEGACY, "admin_units_legacy", "district"), (ERA_2025, "admin_units", "")):
            query = f"SELECT DISTINCT {{}} FROM {table}"
            for name, short, code in connection.execute(query.format("province, provinceShort, provinceCode")):
                rows[era, "province", code] = (_cased(name, "province", ""), short, _kind(name, "province", ""), None)
            columns = f"ward, wardShort, wardType, wardCode, {parent or 'province'}Code"
            for name, short, kind, code, up in connection.execute(query.format(columns) + " WHERE ward != ''"):
                rows[era, "ward", code] = (_cased(name, "ward", kind), _short(short), _kind(name, "ward", kind),
                                           f"{era}:{parent or 'province'}:{up}")
        for name, short, kind, code, up in connection.execute(
                "SELECT DISTINCT district, districtShort, districtType, districtCode, provinceCode"
                " FROM admin_units_legacy"):
            rows[ERA_LEGACY, "district", code] = (_cased(name, "district", kind), _short(short),
                                                  _kind(name, "district", kind), f"{ERA_LEGACY}:province:{up}")
        for level in ("district", "ward"):
            for code, keys in connection.execute(
                    f"SELECT DISTINCT {level}Code, {level}Alias FROM admin_units_legacy"
                    f" WHERE {level}Alias IS NOT NULL"):
                aliases[f"{ERA_LEGACY}:{level}:{code}"] = tuple(dict.fromkeys(loose(k) for k in json.loads(keys)))
    return rows, aliases


def read_positions() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of every unit of both eras that the gazetteer places, by place
    key ("legacy:district:498"): a point inside the unit (its seat, or its centre)."""
    positions: dict[str, tuple[float, float]] = {}
    levels = {ERA_LEGACY: LEVELS, ERA_2025: ("province", "ward")}
    with sqlite3.connect(f"file:{_database()}?mode=ro", uri=True) as connection:
        for era, table in ((ERA_LEGACY, "admin_units_legacy"), (ERA_2025, "admin_units")):
            for level in levels[era]:
                for code, lat, lon in connection.execute(
                        f"SELECT DISTINCT {level}Code, {level}Lat, {level}Lon FROM {table}"
                        f" WHERE {level}Lat IS NOT NULL AND {level}Lon IS NOT NULL"):
                    positions[f"{era}:{level}:{code}"] = (float(lat), float(lon))
    return positions


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
    """The full name with its type word cased as the kind ("Thành Phố Bắc Kạn" → "Thành phố Bắc Kạn")."""
    kind = _kind(full, level, column_type)
    return kind + full[len(kind):] if full.lower().startswith(kind.lower() + " ") else full


def _short(short: str) -> str:
    """Short name without the gazetteer's disambiguation suffix: "Kỳ Anh (Huyện)" → "Kỳ Anh"."""
    return _DISAMBIGUATION.sub("", short) if short.endswith(")") else short
