"""The real sample archive in content/: five curated articles, their metadata and places."""

import re

import yaml

from tests.conftest import read
from tests.golden import ROOT

CONTENT = ROOT / "content"


def front_matter(name: str) -> dict:
    text = (CONTENT / name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_five_curated_articles_with_honest_metadata():
    files = sorted(p.name for p in CONTENT.glob("*.md"))
    assert len(files) == 5
    table = {name: front_matter(name) for name in files}
    dated = {name: meta.get("date") for name, meta in table.items() if "date" in meta}
    # only 002 states its date; 001's year is inferred, with the evidence quoted
    assert str(dated.pop("dang-uy-phuong-my-thanh-nang-cao-hieu-qua-chi-thi-05-ct-tw.md")) == "2023-06-01"
    for name, value in dated.items():
        assert re.fullmatch(r"\d{4}", str(value)) and table[name].get("date_note"), name
    lan_toa = table["lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu.md"]
    assert lan_toa["author"] == "Minh Thảo"
    assert lan_toa["source"] == {"name": "Báo Điện Biên Phủ", "url": "http://baodienbienphu.info.vn"}


def test_boilerplate_is_gone_and_captions_are_marked():
    boilerplate = ["Phản hồi", "Các tin khác", "Mới nhất", "Liên kết website", "Chia sẻ bài viết",
                   "Tổng số điểm", "Thống kê truy cập", "Hôm nay :", "Chào mừng bạn đến", "Chung nhan Tin Nhiem Mang",
                   "A- A A+", "Bài, ảnh:", "Theo http", "Tác giả:"]
    for path in CONTENT.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for line in boilerplate:
            assert line not in text, (path.name, line)
    captions = sum(p.read_text(encoding="utf-8").count("{: .caption }") for p in CONTENT.glob("*.md"))
    assert captions >= 5


def test_sample_builds_with_all_five_articles(sample_site):
    home = read(sample_site, "")
    assert len(re.findall(r'<h3><a href="bai-viet/', home)) == 5
    article = read(sample_site, "bai-viet/lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu/")
    assert "Lan tỏa học và làm theo Bác tại Đảng bộ TP. Điện Biên Phủ" in article
    assert "dân vận khéo thì việc gì cũng thành công" in article
    assert (sample_site / "pagefind" / "pagefind.js").is_file()


def test_locality_tree_and_counts(sample_site):
    tree = read(sample_site, "dia-phuong/")
    entries = re.findall(r'<a href="([^"]+)">([^<]+)</a> (?:<span class="count">|<small>)(\d+)</(?:span|small)>', tree)
    entries = [(href.removeprefix("../dia-phuong/"), name, count) for href, name, count in entries]
    found = {(href, name): int(count) for href, name, count in entries}
    expected = {
        ("dien-bien/", "Tỉnh Điện Biên"): 2,
        ("dien-bien/dien-bien-phu/", "Thành phố Điện Biên Phủ"): 1,
        ("lai-chau/", "Tỉnh Lai Châu"): 1,
        ("lai-chau/lai-chau/", "Thành phố Lai Châu"): 1,
        ("an-giang/", "Tỉnh An Giang"): 1,
        ("an-giang/long-xuyen/", "Thành phố Long Xuyên"): 1,
        ("quang-tri/", "Tỉnh Quảng Trị"): 1,
        ("quang-tri/dong-ha/", "Thành phố Đông Hà"): 1,
    }
    for key, count in expected.items():
        assert found.get(key) == count, key
    provinces = [name for href, name, _ in entries if href.count("/") == 1]
    assert provinces == ["Tỉnh An Giang", "Tỉnh Điện Biên", "Tỉnh Lai Châu", "Tỉnh Quảng Trị"]
    # districts fold under their province; wards are on their district's page, not here
    assert not [href for href, _, _ in entries if href.count("/") > 2]
    assert "<summary>4 quận, huyện, thị xã</summary>" in tree
    jumps = re.findall(r'<a href="#legacy-(\d)">(\w)</a>', tree)
    assert [letter for _, letter in jumps] == ["A", "Đ", "L", "Q"]  # Vietnamese order: Đ after D
    for number, letter in jumps:
        assert re.search(rf'<li id="legacy-{number}"><a href="[^"]+">Tỉnh {letter}', tree)
    district = read(sample_site, "dia-phuong/dien-bien/dien-bien-phu/")
    assert "Phường Thanh Trường" in district and "Phường Mường Thanh" in district


def test_unchanged_rebuild_is_byte_identical_and_rewrites_nothing(sample_site, tmp_path):
    from archivist.commands import Project, build
    from tests.golden import files

    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in sample_site.rglob("*") if p.is_file()}
    snapshot = files(sample_site)
    report = build(Project.at(ROOT, output=sample_site))
    assert files(sample_site) == snapshot
    assert report.written == 0 and report.index == "kept"
    after = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in sample_site.rglob("*") if p.is_file()}
    assert after == before


def test_name_lists_follow_icu_vietnamese_order(sample_site):
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi"))
    for route in ("chu-de/", "tac-gia/", "nguon/"):
        names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">', read(sample_site, route))
        assert len(names) >= 3, route
        assert names == sorted(names, key=collator.getSortKey), route


def test_every_url_is_readable_ascii(sample_site):
    for path in sample_site.rglob("*"):
        rel = path.relative_to(sample_site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        assert re.fullmatch(r"[a-z0-9./-]+|\.archivist", rel), rel
