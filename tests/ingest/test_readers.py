"""Each reader on the real samples and on hand-made shapes of its format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from . import variants as v
from zhaoshang.ingest import IngestError, iter_inputs, read_bytes, read_path
from zhaoshang.ingest.normalise import normalise
from zhaoshang.ingest.readers.text import split_title
from zhaoshang.ingest.registry import readers

# ---------------------------------------------------------------- listing


def test_listing_yields_ten_reports_with_channels_titles_and_dates(
    sample_listing: Path, sample_texts: dict[str, tuple[str | None, str]]
) -> None:
    docs = read_path(sample_listing)
    assert [d.source_name for d in docs] == [f"{sample_listing}#{i}" for i in range(1, 11)]
    assert {d.format for d in docs} == {"listing"} and {d.encoding for d in docs} == {"utf-8"}
    assert [d.channel for d in docs] == [
        "宝兴县", "普洱", "斗门区", "潮州", "克拉玛依区", "湖南", "衡阳", "中站区", "凤阳县", "平塘县",
    ]
    assert docs[0].title == "2021年宝兴县政府工作报告" and docs[1].title == "普洱市政府工作报告"
    assert {d.publish_date for d in docs} == {"2025-07-08"}
    # the listing text of each entry is the sample report's text, without the site's links
    bodies = {body for _, body in sample_texts.values()}
    for d in docs:
        assert d.text in bodies
        assert "投稿" not in d.text[-50:] and "联系我们" not in d.text


LISTING = """-
【示例市招商引资】示例市政府工作报告
2022年1月10日在示例市第五届人民代表大会第一次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作。
2022/1/20 09:30
-
【某县招商】
2021年某县政府工作报告各位代表：今年要抓好以下工作。
-
【另一区招商】2021年另一区政府工作报告
各位代表：我们要加快发展。
有想补充的信息?点我投稿

- 联系我们
"""


def test_listing_entries_may_span_lines_lack_a_title_or_a_date() -> None:
    docs = read_bytes(LISTING.encode("gb18030"), "site.txt")
    assert [(d.channel, d.title, d.publish_date) for d in docs] == [
        ("示例市", "示例市政府工作报告", "2022-01-20"),
        ("某县", None, None),
        ("另一区", "2021年另一区政府工作报告", None),
    ]
    assert docs[0].text == "2022年1月10日在示例市第五届人民代表大会第一次会议上\n各位代表：\n现在，我代表市人民政府，向大会报告工作。"
    assert docs[2].text == "各位代表：我们要加快发展。"  # trailing site links dropped
    assert docs[0].encoding == "gb18030"


def test_listing_entries_without_separator_lines_are_split_at_channel_lines(sample_listing: Path) -> None:
    text = sample_listing.read_text(encoding="utf-8")
    without = "\n".join(ln for ln in text.splitlines() if ln.strip() != "-")
    docs = read_bytes(without.encode(), "no-dashes.txt")
    assert [(d.channel, d.title, d.text) for d in docs] == [(d.channel, d.title, d.text) for d in read_path(sample_listing)]


def test_listing_is_recognised_by_shape_whatever_its_name(sample_listing: Path) -> None:
    data = sample_listing.read_bytes()
    for name in ("listing.txt", "listing", "listing.dat", "listing.html"):
        assert len(read_bytes(data, name)) == 10


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    "text, title",
    [
        ("2021年某县政府工作报告\n2021年某县政府工作报告各位代表：现在，我代表县人民政府向大会报告工作。", "2021年某县政府工作报告"),
        ("某市政府工作报告\n\n2021年2月2日在某市第四届人民代表大会第五次会议上 市长某某 各位代表：现在。", "某市政府工作报告"),
        ("政 府 工 作 报 告\n各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。", "政府工作报告"),
        ("- 1 -\n某区政府工作报告\n各位代表：现在，我代表区人民政府，向大会报告政府工作，请予审议。", "某区政府工作报告"),
    ],
)
def test_a_short_first_line_is_the_title(text: str, title: str) -> None:
    got, body = split_title(text)
    assert got == title
    assert title not in normalise(body).text.split("\n")[0] or body.lstrip().startswith(title)


@pytest.mark.parametrize(
    "text",
    [
        "2021年2月2日在某市第四届人民代表大会第五次会议上\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。",
        "(2021年3月1日在某县第十六届人民代表大会第五次会议上)\n某县人民政府县长 某某\n各位代表：现在，我代表县人民政府向大会报告工作。",
        "各位代表\n现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。",
        "一、2020年工作回顾\n2020年，全市地区生产总值增长3.8%，规模以上工业增加值增长4.1%。",
        "地区生产总值增长3.8%，规模以上工业增加值增长4.1%。",
        "加快发展。\n推进改革。",
    ],
)
def test_bare_excerpts_have_no_title(text: str) -> None:
    assert split_title(text) == (None, text)


def test_the_first_line_of_a_hard_wrapped_excerpt_is_not_a_title(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    _, body = sample_texts["zhongzhan"]
    excerpt = "\n".join(v.hard_wrap(body[3000:6000], 30))
    assert split_title(excerpt) == (None, excerpt)
    (doc,) = read_bytes(excerpt.encode(), "excerpt.txt")
    assert doc.title is None and normalise(doc.text).text == normalise(body[3000:6000]).text


# ---------------------------------------------------------------- HTML


def test_html_keeps_the_main_text_only(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    title, body = sample_texts["chaozhou"]
    (doc,) = read_bytes(v.to_html(title, body), "page.html")
    assert doc.format == "html" and doc.title == title
    for furniture in ("栏目", "当前位置", "发布时间", "上一篇", "下一篇", "版权所有", "ICP", "分享到", "打印", "相关阅读", "脚本", "统计代码"):
        assert furniture not in doc.text, furniture


GBK_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2020年某县政府工作报告 - 某县人民政府网</title></head>
<body><table><tr><td class="left"><a href="/1">首页</a><br><a href="/2">政务公开</a><br><a href="/3">投资指南</a></td>
<td class="content">
<div>各位代表：</div>
<div>　　现在，我代表县人民政府，向大会报告政府工作，请予审议，并请县政协委员提出意见。</div>
<div>　　一、2019年工作回顾</div>
<div>　　过去一年，全县地区生产总值增长7.2%，规模以上工业增加值增长8.1%，<a href="/p">招商引资</a>到位资金
35.6亿元。<br>　　二、2020年主要目标<br>　　地区生产总值增长6.5%左右。</div>
</td></tr></table>
<div id="footer">主办：某县人民政府办公室 版权所有</div></body></html>"""


def test_html_in_gbk_with_div_paragraphs_and_br_lines() -> None:
    (doc,) = read_bytes(GBK_PAGE.encode("gbk"), "page.htm")
    assert doc.encoding == "gb18030"
    assert doc.title == "2020年某县政府工作报告"
    assert normalise(doc.text).text == (
        "各位代表：\n现在，我代表县人民政府，向大会报告政府工作，请予审议，并请县政协委员提出意见。\n"
        "一、2019年工作回顾\n过去一年，全县地区生产总值增长7.2%，规模以上工业增加值增长8.1%，招商引资到位资金35.6亿元。\n"
        "二、2020年主要目标\n地区生产总值增长6.5%左右。"
    )


def test_html_title_is_the_heading_the_page_title_repeats_not_the_logo() -> None:
    page = (
        "<html><head><title>某县人民政府 - 2021年某县政府工作报告 - 某县人民政府</title></head><body>"
        "<div class='top'><h1>某县人民政府</h1></div>"
        "<div class='con'><h2>2021年某县政府工作报告</h2><p>各位代表：现在，我代表县人民政府向大会报告工作，请予审议。</p>"
        "<p>过去一年，全县地区生产总值增长3.8%，完成了县人大确定的目标任务。</p></div></body></html>"
    )
    (doc,) = read_bytes(page.encode(), "p.html")
    assert doc.title == "2021年某县政府工作报告"
    assert doc.text.startswith("各位代表")


BODY = "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。一、过去一年工作回顾。地区生产总值增长3.8%，规模以上工业增加值增长4.1%。" * 20
LAYOUTS = {
    "old table layout": (
        "<html><head><title>市政府工作报告--某市人民政府</title></head><body><table width=1000>"
        "<tr><td colspan=2><img src=logo.gif>某市人民政府 欢迎您 今天是2021年2月2日 星期二</td></tr>"
        "<tr><td width=200><table><tr><td><a href=1>政务动态</a></td></tr><tr><td><a href=2>通知公告</a></td></tr>"
        "<tr><td>热线电话：12345 市长信箱 政府信息公开指南 依申请公开</td></tr></table></td>"
        "<td><table><tr><td align=center><font size=5><b>市政府工作报告</b></font></td></tr>"
        "<tr><td>来源：市政府办 发布时间：2021-02-05 点击数：1234</td></tr>"
        f"<tr><td><p>{BODY[:300]}</p><p>{BODY[300:]}</p></td></tr></table></td></tr>"
        "<tr><td colspan=2>主办：某市人民政府办公室 技术支持：某公司 备案号：某ICP备000号</td></tr></table></body></html>",
        "市政府工作报告",
    ),
    "HTML5 article": (
        "<!doctype html><html><head><title>2021年某县政府工作报告 | 某县门户</title></head><body>"
        "<header><nav><a>首页</a><a>新闻</a></nav></header><main><article><h1>2021年某县政府工作报告</h1>"
        "<section class=meta>2021-01-20 来源：县政府</section><div class=TRS_Editor>"
        f"<p style='text-indent:2em'>{BODY[:500]}</p><p style='text-indent:2em'>{BODY[500:]}</p></div></article>"
        "<aside><h3>热点</h3><ul><li><a>某某新闻一</a></li><li><a>某某新闻二</a></li></ul></aside></main>"
        "<footer>© 2021 某县人民政府</footer></body></html>",
        "2021年某县政府工作报告",
    ),
    "lines split by <br>, no title": (
        "<html><body><div id=wrap><div id=left>" + "".join(f"<a href=#>栏目{i}</a>" for i in range(30)) + "</div>"
        f"<div id=con>{BODY[:200]}<br>{BODY[200:600]}<br>{BODY[600:]}</div><div id=foot>版权所有 某市</div></div></body></html>",
        None,
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_html_main_text_is_found_in_common_page_layouts(layout: str) -> None:
    """Paragraph breaks differ from the flat text (the page splits mid-sentence), so the
    comparison is of the characters; everything around the report must be gone."""
    page, title = LAYOUTS[layout]
    (doc,) = read_bytes(page.encode(), "page.html")
    assert doc.title == title
    assert normalise(doc.text).text.replace("\n", "") == normalise(BODY).text.replace("\n", "")


def test_html_fragment_without_html_tag() -> None:
    (doc,) = read_bytes("<p>各位代表：</p><p>现在，我代表市人民政府向大会报告工作。</p>".encode(), "frag.html")
    assert doc.format == "html" and doc.text == "各位代表：\n现在，我代表市人民政府向大会报告工作。"


def test_html_with_only_navigation_has_no_main_text() -> None:
    page = "<html><body><ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(20)) + "</ul></body></html>"
    with pytest.raises(IngestError, match="no main text|no report text"):
        read_bytes(page.encode(), "nav.html")


# ---------------------------------------------------------------- DOCX


def test_docx_reads_paragraphs_and_table_cells_in_order() -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("2021年某市政府工作报告")
    d.add_paragraph("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "增长"
    table.cell(1, 0).text, table.cell(1, 1).text = "地区生产总值", "3.8%"
    d.add_paragraph("以上目标，我们一定完成。")
    buf = io.BytesIO()
    d.save(buf)
    (doc,) = read_bytes(buf.getvalue(), "r.docx")
    assert doc.title == "2021年某市政府工作报告"  # no Title style: found by the first-line rule
    assert doc.text.split("\n") == [
        "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。", "指标", "增长", "地区生产总值", "3.8%",
        "以上目标，我们一定完成。",
    ]


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_joined_and_page_numbers_dropped(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    title, body = sample_texts["puer"]
    excerpt = body[:2500]
    (doc,) = read_bytes(v.to_pdf(title, excerpt, page_lines=20), "r.pdf")
    assert doc.format == "pdf" and doc.encoding is None and doc.title == title
    assert "- 2 -" not in doc.text  # a running footer, dropped by the reader
    assert normalise(doc.text).text == normalise(excerpt).text


def test_pdf_running_headers_are_dropped(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    title, body = sample_texts["fengyang"]
    excerpt = body[:6000]
    (doc,) = read_bytes(v.to_pdf(title, excerpt, page_lines=25, header="某县人民政府办公室文件  政府工作报告"), "r.pdf")
    assert "办公室文件" not in doc.text
    assert normalise(doc.text).text == normalise(excerpt).text


# ---------------------------------------------------------------- registry and inputs


def test_every_format_is_registered_once() -> None:
    assert sorted(readers()) == ["docx", "html", "listing", "pdf", "text"]


def test_iter_inputs_expands_files_folders_and_globs(tmp_path: Path) -> None:
    for rel in ("a/2.txt", "a/1.txt", "a/b/3.html", "a/b/.hidden.txt", "a/.git/x.txt", "a/b/skip.png", "c.pdf"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    names = lambda specs: [p.relative_to(tmp_path).as_posix() for p in iter_inputs(specs)]  # noqa: E731
    assert names([str(tmp_path / "a")]) == ["a/1.txt", "a/2.txt", "a/b/3.html"]
    assert names([str(tmp_path / "**" / "*.txt")]) == ["a/1.txt", "a/2.txt"]
    assert names([str(tmp_path / "c.pdf"), str(tmp_path / "*.pdf"), str(tmp_path / "a" / "1.txt")]) == ["c.pdf", "a/1.txt"]
    assert names([str(tmp_path / "a" / "b" / "skip.png")]) == ["a/b/skip.png"]  # named explicitly: the reader decides


def test_a_spec_matching_nothing_is_an_error_after_the_others(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_bytes(b"x")
    got: list[Path] = []
    with pytest.raises(IngestError) as info:
        for p in iter_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "*.docx"), str(tmp_path / "r.txt")]):
            got.append(p)
    assert got == [tmp_path / "r.txt"]
    assert "no such file or folder" in info.value.reason and "matches no readable files" in info.value.reason
    errors: list[IngestError] = []
    assert list(iter_inputs([str(tmp_path / "nope"), str(tmp_path)], on_error=errors.append)) == [tmp_path / "r.txt"]
    assert [e.reason for e in errors] == ["no such file or folder"]
