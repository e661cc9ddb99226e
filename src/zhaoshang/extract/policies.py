"""Policy documents: titles in 《》 that name a plan, policy or regulation, with the action taken.

Reports put every document title in 《》 — but also films, books, songs and studies
(《感谢那一年》, 《潮州文化丛书》).  A title is kept when it ends like an official document
(规划, 纲要, 意见, 办法, 方案, 条例, 建议, 报告 …, possibly followed by 草案 or a year
span); anything else in 《》 is a work of culture or a study and is skipped.  Bare
back-references (《纲要》, 《纲要(草案)》, 《规划》) are skipped as well: they repeat a
document already named in full.

Category: plan (规划, 纲要), policy (意见, 办法, 方案, 措施, 政策, 细则, 通知, 计划, 决定),
law (条例, 法, 规定, 规则, 法典), else other (建议, 报告, 标准 …; 《政府工作报告》 is kept as
other: it is an official document the report refers to).
"""

from __future__ import annotations

import re

from zhaoshang.model import Document, Policy

_TITLE = re.compile(r"《([^《》]{2,80})》")
_TAIL = re.compile(r"(?:[(（]?(?:草案|征求意见稿|试行|暂行|修订稿?|修正案?|\d{4}[-—－~至]?\d{0,4}年?)[)）]?)+$")
_CATEGORY: tuple[tuple[str, str], ...] = (
    ("纲要", "plan"), ("规划", "plan"),
    ("实施细则", "policy"), ("细则", "policy"), ("办法", "policy"), ("意见", "policy"), ("方案", "policy"),
    ("措施", "policy"), ("政策", "policy"), ("通知", "policy"), ("计划", "policy"), ("决定", "policy"),
    ("条例", "law"), ("法典", "law"), ("规定", "law"), ("规则", "law"), ("法", "law"),
    ("建议", "other"), ("报告", "other"), ("标准", "other"), ("规范", "other"), ("制度", "other"),
    ("清单", "other"), ("指南", "other"), ("目录", "other"), ("协议", "other"), ("章程", "other"),
    ("战略", "other"), ("公约", "other"), ("指引", "other"), ("规程", "other"), ("批复", "other"), ("函", "other"),
)
_BARE = re.compile(r"^(?:[^\s]{0,2})(?:纲要|规划|意见|方案|建议|报告|办法|条例|计划)$")
_ACTIONS = (
    "出台", "印发", "制定", "制订", "编制", "修编", "修订", "修改", "落实", "实施", "贯彻", "执行", "发布",
    "颁布", "审议", "通过", "起草", "谋划", "完善", "研究", "施行",
)
_ACTION_BEFORE = re.compile("(" + "|".join(_ACTIONS) + ")[了好]?(?:完善|落实|实施)?[^，,；;。:：《》]{0,6}$")
_ACTION_AFTER = re.compile(r"^[^，,；;。《]{0,4}?(" + "|".join(_ACTIONS) + ")")
_LIST_JOINER = re.compile(r"[、和及与]?")


def _core(title: str) -> str:
    return _TAIL.sub("", title).strip()


def policy_category(title: str) -> str | None:
    """plan / policy / law / other for a document title, or None when it is not a document."""
    core = _core(title)
    for word, cat in _CATEGORY:
        if core.endswith(word):
            return cat
    return None


def extract_policies(doc: Document) -> list[Policy]:
    """Every official-document title in 《》 with its action verb (出台, 编制, 落实 …) and category."""
    text = doc.text
    out: list[Policy] = []
    prev_end, prev_action = -1, None
    seen: set[str] = set()
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        category = policy_category(title)
        if category is None or _BARE.match(_core(title)):
            continue
        line_start = max(0, m.start() - 16)
        before = text[line_start : m.start()]
        b = _ACTION_BEFORE.search(before)
        qs = line_start + b.start() if b else m.start()
        action = b.group(1) if b else None
        if action is None and prev_action and _LIST_JOINER.fullmatch(text, prev_end, m.start()):
            action = prev_action  # 颁布《A》《B》、《C》: one verb for the whole list
        qe = m.end()
        if action is None:
            a = _ACTION_AFTER.search(text[m.end() : m.end() + 10])
            if a:
                action = a.group(1)
                qe = m.end() + a.end()
        prev_end, prev_action = m.end(), action
        if title in seen:
            continue  # one fact per document; the first mention carries the span
        seen.add(title)
        out.append(Policy(title=title, action=action, category=category, quote=text[qs:qe], start=qs, end=qe))
    return out
