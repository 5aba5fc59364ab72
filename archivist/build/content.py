"""Read the curators' Markdown files: front matter and body into Article records.

Every problem in every file is collected (``path:line: field: message``) and raised
together as BuildFailed, so a curator fixes a whole batch in one pass.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..model.errors import BuildFailed, Problem
from ..model.places import Gazetteer
from ..model.records import Article
from ..model.schema import CONTROL, Checker, control_problem, describe
from ..model.vietnamese import slugify
from ..model.yamlsource import YamlError, parse
from . import fields
from .markup import first_paragraph, render_body
from .media import FIELD, ImageFiles, find_all_images, read_images
from .progress import SILENT, Progress
from .sources import Stat, file_stats, find_inputs, linked_sources, stray_articles
from .store import Store
from .store import key as cache_key
from .workers import run_chunks

FIELDS = ("title", "date", "date_note", "locality", "author", "source", "tags", "summary", "draft", "review",
          "provenance")


def decode(raw: bytes, display: str) -> str:
    """UTF-8 bytes to NFC text with LF line ends and no BOM; raise BuildFailed if not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise BuildFailed([Problem(display, line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_front_matter(text: str, display: str) -> tuple[str, str]:
    """Split ``---`` YAML ``---`` from the body; raise BuildFailed when it is missing."""
    if not text.strip():
        raise BuildFailed([Problem(display, 1, None, "empty file; expected front matter between --- lines, then the article")])
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise BuildFailed([Problem(display, 1, None, "missing front matter: the file must start with a line '---', then title, locality…, then '---'")])
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:])
    raise BuildFailed([Problem(display, 1, None, "front matter is not closed: add a line '---' after the metadata")])


@dataclass(frozen=True)
class Loaded:
    """The articles of a content folder and the warnings found while reading them."""

    articles: tuple[Article, ...]
    warnings: tuple[Problem, ...]
    keys: dict[str, str]
    """Per article path, the digest of its source file and of this tool (the cache key)."""
    parsed: int = 0
    """Articles parsed by this load; the others came from the parse cache."""


def parse_article(rel: str, display: str, raw: bytes, places: Gazetteer) -> tuple[Article, tuple[Problem, ...]]:
    """One file's bytes to an Article and its warnings; raise BuildFailed with all of its problems."""
    text = decode(raw, display)
    meta_text, body = split_front_matter(text, display)
    try:
        meta = parse(meta_text)
    except YamlError as exc:
        line = exc.line + 1 if exc.line is not None else None
        raise BuildFailed([Problem(display, line, None, exc.message)]) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise BuildFailed([Problem(display, 2, None, f"front matter must be a mapping of keys (title: …), got {describe(meta)}")])
    check = Checker(display, meta_text, line_offset=1)
    check.no_control_characters(meta)
    first_line = len(meta_text.split("\n")) + 2  # the body's, in the file
    if (found := CONTROL.search(body)) is not None:
        check.add(None, f"the article's text {control_problem(body)}", line=first_line + body.count("\n", 0, found.start()))
    check.unknown_keys(meta, FIELDS)
    title = check.text(meta, "title", required=True)
    date = fields.date(meta, check)
    date_note = check.text(meta, "date_note")
    author = check.text(meta, "author")
    summary = check.text(meta, "summary")
    source = fields.source(meta, check)
    tags = fields.tags(meta, check)
    located = fields.places(meta, check, places, date)
    draft = fields.draft(meta, check)
    fields.review(meta, check)
    fields.provenance(meta, check)
    slug = slugify(Path(rel).stem)
    if not slug:
        check.add(None, f'the file name "{Path(rel).name}" gives an empty URL; use letters or digits', line=1)
    body_html = render_body(body)
    images, image_problems = read_images(body, body_html, first_line)
    for line, message in image_problems:
        check.add(FIELD, message, line=line)
    if check.problems:
        raise BuildFailed(check.problems)
    if not body.strip():  # at the closing ---, under which the text goes
        check.warn(None, "the article has no text: write it below this line", line=len(meta_text.split("\n")) + 1)
    article = Article(
        path=rel,
        slug=slug,
        title=title or "",
        date=date,
        date_note=date_note,
        places=located,
        author=author,
        source=source,
        tags=tags,
        summary=summary or first_paragraph(body_html),
        body_html=body_html,
        draft=draft,
        images=images,
    )
    return article, tuple(check.warnings)


@dataclass(frozen=True)
class SourceFile:
    """One article file: where it is, the digest of its bytes, and the bytes when read."""

    rel: str
    """Path relative to the content folder, with forward slashes."""
    display: str
    """Path as shown to the curator."""
    digest: str | None
    """SHA-256 of the bytes; None when the file has not been read yet (``read_sources``
    with ``read=False``): ``load_articles`` has it read, hashed and parsed in a worker."""
    raw: bytes | None
    """The bytes; None when the digest is known from the last build (same size, mtime and
    ctime) and the file need not be read unless its parse is not cached."""


def read_sources(content_dir: Path, display_root: str, known: dict[str, tuple[Stat, str]] | None,
                 stats: dict[str, Stat], read: bool = True) -> list[SourceFile]:
    """Every article file (``stats``: {path: stat} of each, ``file_stats`` of
    ``find_inputs``' first list) in path order. A file whose stat (size, mtime, ctime) is
    as in ``known`` ({path: (stat, digest)}) is not read: its digest is taken from there.
    With ``read=False`` the other files are not read either (digest None):
    ``load_articles`` reads them in its workers."""
    sources = []
    prefix = f"{content_dir}{os.sep}"
    for name, stat in stats.items():
        # the paths are under content_dir (find_inputs): cut, not parsed (10k per build)
        rel = (name[len(prefix):] if name.startswith(prefix) else os.path.relpath(name, content_dir)).replace(os.sep, "/")
        seen = (known or {}).get(name)
        if seen is not None and seen[0] == stat:
            sources.append(SourceFile(rel, f"{display_root}/{rel}", seen[1], None))
            continue
        if not read:
            sources.append(SourceFile(rel, f"{display_root}/{rel}", None, None))
            continue
        raw = Path(name).read_bytes()
        sources.append(SourceFile(rel, f"{display_root}/{rel}", hashlib.sha256(raw).hexdigest(), raw))
    return sources


def load_articles(content_dir: Path, places: Gazetteer, display_root: str = "content",
                  store: Store | None = None, sources: list[SourceFile] | None = None,
                  meter: Progress = SILENT, images: ImageFiles | None = None,
                  image_hosts: tuple[str, ...] | None = None, strays: list[str] | None = None) -> Loaded:
    """Parse every article (in parallel, reusing cached results for unchanged files) and
    find its images (media.find_all_images, with ``images`` and ``image_hosts``); raise
    BuildFailed listing every problem in every file. ``sources`` and ``images``, when not
    given, are found in one walk of the content folder (``find_inputs``), and so are
    ``strays``, files that look like articles but are not built (warnings). A source whose
    parse is not cached here, or whose digest is not known yet, is read (and hashed, and
    looked up in the cache on disk) by the worker that parses it; each is replaced in
    ``sources`` by a version with its digest and without its bytes. ``meter`` is told of
    those files (the "parse" stage) as the workers' results come."""
    store = store or Store(None)
    if sources is None or images is None or strays is None:
        found, found_images, found_strays = find_inputs(content_dir, display_root)
        sources = read_sources(content_dir, display_root, None, file_stats(found)) if sources is None else sources
        images = dict.fromkeys(found_images) if images is None else images
        strays = found_strays if strays is None else strays
    keys: list[str | None] = [None if s.digest is None else cache_key("article", s.rel, s.display, s.digest)
                              for s in sources]
    results: list[Any] = [None if k is None else store.get(k) for k in keys]
    todo = [i for i, result in enumerate(results) if result is None]
    # Workers read what they parse (unless this process has the bytes) and write it to the
    # cache on disk themselves; this process keeps it in memory.
    with meter.stage("parse", len(todo), "articles") as advance:
        parsed = run_chunks(_parse_chunk, [(sources[i].rel, sources[i].display, sources[i].raw, keys[i]) for i in todo],
                            (places, store.on_disk(), content_dir), each=_unpickled, advance=advance)
    for i, (digest, key, result, _) in zip(todo, parsed):
        sources[i] = SourceFile(sources[i].rel, sources[i].display, digest, None)
        keys[i] = key
        results[i] = result
        if isinstance(result[0], Article):
            store.remember(key, result)
    articles: list[Article] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for first, second in results:
        if isinstance(first, Article):
            articles.append(first)
            warnings.extend(second)
        else:
            problems.extend(second)
    articles, missing = find_all_images(articles, content_dir, images, image_hosts, display_root)
    problems.extend(missing)
    problems.extend(_slug_collisions(articles, display_root))
    warnings.extend(linked_sources(content_dir, display_root))
    warnings.extend(stray_articles(strays, content_dir, display_root))
    if problems:
        raise BuildFailed(problems)
    store.prune(set(keys))  # packed parses of files gone or changed since leave the cache
    return Loaded(tuple(articles), tuple(warnings),
                  {s.rel: k for s, k, (first, _) in zip(sources, keys, results) if isinstance(first, Article)},
                  parsed=sum(fresh for *_, fresh in parsed))


def _unpickled(item: tuple) -> tuple:
    """A worker's (digest, key, result) with the result unpickled (see _parse_chunk), and
    whether the worker parsed it (rather than finding it in the cache)."""
    digest, key, result = item
    fresh = isinstance(result, bytes) or result[0] is None
    return digest, key, pickle.loads(result) if isinstance(result, bytes) else result, fresh


def _parse_chunk(items: Sequence[tuple], context: tuple[Gazetteer, Store, Path]) -> list[tuple]:
    """Worker: parse (rel, display, bytes or None, cache key or None) items, reading the
    file when the bytes are not given and looking the parse up in the cache (on disk) when
    its key is not the one the parent looked up; (digest, key, (Article, warnings)), the
    parse pickled (as put in the cache), or (digest, key, (None, problems)) each."""
    places, store, content = context
    out: list[tuple] = []
    parsed: dict[str, bytes] = {}
    for rel, display, raw, key in items:
        if raw is None:
            try:
                raw = (content / rel).read_bytes()
            except OSError as error:
                out.append((None, None, (None, (Problem(display, None, None, f"cannot be read: {error.strerror}"),))))
                continue
        digest = hashlib.sha256(raw).hexdigest()
        known, key = key, cache_key("article", rel, display, digest)
        if key != known:  # not looked up by the parent (or the file changed since it was)
            cached = store.get(key)
            if cached is not None:
                out.append((digest, key, cached))
                continue
        try:
            result = parse_article(rel, display, raw, places)
        except BuildFailed as failed:
            out.append((digest, key, (None, failed.problems)))
        else:
            parsed[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            out.append((digest, key, parsed[key]))  # pickled once, for the cache and for the parent
    store.put_many(parsed)  # in one file when they are many
    return out


def _slug_collisions(articles: list[Article], display_root: str) -> list[Problem]:
    by_slug: dict[str, list[Article]] = {}
    for article in articles:
        by_slug.setdefault(article.slug, []).append(article)
    problems = []
    for slug, group in by_slug.items():
        if len(group) > 1:
            names = [f"{display_root}/{a.path}" for a in group]
            for name in names:
                others = ", ".join(n for n in names if n != name)
                problems.append(Problem(name, 1, None, f'its URL ".../{slug}/" is also the URL of {others}; rename one of the files'))
    return problems
