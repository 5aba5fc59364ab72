"""Reading the vietnamadminunits SQLite file for archivist.model.places.

``read_units`` returns the units of both eras as plain rows keyed by
(era, level, code), with the kind of unit taken from the full name (the type
column is wrong for a few units) and the short name without the gazetteer's
disambiguation suffix, and the former names the gazetteer records for legacy
districts and wards (the ``…Alias`` columns: ASCII keys such as "thixacualo",
"txcualo", "cualo" for thành phố Vinh).  ``former_name`` splits such a key into
the kind of the former unit, when the key spells it, and its name.
``read_succession`` reads the package's record of the 2025 reform: which unit of
1 July 2025 took over each legacy province and ward (a ward split among several
takes each of them).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from pathlib import Path

from archivist.model.vietnamese import fold

__all__ = ["ERA_LEGACY", "ERA_2025", "LEVELS", "KINDS", "Row", "loose", "read_units", "former_name", "read_succession"]

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


def _data_folder() -> Path:
    """The vietnamadminunits package's data folder (found without importing the package)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(spec.origin).parent / "data"


def read_units() -> tuple[dict[tuple[str, str, str], Row], dict[str, tuple[str, ...]]]:
    """Rows of every unit of both eras, and the alias keys of legacy units by place key ("legacy:ward:16681")."""
    database = _data_folder() / "dataset.db"
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


Succession = tuple[tuple[str, str, bool], ...]
"""(legacy place key, 2025 place key, whole): ``whole`` is False for each part of a legacy
ward the reform split among several units."""


def read_succession() -> Succession:
    """Which 2025 unit took over each legacy unit: every province, every ward, and the
    island districts without wards (each became a đặc khu), from the package's converter
    data, which names units by the keys of their ASCII names (matched here to codes)."""
    folder = _data_folder()
    legacy: dict[str, str] = {}  # "province_district_ward" or "province" → legacy place key
    current: dict[str, str] = {}  # "province_ward" or "province" → 2025 place key
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as connection:
        for province, district, ward, province_code, district_code, ward_code in connection.execute(
                "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode FROM admin_units_legacy"):
            legacy[f"{province}_{district}_{ward or ''}"] = (f"{ERA_LEGACY}:ward:{ward_code}" if ward_code
                                                             else f"{ERA_LEGACY}:district:{district_code}")
            legacy[province] = f"{ERA_LEGACY}:province:{province_code}"
        for province, ward, province_code, ward_code in connection.execute(
                "SELECT provinceKey, wardKey, provinceCode, wardCode FROM admin_units"):
            current[f"{province}_{ward}"] = f"{ERA_2025}:ward:{ward_code}"
            current[province] = f"{ERA_2025}:province:{province_code}"
    data = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    pairs = [(old, new, True) for new, olds in data["DICT_PROVINCE"].items() for old in olds]
    pairs += [(old, f"{province}_{ward}", True) for province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
              for ward, olds in wards.items() for old in olds]
    pairs += [(old, f"{province}_{part['newWardKey']}", False)
              for province, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items() for old, parts in olds.items()
              for part in parts]
    # a key this version of the data does not match is left out: no link rather than a wrong one
    return tuple((legacy[old], current[new], whole) for old, new, whole in pairs if old in legacy and new in current)
