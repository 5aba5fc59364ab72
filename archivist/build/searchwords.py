"""The word directory: for each word of the search index, the shards that hold it, so that a
query opens only the shards where each of its words occurs, and knows how many pages of
each shard hold it.

Pagefind's word index holds each word under a key written without diacritics ("đien"),
with the forms found in the pages ("điện", "điển"; the key itself when it occurs as
written). static/search.js searches with ``exactDiacritics``, under which Pagefind answers a
query word with the forms that start with it as typed (lowercase, punctuation dropped):
the pages of "điện…" for "điện", of "0dien…" for the folded copy's "0dien" (Pagefind's
``search_term``: the keys starting with the word without diacritics, and of their forms
those that ``diacritics_match`` it). A shard holding no such form for one of the query's
words gives no real result (static/search.js drops the pages Pagefind finds through a
shorter word instead), so the shards worth searching are those where every query word
starts some form. Without a directory, every query fetches the entry, meta and one word
chunk of every shard, 50 requests for a word that is nowhere; with it, a word that is
nowhere costs one small file, and a rare name the shards that hold it. The pages each
shard holds a form on are what static/search.js weighs the shards' scores by (the form's
rarity in the shard against its rarity in the whole index), which it would otherwise ask
Pagefind for with a search of each word over every shard.

The forms are read from what Pagefind wrote (each index chunk of the shard), never from
the pages, so the directory cannot disagree with the index on how text becomes words.
Each shard's forms are kept beside its bundle (``words.txt``), so that a shard kept from
the previous output needs no reading again. Files, under ``pagefind/``::

    <shard>/words.txt          the shard's forms, sorted, one per line with its pages:
                               "form<TAB>pages"
    words/<digest>.json        {"words": [...], "shards": [hex, ...], "pages": [[n, ...], ...]}:
                               forms in order (FILE_BYTES), each with the shards holding it as a
                               bit mask in hexadecimal (bit i: the i-th shard of the
                               manifest) and the pages holding it in each of those shards,
                               in the order of their bits

The manifest (``shards.json``) lists the files as ``"words": [[first form, digest], ...]``.
Forms are ordered as JavaScript compares strings (by UTF-16 code unit), so the page finds a
word's file by comparing strings as it does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import cbor2

from .searchcanon import ENTRY, FormatError, payload

WORDS = "words.txt"
FOLDER = "words"
FILE_BYTES = 16_000
"""Size at which a directory file is closed (~4 KB compressed): a query word needs one
file, and a prefix typed so far one to a few. A file holds ~1,000 rare forms, or ~250 forms
that are in every shard of the 10k archive, with their pages."""
_WORDS = 0
"""Position of the words in an index chunk (Pagefind's PageIndex: words, then nothing); a
word is [key, its own pages, [[form, pages], ...]]."""


def write_words(bundle: Path) -> None:
    """Write the forms of the Pagefind bundle ``bundle``'s word index, with their pages, to
    ``bundle/words.txt``."""
    (bundle / WORDS).write_text("".join(f"{form}\t{pages}\n" for form, pages in shard_words(bundle).items()),
                                encoding="utf-8")


def shard_words(bundle: Path) -> dict[str, int]:
    """The forms of a bundle's word index (see the module), from every index chunk its meta
    file lists, in directory order, each with the number of pages holding it. FormatError
    when a file is not what Pagefind 1.x writes."""
    forms: dict[str, int] = {}
    for first, last, digest in _chunks(bundle):
        words = _read(bundle / "index" / f"{digest}.pf_index")
        if not (isinstance(words, list) and len(words) > _WORDS and isinstance(words[_WORDS], list)):
            raise FormatError(f"index chunk {digest}: not a Pagefind word index")
        for word in words[_WORDS]:
            if not (isinstance(word, list) and len(word) >= 3 and isinstance(word[1], list) and isinstance(word[2], list)
                    and all(isinstance(variant, list) and len(variant) >= 2 for variant in word[2])):
                raise FormatError(f"index chunk {digest}: {str(word)[:80]} is not a Pagefind word")
            key = word[0]
            # the meta file shortens a chunk's last word to what tells it from the next chunk's
            if not (_plain(key) and first <= key and (key <= last or key.startswith(last))):
                raise FormatError(f"index chunk {digest}: word {key!r} is not one of its range {first!r}–{last!r}")
            # a word's pages: one entry per page ([page number, positions, ...])
            for form, pages in ([(key, word[1])] if word[1] else []) + [tuple(variant[:2]) for variant in word[2]]:
                if not (_plain(form) and isinstance(pages, list)):
                    raise FormatError(f"index chunk {digest}: form {form!r} of {key!r} is not a word with pages")
                if form in forms:
                    raise FormatError(f"index chunk {digest}: form {form!r} of {key!r} is listed twice")
                forms[form] = len(pages)
    return {form: forms[form] for form in sorted(forms, key=order)}


def _plain(word: object) -> bool:
    """A word as Pagefind stores one: a string, not empty, without spaces."""
    return isinstance(word, str) and bool(word) and not any(c.isspace() for c in word)


def order(key: str) -> bytes:
    """The sort key that orders strings as JavaScript's ``<`` does (UTF-16 code units)."""
    return key.encode("utf-16-be", "surrogatepass")


def write_directory(bundle: Path, names: list[str]) -> list[list[str]]:
    """Write ``bundle/words/`` from the forms of the shards ``names`` (in the manifest's
    order) and return the manifest's list of its files."""
    masks: dict[str, int] = {}
    pages: dict[str, list[int]] = {}  # in the order of the bits, as the shards are read
    for bit, name in enumerate(names):
        for line in (bundle / name / WORDS).read_text(encoding="utf-8").splitlines():
            form, count = line.split("\t")
            masks[form] = masks.get(form, 0) | 1 << bit
            pages.setdefault(form, []).append(int(count))
    listing = []
    folder = bundle / FOLDER
    folder.mkdir(exist_ok=True)

    def close(part: list[str]) -> None:
        data = json.dumps({"words": part, "shards": [format(masks[form], "x") for form in part],
                           "pages": [pages[form] for form in part]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:16]
        (folder / f"{digest}.json").write_bytes(data)
        listing.append([part[0], digest])

    part: list[str] = []
    size = 0
    for form in sorted(masks, key=order):
        # its bytes in the file: the form quoted, the mask, the pages, commas and brackets
        entry = len(form.encode("utf-8")) + len(format(masks[form], "x")) + len(",".join(map(str, pages[form]))) + 9
        if part and size + entry > FILE_BYTES:
            close(part)
            part, size = [], 0
        part.append(form)
        size += entry
    if part:
        close(part)
    return listing


def _chunks(bundle: Path) -> list[tuple[str, str, str]]:
    """(first word, last word, file digest) of each index chunk, from the meta files the
    entry file names."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    chunks = []
    for info in entry["languages"].values():
        meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
        listed = meta[2] if isinstance(meta, list) and len(meta) > 2 else None
        if not isinstance(listed, list) or not all(
                isinstance(chunk, list) and len(chunk) >= 3 and all(isinstance(x, str) for x in chunk[:3])
                for chunk in listed):
            raise FormatError(f"{bundle.name}: the meta file's list of index chunks is not Pagefind 1.x's")
        chunks += [tuple(chunk[:3]) for chunk in listed]
    return chunks


def _read(path: Path) -> object:
    """The CBOR value of a compressed Pagefind file (cbor2: an index chunk of a large shard
    is megabytes of positions)."""
    cbor = payload(path)
    try:
        return cbor2.loads(cbor)
    except (cbor2.CBORDecodeError, ValueError) as error:
        raise FormatError(f"{path.name}: {error}") from error
