"""Messy renderings of a clean held-out report, built in the test run (nothing binary is committed).

Each function takes the report's title and body (line 1 and line 2 of a holdout text) and
returns file bytes shaped the way such reports reach the product in the wild: a PDF-style
dump hard-wrapped at 30 characters with page numbers and a letter-spaced title, full-width
digits, GB18030 bytes, a Word file, a web page inside a site's navigation and footer.
"""

from __future__ import annotations

import io
import re

__all__ = ["paragraphs", "wrapped", "fullwidth", "gb18030", "docx", "html_page", "everything", "VARIANTS"]

_PARAGRAPH_START = re.compile(
    r" (?=[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是|——|各位代表|同时|在此)"
)
"""The holdout texts flatten paragraphs to 'sentence。 heading': a space before a heading
marker or a paragraph opener is where the paragraph broke."""


def paragraphs(body: str) -> list[str]:
    """The body split back into paragraphs at headings and openers."""
    return [p for p in _PARAGRAPH_START.split(body) if p.strip()]


def _spaced(s: str) -> str:
    return " ".join(s)


def wrapped(title: str, body: str, width: int = 30, page_lines: int = 25) -> bytes:
    """A text dump of a typeset page: letter-spaced title, every paragraph cut every
    ``width`` characters (numbers included), indented paragraph starts, and a page
    number line ``- n -`` between blank lines every ``page_lines`` lines."""
    out = [_spaced(title), ""]
    count, page = 0, 1
    for para in paragraphs(body):
        lines = [para[i : i + width] for i in range(0, len(para), width)]
        for k, line in enumerate(lines):
            out.append(("\u3000\u3000" if k == 0 else "") + line)
            count += 1
            if count % page_lines == 0:
                page += 1
                out.extend(["", f"- {page} -", ""])
    return ("\n".join(out) + "\n").encode("utf-8")


_FULLWIDTH = str.maketrans({**{chr(0x30 + i): chr(0xFF10 + i) for i in range(10)}, ".": "．", "%": "％"})


def fullwidth(title: str, body: str) -> bytes:
    """Digits, decimal points and percent signs in their full-width forms (１２．５％)."""
    return f"{title}\n{body.translate(_FULLWIDTH)}\n".encode("utf-8")


def gb18030(title: str, body: str) -> bytes:
    """The clean text in GB18030 bytes, with CRLF line ends, as a Windows editor saves it."""
    return f"{title}\r\n{body}\r\n".encode("gb18030")


def docx(title: str, body: str) -> bytes:
    """A Word document: the title in the Title style, then one paragraph per paragraph."""
    from docx import Document

    document = Document()
    document.add_paragraph(title, style="Title")
    for para in paragraphs(body):
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def html_page(title: str, body: str) -> bytes:
    """The report as a government site publishes it: head title with the site name,
    navigation, breadcrumbs, publish info, share links, related articles and a footer."""
    paras = "\n".join(f"<p style=\"text-indent:2em\">{p}</p>" for p in paragraphs(body))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_人民政府门户网站</title>
<script>var _hmt = _hmt || [];</script><style>.nav li{{float:left}}</style></head>
<body>
<div class="top-bar">无障碍浏览 | 长者模式 | 繁體 | 登录 | 注册</div>
<div class="header"><img src="logo.png" alt="人民政府门户网站"><ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进本地</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="main"><div class="article">
<h1>{title}</h1>
<div class="info">发布时间：2024-01-20 10:30 来源：政府办公室 浏览次数：1832 字号：[大 中 小]</div>
<div class="content">
{paras}
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="print">【打印本页】【关闭窗口】</div>
</div>
<div class="related"><h3>相关阅读</h3><ul>
<li><a href="/a1.html">关于印发全年重点工作任务分工方案的通知</a></li>
<li><a href="/a2.html">政府常务会议研究部署重点项目建设工作</a></li></ul></div></div>
<div class="footer">主办：人民政府办公室 版权所有 网站标识码：1234567890 备案号：ICP备12345678号</div>
</body></html>
"""
    return page.encode("utf-8")


def everything(title: str, body: str) -> bytes:
    """All text-level mess at once: full-width figures, wrapped with page numbers and a
    letter-spaced title, saved as GB18030 with CRLF line ends."""
    text = wrapped(title, body.translate(_FULLWIDTH)).decode("utf-8")
    return text.replace("\n", "\r\n").encode("gb18030")


VARIANTS = {
    "wrapped_30_pages_spaced_title.txt": wrapped,
    "fullwidth_digits.txt": fullwidth,
    "gb18030_crlf.txt": gb18030,
    "word.docx": docx,
    "site_page.html": html_page,
    "all_at_once.txt": everything,
}
"""Variant name (its extension picks the reader as a file name would) → renderer."""
