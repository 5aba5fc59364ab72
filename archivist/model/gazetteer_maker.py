"""The maker of ``archivist/model/data/gazetteer.json.gz``, from the vietnamadminunits package.

The build reads the official register of administrative units (both eras) from that
file (``archivist/model/gazetteer_data.py``), so that installing the tool does not pull
the package and its geographic stack (numpy, shapely, geopy). The file holds the columns
the build uses of the package's SQLite data set (``vietnamadminunits/data/dataset.db``),
every row in the table's order, with the package's version, the data set's SHA-256 and
its licence (MIT; the notice is kept beside it, ``gazetteer.LICENSE``).

    pip install vietnamadminunits==1.0.4     # the version pinned in the test extra
    python -m archivist.model.gazetteer_maker           # rewrite the data file
    python -m archivist.model.gazetteer_maker --check   # exit 1 when it differs from the package's data

A tool for maintainers: nothing in the package imports it (the build reads the file it
makes), and it finds the package without importing it. tests/test_gazetteer_data.py
checks that the shipped file is what it makes from the installed package.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import sqlite3
import sys
from importlib.metadata import version
from pathlib import Path

from .gazetteer_data import DATA_FILE as TARGET

PACKAGE = "vietnamadminunits"
TABLES = {
    "legacy": ("admin_units_legacy", ("province", "provinceShort", "provinceCode",
                                      "district", "districtShort", "districtType", "districtCode", "districtAlias",
                                      "ward", "wardShort", "wardType", "wardCode", "wardAlias",
                                      "provinceKey", "districtKey", "wardKey",
                                      "provinceLat", "provinceLon", "districtLat", "districtLon", "wardLat", "wardLon")),
    "2025": ("admin_units", ("province", "provinceShort", "provinceCode", "ward", "wardShort", "wardType", "wardCode",
                              "provinceKey", "wardKey", "provinceLat", "provinceLon", "wardLat", "wardLon")),
}
"""Era → the package's table and the columns the build reads of it."""
LICENCE = "MIT"
COPYRIGHT = "Copyright (c) 2025 Tran Ngoc Minh Hieu"
HOME = "https://github.com/tranngocminhhieu/vietnamadminunits"


def package_database() -> Path:
    """The installed package's SQLite data set (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{PACKAGE} is not installed: pip install {PACKAGE}")
    return Path(spec.origin).parent / "data" / "dataset.db"


def succession(converter: Path) -> dict:
    """The package's record of the 2025 reform (``converter_2025.json``), by ASCII name keys:
    2025 province → its legacy provinces; 2025 province → 2025 ward → the legacy wards it
    took whole; 2025 province → a legacy ward split among several → the 2025 wards taking
    its parts (without the converter's coordinates and areas)."""
    data = json.loads(converter.read_text(encoding="utf-8"))
    return {"file": "vietnamadminunits/data/converter_2025.json",
            "sha256": hashlib.sha256(converter.read_bytes()).hexdigest(),
            "province": data["DICT_PROVINCE"], "ward": data["DICT_PROVINCE_WARD_NO_DIVIDED"],
            "divided": {province: {old: [part["newWardKey"] for part in parts] for old, parts in olds.items()}
                        for province, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items()}}


def make(database: Path, package_version: str) -> bytes:
    """The data file's bytes: gzip (no timestamp) of compact JSON, the same for the same data set."""
    data: dict = {"source": {"package": PACKAGE, "version": package_version, "home": HOME,
                             "file": "vietnamadminunits/data/dataset.db",
                             "sha256": hashlib.sha256(database.read_bytes()).hexdigest(),
                             "licence": LICENCE, "copyright": COPYRIGHT}}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        for era, (table, columns) in TABLES.items():
            rows = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
            data[era] = {"table": table, "columns": list(columns), "rows": [list(row) for row in rows]}
    data["succession"] = succession(database.with_name("converter_2025.json"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archivist.model.gazetteer_maker",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = parser.parse_args(argv)
    made = make(package_database(), version(PACKAGE))
    if args.check:
        same = TARGET.is_file() and TARGET.read_bytes() == made
        print(f"{TARGET.name} {'matches' if same else 'differs from'} {PACKAGE} {version(PACKAGE)}")
        return 0 if same else 1
    TARGET.write_bytes(made)
    print(f"wrote {TARGET} ({len(made):,} bytes) from {PACKAGE} {version(PACKAGE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
