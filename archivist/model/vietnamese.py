"""Vietnamese text helpers: normalisation, folding, collation and slugs.

``sort_key`` reproduces ICU's Vietnamese collator (CLDR ``vi``, ICU 77,
default attributes: strength tertiary, alternate non-ignorable, numeric off)
in pure Python.  It agrees with ``icu.Collator.createInstance(icu.Locale("vi"))``
on every name in the vietnamadminunits gazetteer.  Known, deliberate
differences from ICU:

* Tone placement is not a difference: "Hoà" and "Hòa", "thuỷ" and "thủy" get
  the same key (ICU sorts "Hoà" < "Hòa" at the secondary level).  The key is
  computed on the traditional placement used by the gazetteer ("Hòa").
* Characters outside Vietnamese letters, ASCII and a few typographic marks
  (curly quotes, dashes, NBSP) are approximated: letters with other diacritics
  sort by their base letter, anything else sorts after all letters by code
  point.

Digits compare character by character, as in ICU by default, so "Phường 10"
sorts before "Phường 2"; pass ``numeric=True`` for ICU's numeric collation
("Phường 2" < "Phường 10"; leading zeros are ignored).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _python_slugify

__all__ = ["nfc", "fold", "normalize_tones", "sort_key", "slugify"]

# Letters in Vietnamese alphabetical order (f, j, w, z are kept in Latin order).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Vowel-quality marks that make a separate letter, keyed by (base, mark).
_QUALITY = {
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}
# Tone marks in ICU vi order: huyền < hỏi < ngã < sắc < nặng.
_TONES = "\u0300\u0309\u0303\u0301\u0323"
# Whitespace and punctuation in ICU root order; chars in one group share a
# primary weight and differ at the tertiary level only.
_PUNCTUATION = (
    "\t", "\n", " \u00a0", "_", "-", "\u2013", "\u2014", ",", ";", ":", "!",
    "?", ".", "\u00b7", "'\u2018\u2019", '"\u201c\u201d', "(", ")", "[", "]",
    "{", "}", "@", "*", "/", "\\", "&", "#", "%", "`", "^", "+", "<", "=",
    ">", "|", "~", "$",
)

_PUNCT_BASE = 0x100
_DIGIT_BASE = 0x300
_NUMBER_BASE = 0x200
_LETTER_BASE = 0x400
_UNKNOWN = chr(0x1000)
_COMMON = chr(0x20)
_UPPER = chr(0x30)
_OTHER_MARK_BASE = 0x100


def _char_weights(char: str) -> tuple[str, str, str]:
    """Primary, secondary and tertiary weights of one NFC character."""
    for index, group in enumerate(_PUNCTUATION):
        if char in group:
            return chr(_PUNCT_BASE + index), _COMMON, chr(0x20 + group.index(char))
    if "0" <= char <= "9":
        return chr(_DIGIT_BASE + ord(char) - 48), _COMMON, _COMMON
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0].lower(), list(decomposed[1:])
    for mark in marks:
        if (base, mark) in _QUALITY:
            base = _QUALITY[base, mark]
            marks.remove(mark)
            break
    if base == "ð":
        base = "đ"
    index = _ALPHABET.find(base)
    primary = chr(_LETTER_BASE + index) if index >= 0 else _UNKNOWN + decomposed[0]
    secondary = _COMMON + "".join(
        chr(0x21 + _TONES.index(m)) if m in _TONES else chr(_OTHER_MARK_BASE + ord(m) % 0x100)
        for m in marks
    )
    tertiary = (_UPPER if char.lower() != char else _COMMON) + _COMMON * len(marks)
    return primary, secondary, tertiary


class _Table(dict):
    """Per-character translation table filled lazily (for ``str.translate``)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, code: int) -> str:
        value = _char_weights(chr(code))[self.level]
        self[code] = value
        return value


class _FoldTable(dict):
    """Per-character folding table filled lazily (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        lowered = chr(code).lower()
        value = "".join(
            c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c)
        ).replace("đ", "d").replace("ð", "d")
        self[code] = value
        return value


_PRIMARY, _SECONDARY, _TERTIARY = _Table(0), _Table(1), _Table(2)
_FOLD = _FoldTable()

_TONED_SECOND = {
    unicodedata.normalize("NFC", base + tone): (base, tone)
    for base in "aeyAEY"
    for tone in _TONES
}
_OLD_STYLE = re.compile(
    "(?<![qQ])([oO])([%s])(?!\\w)|(?<![qQ])([uU])([%s])(?!\\w)"
    % (
        "".join(c for c, (b, _) in _TONED_SECOND.items() if b in "aeAE"),
        "".join(c for c, (b, _) in _TONED_SECOND.items() if b in "yY"),
    )
)
_DIGITS = re.compile(r"(\d+)")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase, strip every diacritic (đ→d) and collapse whitespace, for matching."""
    return " ".join(nfc(text).translate(_FOLD).split())


def _move_tone(match: re.Match[str]) -> str:
    """Move a tone mark from the second vowel of oa/oe/uy to the first."""
    first = match.group(1) or match.group(3)
    second = match.group(2) or match.group(4)
    base, tone = _TONED_SECOND[second]
    return nfc(first + tone) + base


def normalize_tones(text: str) -> str:
    """NFC with open-syllable oa/oe/uy tones on the first vowel, as the gazetteer writes them ("Hoà" → "Hòa")."""
    text = nfc(text)
    return _OLD_STYLE.sub(_move_tone, text) if _OLD_STYLE.search(text) else text


def fold_words(text: str) -> str:
    """Fold diacritics (đ→d) and case but keep every other character where it is, so the
    folded text has the same words in the same places as the original (search index)."""
    return nfc(text).translate(_FOLD)


_TAG = re.compile(r"(<[^>]*>)")
FOLD_MARK = "0"
"""Put before every word of the folded copy holding a letter ("0dien"), so that its words
are not those of the text as written: an unaccented query (marked the same way by
static/search.js) matches the folded copy only, and an accented one the text as written
only ("Long Xuyên" does not find "lòng"). Words of digits alone, the same in both, are
left as they are."""
_RUN = re.compile(r"[^\W_]+")


def _mark(match: re.Match[str]) -> str:
    run = match.group(0)
    return run if run.isdecimal() else FOLD_MARK + run


def search_fold(html: str) -> str:
    """The search index's folded copy of a text or HTML fragment: its text lowercased and
    stripped of diacritics (đ→d) with every word at its place (``fold_words``) and marked
    (FOLD_MARK), tags and their attributes as they are. The article pages index it after
    the text as written, and static/search.js maps a word of the copy to the word as
    written by its position."""
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _RUN.sub(_mark, fold_words(parts[i]))
    return "".join(parts)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Identity of a name (tag, author, source): case, spacing and tone placement
    ("Hoà"/"Hòa") do not count; tones and other diacritics do ("Sa Pa" ≠ "Sa Pả")."""
    return " ".join(normalize_tones(text).casefold().split())


def _number_weights(digits: str) -> str:
    """Primary weights of a digit run under numeric collation."""
    value = digits.lstrip("0")
    return chr(_NUMBER_BASE + min(len(value), 0xFF)) + "".join(
        chr(_DIGIT_BASE + ord(d) - 48) for d in value
    )


def sort_key(text: str, *, numeric: bool = False) -> tuple[str, str, str]:
    """Vietnamese collation key: (letters, tones, case), compared level by level like ICU.

    The key is three strings.  Primary: one code point per letter in the order
    a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z),
    case-insensitive; whitespace < punctuation < digits < letters.  Secondary:
    per letter a "no tone" mark followed by its tone, none < huyền < hỏi < ngã
    < sắc < nặng, so tones only matter between otherwise equal words.
    Tertiary: lowercase before uppercase.  With ``numeric=True`` a run of
    digits is one element ordered by value.
    """
    text = normalize_tones(text)
    if not numeric:
        return (text.translate(_PRIMARY), text.translate(_SECONDARY), text.translate(_TERTIARY))
    primary, secondary, tertiary = [], [], []
    for index, piece in enumerate(_DIGITS.split(text)):
        if index % 2:
            primary.append(_number_weights(piece))
            secondary.append(_COMMON)
            tertiary.append(_COMMON)
        else:
            primary.append(piece.translate(_PRIMARY))
            secondary.append(piece.translate(_SECONDARY))
            tertiary.append(piece.translate(_TERTIARY))
    return "".join(primary), "".join(secondary), "".join(tertiary)


_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`]")
_SIMPLE_SLUG = re.compile(r"[a-z0-9 \-]*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII URL slug: "Điện Biên Phủ" → "dien-bien-phu"; apostrophes vanish ("Ea H'leo" → "ea-hleo")."""
    folded = fold(text)
    words = folded.split(" ")
    if folded.isascii() and "".join(words).isalnum() and folded.islower():
        return "-".join(words)  # fast path: python-slugify would give the same
    folded = _APOSTROPHES.sub("", folded)
    if _SIMPLE_SLUG.fullmatch(folded):
        return _NOT_SLUG.sub("-", folded).strip("-")
    return _python_slugify(folded)
