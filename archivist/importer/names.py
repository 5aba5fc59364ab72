"""Names on a news page: people's names and pen names, organisations, publications, and their case.

Pure functions over one short text each:

* ``name_like``: a person's name or pen name ("Thanh Tuyền", "LÊ LAN", "Lê thị Thu Hà", "PV");
* ``org_like``: an organisation signing as author ("Ban VHTT phường Mỹ Thạnh", also with a full
  stop after it);
* ``publication``: a publication's or portal's name ("Báo Lai Châu", "Cổng TTĐT tỉnh Điện Biên");
* ``split_credit``: a signature's name apart from what follows it: the person's unit ("Thu
  Hằng - Trung tâm VH-TT huyện"), the place they write from ("Ngọc Diệp (Kiến Xương)") or
  their paper ("Ngọc Hân, Báo Quảng Ngãi", which is also the source);
* ``proper_name``: a name as running text writes it: capitals ("HỮU HIỆP") and lowercase
  middle syllables ("Lê thị Thu Hà") as "Hữu Hiệp", "Lê Thị Thu Hà"; initials and
  abbreviations ("PV", "TTXVN", "H.N") keep their capitals;
* ``org_cased``: an organisation's name in capitals as running text writes it ("BAN BIÊN TẬP" → "Ban
  biên tập");
* ``syllables_cased``: a text in capitals with its syllables title-cased and its abbreviations
  kept ("UBND TP. HUẾ" → "UBND TP. Huế").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.vietnamese import fold
from .boilerplate import UNIT_TYPES
from .publishers import by_code, by_host

__all__ = ["name_like", "syllable", "cut_mid_syllable", "org_like", "publication", "Credit", "split_credit",
           "proper_name", "org_cased", "syllables_cased", "OFFICIAL_HEADS", "EDITORS", "is_abbreviation"]

_SUFFIX = re.compile(r"\s*(?:\((?:[^()]{1,40})\)|[-–]\s*[A-ZĐ]{2,8})\s*$")
_PARTICLES = {"và", "&", "-", "–", ",", "/"}
# Middle syllables some pages write in lowercase ("Lê thị Thu Hà", "Nguyễn văn Hùng").
_LOWER_MIDDLE = set("thị văn viết hữu đình đức công xuân ngọc minh quang thanh kim bá duy trọng quốc hồng thế tiến khắc "
                    "đăng như phước tấn".split())
"""Middle names some sites print in lowercase ("Lê thị Thu Hà", "Mai viết Tăng")."""


_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")


def syllable(word: str) -> bool:
    """Whether a word (letters only) is a Vietnamese syllable, not initials ("PV", "UBND", "ĐBP")."""
    return bool(_SYLLABLE.fullmatch(fold(word)))


_ONSETS = set("b c d đ g h k l m n p r s t v x ch gh kh ng ngh nh ph th tr".split())


def cut_mid_syllable(text: str) -> bool:
    """Whether a line ends in the middle of a syllable, as a copy cut short does ("… kinh tế của ch"): its last
    word a syllable's first consonants alone, not a unit after a number ("3.000.000 đ", "100 m")."""
    words = text.split()
    last = words[-1].strip("\"“”'(") if words else ""
    return last in _ONSETS and not (len(words) > 1 and any(c.isdigit() for c in words[-2]))


def is_abbreviation(word: str) -> bool:
    """Initials or an abbreviation written in capitals: "PV", "TTXVN", "UBND", "H.N", "VH-TT", "TP."."""
    letters = "".join(c for c in word if c.isalpha())
    return bool(letters) and word.upper() == word and (letters != word.rstrip(",;:!?") or not syllable(letters))


def name_like(line: str) -> bool:
    """Whether a short line reads as a person's name or pen name: "Thanh Tuyền", "Minh Thảo
    (TTXVN)", "Hoàng Anh - Minh Thu", "PV", "LÊ LAN", "Lê thị Thu Hà"."""
    text = _SUFFIX.sub("", line).strip(" .")
    words = text.replace(",", " , ").split()
    if not 1 <= len(words) <= 8 or any(c.isdigit() for c in text) or ":" in text:
        return False
    names = [w for w in words if w not in _PARTICLES]
    if not names or len(names) > 7:
        return False
    if len(names) == 1 and not ((names[0].isupper() and len(names[0]) > 1) or "." in names[0]):
        return False  # one word: initials ("PV", "T.H") sign so; a letter, a word cut off or a link ("Tổ") does not
    for index, word in enumerate(names):
        middle = 0 < index < len(names) - 1 and names[index - 1][:1].isupper() and names[index + 1][:1].isupper()
        if middle and word in _LOWER_MIDDLE:
            continue
        if not (word[:1].isupper() and (word.isupper() or word[1:].islower() or "." in word)):
            return False
    return True


_ORG = re.compile(
    r"^(?:ban|phòng|trung tâm|văn phòng|ubnd|ủy ban|uỷ ban|đảng ủy|đảng uỷ|đoàn"
    # an association, not an event ("Hội nghị", "Hội thi", "Hội chợ") nor its members ("Hội viên")
    r"|hội(?!\s+(?:nghị|thảo|thi|diễn|chợ|trại|thao|ngộ|xuân|khỏe|khoẻ|làng|đàm|viên|quán|họp|báo)\b)|sở|công an|cục|chi cục|trường"
    r"|bộ phận|tổ|nhóm|bbt|ban biên tập|đài|huyện đoàn|thành đoàn|tỉnh đoàn|mặt trận|mttq|ubmttq|liên đoàn|bệnh viện"
    r"|trạm|bch|bộ chỉ huy|ban chỉ huy|viện|tòa án|toà án|tand|vksnd|viện kiểm sát|kho bạc|chi nhánh|ngân hàng"
    r"|thanh tra"
    r"|hạt kiểm lâm|đồn|bql|ban quản lý|phòng gd|phòng vh|thư viện|bảo tàng|hđnd|hội đồng|lhpn|hnd|ttvh"
    r"|p?ct\s*[-–]\s*\w+|p?bt\s*[-–]\s*\w+)\b", re.I)  # a post before a unit's initials: "CT-HND xã Long Đức"


def org_like(line: str) -> bool:
    """Whether a short line names an organisation as author: "Ban VHTT phường Mỹ Thạnh", "Hội LHPN
    huyện Cầu Kè." (a signature may end with a full stop; a sentence does not stop at one)."""
    text = line.rstrip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    words = text.split()
    return (bool(_ORG.match(text)) and 2 <= len(words) <= 14 and not text.endswith((".", ":", "?", "!", ","))
            and not _CLAUSE.intersection(words) and not _COUNTED.search(text))


_COUNTED = re.compile(r"\b\d+\s+[a-zđà-ỹ]")
"""A number of something ("… tặng 01 bộ"): a clause, not a name (whose numbers end it or stand before a name)."""


_CLAUSE = {"đã", "đang", "sẽ", "vừa", "được", "bị"}
"""Words that mark a verb's tense or voice: a line holding one is a clause ("Tổ công tác 108 Công an tỉnh đã
bàn giao…", a sentence cut off), not an organisation's name."""


_PUBLICATION = re.compile(r"^(?:báo(?!\s+cáo\b)|tạp chí|đài|cổng thông tin|cổng ttđt|trang thông tin|trang ttđt"
                          r"|thông tấn xã"
                          r"|ttxvn|kênh|truyền hình|phát thanh)\b", re.I)


def publication(text: str) -> bool:
    """Whether a short text names a publication ("Báo Lai Châu", "Cổng TTĐT tỉnh Điện Biên"; a report, "Báo cáo …",
    is none)."""
    return bool(_PUBLICATION.match(text)) and not text.rstrip().endswith((".", ":"))


@dataclass(frozen=True)
class Credit:
    """A signature split into the name and what follows it."""

    name: str
    """The name as signed, cased as running text writes it."""
    publication: str | None = None
    """The paper named after it ("…, Báo Quảng Ngãi"), if any: the source."""
    address: str | None = None
    """The site named after it ("Hoài Nhơn/huongson.hatinh.gov.vn"), if any: the source's address."""


_CO_AUTHORS = re.compile(r"\s+[-–—]\s+")
_SOURCE_LABEL = re.compile(r"^(?:nguồn|theo)\s*:\s*(?=\S)", re.I)  # "Mạnh Hùng - Nguồn: Đài TT - TH Thạch Hà"
_AFTER_NAME = re.compile(r"\s*(?:,|\s[-–—]\s|(?<=\w)[-–—]\s|\s[-–—](?=[^\W\d_]))\s*")  # "Hương- Công…", "Tân -Phòng…"
_PAREN = re.compile(r"\s*\(([^()]{1,60})\)\s*\.?$")
_ROLE = re.compile(r"tổng\s*hợp|t/h|th|ctv|cộng\s*tác\s*viên|sưu\s*tầm|st|lược\s*dịch|biên\s*dịch|dịch|thực\s*hiện",
                   re.I)
"""What the signer did, in brackets after the name: "Thu Hà (tổng hợp)", "Minh Hà (CTV)"."""
_FUNCTION = re.compile(r"(?:phó\s+)?(?:bí thư|chủ tịch|trưởng|giám đốc|hiệu trưởng|chánh|cán bộ|công chức|chuyên viên"
                       r"|phóng viên|cộng tác viên|ctv|pv|btv|biên tập viên|đảng viên|đoàn viên|hội viên|giáo viên"
                       r"|bác sĩ|thiếu tá|trung tá|thượng tá|đại tá|đại úy|thượng úy|trung úy|thiếu úy)\b", re.I)
"""A post or rank after a signer's name ("Bí thư Chi bộ …", "Trưởng ban …", "Đại úy")."""
_SLASH_CODE = re.compile(r"(?P<name>[^/()]+?)(?:\s*/\s*(?P<code>[A-ZĐ]{2,8}\d{0,2})"
                         r"|(?:\s*/\s*|\s+[-–—]\s+)(?P<host>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})"
                         r"|\s*/\s*(?P<paper>(?:Báo|Tạp chí|Đài|Truyền hình)\s[^/()]+))")
EDITORS = re.compile(r"BTV|BBT|PV|CTV|Ban [Bb]iên tập|Phóng viên|Biên tập viên")
"""The site's own editors named as a note's source ("Nguồn: BTV", "Nguồn: Ban biên tập"): no other publication."""
_COMRADE = re.compile(r"(?:đ/c|đồng chí|ông|bà)\s", re.I)
_ROLE_BEFORE = re.compile(r"(?:CTV|PV|BTV|Phóng viên|Cộng tác viên)\s+(?=[A-ZĐÀ-Ỹ])")
_UNIT_INITIALS = re.compile(r"[A-ZĐ]{2,6}")
"""A unit's or role's initials without full stops ("TTTT", "TTVH", "PV"); a person's have them ("H.P")."""


def split_credit(text: str) -> Credit | None:
    """A signature: a name alone, or followed by the signer's unit, place or paper; None if the text
    does not start with a name. "Ngọc Hân, Báo Quảng Ngãi" → ("Ngọc Hân", "Báo Quảng Ngãi"); "Thu
    Hằng - Trung tâm VH-TT huyện" and "Ngọc Ánh (Ban Dân vận Huyện ủy)" → "Thu Hằng", "Ngọc Ánh";
    "Ngọc Diệp (Kiến Xương)" → "Ngọc Diệp"; "Mạnh Hùng - Nguồn: Đài TT-TH X" → ("Mạnh Hùng", "Đài
    TT-TH X"); names a dash parts are co-authors, listed with commas:
    "Hoàng Anh - Minh Thu" and "TRỌNG QUỐC – H.P" are "Hoàng Anh, Minh Thu" and "Trọng Quốc, H.P"."""
    text = " ".join(text.split()).strip(" -–—")  # "- Lê Minh -"
    role = _ROLE_BEFORE.match(text)
    if role and name_like(_PAREN.sub("", text[role.end():])):  # "CTV Phương Mai": a collaborator's signature
        text = text[role.end():]
    if _COMRADE.match(text):
        return None  # "Đ/c Nguyễn Văn Quế – Chủ tịch …": a person in a caption or the text, not a signature
    coded = _SLASH_CODE.fullmatch(text)
    if coded and name_like(coded["name"]) and coded["paper"]:  # "Minh Tâm/Báo Lai Châu"
        return Credit(_co_authors(coded["name"]), coded["paper"].strip())
    if coded and name_like(coded["name"]):  # "Minh Tâm/TTXVN", "Diệp Xuân/Dienbientv.vn", "Công Hậu – nhandan.org.vn"
        host = coded["host"] and coded["host"].lower()
        publisher = by_code(coded["code"]) if coded["code"] else by_host(host)
        return Credit(_co_authors(coded["name"]), publisher.name if publisher else None, host and f"http://{host}")
    paren = _PAREN.search(text)
    if paren and name_like(text[:paren.start()]):
        inner = _SOURCE_LABEL.sub("", paren[1])  # "Phương Đình (Nguồn: Báo Đắk Lắk)"
        if publication(inner):  # "Minh Anh (Báo Hà Tĩnh)": the author and the paper
            return Credit(_co_authors(text[:paren.start()]), inner)
        if (coded := by_code(paren[1])) is not None:  # "Minh Tâm (VOV)"
            return Credit(_co_authors(text[:paren.start()]), coded.name)
        if (_place_like(paren[1]) or org_like(paren[1]) or _ROLE.fullmatch(paren[1])
                or _UNIT_INITIALS.fullmatch(paren[1])):  # "Phương Mai (TA)": the signer's unit's initials
            return Credit(_co_authors(text[:paren.start()]))
    parts = _AFTER_NAME.split(text, maxsplit=1)
    if len(parts) == 2 and name_like(parts[0]):
        rest = _SOURCE_LABEL.sub("", parts[1].strip(" ."))
        if EDITORS.fullmatch(rest):  # "Phạm Thị Hằng - Nguồn: BTV": the site's own
            return Credit(proper_name(parts[0]))
        if (publication(rest) or rest != parts[1].strip(" .")) and len(rest.split()) <= 10:
            return Credit(proper_name(parts[0]), rest)
        if org_like(rest) or _FUNCTION.match(rest) or all(_UNIT_INITIALS.fullmatch(w) for w in rest.split()):
            # "Đỗ Thuần – Bí thư Chi bộ …", "Lê Vũ, ĐTT TPST": the signer's unit or post
            return Credit(proper_name(parts[0]))
    if name_like(text):
        return Credit(_co_authors(text.rstrip(" .") if not text.endswith(")") else text))
    return None


def _co_authors(name: str) -> str:
    """Names a dash parts, listed with commas ("Hoài Thu - Ngọc Anh" → "Hoài Thu, Ngọc Anh"); a unit's
    initials after them are no co-author ("Hồng Nhung - TTTT": the signer's centre)."""
    parts = _CO_AUTHORS.split(name)
    while len(parts) > 1 and _UNIT_INITIALS.fullmatch(parts[-1]):
        parts.pop()
    if len(parts) > 1 and all(name_like(part) for part in parts):
        return ", ".join(proper_name(part) for part in parts)
    return proper_name(" – ".join(parts) if len(parts) > 1 else parts[0])


def _place_like(text: str) -> bool:
    """A place written after a name: one to four capitalised syllables, not initials nor an organisation."""
    words = text.split()
    return (1 <= len(words) <= 4 and not _ORG.match(text) and not publication(text)
            and all(w[:1].isupper() and syllable(w) and not w.isupper() for w in words))


def proper_name(name: str) -> str:
    """A name as running text writes it: "HỮU HIỆP" → "Hữu Hiệp", "Lê thị Thu Hà" → "Lê Thị Thu Hà";
    initials, abbreviations and what stands in brackets keep their case ("PV", "Minh Thảo (TTXVN)"); printed
    twice, once."""
    words = name.split()
    if len(words) >= 4 and len(words) % 2 == 0 and words[:len(words) // 2] == words[len(words) // 2:]:
        name = " ".join(words[:len(words) // 2])  # a name a page prints twice ("Việt Phú Việt Phú")
    head, bracket = name, ""
    match = re.search(r"\s*\(.*\)\s*$", name)
    if match:
        head, bracket = name[:match.start()], name[match.start():]
    words = [_INITIALS_NAME.sub(lambda m: m[1] + m[2][0] + m[2][1:].lower() if m[2].isupper() and syllable(m[2])
                                else m[0], word) for word in head.split(" ")]
    capitals = [w for w in words if any(c.isalpha() for c in w)]
    all_caps = bool(capitals) and all(w.isupper() for w in capitals) and not all(map(is_abbreviation, capitals))
    cased = []
    for index, word in enumerate(words):
        if all_caps and not is_abbreviation(word):
            word = word[:1] + word[1:].lower()
        elif word in _LOWER_MIDDLE and 0 < index < len(words) - 1:
            word = word[:1].upper() + word[1:]
        cased.append(word)
    return " ".join(cased) + bracket


_INITIALS_NAME = re.compile(r"^((?:[A-ZĐ]\.)+)([A-ZĐÀ-Ỹ]{2,})$")
"""Initials before a name in capitals, one word: "X.ĐÀO" is "X.Đào"."""
_UNIT_WORDS = re.compile(rf"\b(?:{UNIT_TYPES}|tp\.?|tx\.?)\s+(?!ủy\b|uỷ\b)", re.I)
OFFICIAL_HEADS = ("Cổng thông tin điện tử", "Trang thông tin điện tử", "Cổng thông tin", "Hội Nông dân",
                  "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Hội Chữ thập đỏ", "Hội Người cao tuổi",
                  "Đài Phát thanh và Truyền hình", "Đài Phát thanh - Truyền hình", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                  "Mặt trận Tổ quốc", "Liên đoàn Lao động", "Ủy ban nhân dân", "Hội đồng nhân dân", "Đoàn Thanh niên",
                  "Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức", "Ban Kiểm tra", "Ban Chỉ huy Quân sự", "Huyện ủy",
                  "Tỉnh ủy", "Thành ủy", "Quận ủy", "Thị ủy", "Đảng ủy", "Huyện Đoàn", "Tỉnh Đoàn", "Thành Đoàn")
"""Heads of organisations' and sites' names as they are officially written ("Ban Tuyên giáo Huyện ủy")."""
_OFFICIAL = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, OFFICIAL_HEADS), key=len, reverse=True))
                       + r")(?!\w)", re.I)


def org_cased(name: str) -> str:
    """An organisation's name written in capitals as running text writes it: the first word capitalised,
    the rest in lowercase but for initials and the names of the units after their type word ("BAN BIÊN
    TẬP" → "Ban biên tập", "HỘI LHPN XÃ TÂN LẬP" → "Hội LHPN xã Tân Lập"); any other name as it is."""
    letters = [w for w in name.split() if any(c.isalpha() for c in w)]
    if not letters or not all(w.isupper() for w in letters) or all(map(is_abbreviation, letters)):
        return name
    lowered = re.sub(r"[^\W\d_][\w.&\-]*", lambda m: m[0] if is_abbreviation(m[0]) else m[0].lower(), name)
    official = {head.lower(): head for head in OFFICIAL_HEADS}
    lowered = _OFFICIAL.sub(lambda m: official.get(m[1].lower(), m[1]), lowered)  # "Ban Tuyên giáo Huyện ủy"
    after = _UNIT_WORDS.search(lowered)
    if after:
        lowered = lowered[:after.end()] + syllables_cased(lowered[after.end():].upper())
    return lowered[:1].upper() + lowered[1:]


def syllables_cased(text: str) -> str:
    """Capitals as title case, word by word, abbreviations kept: "HUYỆN MAI SƠN ĐẨY MẠNH" → "Huyện
    Mai Sơn Đẩy Mạnh", "UBND TP. HUẾ" → "UBND TP. Huế"."""
    return re.sub(r"[^\W\d_][\w.&\-]*", lambda m: m[0] if is_abbreviation(m[0]) else m[0][:1] + m[0][1:].lower(),
                  text)
