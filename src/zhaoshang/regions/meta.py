"""Report metadata from the normalised text: title, meeting year, meeting date, speaker.

Every government work report opens the same way, whatever the region or the site that
republished it: an optional title (…政府工作报告), a dateline naming the session
(2021年1月25日在湖南省第十三届人民代表大会第四次会议上), the speaker with their office
(市长 张三, 县人民政府代县长;朱林) and then 各位代表.  These functions read that opening
(the "header") and fall back to body cues only for the year, which excerpts still state
(今年是“十四五”开局之年, 2020年工作回顾).  All are pure functions of the text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

HAN = r"\u4e00-\u9fff"
# Dates in Arabic or Chinese numerals: 2021年2月2日, 二〇二一年一月二十五日.
_CN_DIGIT = "〇○零O０一二三四五六七八九"
_YEAR = rf"(?:(?:19|20)\d{{2}}|[二一][{_CN_DIGIT}]{{3}})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月(?:\s*(?P<d>{_MD})\s*日)?")
# The session a report is delivered to: 第十五届人民代表大会第七次会议, 十四届人大六次会议.
SESSION_RE = re.compile(r"人民代表大会|届人大|人大[一二三四五六七八九十\d]+次会议|人大会议|人大代表会议")
_YEAR_IN_TITLE = re.compile(rf"(?P<y>{_YEAR})\s*年")
HEADER_END = re.compile(r"各位代表|同志们|各位委员")

TITLE_RE = re.compile(
    r"^\s*(?P<title>(?:(?!各位|同志)[^。，；！？,;!?：:\n]){0,60}?政府工作报告"
    r"(?:\s*[（(](?:摘要|全文|书面|节选|摘登|讨论稿|草案|审议稿)[）)])?)"
)


def _cn_int(s: str) -> int | None:
    """Arabic, digit-by-digit Chinese (二〇二一) or positional Chinese (二十五) → int."""
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "０": 0}
    if "十" not in s:
        out = 0
        for c in s:
            if c not in digits:
                return None
            out = out * 10 + digits[c]
        return out
    tens, _, ones = s.partition("十")
    t = 1 if tens == "" else digits.get(tens) if len(tens) == 1 else None
    o = 0 if ones == "" else digits.get(ones) if len(ones) == 1 else None
    if t is None or o is None:
        return None
    return t * 10 + o


def header(text: str, limit: int = 800) -> str:
    """The opening before 各位代表 (or the first 300 chars when there is no salutation)."""
    m = HEADER_END.search(text, 0, limit)
    return text[: m.start()] if m else text[:300]


# A line break between Han characters or digits, with the blanks around it.
_LINE_BREAK_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff\d])[ \t]*\n\s*(?=[\u4e00-\u9fff\d])")


def _join_wrapped(head: str) -> str:
    """``_LINE_BREAK_IN_WORD.sub("", head)``, tried only at the line breaks (found with
    ``str.find``): a regex scan would test every character of the opening."""
    pieces: list[str] = []
    pos = 0
    i = head.find("\n")
    while i >= 0:
        start = i
        while start > pos and head[start - 1] in " \t":
            start -= 1
        m = _LINE_BREAK_IN_WORD.match(head, start)
        if m:
            pieces.append(head[pos:start])
            pos = m.end()
        i = head.find("\n", max(i + 1, pos))
    if not pieces:
        return head
    pieces.append(head[pos:])
    return "".join(pieces)


_FULL_WIDTH = tuple(zip("０１２３４５６７８９：；（）", "0123456789:;()"))


def _fold(text: str) -> str:
    """Full-width digits and punctuation folded to ASCII.

    Chained ``str.replace`` of the characters present: ``str.translate`` with a table
    costs tens of nanoseconds per character on Chinese text, and most texts (already
    normalised) hold none of these characters."""
    for wide, narrow in _FULL_WIDTH:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


@functools.lru_cache(maxsize=2)  # the current report, folded and not
def _unwrap_opening(opening: str, fold: bool) -> str:
    head = _fold(opening[:1200]) if fold else opening[:1200]
    if "\n" in head:
        head = _join_wrapped(head)
    return head + opening[1200:1300]


def _unwrap(text: str, fold: bool = True) -> str:
    """The opening made easy to match: hard wraps joined (…人民\n代表大会…), full-width
    digits and punctuation folded.  Only for reading; no offsets come from it.

    Every detector reads it, so it is computed once per report (cached on the opening)."""
    return _unwrap_opening(text[:1300], fold)


def detect_title(text: str) -> str | None:
    """A leading ``…政府工作报告`` title, also when the scrape glued it to the body."""
    m = TITLE_RE.match(_unwrap(text, fold=False))
    return m.group("title").strip() if m else None


def _session_dates(text: str) -> list[tuple[int, int | None, int | None]]:
    """(year, month, day) of the header's datelines: a date directly before 在…人民代表大会
    (2021年1月5日在凤阳县第十六届人民代表大会), or in brackets right after 会议上."""
    return list(_header_dates(header(_unwrap(text))))


@functools.lru_cache(maxsize=1)  # the current report
def _header_dates(head: str) -> tuple[tuple[int, int | None, int | None], ...]:
    """The datelines of one header (cached: the year and the date detectors both read them)."""
    out = []
    for m in DATE_RE.finditer(head):
        before, after = head[max(0, m.start() - 6) : m.start()], head[m.end() : m.end() + 60]
        dateline = re.match(r"[)）]?\s*在", after) and SESSION_RE.search(after)
        if not (dateline or "会议上" in before):
            continue
        y = _cn_int(m.group("y"))
        if y is not None:
            mo = _cn_int(m.group("m"))
            out.append((y, mo, _cn_int(m.group("d")) if m.group("d") else None))
    return tuple(out)


def detect_meeting_date(text: str) -> str | None:
    """ISO date of the 人代会 session named in the header, or None if no full date is given."""
    for y, mo, d in _session_dates(text):
        if mo is None or d is None:
            continue
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


# Body cues for the meeting year, for excerpts without title or dateline.
_PLAN_NO = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}
_PLAN = r"[“\"”]?(?P<plan>十[一二三四五六])五[”\"]?(?:规划)?(?:时期)?"
_TASK_CUE = re.compile(
    r"(?<![到至])(?P<y>(?:19|20)\d{2})年(?:的)?(?:经济社会发展)?(?:主要)?(?:预期)?"
    r"(?:目标任务|工作安排|重点工作|主要工作|主要任务|工作任务|目标和任务|总体要求|预期目标|工作目标|主要目标)"
    r"|(?P<y2>(?:19|20)\d{2})年是[^。；]{0,30}?(?:开局|起步|开篇|首)之?年"
)
_REVIEW_CUE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?:工作)?(?:和|及|暨)?(?:" + _PLAN + r")?(?:的)?(?:主要)?(?:工作|发展)?(?:回顾|总结)"
    r"|(?:" + _PLAN.replace("plan", "p2") + r"|过去五年)(?:工作)?(?:和|及|暨)(?P<y2>(?:19|20)\d{2})年(?:工作)?(?:回顾|总结)"
)
_THIS_YEAR_PLAN = re.compile(r"今年是[^。；]{0,20}?" + _PLAN + r"[^。；]{0,12}?(?P<pos>开局|起步|开篇|首年|第一年|收官|最后一年)")


def _plan_start(plan: str) -> int:
    """First year of the Nth five-year plan (十一五 → 2006 … 十四五 → 2021)."""
    return 2001 + 5 * (_PLAN_NO[plan] - 10)


# Every task or review cue holds a year followed by 年, at most this many characters after
# the cue's start (“十三五”规划时期工作和2020年…: the longest lead before the year).
_YEAR_NIAN = re.compile(r"年(?<=(?:19|20)\d\d年)")
_TASK_LEAD, _REVIEW_LEAD = 0, 12


def _cues(pattern: re.Pattern[str], body: str, lead: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(body)`` for a cue pattern, tried only just before each year.

    The cue patterns open with groups the regex engine cannot scan for in C, so a plain
    finditer would try them at every character; a match must start at most ``lead``
    characters before a year (found by a literal-led search), so only those places are
    tried, in order, keeping finditer's leftmost, non-overlapping matches."""
    pos = 0
    for y in _YEAR_NIAN.finditer(body):
        year_at = y.start() - 4
        if year_at < pos:
            continue
        for p in range(max(pos, year_at - lead), year_at + 1):
            m = pattern.match(body, p)
            if m:
                yield m
                pos = m.end()
                break


def _body_year(text: str, limit: int = 60000) -> int | None:
    votes: Counter[int] = Counter()
    body = _fold(text[:limit])
    for m in _cues(_TASK_CUE, body, _TASK_LEAD):
        votes[int(m.group("y") or m.group("y2"))] += 2
    for m in _cues(_REVIEW_CUE, body, _REVIEW_LEAD):
        votes[int(m.group("y") or m.group("y2")) + 1] += 2
    for m in _THIS_YEAR_PLAN.finditer(body):
        start = _plan_start(m.group("plan"))
        votes[start + (4 if m.group("pos") in ("收官", "最后一年") else 0)] += 3
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


def detect_year(text: str, title: str | None = None) -> int | None:
    """The year of the meeting (2021 for a report delivered in 2021 about 2020).

    Order: a year in the title (2021年XX政府工作报告); the session dateline (also
    year-month only: 2021年1月在…; a December session whose body plans the next year counts
    as that year's); then body cues: this year's tasks (2021年主要目标任务),
    the review of last year (2020年工作回顾 → 2021), 今年是“十四五”开局之年.
    """
    for t in (title, detect_title(text)):
        years = [y for m in _YEAR_IN_TITLE.finditer(t or "") if (y := _cn_int(m.group("y")))]
        if years:
            return max(years)  # 2020年工作总结和2021年工作安排 → the later one
    dates = _session_dates(text)
    if dates:
        y, month, _ = dates[0]
        if month == 12 and _body_year(text) == y + 1:
            return y + 1  # a December session adopting next year's report (2020年12月 → 2021)
        return y
    return _body_year(text)


# Offices whose holder delivers the report.  Deputies (副市长) deliver it only when they act
# for the head, and then the header names them last anyway; in free text they are skipped.
_OFFICE = r"(?:代理?)?(?:省|市|县|区|州|旗|盟)长|(?:代理?)?主席"
_NAME = rf"(?:[{HAN}]{{1,8}}(?:[·•・‧.][{HAN}]{{1,10}})+|[{HAN}]{{2,4}})"
_SEP = r"[\s;；:：,，、)）]"
_SPEAKER_AT_END = (
    re.compile(rf"(?:{_OFFICE})\s*[;；:：,，、]?\s*(?P<name>{_NAME})\s*$"),
    re.compile(rf"(?:会议上|{_SEP})\s*(?P<name>{_NAME})\s*$"),
)
# Without a salutation: an office standing on its own (start, separator, 人民政府) followed by
# a name standing on its own; 省长热线， or 县长办公会 never qualify.
_SPEAKER_AFTER_OFFICE = re.compile(
    rf"(?:^|[\s;；:：、]|人民政府)(?<!副)(?:{_OFFICE})\s*[;；:：,，、]?\s*(?P<name>{_NAME}?)(?=各位|\s|[(（]|$)"
)
_NOT_A_NAME = re.compile(
    r"政府|报告|会议|代表|大会|工作|人民|书面|委员|全文|摘要|书记|届|次"
    rf"|^(?:{_OFFICE})$"
)


def _clean_name(name: str) -> str | None:
    name = name.replace("•", "·").replace("・", "·").replace("‧", "·").replace(".", "·")
    if _NOT_A_NAME.search(name):
        return None
    return name


def detect_speaker(text: str) -> str | None:
    """The person who delivered the report: the name closing the header.

    Handles 市长 张三, 代县长, 区委副书记、区长;陈湘阗 (scraping debris), a bare name between
    the dateline and 各位代表, and minority names with a middle dot.
    """
    text = _unwrap(text)
    head = header(text)
    if HEADER_END.search(text, 0, 800):
        for pattern in _SPEAKER_AT_END:
            m = pattern.search(head.rstrip())
            if m and (name := _clean_name(m.group("name"))):
                return name
    for m in _SPEAKER_AFTER_OFFICE.finditer(text[:400]):
        if name := _clean_name(m.group("name")):
            return name
    return None
