"""Deterministic synthetic archive for the benchmark (see bench/README.md).

``write_archive(n, root, seed, seeds_dir)`` writes ``root/site.yaml`` and
``root/content/*.md`` in this project's front-matter format; ``write_hugo_corpus``
writes the same articles as the shared Hugo peer expects them. Bodies and titles are
drawn from the seed texts; localities are real legacy-era units of every province,
written as full typed chains, most specific first (``Place.label``). Depends only on
N, the seed, the seed texts and the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TAGS = [
    "Xây dựng Đảng", "Học tập và làm theo Bác", "Chỉ thị 05", "Kinh tế", "Nông nghiệp",
    "Giáo dục", "Y tế", "Văn hóa", "Du lịch", "Giao thông", "Quốc phòng", "An ninh trật tự",
    "Cải cách hành chính", "Chuyển đổi số", "Môi trường", "Dân tộc thiểu số", "Giảm nghèo",
    "Nông thôn mới", "Thanh niên", "Phụ nữ", "Tái định cư", "Giải phóng mặt bằng", "Đô thị",
    "Lao động việc làm", "Thể thao", "Lễ hội", "Khoa học công nghệ", "Biên giới",
    "Thi đua khen thưởng", "Mặt trận Tổ quốc", "Công an", "Hội nông dân", "Cựu chiến binh",
    "Thiếu nhi", "Khuyến học", "Đầu tư công", "Thương mại", "Thủy lợi",
    "Phòng chống thiên tai", "Di sản", "Dân vận khéo",
]
AUTHORS = [
    "Minh Thảo", "Phạm Dung", "Thanh Tuyền", "Hoàng Anh", "Nguyễn Thị Lan", "Trần Hiếu",
    "Lê Thu Hà", "Đỗ Quang Vinh", "Vũ Ngọc Mai", "Lò Văn Páo", "Quàng Thị Hoa", "Bùi Đức Thắng",
    "Ngô Thị Hằng", "Đặng Văn Khoa", "H'Hen Niê", "Y Bliêng", "Thạch Sô Phên", "Lý Thị Mỷ",
    "Phan Quốc Bảo", "Huỳnh Kim Ngân", "Ban Tuyên giáo Huyện ủy", "Văn phòng HĐND - UBND",
]
SOURCES = [
    ("Báo Điện Biên Phủ", "http://baodienbienphu.info.vn"),
    ("Cổng thông tin điện tử tỉnh Lai Châu", "http://laichau.gov.vn"),
    ("Cổng thông tin điện tử thành phố Long Xuyên", "https://longxuyen.angiang.gov.vn"),
    ("Báo Quảng Trị", "http://baoquangtri.vn"), ("Báo Lào Cai", "https://baolaocai.vn"),
    ("Báo Nghệ An", "https://baonghean.vn"), ("Báo Cần Thơ", "https://baocantho.com.vn"),
    ("Báo Quảng Ninh", "https://baoquangninh.vn"), ("Báo Đắk Lắk", "https://baodaklak.vn"),
    ("Báo Hà Giang", "https://baohagiang.vn"), ("Báo Thừa Thiên Huế", "https://baothuathienhue.vn"),
    ("Báo Bình Dương", "https://baobinhduong.vn"), ("Báo Sóc Trăng", "https://baosoctrang.org.vn"),
    ("Đài Phát thanh - Truyền hình tỉnh", None), ("Trang thông tin điện tử phường", None),
]
TITLE_PHRASES = [
    "Lan tỏa học và làm theo Bác", "Khơi dậy khát vọng phát triển",
    "Chuyển biến trong học tập và làm theo Bác", "Nâng cao hiệu quả thực hiện Chỉ thị số 05-CT/TW",
    "Tích cực học tập và làm theo Bác", "Phát huy vai trò nêu gương của cán bộ, đảng viên",
    "Nhiều cách làm hay, sáng tạo", "Đẩy mạnh cải cách hành chính",
    "Vận động nhân dân chuyển đổi cơ cấu kinh tế", "Tăng cường đối thoại với Nhân dân",
    "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh", "Gương sáng làm theo lời Bác",
]
HEADINGS = [
    "Kết quả nổi bật", "Nhiều cách làm sáng tạo", "Phát huy vai trò nêu gương",
    "Nhiệm vụ thời gian tới", "Từ học tập đến làm theo", "Những con số ấn tượng",
    "Gần dân, sát dân", "Đổi mới phương thức lãnh đạo",
]
FIRST_DAY, LAST_DAY = dt.date(2010, 1, 1), dt.date(2025, 6, 30)  # all before the 2025 reform
BOILERPLATE = re.compile(r"•|A- A A\+|Tổng số điểm|Thống kê truy cập|Chia sẻ bài viết|^Theo http|^Phản hồi")
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ“\"])")

SITE_YAML = """\
title: Lưu trữ tin địa phương (benchmark)
description: Kho lưu trữ tổng hợp để đo tốc độ dựng trang.
base_url: ""
per_page: 20
related: 5
directory_urls: true
search: true
"""


def ascii_slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@dataclass
class Seeds:
    titles: list[str]
    paragraphs: list[str]
    sentences: list[str]


def load_seeds(seed_dir: Path) -> Seeds:
    titles, paragraphs = [], []
    for path in sorted(seed_dir.glob("*.txt")):
        blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
        blocks = [b for b in blocks if b and not BOILERPLATE.search(b)]
        titles += [b for b in blocks[:3] if 30 <= len(b) <= 150 and not b.startswith("(")][:1]
        paragraphs += [b for b in blocks if len(b) >= 120]
    if len(paragraphs) < 8:
        raise SystemExit(f"corpus: only {len(paragraphs)} usable paragraphs in {seed_dir}")
    sentences = [s.strip() for p in paragraphs for s in SENTENCE_END.split(p) if 40 <= len(s.strip()) <= 200]
    return Seeds(titles, paragraphs, sentences)


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


class Localities:
    """Picks places: provinces Zipf-skewed (in a seeded random order), then districts and
    wards skewed too; ~75 % ward, ~15 % district, ~10 % province level."""

    def __init__(self, rng: random.Random, gazetteer, era: str) -> None:
        self.rng, self.gz = rng, gazetteer
        self.provinces = list(gazetteer.provinces(era))
        rng.shuffle(self.provinces)
        self.weights = zipf_weights(len(self.provinces))
        self._kids: dict[str, tuple[list, list[float]]] = {}

    def _child(self, place):
        if place.key not in self._kids:
            kids = list(self.gz.children(place))
            random.Random(place.key).shuffle(kids)  # stable per place, independent of call order
            self._kids[place.key] = (kids, zipf_weights(len(kids), 0.8))
        kids, weights = self._kids[place.key]
        return self.rng.choices(kids, weights)[0] if kids else None

    def pick(self, province=None):
        province = province or self.rng.choices(self.provinces, self.weights)[0]
        roll = self.rng.random()
        if roll < 0.10:
            return province
        district = self._child(province) or province
        if roll < 0.25:
            return district
        return self._child(district) or district


def pick_weighted_unique(rng: random.Random, items: list, k: int) -> list:
    weights = zipf_weights(len(items), 0.7)
    chosen: list = []
    while len(chosen) < k:
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def emphasize(rng: random.Random, text: str) -> str:
    """Wrap a run of 2-5 words in **bold** or *italic* (opening and closing on letters)."""
    words = text.split(" ")
    for _ in range(5):
        n = rng.randint(2, 5)
        start = rng.randint(1, max(1, len(words) - n - 1))
        run = words[start:start + n]
        if len(run) == n and run[0][:1].isalnum() and run[-1][-1:].isalnum():
            mark = rng.choice(["**", "*"])
            words[start], words[start + n - 1] = mark + words[start], words[start + n - 1] + mark
            return " ".join(words)
    return text


def make_body(rng: random.Random, seeds: Seeds, place_name: str, author: str | None,
              source: tuple[str, str | None]) -> str:
    blocks = [emphasize(rng, p) if rng.random() < 0.5 else p
              for p in rng.sample(seeds.paragraphs, rng.randint(4, 8))]
    blocks[0] = emphasize(rng, blocks[0])
    credit = "".join(w[0] for w in (author or "PV").split())
    caption = f"{rng.choice(seeds.sentences).rstrip('.')} - Ảnh: {credit}\n{{: .caption }}"
    blocks.insert(rng.choice([0, 1, 2]), caption)
    blocks.insert(rng.randint(2, len(blocks)), "## " + rng.choice(HEADINGS))
    if rng.random() < 0.6:
        items = rng.sample(seeds.sentences, rng.randint(3, 5))
        blocks.insert(rng.randint(2, len(blocks)), "\n".join("- " + s for s in items))
    if rng.random() < 0.5:
        blocks.insert(rng.randint(2, len(blocks)), "> " + rng.choice(seeds.sentences))
    name, url = source
    blocks.append(f"Xem thêm tin về {place_name} tại [{name}]({url or 'https://example.vn/'}).")
    if author:
        blocks.append(f"*Bài, ảnh: {author}*")
    return "\n\n".join(blocks) + "\n"


@dataclass
class Article:
    stem: str
    title: str
    date: str | None  # YYYY-MM-DD, YYYY-MM, YYYY or None
    places: list  # archivist.model.places.Place, main place first
    author: str | None
    source: tuple[str, str | None] | None
    tags: list[str]
    body: str

    def project_text(self) -> str:
        lines = ["---", f"title: {yaml_str(self.title)}"]
        if self.date:
            lines.append(f"date: {self.date}")
            if len(self.date) == 4:
                lines.append(f'date_note: "Suy ra từ nội dung: bài nhắc đến kết quả năm {self.date}."')
        lines += ["locality:"] + [f"  - {p.label}" for p in self.places]
        if self.author:
            lines.append(f"author: {self.author}")
        if self.source:
            lines += ["source:", f"  name: {self.source[0]}"] + ([f"  url: {self.source[1]}"] if self.source[1] else [])
        lines.append("tags: [" + ", ".join(self.tags) + "]")
        return "\n".join(lines + ["---", "", self.body])

    def hugo_text(self) -> str:
        """Shared gen_corpus-style front matter (locality broadest first, bare names; source a
        URL) plus the `localities` taxonomy: one term per unit of each chain, so Hugo, like
        this project, makes a page per province, district and ward; captions as {.caption}."""
        main = self.places[0]
        terms = sorted({" › ".join(u.title for u in p.chain[:i + 1]) for p in self.places
                        for i in range(len(p.chain))})
        lines = ["---", f"title: {yaml_str(self.title)}"]
        if self.date:  # Hugo has no partial dates: the first day of the month or year
            lines.append("date: " + (self.date + "-01-01")[:10] if len(self.date) == 4 else
                         "date: " + (self.date + "-01")[:10])
        lines.append("locality: " + json.dumps([u.short for u in main.chain], ensure_ascii=False))
        lines.append("localities: " + json.dumps(terms, ensure_ascii=False))
        if self.author:
            lines.append(f"author: {yaml_str(self.author)}")
        if self.source and self.source[1]:
            lines.append(f"source: {yaml_str(self.source[1])}")
        lines.append("tags: " + json.dumps(self.tags, ensure_ascii=False))
        # Goldmark's block attribute is {.caption} (no colon); run.py turns block attributes on.
        return "\n".join(lines + ["---", "", self.body.replace("\n{: .caption }\n", "\n{.caption}\n")])


def make_date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.10:
        return None
    day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    return day.strftime("%Y") if roll < 0.15 else day.strftime("%Y-%m") if roll < 0.20 else day.isoformat()


def make_articles(n: int, seed: int, seed_dir: Path) -> list[Article]:
    from archivist.model.places import ERA_LEGACY, gazetteer

    rng = random.Random(seed)
    seeds = load_seeds(seed_dir)
    places = Localities(rng, gazetteer(), ERA_LEGACY)
    phrases = TITLE_PHRASES + seeds.titles
    articles = []
    for i in range(1, n + 1):
        main = places.pick()
        chosen = [main]
        if rng.random() < 0.10:  # a second place in the same province
            other = places.pick(main.chain[0])
            if other not in chosen:
                chosen.append(other)
        phrase = rng.choice(phrases)
        title = phrase if phrase in seeds.titles and rng.random() < 0.5 else f"{phrase} ở {main.title}"
        author = rng.choices(AUTHORS, zipf_weights(len(AUTHORS), 0.6))[0] if rng.random() > 0.05 else None
        source = rng.choices(SOURCES, zipf_weights(len(SOURCES), 0.6))[0]
        has_source = rng.random() > 0.05
        tags = pick_weighted_unique(rng, TAGS, rng.randint(1, 4))
        stem = f"{ascii_slug(title)[:80].rstrip('-')}-{i:06d}"
        body = make_body(rng, seeds, main.title, author, source)
        url = f"{source[1]}/tin-tuc/{stem}.html" if source[1] else None
        articles.append(Article(stem, title, make_date(rng), chosen, author,
                                (source[0], url) if has_source else None, tags, body))
    return articles


def write_archive(articles: list[Article], root: Path) -> None:
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for a in articles:
        (content / f"{a.stem}.md").write_text(a.project_text(), encoding="utf-8")


def write_hugo_corpus(articles: list[Article], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (folder / f"{a.stem}.md").write_text(a.hugo_text(), encoding="utf-8")


def describe(articles: list[Article]) -> dict:
    """Counts that show the corpus' shape (for the results JSON)."""
    levels: dict[str, int] = {}
    for a in articles:
        levels[a.places[0].level] = levels.get(a.places[0].level, 0) + 1
    units = {u.key for a in articles for p in a.places for u in p.chain}
    dates = [a.date for a in articles]
    return {
        "articles": len(articles),
        "main_place_level": levels,
        "articles_with_two_places": sum(len(a.places) > 1 for a in articles),
        "provinces": len({a.places[0].chain[0].key for a in articles}),
        "distinct_units": len(units),
        "dates": {"full": sum(d is not None and len(d) == 10 for d in dates),
                  "month": sum(d is not None and len(d) == 7 for d in dates),
                  "year": sum(d is not None and len(d) == 4 for d in dates),
                  "undated": sum(d is None for d in dates)},
        "tags": len({t for a in articles for t in a.tags}),
        "authors": len({a.author for a in articles if a.author}),
        "body_chars": sum(len(a.body) for a in articles),
    }
