"""``python build.py import``: raw scraped pages → draft articles in ``content/``.

The I/O edge of the importer (the extraction itself is ``extract``, pure). For each input:

* the bytes are checked: empty, binary (NUL bytes, control characters) or non-UTF-8 input
  (UTF-8 with or without BOM and UTF-16 with BOM are read; legacy Vietnamese encodings are
  never guessed) is a problem naming the file, and nothing is written for it;
* its SHA-256 is looked up among the drafts' ``provenance.sha256`` and the kept raw copies:
  a page imported before is skipped, naming the draft it became;
* a page the archive already has (the same address, the same title, date and place, or the
  same text: ``duplicates``) is refused, naming the article, and nothing is written for it;
  with ``allow_duplicate`` it is written, its review list and ``provenance.duplicate_of``
  naming the article;
* the raw bytes are kept unchanged as ``content/_raw/<sha256[:16]>.<ext>`` (folders starting
  with ``_`` are not articles), and the draft is written beside the other articles under a
  name from its title (``-2``, ``-3``… when taken). No existing file is ever overwritten:
  every file is created with exclusive creation.

A draft whose text names no place it can resolve cannot build (``locality`` is required):
it is written to ``content/_drafts/`` instead and reported, to be completed and moved.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..build.progress import SILENT, Progress
from ..model.errors import Problem
from ..model.places import Gazetteer, gazetteer
from ..model.records import parse_date
from .archive import Archive, page_record
from .duplicates import Duplicate
from .extract import Draft, NoArticle, extract_html, extract_text
from .skeleton import slug_for
from .pagehtml import looks_like_html

__all__ = ["ImportReport", "import_files", "decode_raw", "render_draft", "RAW_FOLDER", "DRAFTS_FOLDER"]

RAW_FOLDER = "_raw"
DRAFTS_FOLDER = "_drafts"
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


@dataclass
class ImportReport:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    """Drafts written (absolute paths)."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Inputs not imported, with the reason ("already imported as content/x.md")."""
    problems: list[Problem] = field(default_factory=list)
    """Inputs that could not be imported (nothing written for them), and drafts that need a fix to build."""
    duplicates: list[tuple[Path, Duplicate]] = field(default_factory=list)
    """Drafts written although the archive has them (``allow_duplicate``), with the article it has."""
    interrupted: bool = False
    """Stopped by an interrupt (Ctrl-C) between two pages: ``written`` lists what was written."""


class InputError(ValueError):
    """Raw input that cannot be read as text."""


def decode_raw(data: bytes) -> str:
    """Raw bytes as text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; InputError otherwise."""
    if not data.strip(b" \t\r\n\x00"):
        raise InputError("empty file: there is nothing to import")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:65536]:
            raise InputError("binary data (NUL bytes): not a text or HTML page "
                             "(UTF-16 text needs a byte-order mark)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise InputError(
                f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); the importer does not guess "
                "legacy encodings: convert the file to UTF-8 first (Vietnamese pages in Windows-1258, TCVN3 or "
                "VNI need e.g. `iconv -f CP1258 -t UTF-8`), or save the page again as UTF-8") from None
    controls = sum(1 for c in text[:65536] if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError("binary data (control characters): not a text or HTML page")
    _refuse_mojibake(text)
    if not text.strip():
        raise InputError("empty file: there is nothing to import")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_MOJIBAKE = re.compile(r"(?:á[º»]|Ã[\u0080-\u00bf]|Ä[\u0080-\u00bf‘’]|Æ[°¡])")


def _refuse_mojibake(text: str) -> None:
    """UTF-8 that was read as Windows-1252/Latin-1 and saved again ("Äiá»‡n") is refused with a hint."""
    sample = text[:20000]
    if len(_MOJIBAKE.findall(sample)) < 3:
        return
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = sample.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != sample:
            raise InputError(f"the text is UTF-8 that was decoded as {codec} and saved again (mojibake such "
                             f"as “{_MOJIBAKE.search(sample)[0]}”); re-save the page as UTF-8 from its source")
    raise InputError(f"the text is garbled by a wrong encoding (mojibake such as “{_MOJIBAKE.search(sample)[0]}”); "
                     "re-save the page as UTF-8 from its source")


def import_files(paths: list[Path], content_dir: Path, *, url: str | None = None,
                 retrieved: str | None = None, places: Gazetteer | None = None,
                 allow_duplicate: bool = False, cache: Path | None = None,
                 meter: Progress = SILENT) -> ImportReport:
    """Import raw pages into drafts under ``content_dir``; see the module docstring.
    ``cache`` (the project's ``.cache/``) keeps the archive's records between imports;
    ``meter`` is told of each page as it is done (the "import" stage)."""
    report = ImportReport()
    if url is not None and not _URL.match(url):
        report.problems.append(Problem("--url", None, None, f'"{url}" is not a web address (http://… or https://…)'))
    day = None
    if retrieved is not None:
        try:
            parsed = parse_date(retrieved)
            if parsed.precision != "day":
                raise ValueError(f'"{retrieved}" is not a full date')
            day = parsed.earliest
        except ValueError as error:
            report.problems.append(Problem("--retrieved", None, None, f"{error} (use YYYY-MM-DD)"))
    if report.problems:
        return report
    places = places or gazetteer()
    content_dir = Path(content_dir)
    archive = Archive.read(content_dir, content_dir.name, cache)
    known = _imported(content_dir, archive)
    sites = archive.site_names()  # reviewed articles' names for their sites (drafts written now teach nothing)
    try:
        for path in meter.each("import", paths, "pages"):
            path = Path(path)
            display = str(path)
            try:
                data = path.read_bytes()
            except OSError as error:
                report.problems.append(Problem(display, None, None, f"cannot read it: {error.strerror or error}"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in known:
                report.skipped.append((path, f"already imported as {known[digest]}"))
                continue
            try:
                text = decode_raw(data)
                html = path.suffix.lower() in (".html", ".htm", ".xhtml") or looks_like_html(text)
                extract = extract_html if html else extract_text
                draft = extract(text, places, url=url, retrieved=day, sites=sites)
            except (InputError, NoArticle) as error:
                report.problems.append(Problem(display, None, None, str(error)))
                continue
            page = page_record(draft.title, draft.date, draft.places[0] if draft.places else None,
                               (url, draft.page_url, draft.source.url if draft.source else None), draft.body)
            duplicate = archive.find(page, places)
            if duplicate is not None and not allow_duplicate:
                report.problems.append(Problem(display, None, None, f"already in the archive as {duplicate.path} "
                                               f"({duplicate.reason}); nothing written (--allow-duplicate imports it "
                                               "anyway, as a draft marked duplicate_of)"))
                continue
            if duplicate is not None:
                draft.review.insert(0, f"duplicate: the archive already has this page as {duplicate.path} "
                                       f"({duplicate.reason}); keep one of them")
            raw_rel = _write_raw(content_dir, digest, data, "html" if html else "txt")
            folder = content_dir if draft.localities else content_dir / DRAFTS_FOLDER
            text = render_draft(draft, raw=raw_rel, sha256=digest, retrieved=retrieved, url=url or draft.page_url,
                                duplicate_of=duplicate and duplicate.path.partition("/")[2])
            written = _write_new(folder, _slug(draft.title), text, archive)
            archive.add(written)
            report.written.append(written)
            if duplicate is not None:
                report.duplicates.append((written, duplicate))
            known[digest] = written.relative_to(content_dir.parent).as_posix()
            if not draft.localities:
                shown = written.relative_to(content_dir.parent).as_posix()
                report.problems.append(Problem(shown, None, "locality", "the page names no place the gazetteer knows; "
                                               f"the draft was written to {DRAFTS_FOLDER}/ (not built): add locality: "
                                               "and move it beside the other articles"))
    except KeyboardInterrupt:  # the pages done are kept, and listed
        report.interrupted = True
    archive.save()
    return report


def _imported(content_dir: Path, archive: Archive) -> dict[str, str]:
    """SHA-256 → where it was imported: drafts' provenance first, then raw copies without a draft."""
    known = archive.digests()
    if not content_dir.is_dir():
        return known
    base = content_dir.parent
    raw_dir = content_dir / RAW_FOLDER
    if raw_dir.is_dir():
        for raw in sorted(raw_dir.iterdir()):
            if any(digest.startswith(raw.stem) for digest in known):
                continue
            try:
                digest = hashlib.sha256(raw.read_bytes()).hexdigest()
            except OSError:
                continue
            shown = raw.relative_to(base).as_posix()
            known.setdefault(digest, f"{shown} (a kept raw copy; no draft refers to it: delete it to import the page again)")
    return known


def _write_raw(content_dir: Path, digest: str, data: bytes, extension: str) -> str:
    """Keep the raw bytes as _raw/<sha256[:16]>.<ext> (never overwriting); its path relative to content/."""
    folder = content_dir / RAW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stem in (digest[:16], digest):
        target = folder / f"{stem}.{extension}"
        try:
            with open(target, "xb") as handle:
                handle.write(data)
            return target.relative_to(content_dir).as_posix()
        except FileExistsError:
            if target.read_bytes() == data:
                return target.relative_to(content_dir).as_posix()
    raise FileExistsError(f"{folder / digest}.{extension} exists with other content")


def _slug(title: str) -> str:
    """File name from the title (``skeleton.slug_for``), "bai-viet" when it has no letter or digit."""
    return slug_for(title) or "bai-viet"


def _write_new(folder: Path, slug: str, text: str, archive: Archive) -> Path:
    """Create folder/<slug>.md, or <slug>-2.md, -3… when the name (or its URL) is taken
    anywhere in content/ (``archive`` knows its files, those this import wrote included)."""
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        name = slug if number == 1 else f"{slug}-{number}"
        number += 1
        if archive.taken(name):
            continue
        try:
            with open(folder / f"{name}.md", "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return folder / f"{name}.md"
        except FileExistsError:
            continue


# --- front matter ---------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Block style with indented list items, like the curated files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D401
        return super().increase_indent(flow, False)


class _Flow(list):
    """A list written in flow style: [a, b]."""


class _Day(str):
    """A YYYY-MM-DD date written unquoted."""


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_Day, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", str(v)))


def render_draft(draft: Draft, *, raw: str, sha256: str, retrieved: str | None, url: str | None,
                 duplicate_of: str | None = None) -> str:
    """The draft as a Markdown file with front matter (title, date, locality, author, source, tags,
    draft, review, provenance). ``draft: true`` keeps it off the site until a curator has
    reviewed it and removed that line."""
    meta: dict[str, object] = {"title": draft.title}
    if draft.date is not None:
        iso = draft.date.iso
        meta["date"] = _Day(iso) if draft.date.precision == "day" else int(iso) if len(iso) == 4 else iso
    if draft.localities:
        meta["locality"] = list(draft.localities)
    if draft.author:
        meta["author"] = draft.author
    if draft.source and draft.source.name:
        meta["source"] = {"name": draft.source.name, **({"url": draft.source.url} if draft.source.url else {})}
    if draft.tags:
        meta["tags"] = _Flow(draft.tags)
    meta["draft"] = True
    meta["review"] = list(draft.review)
    meta["provenance"] = {"raw": raw, "sha256": sha256, "retrieved": _Day(retrieved) if retrieved else None,
                          "url": url, "removed": list(draft.removed)}
    if duplicate_of:
        meta["provenance"]["duplicate_of"] = duplicate_of  # type: ignore[index]
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                      width=1_000_000)
    return f"---\n{front}---\n\n{draft.body}"
