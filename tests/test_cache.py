"""The parse cache: unchanged files are not parsed again; edits and --clean are."""

import shutil

import pytest

from archivist.build import content
from archivist.incremental import savedmodel as live
from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, files


def test_only_changed_articles_are_parsed_again(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    calls = []
    real = content.parse_article
    counting = lambda *a: calls.append(a[0]) or real(*a)  # noqa: E731
    monkeypatch.setattr(content, "parse_article", counting)
    monkeypatch.setattr(live, "parse_article", counting)  # an edit starts from the saved model

    build(project)
    first = files(project.output)
    assert len(calls) == 8
    calls.clear()
    build(project)
    assert calls == [] and files(project.output) == first

    article = project.content / "chi-co-thang.md"
    article.write_text(article.read_text(encoding="utf-8").replace("1.500 hộ", "1.600 hộ"), encoding="utf-8")
    report = build(project)
    assert calls == ["chi-co-thang.md"]
    assert "1.600 hộ" in (project.output / "bai-viet" / "chi-co-thang" / "index.html").read_text(encoding="utf-8")
    assert report.written >= 1 and report.unchanged > 40

    calls.clear()
    report = build(project, clean=True)
    assert len(calls) == 8 and report.unchanged == 0


def test_cached_articles_point_at_the_live_gazetteer(tmp_path):
    import pickle

    from archivist.model.places import gazetteer

    place = gazetteer().resolve("phường Thanh Trường, TP. Điện Biên Phủ", "legacy")
    assert pickle.loads(pickle.dumps(place)) is place


def test_unchanged_inputs_skip_the_build_but_damaged_output_is_repaired(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    assert not build(project).skipped
    good = files(project.output)
    assert build(project).skipped
    (project.content / "chi-co-thang.md").touch()  # a new mtime alone changes nothing
    assert build(project).skipped
    (project.output / "index.html").write_text("hỏng", encoding="utf-8")
    report = build(project)
    assert not report.skipped and report.written == 1 and files(project.output) == good
    assert not build(project, base_url="https://example.net/").skipped  # options count too


def test_verbose_build_reports_each_stage(tmp_path, capsys):
    from build import main

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    assert main(["--root", str(tmp_path / "site"), "--templates", str(ROOT / "templates"), "-v"]) == 0
    captured = capsys.readouterr()
    stages = [line.split(":")[0] for line in captured.err.splitlines()]
    assert stages == ["load", "model", "render", "write", "swap", "save"]
    assert "load: 8 articles (8 parsed), 0 warnings" in captured.err
    assert captured.out.startswith("8 articles, ") and captured.out.count("\n") == 1


def test_cache_key_covers_every_module_a_build_runs():
    import subprocess
    import sys

    from archivist.build.store import build_modules

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, archivist.commands; print(' '.join(sorted(m.removeprefix('archivist.') "
         "for m in sys.modules if m.startswith('archivist.') and sys.modules[m].__file__ "
         "and not sys.modules[m].__file__.endswith('__init__.py'))))"],
        capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert sorted(".".join(p.relative_to(ROOT / "archivist").with_suffix("").parts) for p in build_modules()) == loaded
    assert not any(name.startswith(("importer.", "preview.")) for name in loaded)


def _pickled(values: dict) -> dict[str, bytes]:
    import pickle

    return {name: pickle.dumps(value) for name, value in values.items()}


def test_many_values_are_stored_in_one_pack_file_and_read_back(tmp_path):
    from archivist.build.store import PACKS, Store

    values = {f"{n:064x}": {"n": n, "text": "đoạn " * n} for n in range(100)}
    Store(tmp_path).put_many(_pickled(values))
    assert len(list((tmp_path / PACKS).iterdir())) == 1 and not [p for p in tmp_path.iterdir() if p.name != PACKS]
    store = Store(tmp_path)  # a new process's view
    assert all(store.get(name) == value for name, value in values.items())
    assert store.get("f" * 64) is None
    few = {f"{n:064x}": n for n in range(1000, 1003)}  # too few for a pack: a file each
    store.put_many(_pickled(few))
    assert len(list((tmp_path / PACKS).iterdir())) == 1 and all(Store(tmp_path).get(k) == v for k, v in few.items())


def test_pruning_drops_packs_of_parses_no_longer_needed(tmp_path):
    from archivist.build.store import PACKS, Store

    old = {f"a{n:063x}": n for n in range(100)}
    new = {f"b{n:063x}": n for n in range(100)}
    Store(tmp_path).put_many(_pickled(old))
    Store(tmp_path).put_many(_pickled(dict(list(new.items())[:50])))
    Store(tmp_path).put_many(_pickled(dict(list(new.items())[50:])))
    assert len(list((tmp_path / PACKS).iterdir())) == 3
    Store(tmp_path).prune(set(new))  # the old pack holds nothing live: deleted
    assert len(list((tmp_path / PACKS).iterdir())) == 2
    store = Store(tmp_path)
    assert all(store.get(k) == v for k, v in new.items()) and store.get(next(iter(old))) is None
    live = set(list(new)[40:60])  # most packed values dead, in two packs: the live ones in one new pack
    Store(tmp_path).prune(live)
    assert len(list((tmp_path / PACKS).iterdir())) == 1
    store = Store(tmp_path)
    assert all(store.get(k) == new[k] for k in live) and store.get(list(new)[0]) is None


def test_a_damaged_pack_is_a_cache_miss(tmp_path):
    from archivist.build.store import PACKS, Store

    values = {f"{n:064x}": n for n in range(50)}
    Store(tmp_path).put_many(_pickled(values))
    (pack,) = (tmp_path / PACKS).iterdir()
    pack.write_bytes(pack.read_bytes()[:-100])  # cut short
    store = Store(tmp_path)
    assert store.get(f"{0:064x}") == 0 and store.get(f"{49:064x}") is None
    pack.write_bytes(b"not a pack")
    assert Store(tmp_path).get(f"{0:064x}") is None


def test_a_value_damaged_in_place_is_a_miss_never_served(tmp_path):
    """A same-length change inside a stored value (a bad block, a stray edit) no longer
    matches the digest stored before it: a miss, made again, not a wrong answer."""
    from archivist.build.store import PACKS, Store

    values = {f"{n:064x}": f"giá trị {n}" for n in range(50)}
    Store(tmp_path).put_many(_pickled(values))
    Store(tmp_path).put("single", "một mình")
    (pack,) = (tmp_path / PACKS).iterdir()
    data = bytearray(pack.read_bytes())
    at = data.index("giá trị 7".encode())
    data[at:at + 3] = b"GIA"  # same length
    pack.write_bytes(bytes(data))
    single = tmp_path / "si" / "single"
    single.write_bytes(single.read_bytes().replace("một".encode(), "mốt".encode()))  # same length
    store = Store(tmp_path)
    assert store.get(f"{7:064x}") is None and store.get("single") is None
    assert all(store.get(f"{n:064x}") == f"giá trị {n}" for n in range(50) if n != 7)


@pytest.mark.parametrize("damage", ["wrong type", "truncated", "bytes flipped"])
def test_a_damaged_record_model_or_parse_means_rebuild_and_the_same_site(tmp_path, damage):
    """Whatever happens to the files in .cache/ (the last build's record, the saved model,
    packed parses, compiled templates), the next build ends like a clean one."""
    import pickle

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    build(project)
    for path in sorted(p for p in project.cache.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if damage == "wrong type":
            path.write_bytes(pickle.dumps(["not", "what", "was", "stored"]))
        elif damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        else:
            path.write_bytes(bytes(b ^ 0x55 if i % 97 == 13 else b for i, b in enumerate(data)))
    (project.content / "chi-co-thang.md").write_text(
        (project.content / "chi-co-thang.md").read_text(encoding="utf-8").replace("1.500 hộ", "1.600 hộ"), encoding="utf-8")
    report = build(project)
    assert not report.skipped
    other = tmp_path / "clean"
    shutil.copytree(project.root, other, ignore=shutil.ignore_patterns(".cache", "output"))
    build(Project.at(other, templates=ROOT / "templates"), clean=True)
    assert files(project.output) == files(other / "output")


def test_a_large_archive_is_parsed_once_across_builds(tmp_path, monkeypatch):
    """Parsed in worker processes, which put their parses in pack files: a second build
    parses nothing, an edit parses the one file, a changed tool parses all again and its
    old packs go."""
    from archivist.build.store import PACKS

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    source = (project.content / "chi-co-thang.md").read_text(encoding="utf-8")
    for n in range(300):  # chunks of more than PACK_MIN files
        (project.content / f"ban-sao-{n:03d}.md").write_text(source.replace("1.500 hộ", f"{n} hộ"), encoding="utf-8")
    build(project)
    packs = sorted((project.cache / PACKS).iterdir())
    assert packs
    first = files(project.output)
    log = tmp_path / "parsed"  # written by the worker processes that parse

    def parse(*args):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(args[0] + "\n")
        return real(*args)

    def parsed() -> list[str]:
        names = log.read_text(encoding="utf-8").split() if log.exists() else []
        log.unlink(missing_ok=True)
        return names

    real = content.parse_article
    monkeypatch.setattr(content, "parse_article", parse)
    monkeypatch.setattr(live, "parse_article", parse)
    (project.output / "index.html").unlink()  # a full build, not a skipped one
    build(project)
    assert parsed() == [] and files(project.output) == first
    edited = project.content / "ban-sao-007.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Sửa - "), encoding="utf-8")
    build(project)
    assert parsed() == ["ban-sao-007.md"]
    monkeypatch.setattr("archivist.build.content.cache_key", lambda *parts: __import__("archivist.build.store").build.store.key("v2", *parts))
    (project.output / "index.html").unlink()
    build(project)
    assert len(parsed()) == 308
    assert not set(packs) & set((project.cache / PACKS).iterdir())


def test_check_reads_the_parse_cache_but_never_writes_it_even_from_its_workers(tmp_path):
    from archivist.check import check

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    source = (project.content / "chi-co-thang.md").read_text(encoding="utf-8")
    for n in range(300):  # parsed by worker processes, in chunks large enough for packs
        (project.content / f"ban-sao-{n:03d}.md").write_text(source.replace("1.500 hộ", f"{n} hộ"), encoding="utf-8")
    check(project)
    assert not project.cache.exists() or not [p for p in project.cache.rglob("*") if p.is_file()]


def test_a_rewritten_pack_named_as_an_old_one_is_kept(tmp_path):
    """A pack is named by its keys, so rewriting the live values of two packs can give
    the name of one of them (a key stored twice: two builds sharing the cache)."""
    import hashlib

    from archivist.build.store import PACKS, Store

    live = [f"l{n:063x}" for n in range(20)] + ["x" * 64]  # the first pack: live keys only
    name = lambda keys: hashlib.sha256("\0".join(keys).encode()).hexdigest()[:32]  # noqa: E731 (as _write_pack names)
    tries = 0
    while True:  # the second pack (x again, and dead keys) must come after the first in the folder's order
        dead = [f"d{tries:03x}{n:060x}" for n in range(50)]
        if name(["x" * 64, *dead]) > name(live):
            break
        tries += 1
    Store(tmp_path).put_many(_pickled({key: key for key in live}))
    Store(tmp_path).put_many(_pickled({key: key for key in ["x" * 64, *dead]}))
    Store(tmp_path).prune(set(live))  # most packed values dead, live ones in two packs: rewritten
    assert len(list((tmp_path / PACKS).iterdir())) == 1
    store = Store(tmp_path)
    assert all(store.get(key) == key for key in live)


def test_templates_are_compiled_once_per_tool_version(tmp_path, monkeypatch):
    import os

    from archivist.build import store as cache
    from archivist.incremental import freshness
    from archivist.incremental import attach as incremental

    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    build(project)
    compiled = project.cache / "templates"
    (first,) = compiled.iterdir()
    assert any(first.iterdir())  # Jinja's compiled templates, for the next process and build
    pages = files(project.output)
    for age, name in enumerate(["old-1", "old-2", "old-3"], 1):  # other versions, used a day, two, three ago
        (compiled / name).mkdir()
        os.utime(compiled / name, (0, first.stat().st_mtime - 86400 * age))

    for module in (cache, freshness, incremental):  # a new version of the tool
        monkeypatch.setattr(module, "code_version", lambda: "another-version")
    assert not build(project).skipped  # another version of the tool builds again
    # the new version's, and the two versions used last before it: the first and old-1
    assert sorted(p.name for p in compiled.iterdir()) == sorted(["another-version", first.name, "old-1"])
    assert any((compiled / "another-version").iterdir())
    assert files(project.output) == pages


@pytest.mark.parametrize("source, modules", [
    ("from . import search, taxonomy\n", ["build.search", "build.taxonomy"]),
    ("from . import (\n    render,  # pages\n    search,\n)\n", ["build.render", "build.search"]),
    ("from . import render, \\\n    search\n", ["build.render", "build.search"]),
    ("from . import render; x = 1\n", ["build.render"]),
    ("from . import render as b, site\n", ["build.render", "build.site"]),
    ("from .render import(x)\n", ["build.render"]),
    ("from ..model import records, places\n", ["model.records", "model.places"]),
    ("from ..model.records import Article\n", ["model.records"]),
    ("def f():\n    from ..model.yamlsource import key_lines\n", ["model.yamlsource"]),
    ("if TYPE_CHECKING:\n    from ..model.records import Article\n", ["model.records"]),
    ("from archivist.model.places import X\nimport os\nfrom os import path\n", ["model.places"]),
    ("from .nothing import x\n", []),
])
def test_the_modules_a_source_imports_are_read_from_its_import_lines(source, modules):
    from archivist.build.store import imported

    assert imported(source, "build.pipeline") == modules
