"""Names of publications: from a web address, or a portal's abbreviated self-description.

``name_for_url`` knows a few national outlets by their domain and derives the common
local patterns from the gazetteer: ``bao<tỉnh>.vn`` is "Báo <Tỉnh>", ``<tỉnh>.gov.vn`` the
province's "Cổng thông tin điện tử", ``<huyện>.<tỉnh>.gov.vn`` the district's. Any other
address is named by its host. Every such name is a derivation the curator should confirm.

``portal_name`` spells out the abbreviations of a welcome line's site name: "Cổng TTĐT TP
Long Xuyên" → "Cổng thông tin điện tử thành phố Long Xuyên".
"""

from __future__ import annotations

import re

from ..model.gazetteer_data import loose
from ..model.places import ERA_LEGACY, Gazetteer, gazetteer
from .placenames import places_in_host

__all__ = ["name_for_url", "portal_name", "KNOWN_OUTLETS"]

# National outlets whose articles local portals often reprint; their names as they print them.
KNOWN_OUTLETS = {
    "nhandan.vn": "Báo Nhân Dân",
    "qdnd.vn": "Báo Quân đội nhân dân",
    "cand.com.vn": "Báo Công an nhân dân",
    "baochinhphu.vn": "Báo Điện tử Chính phủ",
    "chinhphu.vn": "Cổng Thông tin điện tử Chính phủ",
    "dangcongsan.vn": "Báo Điện tử Đảng Cộng sản Việt Nam",
    "tapchicongsan.org.vn": "Tạp chí Cộng sản",
    "tuyengiao.vn": "Tạp chí Tuyên giáo",
    "baotintuc.vn": "Báo Tin tức",
    "vietnamplus.vn": "VietnamPlus",
    "vnanet.vn": "Thông tấn xã Việt Nam",
    "vov.vn": "Đài Tiếng nói Việt Nam",
    "vtv.vn": "Đài Truyền hình Việt Nam",
    "daibieunhandan.vn": "Báo Đại biểu Nhân dân",
    "laodong.vn": "Báo Lao Động",
    "tienphong.vn": "Báo Tiền Phong",
    "thanhnien.vn": "Báo Thanh Niên",
    "tuoitre.vn": "Báo Tuổi Trẻ",
    "dantri.com.vn": "Báo Dân trí",
    "vnexpress.net": "VnExpress",
    "baomoi.com": "Báo Mới",
    "sggp.org.vn": "Báo Sài Gòn Giải Phóng",
    "nld.com.vn": "Báo Người Lao Động",
    "mattran.org.vn": "Cổng thông tin điện tử Mặt trận Tổ quốc Việt Nam",
}


def _host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).split("/")[0].split(":")[0].lower()
    return host.removeprefix("www.")


def name_for_url(url: str, places: Gazetteer | None = None) -> tuple[str, bool]:
    """(name, derived) for a publication's address; ``derived`` is always True except for known outlets."""
    host = _host(url)
    for domain, name in KNOWN_OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return name, False
    places = places or gazetteer()
    labels = host.split(".")
    found = places_in_host(host, places, ERA_LEGACY)
    if labels[-2:] == ["gov", "vn"] and found:
        named = [p for p in found if p.level != "ward"]
        inner = named[-1]
        covered = {loose(p.short) for p in named}
        if all(label in covered for label in labels[:-2]):
            return f"Cổng thông tin điện tử {inner.title}", True
    if labels[0].startswith("bao") and found and loose(found[-1].short) == labels[0][3:]:
        return f"Báo {found[-1].short}", True
    return host or url, True


_ABBREVIATIONS = [
    (re.compile(r"\bTTĐT\b"), "thông tin điện tử"),
    (re.compile(r"\bTTTĐT\b"), "Trang thông tin điện tử"),
    (re.compile(r"\bTP\.?(?=\s)"), "thành phố"),
    (re.compile(r"\bTX\.?(?=\s)"), "thị xã"),
    (re.compile(r"\bTT\.(?=\s)"), "thị trấn"),
    (re.compile(r"\bH\.(?=\s)"), "huyện"),
]
_TYPE_WORDS = r"(tỉnh|thành phố|thị xã|thị trấn|huyện|quận|phường|xã)"


def portal_name(site: str) -> str:
    """A site's name with its abbreviations spelt out and capitals as in running text."""
    name = " ".join(site.split()).strip(" .!")
    if name.isupper():
        name = _from_capitals(name)
    for pattern, replacement in _ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    return name


def _from_capitals(name: str) -> str:
    """"CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN MƯỜNG NHÉ" → "Cổng thông tin điện tử huyện Mường Nhé"."""
    lowered = name.lower()
    match = re.search(rf"\b{_TYPE_WORDS}\s+(.+)$", lowered)
    if not match:
        return lowered[:1].upper() + lowered[1:]
    head = lowered[:match.start(2)]
    proper = " ".join(w[:1].upper() + w[1:] for w in match[2].split())
    return (head[:1].upper() + head[1:]) + proper
