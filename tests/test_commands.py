"""The command line a curator acts on (issue 20 §5): ``new`` writes an article's skeleton,
``serve --bind`` serves the preview on the network with a warning, and a long problem or
warning is wrapped to the terminal, its ``path:line: field:`` kept whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archivist.build.content import parse_article
from archivist.importer.skeleton import new_article, skeleton
from archivist.model.errors import BuildFailed
from archivist.model.places import gazetteer
from build import main, wrapped

TODAY = dt.date(2026, 12, 5)


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    return tmp_path


def test_new_writes_a_draft_skeleton_named_from_the_title(root, capsys):
    assert main(["new", "--root", str(root), "Khai mạc", "Hội", "báo", "Xuân: Quý Mão 2023"]) == 0
    path = root / "content" / "khai-mac-hoi-bao-xuan-quy-mao-2023.md"
    assert capsys.readouterr().out == (f"wrote content/{path.name}: a draft; fill in its locality and text, "
                                       "then remove draft: true to publish it\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 'Khai mạc Hội báo Xuân: Quý Mão 2023'\ndate: ")
    assert f"\ndate: {dt.date.today().isoformat()}  #" in text and "\ndraft: true  #" in text
    # the placeholder: a build says what is missing, and how to write it
    with pytest.raises(BuildFailed) as failed:
        parse_article(path.name, f"content/{path.name}", path.read_bytes(), gazetteer())
    assert [str(p) for p in failed.value.problems] == [
        f"content/{path.name}:4: locality: is required but missing: one or more places the article is about, "
        "most specific first (e.g. phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên)"]
    filled = text.replace("locality:  #", "locality: tỉnh Điện Biên  #")
    article, warnings = parse_article(path.name, f"content/{path.name}", filled.encode(), gazetteer())
    assert article.draft and article.title == "Khai mạc Hội báo Xuân: Quý Mão 2023" and article.author is None
    assert [str(w) for w in warnings] == [f"content/{path.name}:11: the article has no text: write it below this line"]


def test_new_never_replaces_a_file_or_takes_an_articles_url(root, capsys):
    first = new_article(root / "content", "Bài viết mới", TODAY)
    first.write_text("đã viết\n", encoding="utf-8")
    assert main(["new", "--root", str(root), "Bài viết mới"]) == 1
    assert capsys.readouterr().err == ("content/bai-viet-moi.md already exists (or has the same URL): edit it, "
                                       "or give another title\n")
    (root / "content" / "2023").mkdir()
    first.rename(root / "content" / "2023" / "Bai-Viet-Moi.md")  # another file with its URL
    assert main(["new", "--root", str(root), "Bài viết MỚI"]) == 1
    assert "content/2023/Bai-Viet-Moi.md already exists" in capsys.readouterr().err
    assert (root / "content" / "2023" / "Bai-Viet-Moi.md").read_text(encoding="utf-8") == "đã viết\n"
    assert main(["new", "--root", str(root), "…"]) == 1
    assert "has no letter or digit" in capsys.readouterr().err
    assert skeleton("Tiêu đề", TODAY).endswith("draft: true  # remove this line to publish it\n---\n\n")


def test_serve_bind_serves_on_the_address_and_warns_off_this_computer(root, capsys, monkeypatch):
    import archivist.preview.serve as preview

    served = []
    monkeypatch.setattr(preview, "serve", lambda project, **options: served.append(options["host"]) or 0)
    assert main(["serve", "--root", str(root)]) == 0
    assert served == ["127.0.0.1"] and capsys.readouterr().err == ""
    assert main(["serve", "--root", str(root), "--bind", "0.0.0.0", "--drafts"]) == 0
    assert served[-1] == "0.0.0.0"
    assert capsys.readouterr().err == ("warning: serving on 0.0.0.0: every device on the network can open the "
                                       "preview and its drafts while it runs; do this on a network you trust\n")
    assert main(["serve", "--root", str(root), "--bind", "::1"]) == 0 and capsys.readouterr().err == ""


LONG = ('warning: content/2023/dien-bien.md:5: locality: thị xã Mường Lay is a former unit, merged into or '
        'renamed as thị xã Mường Lay, tỉnh Điện Biên; filed under it (check the article\'s date)')


def test_a_long_warning_is_wrapped_with_its_place_kept_whole():
    lines = wrapped(LONG, 60).split("\n")
    assert lines[0].startswith("warning: content/2023/dien-bien.md:5: locality: thị xã")
    assert all(len(line) <= 60 for line in lines) and len(lines) > 2
    assert all(line.startswith("    ") and not line.startswith("     ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == LONG
    assert wrapped(LONG, None) == LONG and wrapped("short", 60) == "short"


def test_the_command_line_wraps_on_a_terminal_only(root, capsys, monkeypatch):
    (root / "content" / "a.md").write_text("---\ntitle: A\ndate: 31/02/2020\nlocality: tỉnh Điện Biên\n---\nX.\n",
                                            encoding="utf-8")
    assert main(["--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith('content/a.md:3: date: "31/02/2020" looks like DD/MM/YYYY, but 2020-02 has no day 31; '
                          "check it, and write the date as YYYY-MM-DD (use YYYY")  # one line: a log, a pipe
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: __import__("os").terminal_size((50, 20)))
    assert main(["--root", str(root), "-q"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("content/a.md:3: date:") and lines[1].startswith("    ")
    assert all(len(line) <= 50 for line in lines[:-1])
