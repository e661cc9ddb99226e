"""Numbers and units as reports write them, including Chinese numerals that cn2an cannot parse."""

from __future__ import annotations

import pytest

from zhaoshang.extract.numbers import Amount, find_amounts, money_to_yuan, parse_chinese_number


def only(text: str) -> Amount:
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三千五百万", 35_000_000),
        ("五十亿", 5_000_000_000),
        ("一万二千", 12_000),
        ("百亿", 10_000_000_000),
        ("千亿", 100_000_000_000),
        ("1.9万亿", 1.9e12),
        ("十", 10),
        ("十五", 15),
        ("一百零五", 105),
        ("两千", 2000),
        ("二〇二〇", 2020),
        ("5千万", 50_000_000),
        ("一亿二千万", 120_000_000),
        ("三万五千亿", 3.5e12),
    ],
)
def test_parse_chinese_number_reads_positional_numerals(numeral: str, value: float) -> None:
    assert parse_chinese_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize("junk", ["", "abc", "增长", "一二是"])
def test_parse_chinese_number_rejects_non_numerals(junk: str) -> None:
    assert parse_chinese_number(junk) is None


@pytest.mark.parametrize(
    ("text", "number", "unit", "yuan"),
    [
        ("总投资4.5亿元的", 4.5, "亿元", 450_000_000),
        ("完成28.06亿元", 28.06, "亿元", 2_806_000_000),
        ("引进资金4798万元", 4798, "万元", 47_980_000),
        ("总量突破4万亿元", 4, "万亿元", 4e12),
        ("达到1.9万亿元", 1.9, "万亿元", 1.9e12),
        ("安排三千五百万元", 3500, "万元", 35_000_000),
        ("投资五十亿元", 50, "亿元", 5_000_000_000),
        ("突破百亿元", 100, "亿元", 10_000_000_000),
        ("收入43366元", 43366, "元", 43366),
        ("利用外资8441万美元", 8441, "万美元", None),
        ("实际使用外资826亿美元", 826, "亿美元", None),
    ],
)
def test_find_amounts_converts_money_to_yuan(text: str, number: float, unit: str, yuan: float | None) -> None:
    a = only(text)
    assert (a.number, a.unit) == (number, unit)
    assert a.value_yuan == (pytest.approx(yuan) if yuan is not None else None)
    assert text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    ("text", "number", "unit", "quote"),
    [
        ("增长14.26%", 14.26, "%", "14.26%"),
        ("接待游客306.34万人次", 306.34, "万人次", "306.34万人次"),
        ("转移就业12000余人", 12000, "人", "12000余人"),
        ("新增高标准农田1.2万亩", 1.2, "万亩", "1.2万亩"),
        ("新增1.2万余亩", 1.2, "万亩", "1.2万余亩"),
        ("总产稳定在600亿斤左右", 600, "亿斤", "600亿斤"),
        ("优良天数348天", 348, "天", "348天"),
        ("提高1个百分点", 1, "个百分点", "1个百分点"),
        ("培育两个", 2, "个", "两个"),
        ("7300多万湖南人民", 7300, "万", "7300多万"),
        ("人口一万二千", 12000, "", "一万二千"),
        ("增长3.8 %", 3.8, "%", "3.8 %"),
    ],
)
def test_find_amounts_keeps_the_unit_as_written(text: str, number: float, unit: str, quote: str) -> None:
    a = only(text)
    assert (a.number, a.unit, a.text) == (number, unit, quote)
    assert a.value_yuan is None


def test_find_amounts_reports_every_amount_in_order_with_spans() -> None:
    text = "地区生产总值增长3.8%,总量突破4万亿元;城乡居民人均可支配收入分别增长4.7%、7.7%"
    found = find_amounts(text)
    assert [(a.number, a.unit) for a in found] == [(3.8, "%"), (4, "万亿元"), (4.7, "%"), (7.7, "%")]
    assert all(text[a.start : a.end] == a.text for a in found)


@pytest.mark.parametrize("text", ["2020年", "2016-2020年", "第一批", "千方百计", "十四五时期", "一是", "百亿级产业", "一产增加值"])
def test_find_amounts_ignores_years_ordinals_and_words(text: str) -> None:
    assert find_amounts(text) == []


def test_find_amounts_does_not_read_renmin_as_a_head_count() -> None:
    assert [a.unit for a in find_amounts("2万人民群众")] == ["万"]


def test_range_keeps_the_second_bound_with_its_unit() -> None:
    assert [(a.number, a.unit) for a in find_amounts("1.5-3.0亿元")] == [(3.0, "亿元")]


def test_money_to_yuan_handles_prefixes_and_rejects_non_money() -> None:
    assert money_to_yuan(35, "亿元") == 3_500_000_000
    assert money_to_yuan(2, "千万元") == 20_000_000
    assert money_to_yuan(2, "亿元人民币") == 200_000_000
    assert money_to_yuan(3, "亿美元") is None
    assert money_to_yuan(3, "万吨") is None
    assert money_to_yuan(3, "%") is None


def test_a_figure_right_after_a_comma_is_still_read() -> None:
    assert [a.text for a in find_amounts("分别增长6%,8%和1,200万人次")] == ["6%", "8%", "1,200万人次"]


def test_a_window_keeps_the_offsets_of_the_whole_text() -> None:
    text = "去年增长3.8%，今年力争增长7%。"
    inner = find_amounts(text, text.index("今年"), len(text))
    assert [(a.text, a.start) for a in inner] == [("7%", text.index("7%"))]


@pytest.mark.parametrize(("text", "number"), [("提高百分之八点四", 8.4), ("下降百分之五", 5), ("百分之一百", 100), ("百分之三点零五", 3.05)])
def test_percentages_written_in_words(text: str, number: float) -> None:
    a = only(text)
    assert (a.number, a.unit) == (pytest.approx(number), "%")
    assert a.text.startswith("百分之")


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [("新增装机5000万千瓦", 5000.0, "万千瓦"), ("风电装机达到930.3万千瓦", 930.3, "万千瓦"), ("年发电20亿千瓦时", 20.0, "亿千瓦时")],
)
def test_a_magnitude_before_a_unit_that_starts_with_a_numeral_character(text: str, number: float, unit: str) -> None:
    # 千瓦 begins with 千, which a greedy numeral would swallow (5000万千 + 瓦)
    [a] = find_amounts(text)
    assert (a.number, a.unit) == (number, unit)


@pytest.mark.parametrize(
    ("text", "number"),
    [("一万二千", 12000.0), ("一亿二千万", 120000000.0)],
)
def test_a_bare_chinese_numeral_with_an_inner_wan_or_yi_is_one_quantity(text: str, number: float) -> None:
    [a] = find_amounts(text)
    assert a.number == number and a.text == text


def test_ordinary_numeral_words_give_no_amount() -> None:
    assert find_amounts("一是进一步深化改革,二是统一部署“十四五”规划,三是一举突破") == []


def test_amounts_in_slices_one_scan_of_the_whole_text() -> None:
    from zhaoshang.extract.numbers import amounts_in

    text = "投资12亿元。增长5%,新增3万人。"
    assert [a.text for a in amounts_in(text, 0, 7)] == ["12亿元"]
    assert [a.text for a in amounts_in(text, 7, len(text))] == ["5%", "3万人"]
    assert amounts_in(text) == find_amounts(text)


@pytest.mark.parametrize("number", [0.7, 1.1, 2.675, 28.06, 434.01, 0.1, 3.0, 1e-7, 123456789.123, 1e16, 2.5e22, -4.2, 0.0])
@pytest.mark.parametrize("unit", ["元", "万元", "亿元", "万亿元", "千万元", "十亿元", "亿元人民币"])
def test_money_to_yuan_rounds_the_written_decimal_once(number: float, unit: str) -> None:
    # 0.7 亿元 is exactly 70000000, not 0.7 * 1e8 = 70000000.00000001: the decimal as
    # written is scaled exactly and rounded to a float once.
    from decimal import Decimal

    prefix = unit.removesuffix("人民币")[:-1]
    factor = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7, "十亿": 10**9}[prefix]
    assert money_to_yuan(number, unit) == float(Decimal(repr(number)) * factor)
    assert money_to_yuan(0.7, "亿元") == 70000000.0
