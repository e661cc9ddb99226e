"""Which region a report belongs to, from the places where reports name their own region.

A report names its own region in a few fixed slots: the site's channel (【宝兴县招商】),
the title (2021年宝兴县政府工作报告), the session dateline (在珠海市斗门区第四届人民代表大会),
the government that reports (我代表克拉玛依区人民政府) and the speaker's office (潮州市市长).
The body mentions many other places (parents, neighbours, sub-units), so a vote over the
whole text is wrong most of the time (measured: 3 of 10); only the slots are read.

Evidence is combined in order — hint (the user's ``--region``), channel, title, opening —
each later source narrowing the candidates the earlier ones left (衡阳 → 衡阳市 or 衡阳县;
the title 衡阳市政府工作报告 decides).  Names shared by several divisions (朝阳区, 鼓楼区)
are resolved by the level the opening uses (市长 / 区长 / 县长, 我代表区人民政府), then by
which candidate's parents the first 2,000 characters mention most (the whole text only when
that ties: this compares a handful of known parents, it is not a vote over all places);
otherwise the result is "ambiguous" with the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from zhaoshang.model import RegionRef
from zhaoshang.regions.gazetteer import LEVEL_RANK, Gazetteer, Place, load_gazetteer
from zhaoshang.regions.meta import HEADER_END, detect_title, header

CONTEXT_CHARS = 2000
_NUM = r"[一二三四五六七八九十百零〇\d]+"
# Characters that end a name: blanks (every \s character, listed — the regex engine tests a
# listed class by table lookup, faster than the \s category) and punctuation.
_NOT_NAME = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000，,。：:；;、（）()“”\"《》【】\[\]"
_RUN = rf"[^{_NOT_NAME}]"
_SESSION_SLOT = re.compile(rf"在({_RUN}{{1,30}}?)(?:第?{_NUM}届)?(?:人民代表大会|人大)")
# Both open with a lazy run of name characters, which the regex engine would extend at
# every position; they are run only from shortly before their office word (see
# _slot_matches), and a lookahead for the office's last character within reach (at most
# 30 name characters, 代理, the office) skips the positions that cannot match.
_GOVERNMENT_SLOT = re.compile(rf"(?=[^{_NOT_NAME}府]{{0,33}}府)({_RUN}{{1,30}}?)人民政府")
_OFFICE_SLOT = re.compile(
    rf"(?=[^{_NOT_NAME}长席]{{0,33}}[长席])"
    rf"(?:({_RUN}{{1,30}}?)(?<!副)(?:代理?)?(?:省|市|县|区|州|旗|盟)长|({_RUN}{{2,30}}?)(?<!副)主席)"
)
_LEVELS = r"(?:省|市|县|区|州|旗|盟)"
# The level the opening speaks at: 我代表县人民政府, 人民政府区长, 、区长 / 市长刘勇, 斗门区区长.
_LEVEL_CUE = re.compile(
    r"(?:代表|全)(自治区|自治州|自治县|自治旗|省|市|县|区|州|旗|盟)(?:人民政府|政协)"
    rf"|人民政府(?:代理?)?({_LEVELS})长"
    rf"|(?:^|[^\u4e00-\u9fff]|[、])(?:代理?)?({_LEVELS})长"
    rf"|({_LEVELS})(?:代理?)?\4长"
)
_HAN_GAP = re.compile(r"\s(?<=[\u4e00-\u9fff]\s)\s*(?=[\u4e00-\u9fff])")  # opens with \s: scanned in C
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")
_TITLE_TAIL = re.compile(r"(?:人民)?政府工作报告.*$")
_GOVERNMENT_TAIL = re.compile(r"(?:人民)?政府$")
_CHANNEL_BRACKETS = re.compile(r"[【】\[\]\s]")
_CHANNEL_SUFFIX = re.compile(r"(?:招商(?:引资)?(?:网|局)?|频道|专栏|栏目)+$")


@dataclass(slots=True)
class RegionMatch:
    """The recognised region, or why there is none.

    ``status``: "ok" (one region), "override" (from the caller's hint), "ambiguous"
    (``candidates`` lists the possibilities), "unknown" (nothing recognisable).
    ``evidence``: the text that decided it (a channel, title or opening phrase).
    """

    region: RegionRef | None
    status: str
    candidates: list[RegionRef] = field(default_factory=list)
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class _Evidence:
    text: str  # where it was read (channel, title, opening phrase)
    name: str  # the name(s) read in it ('珠海市斗门区', '湖南')
    places: list[Place]


def _longest_name_ending_at(g: Gazetteer, s: str, end: int, max_len: int = 16) -> tuple[int, list[Place]]:
    for start in range(max(0, end - max_len), end - 1):
        if cands := g.by_name(s[start:end]):
            return start, cands
    for start in range(max(0, end - max_len), end - 2):
        if cands := _renamed(g, s[start:end]):
            return start, cands
    return end, []


def _renamed(g: Gazetteer, name: str) -> list[Place]:
    """A county-level name whose suffix has since changed: 莱芜市 → 莱芜区, 长乐市 → 长乐区.

    撤县设区 / 撤县设市 keep the stem and change only 县/市/区/旗, so an older report's name
    that is no longer in the gazetteer is matched by its stem to the successor, if unique.
    """
    if name[-1] not in "县市区旗" or g.by_name(name):
        return []
    stem = name[:-1]
    cands = [p for p in g.by_name(stem) if p.level in ("county", "district") and p.short == stem]
    return cands if len(cands) == 1 else []


def resolve_tail(g: Gazetteer, s: str) -> list[Place]:
    """Divisions named at the end of ``s``, narrowed by the names just before it.

    '珠海市斗门区' → [斗门区 of 珠海市]; '我代表克拉玛依区' → [克拉玛依区]; '北京市朝阳区' →
    [朝阳区 of 北京市].  The longest name ending at the end of the string wins.
    """
    return _tail(g, s.strip())[0]


def _tail(g: Gazetteer, s: str) -> tuple[list[Place], str]:
    """``resolve_tail`` plus the exact names it read ('珠海市斗门区' of '…会议上珠海市斗门区')."""
    start, cands = _longest_name_ending_at(g, s, len(s))
    if cands and start > 0:
        parents, parent_text = _tail(g, s[:start])
        narrowed = [c for c in cands if any(g.is_ancestor(p.code, c.code) for p in parents)]
        if narrowed:
            return narrowed, parent_text + s[start:]
    return cands, s[start:]


def _lookup(g: Gazetteer, s: str) -> tuple[list[Place], str]:
    s = re.sub(r"\s+", "", s)
    if s.isdigit():
        p = g.get(s)
        return ([p], p.name) if p else ([], s)
    if cands := g.by_name(s):
        return cands, s
    return _tail(g, s)


def lookup(g: Gazetteer, s: str) -> list[Place]:
    """A name, short name, alias, code or parent path ('湖南', '430000', '北京市朝阳区')."""
    return _lookup(g, s)[0]


def opening(text: str, limit: int = 800) -> str:
    """The header plus the first sentence after 各位代表 (现在，我代表X人民政府……)."""
    m = HEADER_END.search(text, 0, limit)
    if not m:
        return header(text)
    stop = text.find("。", m.end(), m.end() + 200)
    return text[: stop if stop != -1 else m.end() + 200]


def _join_han(s: str) -> str:
    """Drop whitespace between Han characters (hard wraps, 政 府 spacing) in a short slice."""
    return _HAN_GAP.sub("", s)


def _title_slot(title: str) -> str:
    """'2021年宝兴县政府工作报告' → '宝兴县' (the text before 政府工作报告, years removed);
    also '宝兴县人民政府2021年政府工作报告' → '宝兴县'."""
    return _GOVERNMENT_TAIL.sub("", _YEARS.sub("", _TITLE_TAIL.sub("", title)).strip())


def _opening_slots(head: str) -> list[str]:
    slots = [m.group(1) for m in _SESSION_SLOT.finditer(head)]
    slots += [m.group(1) for m in _slot_matches(_GOVERNMENT_SLOT, head, ("人民政府",))]
    slots += [m.group(1) or m.group(2) for m in _slot_matches(_OFFICE_SLOT, head, ("长", "主席"))]
    return slots


def _slot_matches(pattern: re.Pattern[str], head: str, words: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(head)``, each search started where a match can first begin: at
    most 33 characters (a 30-character name, 代理, the office) before the next office word,
    and none once no office word is left."""
    pos = 0
    while found := [i for w in words if (i := head.find(w, pos)) >= 0]:
        m = pattern.search(head, max(pos, min(found) - 33))
        if m is None:
            return
        yield m
        pos = m.end()  # never empty: a slot holds at least one name character


def _related(g: Gazetteer, a: Place, b: Place) -> bool:
    return a == b or g.is_ancestor(a.code, b.code) or g.is_ancestor(b.code, a.code)


def _support(g: Gazetteer, places: list[Place], sources: list[_Evidence]) -> int:
    """How many sources name one of ``places``, one of their parents or one of their units."""
    return max(sum(any(_related(g, p, c) for c in ev.places) for ev in sources) for p in places)


def _combine(g: Gazetteer, sources: list[_Evidence]) -> tuple[list[Place], _Evidence | None]:
    """Narrow candidates source by source; a later, deeper name refines an earlier parent.

    When two sources disagree outright (a mis-filed channel), the side more sources back
    wins; on a tie the earlier source stands.
    """
    current: list[Place] = []
    decided: _Evidence | None = None
    for ev in sources:
        if not ev.places:
            continue
        if not current:
            current, decided = ev.places, ev
            continue
        same = [c for c in current if c in ev.places]
        if same:
            if len(same) < len(current):
                decided = ev
            current = same
            continue
        deeper = [c for c in ev.places if any(g.is_ancestor(p.code, c.code) for p in current)]
        if deeper:
            current, decided = deeper, ev
        elif not any(_related(g, c, p) for c in current for p in ev.places):
            if _support(g, ev.places, sources) > _support(g, current, sources):
                current, decided = ev.places, ev
        # otherwise the later source names a parent of the current candidates: they stand
    return current, decided


def _level_cues(head: str) -> list[str]:
    return [next(x for x in m.groups() if x) for m in _LEVEL_CUE.finditer(head)]


def _fits_cue(p: Place, cue: str) -> bool:
    if cue in ("省", "自治区"):
        return p.level == "province"
    if cue == "区":
        return p.name.endswith("区") and not p.name.endswith("自治区")
    return p.name.endswith(cue)


def _by_level_cue(cands: list[Place], head: str) -> list[Place]:
    for cue in _level_cues(head):
        kept = [c for c in cands if _fits_cue(c, cue)]
        if kept:
            return kept
    return cands


def _by_parent_mentions(g: Gazetteer, cands: list[Place], context: str) -> tuple[list[Place], str | None]:
    """Keep the candidate whose parents the context names most often (strictly more).

    A parent is counted by its short name, which also counts its full-name mentions; names
    the candidates themselves bear (衡阳 for 衡阳市 vs 衡阳县 of 衡阳市) are not counted.
    """
    own = {n for c in cands for n in (c.name, c.short)}
    scored: list[tuple[int, Place, str | None]] = []
    for c in cands:
        counts = {p.short: context.count(p.short) for p in g.parents(c.code) if p.short not in own}
        best = max(counts, key=counts.__getitem__, default=None)
        scored.append((sum(counts.values()), c, best))
    scored.sort(key=lambda t: -t[0])
    top = scored[0][0] if scored else 0
    if top > 0 and (len(scored) == 1 or top > scored[1][0]):
        return [scored[0][1]], scored[0][2]
    return cands, None


def _by_prominence(cands: list[Place], name: str) -> list[Place]:
    """A bare short name (湖南, 吉林, 海南) means its highest-level bearer, if only one is highest."""
    if any(c.name == name for c in cands):
        return cands
    top = min(LEVEL_RANK[c.level] for c in cands)
    best = [c for c in cands if LEVEL_RANK[c.level] == top]
    return best if len(best) == 1 else cands


def _disambiguate(g: Gazetteer, cands: list[Place], head: str, contexts: tuple[str, ...],
                  name: str) -> tuple[list[Place], str | None]:
    """Level cue, then parent mentions, then prominence; returns the deciding mention, if any."""
    if len(cands) > 1:
        cands = _by_level_cue(cands, head)
    mention = None
    if len(cands) > 1:
        for context in contexts:  # the opening first; the whole text only if that ties
            cands, mention = _by_parent_mentions(g, cands, context)
            if len(cands) == 1:
                break
    if len(cands) > 1:
        cands = _by_prominence(cands, name)
    return cands, mention


def _clean_channel(channel: str) -> str:
    """'【宝兴县招商】' → '宝兴县': the region part of a site's channel name."""
    return _CHANNEL_SUFFIX.sub("", _CHANNEL_BRACKETS.sub("", channel))


def recognise_region(text: str, *, title: str | None = None, channel: str | None = None,
                     hint: str | None = None) -> RegionMatch:
    """Recognise the report's own region from hint, channel, title and opening lines."""
    g = load_gazetteer()
    title = title or detect_title(text)
    head = _join_han(opening(text))
    contexts = (f"{title or ''}\n{text[:CONTEXT_CHARS]}", f"{title or ''}\n{text}")

    if hint and hint.strip():
        cands, name = _lookup(g, hint)
        cands, _ = _disambiguate(g, cands, head, contexts, name)
        return _result(g, cands, "override", hint.strip())

    sources: list[_Evidence] = []
    if channel and (cleaned := _clean_channel(channel)):
        cands, name = _lookup(g, cleaned)
        sources.append(_Evidence(channel.strip(), name, cands))
    if title and (slot := _title_slot(title)):
        cands, name = _tail(g, slot)
        sources.append(_Evidence(title, name, cands))
    for slot in _opening_slots(_join_han(title or "")) + _opening_slots(head):
        cands, name = _tail(g, slot.strip())
        sources.append(_Evidence(name, name, cands))

    cands, decided = _combine(g, sources)
    if decided is None:
        cands, evidence = _from_institutions(g, text)
        return _result(g, cands, "ok", evidence)
    cands, mention = _disambiguate(g, cands, head, contexts, decided.name)
    return _result(g, cands, "ok", decided.text if mention is None else f"{decided.text} · {mention}")


# The level character before the institution (opening with a class, which the regex engine
# scans for in C); the institution starts at the match end.
_INSTITUTION = re.compile(r"[市县区旗州省盟](?=委|人民政府|人大|政协|政府)")


def _from_institutions(g: Gazetteer, text: str) -> tuple[list[Place], str | None]:
    """Last resort for an excerpt with no title or opening: the body's named institutions.

    An excerpt that does not name its region in a heading still names its own party
    committee and government (荔浦市委, 荔浦市人民政府).  Only such institution names
    count — never a vote over every place mentioned — and a parent is dropped in favour
    of a mentioned child, since a county's report also names its prefecture's 市委.
    """
    counts: dict[str, int] = {}
    places: dict[str, Place] = {}
    for m in _INSTITUTION.finditer(text):
        start, cands = _longest_name_ending_at(g, text, m.end())
        if len(cands) == 1:
            counts[cands[0].code] = counts.get(cands[0].code, 0) + 1
            places[cands[0].code] = cands[0]
    if not counts:
        return [], None
    leaves = [c for c in counts if not any(o != c and g.is_ancestor(c, o) for o in counts)]
    best = max(counts[c] for c in leaves)
    winners = [places[c] for c in leaves if counts[c] == best]
    return winners, f"正文机构名: {'、'.join(p.name for p in winners)} ×{best}"


def _result(g: Gazetteer, cands: list[Place], status: str, evidence: str | None) -> RegionMatch:
    if not cands:
        return RegionMatch(None, "unknown", [], evidence)
    if len(cands) > 1:
        return RegionMatch(None, "ambiguous", [g.ref(c.code) for c in cands], evidence)
    return RegionMatch(g.ref(cands[0].code), status, [], evidence)
