"""HTML: the report's text without the page around it.

Government and investment sites wrap a report in navigation, breadcrumbs, share
buttons, "上一篇/下一篇" links and copyright footers.  The main block is found by a
general rule rather than by any site's markup: starting from <body>, descend into the
child that holds most (≥ 75%) of the current element's Chinese characters outside
links, and stop where the text stops being concentrated in one child.  Short lines that
are page furniture (publish info, print/close links, copyright) are then dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from zhaoshang.ingest.decode import decode_head, decode_or_raise
from zhaoshang.ingest.normalise import normalise
from zhaoshang.ingest.registry import Reader, register
from zhaoshang.ingest.types import IngestError, RawDocument

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "nav", "header", "footer", "aside", "input", "select", "button", "textarea", "head", "menu",
)
_CONTAINERS = frozenset("article body center div form main section table tbody td tr".split())
"""Elements the main-block search may descend into; paragraphs and headings are leaves."""
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "form h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody thead tfoot tr td th ul".split()
)
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|header|breadcrumbs?|crumbs?|position|location|"
    r"share|sidebar|side|copyright|pager|pagination|prev|next|related|comment|toolbar|topbar|"
    r"ad|ads|advert|banner|login|search|logo)(?:$|[-_\s\d])",
    re.I,
)
_FURNITURE_LINE = re.compile(
    r"^(?:[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|当前位置|您现在的位置|您的位置|所在位置|"
    r"打印本页|关闭窗口|返回顶部|分享到|责任编辑|版权所有|网站标识码|网站地图|联系我们|扫一扫|"
    r"(?:主办|承办|协办|主办单位|字号|浏览次数|阅读次数|点击数|访问量|发布时间|发布日期|发文日期|来源|"
    r"信息来源|文章来源|作者|编辑)\s*[:：])|(?:Copyright|©|\(c\))|.*(?:ICP备|公网安备|版权所有)|"
    r"首页\s*[>＞›»/]|[【\[]?(?:打印|关闭|收藏|返回)[】\]]?(?:\s*[【\[]?(?:打印|关闭|收藏|返回)[】\]]?)*$)",
    re.I,
)
_MAX_FURNITURE = 80
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜| - | — | – |--)\s*")


def sniff(head: bytes) -> float:
    text = decode_head(head[:4096]).lstrip().lower()
    if text.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096]:
        return 1.0
    if "<html" in text[:4096] or "<body" in text[:4096]:
        return 0.8
    if re.search(r"<(?:p|div|br|span|table|h1|article)[\s>/]", text[:4096]):
        return 0.5
    return 0.0


def _cjk_outside_links(node: LexborNode) -> int:
    total = len(_CJK.findall(node.text(deep=True)))
    linked = sum(len(_CJK.findall(a.text(deep=True))) for a in node.css("a"))
    return total - linked


def _drop(tree: LexborHTMLParser, body: LexborNode) -> None:
    """Remove non-content elements: by tag, and by a boilerplate class/id when small."""
    doomed = [n for n in tree.css(", ".join(_DROP_TAGS))]
    for n in body.css("[class], [id]"):
        label = f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}"
        if _BOILERPLATE_CLASS.search(label) and len(_CJK.findall(n.text(deep=True))) < 200:
            doomed.append(n)
    ids = {n.mem_id for n in doomed}
    for n in doomed:
        p = n.parent
        while p is not None and p.mem_id not in ids:
            p = p.parent
        if p is None:
            n.decompose()  # only outermost ones: their descendants go with them


def _main_block(body: LexborNode) -> LexborNode:
    node = body
    count = _cjk_outside_links(node)
    while True:
        children = [c for c in node.iter() if c.tag in _BLOCK_TAGS or c.tag in ("span", "font", "center")]
        if not children:
            return node
        scored = [(_cjk_outside_links(c), c) for c in children]
        best_count, best = max(scored, key=lambda sc: sc[0])
        if count == 0 or best_count < 0.75 * count or best.tag not in _CONTAINERS or not _has_blocks(best):
            return node
        node, count = best, best_count


def _has_blocks(node: LexborNode) -> bool:
    """A container of paragraphs, as opposed to a paragraph that happens to be a <div>."""
    return any(c.tag in _BLOCK_TAGS for c in node.iter())


def _lines(node: LexborNode) -> list[str]:
    """Visible text, one line per block or <br>, HTML whitespace collapsed."""
    parts: list[str] = []

    def walk(n: LexborNode) -> None:
        for child in n.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                parts.append(re.sub(r"[ \t\r\n\f]+", " ", child.text_content or ""))
            elif tag == "br":
                parts.append("\n")
            elif tag == "pre":
                parts.append("\n" + child.text(deep=True) + "\n")
            elif tag.startswith("-"):
                continue
            elif tag in _BLOCK_TAGS:
                if tag in ("ul", "ol", "div", "table", "tr") and _mostly_links(child):
                    continue  # a list of links is navigation, wherever it sits
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(node)
    lines = [ln.strip() for ln in "".join(parts).split("\n")]
    return [ln for ln in lines if ln]


def _mostly_links(node: LexborNode) -> bool:
    text = re.sub(r"\s+", "", node.text(deep=True))
    if len(text) < 4:
        return False
    linked = sum(len(re.sub(r"\s+", "", a.text(deep=True))) for a in node.css("a"))
    return linked >= 0.8 * len(text)


def _page_title_parts(tree: LexborHTMLParser) -> list[str]:
    """<title> pieces that may name the document: "报告_某某市人民政府" → ["报告"] (the site goes last)."""
    node = tree.css_first("title")
    if node is None:
        return []
    parts = [p.strip() for p in _TITLE_SPLIT.split(node.text(deep=True).strip()) if len(p.strip()) >= 4]
    if len(parts) >= 2:
        return [p for p in parts[:-1] if p != parts[-1]]  # the site's name may open it too
    return parts


def _title(tree: LexborHTMLParser, page_parts: list[str]) -> str | None:
    """A heading that the <title> repeats (a logo <h1> holding the site name does not
    qualify), else the <title>'s document part, else the first remaining <h1>."""
    heads = [h.text(deep=True).strip() for h in tree.css("h1, h2")]
    heads = [re.sub(r"\s+", " ", h) for h in heads if _CJK.search(h)]
    for h in heads:
        if any(h in p or p in h for p in page_parts):
            return h
    if page_parts:
        return next((p for p in page_parts if "报告" in p), page_parts[0])
    h1s = [re.sub(r"\s+", " ", h.text(deep=True).strip()) for h in tree.css("h1")]
    return next((h for h in h1s if _CJK.search(h)), None)


@register(Reader(format="html", extensions=(".html", ".htm", ".shtml", ".xhtml"), sniff=sniff))
def read_html(data: bytes, source_name: str) -> list[RawDocument]:
    from selectolax.lexbor import LexborHTMLParser

    text, encoding = decode_or_raise(data, source_name)
    tree = LexborHTMLParser(text)
    page_parts = _page_title_parts(tree)
    body = tree.body
    if body is None:
        raise IngestError(source_name, "HTML page has no body")
    _drop(tree, body)
    raw_title = _title(tree, page_parts)
    lines = [
        ln
        for ln in _lines(_main_block(body))
        if not (len(ln) <= _MAX_FURNITURE and _FURNITURE_LINE.match(ln))
    ]
    title = normalise(raw_title).text.replace("\n", " ") if raw_title else None
    if title and lines and normalise(lines[0]).text == title:
        lines = lines[1:]
    if not lines:
        raise IngestError(source_name, "HTML page has no main text")
    return [RawDocument(source_name=source_name, format="html", encoding=encoding, text="\n".join(lines), title=title)]
