"""How Chinese administrative names shorten: 湖南省 → 湖南, 黔南布依族苗族自治州 → 黔南.

Reports, channel names and users refer to regions by short names (【湖南招商】, 普洱, 黔南州).
The rules here are general suffix rules over the official full name; they never shorten
to a single character (城区 stays 城区, not 城) and never to a stem made only of generic
position words (市中区 → 市中, 城东区 → 城东 would match ordinary prose), so a short name is
always something a reader would recognise as that place.
"""

from __future__ import annotations

import re

#: The 55 recognised minority nationalities, as they appear inside autonomous-area names.
ETHNIC_GROUPS: tuple[str, ...] = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# A nationality inside a name is written "X族", except multi-character ones, which some
# official names use bare (博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 察布查尔锡伯自治县).
_ETHNIC = "|".join(sorted(
    [f"{e}族" for e in ETHNIC_GROUPS] + [e for e in ETHNIC_GROUPS if len(e) > 1],
    key=len, reverse=True,
))
_ETHNIC_RUN = re.compile(f"(?:{_ETHNIC})+")

_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
# Ordinary suffixes, longest first; the first that leaves a usable stem wins.
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "province": ("特别行政区", "省", "市"),
    "prefecture": ("地区", "市", "盟"),
    "county": ("林区", "特区", "县", "市", "旗"),
    "district": ("新区", "区"),
}
# Stems made only of these characters are generic (市中, 城东, 新城, 郊, 矿 ...).
_GENERIC_CHARS = set("城市郊矿新老东西南北中上下前后内外里关区")


def _strip_ethnic(stem: str) -> str:
    """'黔南布依族苗族' → '黔南': drop the run of nationalities that ends the stem.

    A stem that is itself a nationality (东乡族自治县, 鄂温克族自治旗) keeps the nationality
    without 族; 各族 (隆林各族自治县) counts as a nationality run.
    """
    if stem.endswith("各族"):
        return stem[:-2]
    for i in range(1, len(stem)):
        if _ETHNIC_RUN.fullmatch(stem, i):
            return stem[:i] if usable(stem[:i]) else stem
    if _ETHNIC_RUN.fullmatch(stem):
        return stem.removesuffix("族")
    return stem


def usable(stem: str) -> bool:
    """A short name must be 2+ characters and not made only of generic position words."""
    return len(stem) >= 2 and not set(stem) <= _GENERIC_CHARS


def short_name(name: str, level: str) -> str:
    """The short name of a division, or the full name when no safe short form exists."""
    for suffix in _AUTONOMOUS:
        if name.endswith(suffix):
            stem = _strip_ethnic(name[: -len(suffix)])
            return stem if usable(stem) else name
    for suffix in _SUFFIXES.get(level, ()):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if usable(stem):
                return stem
    return name


def aliases(name: str, short: str) -> tuple[str, ...]:
    """Common written forms besides the full and short name (``short`` from :func:`short_name`).

    Autonomous prefectures, counties and banners are usually written short + 州/县/旗
    (黔南州, 三都县, 鄂伦春旗) in titles and channels; autonomous regions never are.
    """
    if short == name:
        return ()
    for suffix, tail in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix):
            return (short + tail,)
    return ()
