"""The register of places shipped as package data (archivist/model/data/gazetteer.json.gz)
is what tools/make_gazetteer.py makes from the vietnamadminunits package, with its
provenance and licence, and the build runs without that package."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from importlib.metadata import version

from archivist.model.gazetteer_data import DATA_FILE
from tests.golden import ROOT

TOOL = ROOT / "tools" / "make_gazetteer.py"


def _tool():
    spec = importlib.util.spec_from_file_location("make_gazetteer", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_register_is_what_the_script_makes_from_the_package():
    tool = _tool()
    made = tool.make(tool.package_database(), version("vietnamadminunits"))
    assert DATA_FILE.read_bytes() == made, "run python tools/make_gazetteer.py and review the golden output"
    assert tool.TARGET == DATA_FILE


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
    reads its files."""
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
    build = subprocess.run([sys.executable, "-c", script.split("import archivist")[0]
                            + "sys.argv = ['build.py', '--version']\nimport runpy\nrunpy.run_path(%r, run_name='__main__')"
                            % str(ROOT / "build.py")], capture_output=True, text=True, cwd=tmp_path)
    assert build.returncode == 0 and "build.py" in build.stdout, build.stderr
