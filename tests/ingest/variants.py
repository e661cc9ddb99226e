"""Messy versions of a clean report, made the way the wild makes them.

Each function takes a report's title and body text (as in the sample files: line 1
title, line 2 text) and returns file bytes.  Nothing binary is committed: every PDF,
DOCX and HTML page is built here, in the test run.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

CJK = re.compile(r"[\u3400-\u9fff]")
PARAGRAPH_BREAK = re.compile(r"(?<=[。！？!?])([”’」』）)]*) +")
"""The samples flatten paragraphs to 'sentence。 next': where a page would break a paragraph."""


def paragraphs(text: str) -> list[str]:
    return [p for p in PARAGRAPH_BREAK.sub(lambda m: m.group(1) + "\n", text).split("\n") if p.strip()]


def hard_wrap(text: str, width: int = 30) -> list[str]:
    """Cut every `width` characters, as a fixed-width dump of a page does (numbers may be
    cut too); only a Latin word is moved down whole, as any typesetter would."""
    lines: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = min(i + width, n)
        k = j
        while i + 1 < k < n and _letter(text[k - 1]) and _letter(text[k]):
            k -= 1
        if k > i + width // 2:
            j = k
        lines.append(text[i:j])
        i = j
    return lines


def _letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


PAGE_FORMS = ("- {n} -", "—{n}—", "－ {n} －", "第 {n} 页")


def wrapped_with_page_numbers(title: str, text: str, width: int = 30, page_lines: int = 40) -> str:
    """Hard-wrapped body with a page number line (in rotating styles) every `page_lines` lines."""
    out = [title]
    for k, line in enumerate(hard_wrap(text, width), 1):
        out.append(line)
        if k % page_lines == 0:
            page = k // page_lines
            out.append(PAGE_FORMS[page % len(PAGE_FORMS)].format(n=page))
    return "\n".join(out) + "\n"


def spaced(s: str) -> str:
    """Letter-spaced hanzi: 政 府 工 作 报 告 (a space that was there becomes a wider gap)."""
    return re.sub(r"(?<=[\u3400-\u9fff])(?=[\u3400-\u9fff])", " ", s.replace(" ", "  "))


def letter_spaced(s: str) -> str:
    """Every character spaced out (digits and punctuation too), as a PDF with character
    spacing extracts; a space that was already there becomes a wider gap.  Latin words
    keep their letters together."""
    out = []
    for a, b in zip(s, s[1:]):
        out.append(a)
        if not (a.isascii() and a.isalpha() and b.isascii() and b.isalnum()) and not (
            a.isascii() and a.isdigit() and b.isascii() and b.isalpha()
        ):
            out.append(" ")
    return "".join(out) + s[-1:]


def spaced_numbers(s: str) -> str:
    """Spaces inside numbers and before units: 21.5 亿元, 4 . 1 %."""
    s = re.sub(r"(\d)\.(\d)", r"\1 . \2", s)
    s = re.sub(r"(\d)(%)", r"\1 \2", s)
    return re.sub(r"(\d)(?=[亿万元个])", r"\1 ", s)


def fullwidth(s: str) -> str:
    """Full-width digits, Latin letters, and number punctuation (．％ in numbers)."""
    s = re.sub(r"(?<=\d)\.(?=\d)", "．", s).replace("%", "％")
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in s)


def to_html(title: str, text: str) -> bytes:
    """The report inside a typical site page: navigation, breadcrumbs, info line, share
    links, previous/next links, a sidebar of links, a footer and scripts."""
    paras = "\n".join(f"<p>　　{p}</p>" for p in paragraphs(text))
    nav = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(12))
    side = "".join(f'<li><a href="/n{i}">2021年某某县政府工作报告（{i}）</a></li>' for i in range(10))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_某某市人民政府门户网站</title>
<style>.nav{{color:red}}</style><script>var x = "政府工作报告脚本内容";</script></head>
<body>
<div class="top-bar"><a href="/">无障碍</a> <a href="/en">English</a></div>
<div class="header"><img src="logo.png"><ul class="menu">{nav}</ul></div>
<div class="wrap">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 政府工作报告</div>
  <div class="main-col">
    <h1>{title}</h1>
    <div class="info">发布时间：2021-02-05 09:30　来源：市政府办公室　字号：[大 中 小]</div>
    <div class="article-body">
{paras}
    </div>
    <div class="share">分享到：<a>微信</a><a>微博</a></div>
    <div>【打印本页】【关闭窗口】</div>
    <div class="pn"><p>上一篇：<a href="/a">关于开展某项工作的通知</a></p><p>下一篇：<a href="/b">某某会议召开</a></p></div>
  </div>
  <div class="right"><h3>相关阅读</h3><ul>{side}</ul></div>
</div>
<div class="footer"><p>版权所有：某某市人民政府办公室　主办：某某市人民政府</p>
<p>网站标识码：1234000000　某ICP备12345678号　某公网安备 00000000000000号</p></div>
<script>document.write("统计代码");</script>
</body></html>""".encode()


def to_docx(title: str, text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for p in paragraphs(text):
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def to_pdf(title: str, text: str, width: int = 30, page_lines: int = 40, header: str | None = None) -> bytes:
    """A PDF with a real text layer in reportlab's built-in Chinese CID font, wrapped at
    `width` characters, with a centred page number at the foot of every page (and a
    running `header` at the top of every page after the first, when given)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(440, 842), invariant=1)
    lines = hard_wrap(text, width)
    page = 1
    c.setFont(font, 16)
    c.drawString(40, 790, title)
    y = 760
    for k, line in enumerate(lines, 1):
        c.setFont(font, 12)
        c.drawString(40, y, line)
        y -= 18
        if k % page_lines == 0 or k == len(lines):
            c.drawCentredString(220, 30, f"- {page} -")
            c.showPage()
            page += 1
            y = 790
            if header and k < len(lines):
                c.setFont(font, 9)
                c.drawString(40, 815, header)
    c.save()
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A page with only a drawing on it: what a scan without OCR looks like to a text extractor."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(50, 50, 400, 700, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def zip_bomb_docx(declared_mb: int = 1024) -> bytes:
    """A DOCX-shaped zip whose word/document.xml really inflates to `declared_mb` MB of
    zeros, in about `declared_mb` KB.  Built from one deflate block repeated (a full flush
    makes every 1 MB block compress to the same bytes), so making it costs nothing."""
    chunk = b"\0" * 2**20
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    body = block * declared_mb + co.flush()
    crc = 0
    for _ in range(declared_mb):
        crc = zlib.crc32(chunk, crc)
    types = b"<Types/>"
    return raw_zip([("[Content_Types].xml", 0, types, zlib.crc32(types), len(types)),
                    ("word/document.xml", 8, body, crc, declared_mb * 2**20)])


def raw_zip(entries: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip archive from already-compressed members: (name, method, data, crc32, size)."""
    out = io.BytesIO()
    central = []
    for name, method, data, crc, size in entries:
        offset = out.tell()
        fn = name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(fn), 0))
        out.write(fn + data)
        central.append(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                        len(fn), 0, 0, 0, 0, 0, offset) + fn
        )
    start = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), start, 0))
    return out.getvalue()
