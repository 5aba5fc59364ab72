"""Differential test of the incremental build machinery: no build path ever leaves stale output.

A seeded random sequence of edits (article text, summary, title, date, places, tags,
author, source; files added, removed, renamed; site.yaml; templates, some of which show
group members' summaries, text and dates) is applied, step by step, to three copies of the
fixture archive (each with its own templates/, output/ and .cache/):

- "work": ``build(project)`` after each edit, as the command line does. The pipeline
  decides: a full build (which may keep pages by their fingerprints), or, after an edit of
  existing articles' text only, a build that starts from the model the last build saved
  (``_edit_from_saved_model``, spied on wherever the build finds it, and a report without
  a "load" stage, tell which ran: the path is named "saved-model" or "full" in failures,
  and every seed must have taken it at least once, or the test would prove nothing);
- "serve": what ``serve._rebuild`` does: ``quick_edit`` from the model kept in a memory
  dict (the pages it writes must already be the clean build's bytes), then
  ``build(project, memory=memory)`` with the same dict across steps;
- "ref": the same inputs built with ``clean=True`` into a fresh output folder.

After every step ``output/`` of work and serve must equal ref's byte for byte, the search
index (``pagefind/``) included when the seed builds it. A template edit may make the build
fail instead (a template reaching into a group's members for what group records do not
hold): a build that fails must name that template and leave ``output/`` as it was, a
build must fail whenever the clean build does, and the edit is reverted before the next
step. Never a stale page.

A failure names the seed, the step, the build path, every edit so far and the differing
files: the sequences are seeded, so ``-k seed3`` replays it exactly.
"""

from __future__ import annotations

import codecs
import difflib
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any, Callable

import imagesize
import pytest
import yaml

from archivist.build.store import Store
from archivist.commands import Project, build
from archivist.incremental.savedmodel import LIVE
from archivist.model.errors import BuildFailed
from archivist.model.records import ArticleEntry
from archivist.preview import quickedit as live_module
from archivist.preview.quickedit import quick_edit
from tests.golden import FIXTURE, GOLDEN, ROOT, files
from tests.images import png

SEARCH_BUNDLE = "pagefind/"
"""Where the search index is in output/: compared byte for byte too. Pagefind's own
pf_meta, pf_filter and pagefind-entry.json bytes differ between runs unless made
canonical (archivist/searchcanon.py), so a difference there alone is named as such (the
sequence goes on, to find stale pages, and the test fails at its end)."""


# ---------------------------------------------------------------------------------------
# Inputs: an article file's front matter edited key by key, keeping its BOM and line ends


class Doc:
    """An article file: front matter as blocks of lines, one per top-level key (its
    continuation lines and comments with it), and the body; written back with the file's
    own BOM and line ends, keys not edited byte for byte as they were."""

    def __init__(self, raw: bytes):
        self.bom = raw.startswith(codecs.BOM_UTF8)
        text = raw.decode("utf-8-sig")
        self.crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        assert text.startswith("---\n"), text[:60]
        head, self.body = text[4:].split("\n---\n", 1)
        self.blocks: list[list[str]] = []
        for line in head.split("\n"):
            if re.match(r"^[A-Za-z_]\w*:", line) or not self.blocks:
                self.blocks.append([line])
            else:
                self.blocks[-1].append(line)

    def _index(self, key: str) -> int | None:
        return next((i for i, block in enumerate(self.blocks) if block[0].split(":", 1)[0] == key), None)

    def get(self, key: str) -> Any:
        i = self._index(key)
        if i is None:
            return None
        value = yaml.safe_load("\n".join(self.blocks[i]))[key]
        return str(value) if key == "date" and value is not None else value

    def set(self, key: str, value: Any) -> None:
        """``key: value`` in JSON, which YAML reads as it is (flow style, double quotes)."""
        block = [f"{key}: {json.dumps(value, ensure_ascii=False)}"]
        i = self._index(key)
        if i is None:
            self.blocks.append(block)
        else:
            self.blocks[i] = block

    def remove(self, key: str) -> None:
        i = self._index(key)
        if i is not None:
            del self.blocks[i]

    def dump(self) -> bytes:
        text = "---\n" + "\n".join(line for block in self.blocks for line in block) + "\n---\n" + self.body
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


@dataclass(frozen=True)
class Edit:
    """One step's change of the inputs, as new bytes per path under a tree's base folder
    (``site/content/…``, ``site/site.yaml``, ``templates/…``); None deletes the file."""

    description: str
    changes: dict[str, bytes | None]
    template: str | None = None
    """``templates/x.html`` when the edit is of a template, which may make the build fail."""
    kept_mtime: bool = False
    """The files written keep their mtime (as ``cp -p``, ``rsync -a`` or ``touch -r`` leave them)."""
    touched: tuple[str, ...] = ()
    """Files not written, only their mtime moved on (``touch``)."""

    def apply(self, base: Path) -> list[Path]:
        for rel, data in self.changes.items():
            path = base / rel
            if data is None:
                path.unlink()
            else:
                before = path.stat() if self.kept_mtime else None
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                if before is not None:
                    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        for rel in self.touched:
            before = (base / rel).stat()
            os.utime(base / rel, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        return [base / rel for rel in (*self.changes, *self.touched)]

    def undo(self, base: Path) -> Edit:
        """The edit putting back what this one changes, as it is now under ``base``."""
        return Edit(f"undo {self.description}",
                    {rel: (base / rel).read_bytes() if (base / rel).exists() else None for rel in self.changes})


CONTENT = "site/content"
CONFIG = "site/site.yaml"

LEGACY_PLACES = [  # every locality the fixture uses (units before 1 July 2025)
    "Mường Luân, huyện Điện Biên Đông",
    "phường Thanh Trường, Thành phố Điện Biên Phủ, tỉnh Điện Biên",
    "TP. Đông Hà, tỉnh Quảng Trị",
    "P. Mỹ Thạnh, TP Long Xuyên, tỉnh An Giang",
    "huyện Điện Biên Đông, tỉnh Điện Biên",
    "P.14, Q. Bình Thạnh, TP. Hồ Chí Minh",
    "thành phố Lai Châu, tỉnh Lai Châu",
    "phường Quyết Thắng, thành phố Lai Châu",
]
LEGACY_DATES = ["2016-02-29", "2017-09-09", "2019", "2020", "2021-05", "2022-11", "2023-06-01", "2024-12-31",
                "2025-06", "2018-01-05", "2022-03", "2022-11-20", "2022", None]
"""Some in one year (2022): an edit may move an article between its months (nam/2022/thang-11/,
thang-03/, khong-ro-thang/) without changing its year."""
DATES_2025 = ["2025-07-01", "2025-08", "2025-12-31", "2025-08-15"]
"""An article dated from 1 July 2025 is placed among the 2025 units (its places must be
such), one before or undated among the older ones: dates are chosen within its era."""
TAGS = ["Chỉ thị 05", "Dân vận khéo", "văn hoá", "Văn hóa", "VĂN HÓA", "Cải cách hành chính", "Đô thị",
        "<i>thẻ</i>", "Chủ đề mới", "Nông thôn mới"]
AUTHORS = ["Minh Thảo", "minh thảo", "Thanh Tuyền", "Phạm Dung", "Ban VHTT phường Mỹ Thạnh", "Tác giả mới", None]
SOURCES = [{"name": "Báo Điện Biên Phủ", "url": "http://baodienbienphu.info.vn"}, {"name": "Báo Điện Biên Phủ"},
           {"name": "Báo Quảng Trị", "url": "http://baoquangtri.vn"},
           {"name": "Nguồn mới", "url": "https://nguon-moi.example.org"}, None]
TITLES = ["Tin mới về đường làng", "Bản tin <b>đậm</b> & “ngoặc kép”", "Ánh sáng đường phố", "Ấp Bắc hôm nay",
          "Zalo phường", "Đảng viên trẻ"]
SUMMARIES = ["Tóm tắt mới.", "Tóm tắt có <b>thẻ</b> & ký tự “đặc biệt”.", "Một tóm tắt rất dài: " + "chữ " * 80]
WORDS = ["phường", "hộ gia đình", "đảng viên", "Điện Biên", "dân vận", "Đường"]


def _era_2025(date: Any) -> bool:
    if date is None:
        return False
    parts = [int(part) for part in str(date).split("-")]
    return parts[0] > 2025 if len(parts) == 1 else (parts[0], parts[1]) >= (2025, 7)


def _articles(base: Path) -> list[str]:
    """The article files, as paths under the tree's base folder."""
    return sorted(p.relative_to(base).as_posix() for p in (base / CONTENT).rglob("*.md"))


def _doc(base: Path, rel: str) -> Doc:
    return Doc((base / rel).read_bytes())


def _short(rel: str) -> str:
    return rel.removeprefix("site/")


# Text-only edits of existing articles: the saved-model path and serve's quick edit apply.

def _body_append(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    doc.body = doc.body.rstrip("\n") + f"\n\nĐoạn thêm ở bước {n}: {rng.choice(WORDS)}.\n"
    return Edit(f"body of {_short(rel)}: a paragraph appended", {rel: doc.dump()})


def _body_first(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    doc.body = f"Mở đầu {n}, {rng.choice(WORDS)}. " + doc.body
    return Edit(f"body of {_short(rel)}: first paragraph edited (the summary when none is given)", {rel: doc.dump()})


def _body_word(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    targets = " ".join(re.findall(r"\]\(([^)]*)\)", doc.body))  # link and image addresses: an image's must stay
    words = sorted({w for w in re.findall(r"[^\W\d_]{4,}", doc.body)
                    if w not in ("caption", "script", "alert") and w not in targets})
    if not words:
        return _body_append(rng, base, n)
    word = rng.choice(words)
    doc.body = doc.body.replace(word, f"{word}{n}", 1)
    return Edit(f"body of {_short(rel)}: word {word!r} -> {word}{n}", {rel: doc.dump()})


def _two_bodies(rng: random.Random, base: Path, n: int) -> Edit:
    rels = rng.sample(_articles(base), 2)
    changes = {}
    for rel in rels:
        doc = _doc(base, rel)
        doc.body = doc.body.rstrip("\n") + f"\n\nHai bài cùng sửa ở bước {n}.\n"
        changes[rel] = doc.dump()
    return Edit(f"bodies of {_short(rels[0])} and {_short(rels[1])}: a paragraph appended to each", changes)


def _summary_set(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    summary = f"{rng.choice(SUMMARIES)} ({n})"
    doc.set("summary", summary)
    return Edit(f"summary of {_short(rel)} set to {summary[:40]!r}", {rel: doc.dump()})


def _summary_remove(rng: random.Random, base: Path, n: int) -> Edit:
    with_summary = [rel for rel in _articles(base) if _doc(base, rel).get("summary") is not None]
    if not with_summary:
        return _summary_set(rng, base, n)
    rel = rng.choice(with_summary)
    doc = _doc(base, rel)
    doc.remove("summary")
    return Edit(f"summary of {_short(rel)} removed (the first paragraph then)", {rel: doc.dump()})


def _date_note(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    if doc.get("date_note") is not None and rng.random() < 0.5:
        doc.remove("date_note")
        return Edit(f"date_note of {_short(rel)} removed", {rel: doc.dump()})
    doc.set("date_note", f"Theo nội dung bài, bước {n}")
    return Edit(f"date_note of {_short(rel)} set", {rel: doc.dump()})


def _comment(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    doc.blocks[-1].append(f"# ghi chú của người biên tập, bước {n}")
    return Edit(f"front matter of {_short(rel)}: a YAML comment added (no page changes)", {rel: doc.dump()})


# Edits of what places an article: full builds.

def _title(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    title = f"{rng.choice(TITLES)} {n}"
    doc.set("title", title)
    return Edit(f"title of {_short(rel)} -> {title!r}", {rel: doc.dump()})


def _date(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    old = doc.get("date")
    date = rng.choice([d for d in (DATES_2025 if _era_2025(old) else LEGACY_DATES) if d != old])
    if date is None:
        doc.remove("date")
        doc.remove("date_note")
    else:
        doc.set("date", date)
    return Edit(f"date of {_short(rel)}: {old} -> {date if date else 'removed'}", {rel: doc.dump()})


def _places(rng: random.Random, base: Path, n: int) -> Edit:
    legacy = [rel for rel in _articles(base) if not _era_2025(_doc(base, rel).get("date"))]
    rel = rng.choice(legacy)
    doc = _doc(base, rel)
    places = rng.sample(LEGACY_PLACES, rng.choice([1, 1, 2]))
    doc.set("locality", places if len(places) > 1 or rng.random() < 0.5 else places[0])
    return Edit(f"locality of {_short(rel)} -> {places}", {rel: doc.dump()})


def _tags(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    old = list(doc.get("tags") or [])
    choice = rng.random()
    if choice < 0.35 or not old:
        tags = [*old, rng.choice([t for t in TAGS if t not in old])]
    elif choice < 0.6:
        tags = [t for t in old if t != rng.choice(old)]
    else:
        tags = rng.sample(TAGS, rng.randint(0, 3))
    if tags:
        doc.set("tags", tags)
    else:
        doc.remove("tags")
    return Edit(f"tags of {_short(rel)}: {old} -> {tags}", {rel: doc.dump()})


def _optional(key: str, choices: list[Any], show: Callable[[Any], str] = repr) -> Callable[..., Edit]:
    """An edit setting the optional field ``key`` of an article to another of ``choices``
    (None: removing it)."""

    def edit(rng: random.Random, base: Path, n: int) -> Edit:
        rel = rng.choice(_articles(base))
        doc = _doc(base, rel)
        old = doc.get(key)
        value = rng.choice([c for c in choices if c != old])
        if value is None:
            doc.remove(key)
        else:
            doc.set(key, value)
        return Edit(f"{key} of {_short(rel)}: {show(old)} -> {show(value)}", {rel: doc.dump()})

    return edit


_author = _optional("author", AUTHORS)
_source = _optional("source", SOURCES, str)
_draft = _optional("draft", [True, None])  # an article turned into a draft (out of the site) and back


# Files added, removed, renamed; an article rewritten with the same bytes.

def _added(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    doc.set("title", f"Bản sao {n}: {doc.get('title')}")
    new = f"{CONTENT}/{rng.choice(['', 'moi/'])}them-{n}.md"
    return Edit(f"file {_short(new)} added (a copy of {_short(rel)} with a new title, and of its images)",
                {**_images_moved(base, rel, new, remove=False), new: doc.dump()})


def _removed(rng: random.Random, base: Path, n: int) -> Edit:
    articles = _articles(base)
    if len(articles) <= 4:
        return _added(rng, base, n)
    rel = rng.choice(articles)
    return Edit(f"file {_short(rel)} removed", {rel: None})


def _renamed(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    new = f"{CONTENT}/{rng.choice(['', 'doi/'])}doi-ten-{n}.md"
    return Edit(f"file {_short(rel)} renamed to {_short(new)} (its images moved with it)",
                {**_images_moved(base, rel, new, remove=True), rel: None, new: (base / rel).read_bytes()})


_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\(([^):\s]+\.png)\)")
"""A Markdown image of a file beside the article (the fixture's and the edits' are PNGs)."""


def _images_moved(base: Path, rel: str, new: str, remove: bool) -> dict[str, bytes | None]:
    """The changes that give the article ``new`` (moved or copied from ``rel``) the image
    files ``rel`` shows, beside it; with ``remove``, those no other article shows go."""
    old_folder, new_folder = rel.rpartition("/")[0], new.rpartition("/")[0]
    changes: dict[str, bytes | None] = {}
    for src in _LOCAL_IMAGE.findall(_doc(base, rel).body):
        changes[f"{new_folder}/{src}"] = (base / old_folder / src).read_bytes()
        if remove and old_folder != new_folder and not any(
                f"{old_folder}/{src}" in _shown_images(base, other) for other in _articles(base) if other != rel):
            changes[f"{old_folder}/{src}"] = None
    return changes


def _shown_images(base: Path, rel: str) -> set[str]:
    """The image files (paths under the tree's base folder) an article shows."""
    folder = rel.rpartition("/")[0]
    return {f"{folder}/{src}" for src in _LOCAL_IMAGE.findall(_doc(base, rel).body)}


def _touched(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    return Edit(f"file {_short(rel)} rewritten with the same bytes", {rel: (base / rel).read_bytes()})


# Images: files beside the articles, shown with ![alt](path)

_SIZES = [(240, 160), (160, 240), (32, 32), (400, 100)]
_COLOURS = [(46, 125, 50), (21, 101, 192), (198, 40, 40), (255, 193, 7), (90, 90, 90)]


def _image_files(base: Path) -> list[str]:
    return sorted(p.relative_to(base).as_posix() for p in (base / CONTENT).rglob("*.png"))


def _images_shown(base: Path, but: str | None = None) -> set[str]:
    """The image files the articles (but ``but``) show."""
    return set().union(*(_shown_images(base, rel) for rel in _articles(base) if rel != but))


def _image_repainted(rng: random.Random, base: Path, n: int) -> Edit:
    shown = sorted(_images_shown(base))
    if not shown:
        return _image_added(rng, base, n)
    rel = rng.choice(shown)
    width, height = imagesize.get(base / rel)
    return Edit(f"image {_short(rel)} repainted (same size, new bytes)", {rel: png(width, height, _COLOURS[n % 5])})


def _image_resized(rng: random.Random, base: Path, n: int) -> Edit:
    shown = sorted(_images_shown(base))
    if not shown:
        return _image_added(rng, base, n)
    rel = rng.choice(shown)
    size = rng.choice([size for size in _SIZES if size != imagesize.get(base / rel)])
    return Edit(f"image {_short(rel)} resized to {size[0]}×{size[1]}", {rel: png(*size, _COLOURS[n % 5])})


def _image_added(rng: random.Random, base: Path, n: int) -> Edit:
    rel = rng.choice(_articles(base))
    doc = _doc(base, rel)
    src = f"{rng.choice(['', 'anh/'])}moi-{n}.png"
    doc.body = doc.body.rstrip("\n") + f"\n\n![Ảnh mới ở bước {n}]({src})\n\nChú thích ảnh {n}.\n{{: .caption }}\n"
    return Edit(f"body of {_short(rel)}: a new image {src} shown, with its caption",
                {f"{rel.rpartition('/')[0]}/{src}": png(*rng.choice(_SIZES), _COLOURS[n % 5]), rel: doc.dump()})


def _image_unshown(rng: random.Random, base: Path, n: int) -> Edit:
    showing = [rel for rel in _articles(base) if _LOCAL_IMAGE.search(_doc(base, rel).body)]
    if not showing:
        return _image_added(rng, base, n)
    rel = rng.choice(showing)
    doc = _doc(base, rel)
    image = rng.choice(list(_LOCAL_IMAGE.finditer(doc.body)))
    doc.body = doc.body[:image.start()] + doc.body[image.end():]
    file = f"{rel.rpartition('/')[0]}/{image.group(1)}"
    changes: dict[str, bytes | None] = {rel: doc.dump()}
    gone = rng.random() < 0.6 and file not in _images_shown(base, but=rel) and image.group(1) not in doc.body
    if gone:
        changes[file] = None
    return Edit(f"body of {_short(rel)}: image {image.group(1)} no longer shown{' (its file removed)' if gone else ''}",
                changes)


def _image_spare(rng: random.Random, base: Path, n: int) -> Edit:
    spare = sorted(set(_image_files(base)) - _images_shown(base))
    if spare and rng.random() < 0.5:
        rel = rng.choice(spare)
        return Edit(f"image {_short(rel)}, shown by no article, removed", {rel: None})
    rel = f"{CONTENT}/anh/thua-{n}.png"
    return Edit(f"image {_short(rel)}, shown by no article, added", {rel: png(*rng.choice(_SIZES))})


def _image_touched(rng: random.Random, base: Path, n: int) -> Edit:
    images = _image_files(base)
    if not images:
        return _image_added(rng, base, n)
    rel = rng.choice(images)
    return Edit(f"image {_short(rel)} rewritten with the same bytes", {rel: (base / rel).read_bytes()})


# site.yaml and templates

def _site_yaml(rng: random.Random, base: Path, n: int) -> Edit:
    settings = yaml.safe_load((base / CONFIG).read_text(encoding="utf-8")) or {}
    what = rng.choice(["title", "description", "per_page", "related", "feed_size", "directory_urls", "base_url",
                       "segments"])
    if what == "title":
        settings["title"] = f"Kho thử nghiệm & lưu trữ {n}"
    elif what == "description":
        if settings.get("description") and rng.random() < 0.3:
            del settings["description"]
        else:
            settings["description"] = f"Mô tả mới ở bước {n}."
    elif what in ("per_page", "related", "feed_size"):
        settings[what] = rng.choice([v for v in (1, 2, 3, 4) if v != settings.get(what)])
    elif what == "directory_urls":
        settings["directory_urls"] = not settings.get("directory_urls", True)
    elif what == "base_url":
        urls = ["https://example.org/luu-tru/", "https://example.com/", None]
        url = rng.choice([u for u in urls if u != settings.get("base_url")])
        if url is None:
            settings.pop("base_url", None)
        else:
            settings["base_url"] = url
    else:
        segments = settings.get("segments") or {}
        segments["tags"] = "the-loai" if segments.get("tags") != "the-loai" else "chu-de"
        settings["segments"] = segments
    text = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in settings.items())
    shown = settings.get(what, settings.get("segments") if what == "segments" else "removed")
    return Edit(f"site.yaml: {what} -> {shown}", {CONFIG: text.encode("utf-8")})


ARTICLE_LIST = '{{ article_list(pager.items, "Danh sách bài viết") }}'
"""How month.html, term.html and year.html show their page's articles (an anchor of the edits below)."""
MONTH_SHOWS_TITLES = ("month.html shows every member's title and date", "month.html", ARTICLE_LIST,
                      ('<ol class="all">{% for m in group.articles %}<li>{{ m.title }} {{ m.date.iso }}</li>{% endfor %}'
                       "</ol>\n" + ARTICLE_LIST))
TEMPLATE_EDITS: list[tuple[str, str, str, str]] = [
    # (what, file, anchor, the anchor's replacement); {n} is the step
    ("places.html shows each place's newest article's summary", "places.html",
     "{{ node.place.name }}</a>", '{{ node.place.name }}</a> <small class="newest">{{ node.articles[0].summary }}</small>'),
    ("term.html shows every member's date", "term.html", ARTICLE_LIST,
     ('<p class="dates">{% for m in term.articles %}{{ m.date.iso if m.date else "?" }} {% endfor %}</p>\n'
      + ARTICLE_LIST)),
    ("term.html shows its oldest member's text", "term.html", "{{ pagination(pager) }}",
     '{{ pagination(pager) }}\n<aside class="oldest">{{ term.articles[-1].body_html | safe }}</aside>'),
    ("feed.xml shows its group's oldest member's summary", "feed.xml", "<generator>archivist</generator>",
     ("<generator>archivist</generator>\n  {% if kind == 'tag' %}<rights>{{ term.articles[-1].summary }}</rights>"
      "{% elif kind == 'place' %}<rights>{{ node.articles[-1].summary }}</rights>{% endif %}")),
    ("year.html shows every member's title and date", "year.html", ARTICLE_LIST,
     ('<ol class="all">{% for m in group.articles %}<li>{{ m.title }} {{ m.date.iso if m.date else "" }}</li>'
      "{% endfor %}</ol>\n" + ARTICLE_LIST)),
    MONTH_SHOWS_TITLES,
    ("years.html shows each month's count as a title", "years.html", "{% for year in timeline %}",
     '{% for year in timeline %}<p title="{% for m in year.months %}{{ m.count }} {% endfor %}({n})"></p>'),
    ("article.html lists the titles of its tags' articles", "article.html", "{{ article.body_html | safe }}",
     ("{{ article.body_html | safe }}\n<ul class=\"same-tags\">{% for tag in tags %}{% for m in tag.articles %}"
      "<li>{{ m.title }}</li>{% endfor %}{% endfor %}</ul>")),
    ("_article_item.html marks every list entry", "_article_item.html", '<p class="meta">',
     '<p class="meta" data-step="{n}">'),
    ("base.html footer", "base.html", '<footer class="site-footer">', '<footer class="site-footer" data-step="{n}">'),
    ("home.html heading", "home.html", "<h2>Bài viết mới nhất</h2>", "<h2>Bài viết mới nhất ({n})</h2>"),
]


PLACES_SHOW_SUMMARY = TEMPLATE_EDITS[0]
assert "{{ node.articles[0].summary }}" in PLACES_SHOW_SUMMARY[3]


def template_edit(base: Path, n: int, what: str, name: str, anchor: str, new: str) -> Edit:
    rel = f"templates/{name}"
    text = (base / rel).read_text(encoding="utf-8")
    assert anchor in text, (rel, anchor)
    return Edit(f"template: {what}", {rel: text.replace(anchor, new.replace("{n}", str(n)), 1).encode("utf-8")},
                template=rel)


def _template(rng: random.Random, base: Path, n: int) -> Edit:
    if rng.random() < 0.15:
        css = base / "templates" / "static" / "style.css"
        return Edit("static asset style.css edited",
                    {"templates/static/style.css": css.read_bytes() + f"/* bước {n} */\n".encode()})
    usable = [edit for edit in TEMPLATE_EDITS if edit[2] in (base / "templates" / edit[1]).read_text(encoding="utf-8")]
    return template_edit(base, n, *rng.choice(usable))


GENERATORS: list[tuple[Callable[[random.Random, Path, int], Edit], int]] = [
    (_body_append, 6), (_body_first, 3), (_body_word, 3), (_two_bodies, 2), (_summary_set, 4), (_summary_remove, 1),
    (_date_note, 1), (_comment, 1),
    (_title, 3), (_date, 3), (_places, 2), (_tags, 3), (_author, 2), (_source, 2), (_draft, 2),
    (_added, 2), (_removed, 1), (_renamed, 2), (_touched, 1),
    (_site_yaml, 3), (_template, 5),
]


# ---------------------------------------------------------------------------------------
# The three trees and one step


def _copy_fixture(base: Path, search: bool) -> None:
    shutil.copytree(FIXTURE, base / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    shutil.copytree(ROOT / "templates", base / "templates")
    if search:
        config = base / CONFIG
        text = config.read_text(encoding="utf-8")
        assert "search: false" in text
        config.write_text(text.replace("search: false", "search: true"), encoding="utf-8")


def _project(base: Path) -> Project:
    return Project.at(base / "site", templates=base / "templates")


def _attempt(action: Callable[[], Any], where: str) -> tuple[Any, BuildFailed | None]:
    """``action()``'s result, or the BuildFailed it raised; any other error is raised with
    ``where`` (seed, step, path) added to it."""
    try:
        return action(), None
    except BuildFailed as failed:
        return None, failed
    except BaseException as error:
        error.add_note(where)
        raise


def _archivist_modules() -> list[Any]:
    return [module for name, module in sorted(sys.modules.items())
            if module is not None and (name == "archivist" or name.startswith("archivist."))]


def _problems(failed: BuildFailed) -> str:
    return "; ".join(str(problem) for problem in failed.problems)


class Runner:
    """One sequence of steps over the work, serve and ref trees under ``tmp``."""

    def __init__(self, tmp: Path, label: str, monkeypatch: pytest.MonkeyPatch, search: bool = False,
                 prepare: Callable[[Path], None] | None = None):
        self.label = label
        self.bases = {name: tmp / name for name in ("work", "serve", "ref")}
        for base in self.bases.values():
            _copy_fixture(base, search)
            if prepare is not None:
                prepare(base)
        self.work, self.serve = _project(self.bases["work"]), _project(self.bases["serve"])
        self.memory: dict[str, Any] = {}
        self.history: list[str] = []
        self.expected: dict[str, bytes] = {}
        self.search_only: list[str] = []
        """Mismatches in the search index alone (see SEARCH_BUNDLE): the sequence goes on,
        and the test fails at its end."""
        self.failures: list[str] = []
        """This step's other failures: the step ends with them, every path checked first."""
        self.saved_model_steps: list[int] = []
        self.quick_edit_steps: list[int] = []
        self.skipped_steps: list[int] = []
        """Steps whose work build said nothing changed."""
        self._saved_model_ran = False
        self._rendered: dict[str, bytes] = {}
        for module in _archivist_modules():  # wherever the build finds it (pipeline.py, incremental.py)
            real_edit = getattr(module, "_edit_from_saved_model", None)
            if callable(real_edit):
                monkeypatch.setattr(module, "_edit_from_saved_model", self._spy(real_edit))
        real_replace = getattr(live_module, "replace_files", None)
        if real_replace is not None:  # what a quick edit renders (written or not)
            def spy_replace(output: Path, rendered: dict[str, bytes], *args: Any, **kwargs: Any) -> Any:
                self._rendered.update(rendered)
                return real_replace(output, rendered, *args, **kwargs)
            monkeypatch.setattr(live_module, "replace_files", spy_replace)

    def _spy(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def spy_edit(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            self._saved_model_ran = self._saved_model_ran or result is not None
            return result
        return spy_edit

    # -- reference

    def _clean(self) -> tuple[dict[str, bytes] | None, BuildFailed | None]:
        base = self.bases["ref"]
        for leftover in (base / "site" / "output", base / "site" / ".cache"):
            shutil.rmtree(leftover, ignore_errors=True)
        _, failed = _attempt(lambda: build(_project(base), clean=True), f"{self._where()}, clean build")
        return (None, failed) if failed else (files(base / "site" / "output"), None)

    # -- messages

    def _where(self) -> str:
        step = len(self.history) - 1
        return f"{self.label}, step {step}: {self.history[-1]}" if self.history else self.label

    def _story(self) -> str:
        lines = [f"  {i}. {text}" for i, text in enumerate(self.history)]
        return "edits so far (replay with the same seed):\n" + "\n".join(lines)

    def _mismatch(self, path: str, actual: dict[str, bytes], expected: dict[str, bytes], what: str = "output/",
                  against: str = "a clean build of the same input") -> None:
        differing = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
        missing = sorted(expected.keys() - actual.keys())
        extra = sorted(actual.keys() - expected.keys())
        bad = [*differing, *missing, *extra]
        if not bad:
            return
        search_only = all(name.startswith(SEARCH_BUNDLE) for name in bad)
        lines = [f"{self._where()} — path {path!r}: {what} differs from {against}"
                 + (" (ONLY search-index files: Pagefind's bytes, see SEARCH_BUNDLE)" if search_only else ""),
                 f"  differing ({len(differing)}): {', '.join(differing[:40])}{' …' if len(differing) > 40 else ''}"]
        if missing:
            lines.append(f"  missing (in the clean build only) ({len(missing)}): {', '.join(missing[:40])}")
        if extra:
            lines.append(f"  extra (not in the clean build) ({len(extra)}): {', '.join(extra[:40])}")
        shown = next((n for n in differing if not n.startswith(SEARCH_BUNDLE)), None)
        if shown is not None:
            diff = difflib.unified_diff(expected[shown].decode(errors="replace").splitlines(),
                                        actual[shown].decode(errors="replace").splitlines(),
                                        f"clean/{shown}", f"{path}/{shown}", lineterm="", n=1)
            lines.append("\n".join(list(diff)[:40]))
        (self.search_only if search_only else self.failures).append("\n".join(lines))

    def _fail(self, message: str) -> None:
        self.failures.append(f"{self._where()} — {message}")

    def _end_step(self) -> None:
        if self.failures:
            failures, self.failures = self.failures, []
            pytest.fail("\n\n".join([*failures, self._story()]), pytrace=False)

    # -- steps

    def start(self) -> None:
        """The first builds of the three trees (serve's with its memory dict)."""
        self.history.append("initial build")
        self.expected, failed = self._clean()
        assert failed is None, _problems(failed)
        _, failed = _attempt(lambda: build(self.work), self._where())
        assert failed is None, _problems(failed)
        failed = self._serve_build()
        assert failed is None, _problems(failed)
        self._mismatch("full", files(self.work.output), self.expected)
        self._mismatch("serve", files(self.serve.output), self.expected)
        self._end_step()

    def _serve_build(self) -> BuildFailed | None:
        """The full build of serve._rebuild, and the preparation it does after a success."""
        _, failed = _attempt(lambda: build(self.serve, memory=self.memory), f"{self._where()} (serve)")
        if failed is None and (live := self.memory.get(LIVE)) is not None and hasattr(live, "prepare"):
            live.prepare()
        return failed

    def step(self, edit: Edit) -> None:
        """Apply ``edit`` to the three trees, build each way and compare (see the module's docstring)."""
        self.history.append(edit.description)
        n = len(self.history) - 1
        before = {"work": files(self.work.output), "serve": files(self.serve.output)}
        undo = edit.undo(self.bases["work"])
        changed = {name: edit.apply(base) for name, base in self.bases.items()}
        expected, ref_failed = self._clean()
        if ref_failed is not None and (edit.template is None
                                       or not any(p.path == edit.template for p in ref_failed.problems)):
            raise AssertionError(f"{self._where()}: the clean build fails: {_problems(ref_failed)}\n{self._story()}")

        # work: a full build, or one starting from the saved model (the pipeline decides)
        self._saved_model_ran = False
        report, work_failed = _attempt(lambda: build(self.work), f"{self._where()} (work)")
        # the spy, or the report: a build that neither loaded the archive nor was skipped
        from_model = self._saved_model_ran or (report is not None and not report.skipped
                                               and "load" not in report.seconds)
        path = "saved-model" if from_model else "full"
        if from_model:
            self.saved_model_steps.append(n)
        if report is not None and report.skipped:
            self.skipped_steps.append(n)

        # serve: a quick edit from the model in memory, then the full build
        self._rendered = {}
        quick, _ = _attempt(lambda: quick_edit(self.memory, Store(self.serve.cache, self.memory), changed["serve"]),
                            f"{self._where()} (serve, quick edit)")
        if quick is not None:
            self.quick_edit_steps.append(n)
            now = files(self.serve.output)
            written = {name: data for name, data in now.items() if before["serve"].get(name) != data}
            written.update(self._rendered)
            if expected is None:
                self._fail(f"serve's quick edit wrote {sorted(written)} where a clean build fails "
                           f"({_problems(ref_failed)})")
            else:
                self._mismatch("serve (quick edit)", written, {name: expected.get(name, b"<not in the clean build>")
                                                              for name in written}, "the pages the quick edit wrote")
        serve_failed = self._serve_build()

        outcomes = [(path, work_failed, self.work, before["work"]), ("serve", serve_failed, self.serve, before["serve"])]
        for name, failed, project, previous in outcomes:
            if failed is None:
                if expected is None:
                    self._fail(f"path {name!r}: the build succeeded where a clean build fails "
                               f"({_problems(ref_failed)}): its output is stale")
                else:
                    self._mismatch(name, files(project.output), expected)
                continue
            if edit.template is None or not any(p.path == edit.template for p in failed.problems):
                self._fail(f"path {name!r}: the build failed{' (a clean build does not)' if expected else ''}: "
                           f"{_problems(failed)}")
            self._mismatch(name, files(project.output), previous, "output/ after the failed build",
                           "output/ before it (a failed build must change nothing)")
        if ref_failed or work_failed or serve_failed:  # a template the model cannot render: put it back
            # the inputs are as before the step again: so is the clean build (self.expected)
            self.history[-1] += f" [a build failed naming {edit.template}: edit reverted]"
            for base in self.bases.values():
                undo.apply(base)
        else:
            self.expected = expected
        self._end_step()

    def again(self) -> None:
        """Build every path once more without an edit: a build that says "nothing changed"
        must leave output/ as a clean build has it."""
        self.history.append("no edit: build again")
        report, failed = _attempt(lambda: build(self.work), self._where())
        assert failed is None, _problems(failed)
        skipped = " (it said nothing changed)" if getattr(report, "skipped", False) else ""
        self._mismatch(f"full, again{skipped}", files(self.work.output), self.expected)
        failed = self._serve_build()
        assert failed is None, _problems(failed)
        self._mismatch("serve, again", files(self.serve.output), self.expected)
        self._end_step()

    def finish(self, require_paths: bool = True) -> None:
        if require_paths:
            assert self.saved_model_steps, f"{self.label}: no step took the saved-model path\n{self._story()}"
            assert self.quick_edit_steps, f"{self.label}: no step was a quick edit in serve\n{self._story()}"
        if self.search_only:
            pytest.fail(f"{self.label}: {len(self.search_only)} comparison(s) differed in the search index ONLY "
                        f"({SEARCH_BUNDLE}: Pagefind's pf_meta, pf_filter and pagefind-entry.json bytes are not "
                        "deterministic unless made canonical, see archivist/searchcanon.py); every page was as "
                        "a clean build's. "
                        "The first:\n" + self.search_only[0] + "\n" + self._story(), pytrace=False)


# ---------------------------------------------------------------------------------------
# Random sequences

SEEDS = [(1, False, 14), (2, False, 14), (3, False, 14), (4, False, 14), (5, True, 10), (6, False, 14)]
"""(seed, search index on, steps). Most without search, for speed."""


@pytest.mark.parametrize("seed, search, steps", SEEDS,
                         ids=[f"seed{seed}{'-search' if search else ''}" for seed, search, _ in SEEDS])
def test_every_build_path_ends_like_a_clean_build(tmp_path, monkeypatch, seed, search, steps):
    rng = random.Random(seed)
    runner = Runner(tmp_path, f"seed {seed}{' (search on)' if search else ''}", monkeypatch, search=search)
    runner.start()
    generators, weights = zip(*GENERATORS)
    for n in range(1, steps + 1):
        generate = rng.choices(generators, weights)[0]
        runner.step(generate(rng, runner.bases["work"], n))
    runner.finish()


IMAGE_GENERATORS: list[tuple[Callable[[random.Random, Path, int], Edit], int]] = [
    (_image_repainted, 3), (_image_resized, 3), (_image_added, 3), (_image_unshown, 2), (_image_spare, 2),
    (_image_touched, 1), (_body_append, 3), (_body_word, 2), (_title, 1), (_renamed, 2), (_added, 1), (_removed, 1),
    (_draft, 1),
]
"""Image edits (files repainted, resized, added, no longer shown, removed, touched; shown
by no article) among text edits and edits that move articles with their images."""


@pytest.mark.parametrize("seed", [11, 12], ids=["images-seed11", "images-seed12"])
def test_image_edits_on_every_build_path_end_like_a_clean_build(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    runner = Runner(tmp_path, f"images, seed {seed}", monkeypatch, search=seed == 12)
    runner.start()
    generators, weights = zip(*IMAGE_GENERATORS)
    for n in range(1, 13):
        runner.step(rng.choices(generators, weights)[0](rng, runner.bases["work"], n))
    runner.finish()


# ---------------------------------------------------------------------------------------
# Named cases


def _summary_edit(base: Path, name: str, summary: str) -> Edit:
    rel = f"{CONTENT}/{name}"
    doc = _doc(base, rel)
    doc.set("summary", summary)
    return Edit(f"summary of content/{name} set to {summary!r}", {rel: doc.dump()})


def _first_paragraph_edit(base: Path, name: str, prefix: str) -> Edit:
    rel = f"{CONTENT}/{name}"
    doc = _doc(base, rel)
    assert doc.get("summary") is None
    doc.body = prefix + doc.body
    return Edit(f"first paragraph (its summary) of content/{name} prefixed with {prefix!r}", {rel: doc.dump()})


def test_case1_places_page_showing_a_members_summary(tmp_path, monkeypatch):
    """templates/places.html shows each place's newest article's summary (a member of a
    group, not an article of the page's own list); then that article's summary is edited,
    built through the saved-model path and through serve. dia-phuong/index.html must be
    the clean build's, or the build must fail naming templates/places.html."""
    runner = Runner(tmp_path, "case 1", monkeypatch)
    runner.start()
    runner.step(template_edit(runner.bases["work"], 1, *PLACES_SHOW_SUMMARY))
    # chi-co-thang.md is the newest article of Điện Biên (and of its district and ward)
    runner.step(_summary_edit(runner.bases["work"], "chi-co-thang.md", "Tóm tắt mới của bài chỉ biết tháng."))
    # tp-ho-chi-minh.md, the only article of its places, has no summary: its first paragraph is
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn đầu mới. "))
    runner.again()
    runner.finish(require_paths=False)


def _draft_edit(base: Path, name: str, draft: bool) -> Edit:
    rel = f"{CONTENT}/{name}"
    doc = _doc(base, rel)
    doc.set("draft", True) if draft else doc.remove("draft")
    return Edit(f"content/{name} {'made a draft' if draft else 'reviewed (draft removed)'}", {rel: doc.dump()})


def test_case4_a_draft_is_out_of_the_site_on_every_path(tmp_path, monkeypatch):
    """An article turned into a draft, its text edited while a draft (the saved model and
    serve's model no longer hold it: its edit must not reach a page), then reviewed and
    edited again: every path ends like a clean build, search index included."""
    runner = Runner(tmp_path, "case 4", monkeypatch, search=True)
    runner.start()
    runner.step(_draft_edit(runner.bases["work"], "tp-ho-chi-minh.md", True))
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn nháp mới. "))
    runner.step(_draft_edit(runner.bases["work"], "tp-ho-chi-minh.md", False))
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn đã duyệt. "))
    runner.finish(require_paths=False)


def test_case8_an_articles_images_edited_on_every_path(tmp_path, monkeypatch):
    """ngay-day-du.md shows anh/le-ra-quan.png: the file repainted (the same size: only the
    copy changes), resized (the page's width and height change), the article's text edited
    (the saved model and serve keep its image as found), a second image shown, the first no
    longer shown and its file removed, a file no article shows added, the second image
    rewritten with the same bytes, touched (its mtime only: nothing changed), touched with
    a text edit (the text edit's build from the saved model), and repainted keeping its
    pixel size, its length and its mtime (the digest of its bytes tells): every path ends
    like a clean build."""
    runner = Runner(tmp_path, "case 8", monkeypatch)
    runner.start()
    work, rel, image = runner.bases["work"], f"{CONTENT}/ngay-day-du.md", f"{CONTENT}/anh/le-ra-quan.png"
    runner.step(Edit("anh/le-ra-quan.png repainted, same size", {image: png(240, 160, (21, 101, 192))}))
    runner.step(Edit("anh/le-ra-quan.png resized to 160×240", {image: png(160, 240)}))
    assert 'width="160" height="240"' in runner.expected["bai-viet/ngay-day-du/index.html"].decode()
    doc = _doc(work, rel)
    doc.body = doc.body.replace("Đoạn mở đầu", "Đoạn mở đầu đã sửa", 1)
    runner.step(Edit("text of ngay-day-du.md edited", {rel: doc.dump()}))
    assert 3 in runner.saved_model_steps and 3 in runner.quick_edit_steps, "a text edit took the full build"
    doc = _doc(work, rel)
    doc.body += "\n![Ảnh thứ hai](anh/thu-hai.png)\n"
    runner.step(Edit("a second image shown", {rel: doc.dump(), f"{CONTENT}/anh/thu-hai.png": png(32, 32)}))
    doc = _doc(work, rel)
    doc.body = _LOCAL_IMAGE.sub("", doc.body, count=1)
    runner.step(Edit("anh/le-ra-quan.png no longer shown, its file removed", {rel: doc.dump(), image: None}))
    assert "bai-viet/ngay-day-du/anh/le-ra-quan.png" not in runner.expected
    runner.step(Edit("an image no article shows added", {f"{CONTENT}/anh/thua.png": png(8, 8)}))
    second = f"{CONTENT}/anh/thu-hai.png"
    runner.step(Edit("anh/thu-hai.png rewritten with the same bytes", {second: (work / second).read_bytes()}))
    runner.step(Edit("anh/thu-hai.png touched (mtime only)", {}, touched=(second,)))
    assert 8 in runner.skipped_steps, "a touched image whose bytes are as built made a build"
    doc = _doc(work, rel)
    doc.body = doc.body.replace("Đoạn mở đầu đã sửa", "Đoạn mở đầu sửa lần hai", 1)
    runner.step(Edit("anh/thu-hai.png touched, the text of ngay-day-du.md edited", {rel: doc.dump()},
                     touched=(second,)))
    assert 9 in runner.saved_model_steps, "a text edit beside a touched image took the full build"
    old = (work / second).read_bytes()
    new = next(data for data in (png(32, 32, (200, g, 40)) for g in range(256)) if len(data) == len(old) and data != old)
    runner.step(Edit("anh/thu-hai.png repainted: the same size in pixels and bytes, the same mtime", {second: new},
                     kept_mtime=True))
    assert runner.expected["bai-viet/ngay-day-du/anh/thu-hai.png"] == new
    runner.again()
    runner.finish(require_paths=False)


def _date_edit(base: Path, name: str, date: str) -> Edit:
    rel = f"{CONTENT}/{name}"
    doc = _doc(base, rel)
    old = doc.get("date")
    doc.set("date", date)
    return Edit(f"date of content/{name}: {old} -> {date}", {rel: doc.dump()})


MONTH_SHOWS_SUMMARY = ("month.html shows its newest member's summary", "month.html", "<h1>{{ heading }}</h1>",
                       "<h1>{{ heading }}</h1>\n<p>{{ group.articles[0].summary }}</p>")


def test_case5_date_edits_move_articles_between_months(tmp_path, monkeypatch):
    """Dates edited within a year and across years, to the month, to the day and to the
    year only: articles move between month pages (nam/2022/thang-11/ → thang-03/ →
    khong-ro-thang/), a month page gains a second page and loses it, a month page that loses
    its last article goes; then the text of an article on a month page, and month.html
    edited to show its members' titles (it may) and a member's summary (it may not: the
    build must fail naming it). Every path ends like a clean build."""
    runner = Runner(tmp_path, "case 5", monkeypatch)
    runner.start()
    work = runner.bases["work"]
    assert "nam/2022/thang-11/index.html" in runner.expected
    runner.step(_date_edit(work, "chi-co-thang.md", "2022-03"))
    assert "nam/2022/thang-03/index.html" in runner.expected and "nam/2022/thang-11/index.html" not in runner.expected
    runner.step(_date_edit(work, "chi-co-thang.md", "2022"))
    assert "nam/2022/khong-ro-thang/index.html" in runner.expected
    runner.step(_date_edit(work, "ngay-day-du.md", "2022-03-02"))
    runner.step(_date_edit(work, "tp-ho-chi-minh.md", "2022-03-20"))
    runner.step(_date_edit(work, "chi-co-thang.md", "2022-03-15"))
    assert "nam/2022/thang-03/trang/2/index.html" in runner.expected  # three articles, two a page
    assert "nam/2022/khong-ro-thang/index.html" not in runner.expected
    runner.step(_first_paragraph_edit(work, "tp-ho-chi-minh.md", "Đoạn đầu mới trong tháng. "))
    runner.step(template_edit(work, 7, *MONTH_SHOWS_TITLES))
    runner.step(_date_edit(work, "ngay-day-du.md", "2023-06-01"))
    runner.step(template_edit(work, 9, *MONTH_SHOWS_SUMMARY))
    assert "month.html" in runner.history[-1] and "a build failed naming templates/month.html" in runner.history[-1]
    runner.again()
    runner.finish(require_paths=False)


def test_case6_a_unit_of_the_other_era_gains_and_loses_its_page(tmp_path, monkeypatch):
    """A place's page names its units of the other era with their counts, linked when they
    have pages (site.py: now, before): a second article in the 2025 ward that took over
    phường Thanh Trường changes the former ward's page; the former ward losing its only
    article (its place edited) leaves the 2025 ward's page naming it without a link; and
    back. Every path ends like a clean build."""
    runner = Runner(tmp_path, "case 6", monkeypatch)
    runner.start()
    work = runner.bases["work"]
    successor = "dia-phuong-2025/dien-bien/dien-bien-phu/index.html"
    linked = 'href="../../../dia-phuong/dien-bien/dien-bien-phu/thanh-truong/">Phường Thanh Trường</a>'
    assert linked in runner.expected[successor].decode()
    rel = f"{CONTENT}/2025/sau-sap-nhap.md"
    doc = _doc(work, rel)
    doc.set("title", "Bài thứ hai sau sắp xếp")
    runner.step(Edit("file content/2025/them-sau-sap-nhap.md added (a second article of phường Điện Biên Phủ, 2025)",
                     {f"{CONTENT}/2025/them-sau-sap-nhap.md": doc.dump()}))
    assert "Phường Điện Biên Phủ</a> <span class=\"count\">2</span>" in \
        runner.expected["dia-phuong/dien-bien/dien-bien-phu/thanh-truong/index.html"].decode()
    rel = f"{CONTENT}/chi-co-thang.md"
    doc = _doc(work, rel)
    original = doc.get("locality")
    doc.set("locality", "TP. Đông Hà, tỉnh Quảng Trị")
    runner.step(Edit("locality of content/chi-co-thang.md -> Đông Hà (phường Thanh Trường has no article left)",
                     {rel: doc.dump()}))
    assert linked not in runner.expected[successor].decode() and "<li>Phường Thanh Trường</li>" in \
        runner.expected[successor].decode()
    runner.step(_date_edit(work, "2025/sau-sap-nhap.md", "2025-12-31"))
    doc = _doc(work, rel)
    doc.set("locality", original)
    runner.step(Edit("locality of content/chi-co-thang.md back (phường Thanh Trường has its page again)",
                     {rel: doc.dump()}))
    assert linked in runner.expected[successor].decode()
    runner.again()
    runner.finish(require_paths=False)


def _locality_edit(base: Path, name: str, places: list[str]) -> Edit:
    rel = f"{CONTENT}/{name}"
    doc = _doc(base, rel)
    doc.set("locality", places)
    return Edit(f"locality of content/{name} -> {places}", {rel: doc.dump()})


def _map_titles(page: bytes) -> list[str]:
    """The titles of a page's map symbols ("Tỉnh Lai Châu: 2 bài viết"), in drawing order."""
    return re.findall(r"<a href=\"[^\"]+\"><title>([^<]+)</title><circle", page.decode())


def _maps(page: bytes) -> list[str]:
    """A page's maps with their tables, as HTML."""
    return re.findall(r'<div class="placemap".*?</details>', page.decode(), re.S)


def test_case7_places_edits_change_the_counts_on_the_maps(tmp_path, monkeypatch):
    """The maps (the places index, the home page, a province's districts) count each
    unit's articles: an article moved to another province, then given a second place, must
    change them on every path, and a text edit (the saved-model path) must leave them."""
    runner = Runner(tmp_path, "case 7", monkeypatch)
    runner.start()
    maps = ("dia-phuong/index.html", "index.html")
    assert "Tỉnh An Giang: 1 bài viết" in _map_titles(runner.expected["dia-phuong/index.html"])
    runner.step(_locality_edit(runner.bases["work"], "ngay-day-du.md", ["thành phố Lai Châu, tỉnh Lai Châu"]))
    for name in maps:
        titles = _map_titles(runner.expected[name])
        assert "Tỉnh Lai Châu: 2 bài viết" in titles and not any("An Giang" in t for t in titles), (name, titles)
    assert _map_titles(runner.expected["dia-phuong/lai-chau/index.html"]) == ["Thành phố Lai Châu: 2 bài viết"]
    runner.step(_locality_edit(runner.bases["work"], "tp-ho-chi-minh.md",
                               ["P.14, Q. Bình Thạnh, TP. Hồ Chí Minh", "huyện Điện Biên Đông, tỉnh Điện Biên"]))
    assert "Tỉnh Điện Biên: 4 bài viết" in _map_titles(runner.expected["index.html"])
    assert _map_titles(runner.expected["dia-phuong/dien-bien/index.html"]) == [
        "Huyện Điện Biên Đông: 3 bài viết", "Thành phố Điện Biên Phủ: 1 bài viết"]
    before = {name: _maps(runner.expected[name]) for name in maps}
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn đầu mới. "))
    assert {name: _maps(runner.expected[name]) for name in maps} == before, "a text edit changed a map"
    runner.again()
    runner.finish(require_paths=False)


@dataclass(frozen=True)
class EntryWithSummary(ArticleEntry):
    """An entry with the summary, for the column case 2 adds (saved with the model: pickled)."""

    summary: str = ""


def _with_summary_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """archive.json's records get each article's summary, the way a developer adds a column:
    the exports see entries (records.ArticleEntry), so the summary is added to the entry
    the article gives, and to the record. Forked workers inherit the patch."""
    from dataclasses import fields

    from archivist.build import exports
    from archivist.model.records import Article

    names = [f.name for f in fields(EntryWithSummary)]
    real_record = exports.record
    monkeypatch.setattr(Article, "entry", lambda article: EntryWithSummary(*(getattr(article, n) for n in names)))
    monkeypatch.setattr(exports, "record", lambda catalog, entry: {**real_record(catalog, entry), "summary": entry.summary})


def test_case2_an_export_column_showing_a_summary(tmp_path, monkeypatch):
    """A new column of archive.json, each article's summary; then a summary is edited (on
    today's data, an edit of no field that places the article). Built through the saved-model
    path and through serve, archive.json must be the clean build's."""
    _with_summary_column(monkeypatch)
    runner = Runner(tmp_path, "case 2", monkeypatch)
    runner.start()
    assert b'"summary": ' in (runner.work.output / "archive.json").read_bytes()
    runner.step(_summary_edit(runner.bases["work"], "chi-co-thang.md", "Tóm tắt mới của bài chỉ biết tháng."))
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn đầu mới. "))
    runner.again()
    runner.finish(require_paths=False)


def test_an_export_cannot_read_more_of_an_article_than_its_entry(tmp_path, monkeypatch):
    """The other way to add the column, reading it from what the exports are given without
    adding it there, fails the build instead of leaving archive.json stale."""
    from archivist.build import exports

    real_record = exports.record
    monkeypatch.setattr(exports, "record", lambda catalog, entry: {**real_record(catalog, entry), "summary": entry.summary})
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    with pytest.raises(AttributeError, match="summary"):
        build(Project.at(tmp_path / "site", templates=ROOT / "templates"))
    assert not (tmp_path / "site" / "output").exists()


@dataclass(frozen=True)
class Region:
    """A map region of the page type case 3 adds: whole Article objects, not link records."""

    name: str
    articles: tuple[Any, ...]


MAP_TEMPLATE = """\
{% extends "base.html" %}
{% block title %}Bản đồ · {{ config.title }}{% endblock %}
{% block main %}
<h1>Bản đồ</h1>
{% for region in regions %}
<section>
  <h2>{{ region.name }}</h2>
  <ul>
  {% for a in region.articles %}
    <li><a href="{{ url(a) }}">{{ a.title }}</a>: {{ a.summary }}</li>
  {% endfor %}
  </ul>
</section>
{% endfor %}
{% endblock %}
"""


def _with_map_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every site model gets a page ``ban-do/index.html`` (template map.html) whose context
    is {"regions": (Region(province, articles), …)}, by wrapping ``make_site`` wherever
    the package imported it. Forked workers inherit the patch."""
    from archivist.build import site as site_module

    real = site_module.make_site

    def make_site(*args: Any, **kwargs: Any) -> Any:
        site = real(*args, **kwargs)
        regions: dict[str, list[Any]] = {}
        for article in site.articles:
            regions.setdefault(article.places[0].chain[0].name, []).append(article)
        page = site_module.Page("ban-do/", "map.html",
                                {"regions": tuple(Region(name, tuple(members)) for name, members in regions.items())},
                                "map page")
        return dc_replace(site, pages=(*site.pages, page))

    for module in _archivist_modules():
        if getattr(module, "make_site", None) is real:
            monkeypatch.setattr(module, "make_site", make_site)


def test_case3_a_new_page_type_holding_whole_articles(tmp_path, monkeypatch):
    """A page type the incremental machinery does not know: a map page whose regions hold
    whole articles and show their summaries. After a summary edit, built through the
    saved-model path and through serve, the map page must be the clean build's, and the
    build after must not say "nothing changed" over a stale page."""
    _with_map_page(monkeypatch)
    runner = Runner(tmp_path, "case 3", monkeypatch,
                    prepare=lambda base: (base / "templates" / "map.html").write_text(MAP_TEMPLATE, encoding="utf-8"))
    runner.start()
    assert "ban-do/index.html" in runner.expected and "Bài chỉ ghi tháng đăng." in \
        runner.expected["ban-do/index.html"].decode()
    runner.step(_summary_edit(runner.bases["work"], "chi-co-thang.md", "Tóm tắt mới cho bản đồ."))
    assert "Tóm tắt mới cho bản đồ." in runner.expected["ban-do/index.html"].decode()
    runner.again()
    runner.step(_first_paragraph_edit(runner.bases["work"], "tp-ho-chi-minh.md", "Đoạn đầu mới. "))
    runner.again()
    runner.finish(require_paths=False)


# ---------------------------------------------------------------------------------------
# The speed machinery off

PLAIN = "ARCHIVIST_PLAIN"
"""The switch that turns the speed machinery off (parallel.plain, incremental.Plain).
When this test was written nothing in archivist/ read os.environ, so it stated the
contract for ``ARCHIVIST_PLAIN=1``, read when a build starts: serial (no forked process:
no render workers, no background related-articles process, no model-saving process), no
cache (nothing read from or written under .cache/: no parse cache, build record, saved
model or compiled templates), so every build is a full one that renders every page; and
the same bytes as the golden output."""


def test_a_plain_build_serial_without_cache_equals_golden(tmp_path, monkeypatch):
    monkeypatch.setenv(PLAIN, "1")
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates", output=tmp_path / "output")
    golden = files(GOLDEN)
    for attempt in ("first", "second"):
        report = build(project)
        actual = files(project.output)
        differing = sorted(n for n in golden.keys() | actual.keys() if golden.get(n) != actual.get(n))
        assert not differing, f"{attempt} {PLAIN}=1 build differs from tests/golden: {differing}"
        assert not forks, f"{PLAIN}=1 build forked {len(forks)} process(es): not serial ({PLAIN} not wired yet?)"
        cached = sorted(p.relative_to(project.cache).as_posix() for p in project.cache.rglob("*") if p.is_file()) \
            if project.cache.exists() else []
        assert not cached, f"{PLAIN}=1 build wrote under .cache/: {cached[:10]} ({PLAIN} not wired yet?)"
        assert not report.skipped and report.rendered == report.pages, \
            f"{attempt} {PLAIN}=1 build kept pages from an earlier build: {report}"
