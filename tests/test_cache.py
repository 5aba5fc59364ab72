"""The parse cache: unchanged files are not parsed again; edits and --clean are."""

import shutil

from archivist import content, live
from archivist.pipeline import Project, build
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

    from archivist.places import gazetteer

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
    assert "load: 8 articles, 0 warnings" in captured.err
    assert captured.out.startswith("8 articles, ") and captured.out.count("\n") == 1


def test_cache_key_covers_every_module_a_build_runs():
    import subprocess
    import sys

    from archivist.cache import build_modules

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, archivist.pipeline; print(' '.join(sorted(m.split('.')[1] "
         "for m in sys.modules if m.startswith('archivist.'))))"],
        capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert sorted(p.stem for p in build_modules()) == loaded
    assert "importer" not in loaded and "serve" not in loaded
