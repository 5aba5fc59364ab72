"""Images in article bodies: figures and captions, what an image must have, its file and
size, the hosts site.yaml allows, and the copies beside the article's page."""

from __future__ import annotations

import os
import shutil

import imagesize
import pytest

from archivist.build.markup import render_body
from archivist.build.media import find_images, image_copies, image_files, read_images, same_images, with_found
from archivist.check import check
from archivist.commands import Project, build
from archivist.model.config import load_config
from archivist.model.errors import BuildFailed
from archivist.model.records import Article, Image
from tests.golden import FIXTURE, ROOT
from tests.images import png


def test_a_photo_and_the_caption_after_it_make_a_figure():
    html = render_body("![Lễ ra quân](anh/le.png)\n\nLễ ra quân **năm 2023**.\n{: .caption }\n\nĐoạn đầu.")
    assert html.startswith('<figure><img alt="Lễ ra quân" src="anh/le.png" loading="lazy">'
                           "<figcaption>Lễ ra quân <strong>năm 2023</strong>.</figcaption></figure>")
    assert 'class="caption"' not in html and "<p>Đoạn đầu.</p>" in html


def test_an_image_then_its_caption_in_one_paragraph_make_a_figure():
    html = render_body("![Lễ ra quân](le.png)\nLễ ra quân.\n{: .caption }")
    assert html == '<figure><img alt="Lễ ra quân" src="le.png" loading="lazy"><figcaption>Lễ ra quân.</figcaption></figure>'


def test_figures_without_caption_in_quotes_and_links_and_images_in_text_stay_inline():
    html = render_body("> ![Ảnh](a.png)\n\n[![Ảnh lớn](b.png)](b-lon.png)\n\nĐoạn có ![biểu tượng](c.png) giữa dòng.\n\n"
                       "Chú thích lẻ.\n{: .caption }")
    assert "<blockquote>\n<figure><img" in html
    assert '<figure><a href="b-lon.png" rel="noopener noreferrer"><img alt="Ảnh lớn" src="b.png" loading="lazy"></a></figure>' in html
    assert '<p>Đoạn có <img alt="biểu tượng" src="c.png" loading="lazy"> giữa dòng.</p>' in html
    assert '<p class="caption">Chú thích lẻ.</p>' in html  # a caption with no photo before it stays one


def test_raw_html_images_keep_their_safe_attributes_only():
    html = render_body('<img src="a.png" alt="Ảnh &quot;đẹp&quot;" title="T" width="30" height="20" '
                       'onerror="alert(1)" style="position:fixed" srcset="x.png 2x" class="evil" id="x">'
                       '<img src="data:image/png;base64,AAAA" alt="d"><img src="javascript:alert(2)" alt="j">')
    assert '<img src="a.png" alt="Ảnh &quot;đẹp&quot;" title="T" width="30" height="20" loading="lazy">' in html
    for bad in ("onerror", "alert", "position", "srcset", "evil", 'id="x"', "data:", "javascript:"):
        assert bad not in html


def test_images_are_read_with_their_lines_and_the_problems_of_their_markup():
    body = "Đoạn.\n\n![](a.png)\n\n<img src=\"javascript:x\" alt=\"Mã\">\n\n![Ảnh](../b.png)\n\n![Ảnh](a.png)\n"
    images, problems = read_images(body, render_body(body), 10)
    assert [(image.src, image.line) for image in images] == [("a.png", 12), ("", 14), ("../b.png", 16), ("a.png", 18)]
    assert [line for line, _ in problems] == [12, 14, 16]
    assert "no alt text" in problems[0][1] and "no address" in problems[1][1] and "not beside the article" in problems[2][1]


@pytest.mark.parametrize("src, problem", [
    ("anh/a.jpg", None), ("./a.JPEG", None), ("https://a.vn/x.jpg", None), ("http://a.vn/x", None),
    ("/anh/a.jpg", "not beside the article"), ("a/../../b.png", "not beside the article"),
    ("a.svg", "not an image file"), ("a.png?v=2", "with ? or #"), ("//a.vn/x.jpg", "no scheme"),
    ("mailto:a@b.vn", "no address"), ("a\\b.png", "uses \\"),
])
def test_what_an_image_address_may_be(src, problem):
    _, problems = read_images(f"![Ảnh]({src})", f'<img alt="Ảnh" src="{src}">', 5)
    messages = [message for _, message in problems]
    assert messages == [] if problem is None else len(messages) == 1 and problem in messages[0], messages


def _article(path: str, body: str) -> Article:
    html = render_body(body)
    images, problems = read_images(body, html, 5)
    assert not problems
    return Article(path, "bai", "Bài", None, None, (), None, None, (), "", html, images=images)


def test_local_images_are_found_with_their_size_and_copied_beside_the_page(tmp_path):
    (tmp_path / "2023" / "anh").mkdir(parents=True)
    (tmp_path / "2023" / "anh" / "lễ 1.png").write_bytes(png(30, 20))
    files = image_files(tmp_path, {str(tmp_path / "2023" / "anh" / "lễ 1.png"): None})
    article = _article("2023/bai.md", "![Lễ](anh/l%E1%BB%85%201.png)\n\n![Ảnh xa](https://a.vn/x.jpg)\n\n"
                                      '<img src="./anh/lễ 1.png" alt="Lễ" width="3"> ![Ảnh width=3](anh/lễ 1.png)')
    found, problems = find_images(article, tmp_path, files, ("a.vn",), "content/2023/bai.md")
    assert not problems
    assert [(i.file, i.width, i.height) for i in found.images] == \
        [("2023/anh/lễ 1.png", 30, 20), (None, None, None), ("2023/anh/lễ 1.png", 30, 20), ("2023/anh/lễ 1.png", 30, 20)]
    assert 'loading="lazy" width="30" height="20">' in found.body_html
    assert 'src="https://a.vn/x.jpg" loading="lazy">' in found.body_html  # no size known: none given
    assert 'width="3" loading="lazy">' in found.body_html  # the size written in the HTML stays
    assert 'alt="Ảnh width=3" src="anh/lễ 1.png" loading="lazy" width="30" height="20">' in found.body_html
    assert image_copies([found], lambda a: "bai-viet/bai/") == {"bai-viet/bai/anh/lễ 1.png": "2023/anh/lễ 1.png"}


def test_an_images_size_known_to_the_build_is_not_measured_again(tmp_path, monkeypatch):
    """The speed machinery knows the size of an image whose bytes it measured before
    (incremental/freshness.py): the file is not read for it."""
    (tmp_path / "anh.png").write_bytes(b"not read")
    monkeypatch.setattr(imagesize, "get", lambda image: pytest.fail(f"{image} measured"))
    files = image_files(tmp_path, {str(tmp_path / "anh.png"): (30, 20)})
    found, problems = find_images(_article("bai.md", "![Ảnh](anh.png)"), tmp_path, files, (), "content/bai.md")
    assert not problems and [(i.file, i.width, i.height) for i in found.images] == [("anh.png", 30, 20)]


def test_a_remote_image_needs_its_host_in_site_yaml(tmp_path):
    article = _article("bai.md", "![Ảnh](https://Anh.Example.org/x.jpg)")
    assert not find_images(article, tmp_path, {}, ("anh.example.org",), "content/bai.md")[1]
    assert not find_images(article, tmp_path, {}, None, "content/bai.md")[1]  # site.yaml not read: not checked
    problems = find_images(article, tmp_path, {}, (), "content/bai.md")[1]
    assert [str(p) for p in problems] == ['content/bai.md:5: image: "https://Anh.Example.org/x.jpg": images from '
                                          "anh.example.org are not allowed; keep a copy beside the article, or add "
                                          "anh.example.org to image_hosts in site.yaml"]


def test_an_article_read_again_keeps_its_images_as_found_while_they_are_the_same():
    old = with_found(_article("bai.md", "![Ảnh](a.png)"), (Image("a.png", 5, "a.png", 8, 6),))
    again = same_images(_article("bai.md", "Đoạn mới.\n\n![Ảnh khác](a.png)"), old)
    assert again is not None and again.images == (Image("a.png", 7, "a.png", 8, 6),)
    assert 'alt="Ảnh khác" src="a.png" loading="lazy" width="8" height="6"' in again.body_html
    assert same_images(_article("bai.md", "![Ảnh](b.png)"), old) is None


@pytest.mark.parametrize("text, message", [
    ("image_hosts: anh.vn", 'image_hosts: expected a list of host names like [baodienbienphu.info.vn], got "anh.vn"'),
    ("image_hosts: [https://anh.vn/]", "image_hosts[0]: expected a host name like baodienbienphu.info.vn"),
])
def test_image_hosts_in_site_yaml(tmp_path, text, message):
    config = tmp_path / "site.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_config(config)
    config.write_text("image_hosts: [Anh.VN, upload.wikimedia.org, anh.vn]", encoding="utf-8")
    assert load_config(config).image_hosts == ("anh.vn", "upload.wikimedia.org")


def test_the_built_site_copies_the_image_beside_its_article(fixture_site):
    source = FIXTURE / "content" / "anh" / "le-ra-quan.png"
    assert (fixture_site / "bai-viet" / "ngay-day-du" / "anh" / "le-ra-quan.png").read_bytes() == source.read_bytes()
    page = (fixture_site / "bai-viet" / "ngay-day-du" / "index.html").read_text(encoding="utf-8")
    assert ('<figure><img alt="Đoàn viên phường Mỹ Thạnh xếp hàng trong lễ ra quân" src="anh/le-ra-quan.png" '
            'loading="lazy" width="240" height="160"><figcaption>Lễ ra quân của phường Mỹ Thạnh.</figcaption></figure>') in page


def test_an_image_of_a_draft_is_not_copied(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    article = tmp_path / "site" / "content" / "ngay-day-du.md"
    article.write_text(article.read_text(encoding="utf-8").replace("tags:", "draft: true\ntags:", 1), encoding="utf-8")
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    build(project)
    assert not (project.output / "bai-viet" / "ngay-day-du").exists()
    build(project, drafts=True)
    assert (project.output / "bai-viet" / "ngay-day-du" / "anh" / "le-ra-quan.png").is_file()


def test_an_image_reached_by_a_symbolic_link_is_named_in_a_warning(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    image = tmp_path / "site" / "content" / "anh" / "le-ra-quan.png"
    kept = tmp_path / "elsewhere.png"
    image.rename(kept)
    image.symlink_to(kept)
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    report = build(project)
    assert [str(w) for w in report.warnings if "symbolic link" in w.message] == [
        f"content/anh/le-ra-quan.png: is a symbolic link to the file {kept}; it is built from there (copy it into "
        "content/ to keep it with the archive)"]
    assert (project.output / "bai-viet" / "ngay-day-du" / "anh" / "le-ra-quan.png").read_bytes() == kept.read_bytes()


@pytest.mark.parametrize("command", ["plain build", "check"])
def test_the_articles_and_images_are_found_in_one_walk_of_content(tmp_path, monkeypatch, command):
    """A build without the speed machinery, and check, find the articles and the image
    files in one walk of content/ (sources.find_inputs; linked_sources' own walk, which
    does not follow links, is not counted)."""
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    project = Project.at(tmp_path / "site", templates=ROOT / "templates")
    if command == "check":
        build(project)
    monkeypatch.setenv("ARCHIVIST_PLAIN", "1")
    walked, real = [], os.walk

    def walk(top, *args, **kwargs):
        if kwargs.get("followlinks"):
            walked.append(top)
        return real(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    if command == "check":
        assert check(project) == []
    else:
        report = build(project)
        assert report.rendered == report.pages  # a plain build: every page rendered
    assert walked == [project.content]
