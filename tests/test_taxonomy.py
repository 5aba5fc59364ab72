"""Pure grouping functions: site order, terms, years, the locality tree, related articles."""

from archivist.model.places import gazetteer
from archivist.model.records import Article, PubDate
from archivist.build.taxonomy import (MonthCount, authors, order_articles, place_tree, related, tags, timeline,
                                      walk, years)


def article(path, date=None, places=(), tags_=(), author=None, title=None):
    g = gazetteer()
    return Article(path=path, slug=path, title=title or path, date=date, date_note=None,
                   places=tuple(g.resolve(p, "legacy") for p in places), author=author, source=None,
                   tags=tuple(tags_), summary="", body_html="")


def entries(items):
    """The entries of the articles, in site order: what the grouping functions take."""
    return tuple(a.entry() for a in order_articles(items))


def test_site_order_newest_first_coarser_dates_after_finer_undated_last():
    items = [article("a"), article("b", PubDate(2021)), article("c", PubDate(2021, 6)),
             article("d", PubDate(2021, 6, 2)), article("e", PubDate(2023, 1, 1)), article("f", title="Ă")]
    assert [a.path for a in order_articles(items)] == ["e", "d", "c", "b", "a", "f"]


def test_spellings_merge_and_slugs_stay_unique():
    items = entries([article("a", tags_=["Văn hoá"]), article("b", tags_=["văn hóa"]),
                            article("c", tags_=["Văn hóa"]), article("d", tags_=["Sa Pa"]), article("e", tags_=["Sa Pả"])])
    found = {(t.name, t.slug, len(t.articles)) for t in tags(items)}
    assert found == {("Văn hóa", "van-hoa", 3), ("Sa Pa", "sa-pa", 1), ("Sa Pả", "sa-pa-2", 1)}


def test_authors_in_vietnamese_order():
    items = entries([article(p, author=n) for p, n in [("a", "Đỗ An"), ("b", "Dương Ba"), ("c", "Anh")]])
    assert [t.name for t in authors(items)] == ["Anh", "Dương Ba", "Đỗ An"]


def test_years_with_undated_last():
    items = entries([article("a", PubDate(2020)), article("b"), article("c", PubDate(2023, 5))])
    assert [(g.year, len(g.articles)) for g in years(items)] == [(2023, 1), (2020, 1), (None, 1)]


def test_months_of_a_year_in_calendar_order_with_year_only_dates_last():
    items = entries([article("a", PubDate(2021, 3, 9)), article("b", PubDate(2021)), article("c", PubDate(2021, 12)),
                     article("d", PubDate(2021, 3)), article("e", PubDate(2020, 1, 1)), article("f")])
    groups = years(items)
    assert [(m.year, m.month, [a.path for a in m.articles]) for m in groups[0].months] == [
        (2021, 3, ["a", "d"]), (2021, 12, ["c"]), (2021, None, ["b"])]
    # every article of a year is in exactly one of its months
    assert sorted(a.path for m in groups[0].months for a in m.articles) == sorted(a.path for a in groups[0].articles)
    assert [(m.month, len(m.articles)) for m in groups[1].months] == [(1, 1)]
    assert groups[2].year is None and groups[2].months == ()


def test_the_timeline_counts_every_month_of_a_dated_year():
    items = entries([article("a", PubDate(2021, 3, 9)), article("b", PubDate(2021)), article("c", PubDate(2021, 3)),
                     article("d", PubDate(2019, 7)), article("e")])
    y2021, y2019, undated = timeline(years(items))
    assert (y2021.year, y2021.count, y2021.peak) == (2021, 3, 2)
    assert y2021.months == (*(MonthCount(2021, m, 2 if m == 3 else 0) for m in range(1, 13)), MonthCount(2021, None, 1))
    assert len(y2019.months) == 12 and y2019.peak == 1  # no year-only articles: no "không rõ tháng"
    assert (undated.year, undated.count, undated.months, undated.peak) == (None, 1, (), 0)


def test_place_tree_counts_each_article_once_per_unit():
    items = entries([
        article("a", places=["phường Thanh Trường, TP. Điện Biên Phủ", "phường Mường Thanh, TP. Điện Biên Phủ"]),
        article("b", places=["tỉnh Điện Biên"]),
        article("c", places=["TP. Đông Hà, Quảng Trị"]),
    ])
    tree = place_tree(items)
    counts = {n.place.label: len(n.articles) for n in walk(tree["legacy"])}
    assert counts == {
        "tỉnh Điện Biên": 2, "thành phố Điện Biên Phủ, tỉnh Điện Biên": 1,
        "phường Mường Thanh, thành phố Điện Biên Phủ, tỉnh Điện Biên": 1,
        "phường Thanh Trường, thành phố Điện Biên Phủ, tỉnh Điện Biên": 1,
        "tỉnh Quảng Trị": 1, "thành phố Đông Hà, tỉnh Quảng Trị": 1,
    }
    assert [n.place.short for n in tree["legacy"]] == ["Điện Biên", "Quảng Trị"]


def test_related_prefers_the_same_ward_over_a_shared_tag():
    items = entries([
        article("x", PubDate(2020), ["phường Thanh Trường, TP. Điện Biên Phủ"], ["Chỉ thị 05"]),
        article("same-ward", PubDate(2015), ["phường Thanh Trường, TP. Điện Biên Phủ"]),
        article("same-tag", PubDate(2020), ["TP. Đông Hà, Quảng Trị"], ["Chỉ thị 05"]),
        article("unrelated", PubDate(2020), ["TP. Đông Hà, Quảng Trị"]),
    ])
    assert related(items, 5)["x"] == ("same-ward", "same-tag")


def test_a_very_long_tag_or_author_gets_a_short_stable_slug():
    long_a = "Phong trào thi đua " * 16 + "A"
    long_b = "Phong trào thi đua " * 16 + "B"
    items = entries([article("a", tags_=[long_a], author=long_a), article("b", tags_=[long_b])])
    slugs = [t.slug for t in tags(items)]
    assert all(len(slug) <= 80 for slug in slugs) and len(set(slugs)) == 2
    assert slugs == [t.slug for t in tags(items)]  # the same every build
    assert [t.slug for t in authors(items)] == [slugs[0]]


def test_term_slugs_never_collide_even_with_a_numbered_name():
    """"Sa Pả" would take sa-pa-2 after "Sa Pa", but "Sa Pa 2" is a tag too: each keeps a
    URL of its own, so two term pages can never claim one URL."""
    items = entries([article("a", tags_=["Sa Pa"]), article("b", tags_=["Sa Pả"]), article("c", tags_=["Sa Pa 2"])])
    slugs = {t.name: t.slug for t in tags(items)}
    assert len(set(slugs.values())) == 3 and slugs["Sa Pa"] == "sa-pa" and slugs["Sa Pa 2"] == "sa-pa-2"
