"""The register of places shipped as package data (archivist/model/data/gazetteer.json.gz)
is what archivist/model/gazetteer_maker.py makes from the vietnamadminunits package, with
its provenance and licence, and the build runs without that package (or its maker)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from importlib.metadata import version

from archivist.model import gazetteer_maker
from archivist.model.gazetteer_data import DATA_FILE
from tests.golden import ROOT


def test_the_shipped_register_is_what_the_maker_makes_from_the_package():
    made = gazetteer_maker.make(gazetteer_maker.package_database(), version("vietnamadminunits"))
    assert DATA_FILE.read_bytes() == made, \
        "run python -m archivist.model.gazetteer_maker and review the golden output"


def test_the_maker_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "archivist.model.gazetteer_maker", "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"gazetteer.json.gz matches vietnamadminunits {version('vietnamadminunits')}\n"


def test_the_shipped_register_names_its_source_and_licence():
    source = json.loads(gzip.decompress(DATA_FILE.read_bytes()))["source"]
    assert source["package"] == "vietnamadminunits" and source["version"] == version("vietnamadminunits")
    assert source["licence"] == "MIT" and "Tran Ngoc Minh Hieu" in source["copyright"]
    notice = (DATA_FILE.parent / "gazetteer.LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in notice and source["copyright"] in notice
    readme = (DATA_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert source["sha256"] in readme and "vietnamadminunits" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_build_needs_no_vietnamadminunits_package(tmp_path):
    """Every module of the package imported, and a place resolved, with the package
    hidden (as after pip install -e . without the test extra): nothing imports it or
    reads its files; and a site built so, without importing the register's maker."""
    script = """
import importlib.abc, pkgutil, sys
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("vietnamadminunits", "numpy", "shapely", "geopy"):
            raise ImportError(name + " is hidden")
sys.meta_path.insert(0, Hide())
import archivist
for module in pkgutil.walk_packages(archivist.__path__, "archivist."):
    __import__(module.name)
from archivist.model.places import ERA_LEGACY, gazetteer
print(gazetteer().resolve("phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên", ERA_LEGACY).key)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "legacy:ward:03142"
    site = tmp_path / "archive"
    shutil.copytree(ROOT / "tests" / "fixtures" / "archive", site, ignore=shutil.ignore_patterns(".cache", "output"))
    build = subprocess.run([sys.executable, "-c", script.split("import archivist")[0] + f"""
import runpy
sys.argv = ["build.py", "--root", {str(site)!r}, "--templates", {str(ROOT / "templates")!r}, "--no-search", "-q"]
try:
    runpy.run_path({str(ROOT / "build.py")!r}, run_name="__main__")
except SystemExit as end:
    print(end.code, "archivist.model.gazetteer_maker" in sys.modules)
"""], capture_output=True, text=True, cwd=tmp_path)
    assert build.stdout == "0 False\n", build.stderr  # built, without the maker of the register
    assert (site / "output" / "index.html").is_file()
