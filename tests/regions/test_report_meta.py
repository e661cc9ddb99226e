"""Title, meeting year, meeting date and speaker from the report's opening."""

from __future__ import annotations

import pytest
from region_samples import SAMPLES, Sample, needs_samples

from zhaoshang.regions.meta import detect_meeting_date, detect_speaker, detect_title, detect_year


@needs_samples
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_sample_meeting_date_speaker_and_year(sample: Sample) -> None:
    assert detect_meeting_date(sample.text) == sample.gold["meeting_date"]
    assert detect_speaker(sample.text) == sample.gold["speaker"]
    assert detect_year(sample.text, sample.title) == 2021
    assert detect_year(sample.text) == 2021  # from the dateline or the body when no title is given


@needs_samples
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_sample_excerpt_after_the_opening_still_has_its_year(sample: Sample) -> None:
    body = sample.text[sample.text.find("各位代表") + 4 :]
    assert detect_year(body) == 2021


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2021年宝兴县政府工作报告各位代表:现在,我代表县人民政府", "2021年宝兴县政府工作报告"),
        ("湖南省政府工作报告\n2021年1月25日在湖南省第十三届人民代表大会", "湖南省政府工作报告"),
        ("  政府工作报告（摘要）\n——2023年1月", "政府工作报告（摘要）"),
        ("2022年XX县人民政府工作报告 各位代表", "2022年XX县人民政府工作报告"),
        ("2021年2月2日在普洱市第四届人民代表大会第五次会议上 市长刘勇 各位代表", None),
        ("各位代表：我们要认真落实政府工作报告提出的目标。", None),
    ],
)
def test_detect_title(text: str, title: str | None) -> None:
    assert detect_title(text) == title


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021年2月2日在普洱市第四届人民代表大会第五次会议上 市长刘勇 各位代表：", "2021-02-02"),
        ("二〇二一年一月二十五日在某省第十三届人民代表大会第四次会议上\n省长 张三\n各位代表：", "2021-01-25"),
        ("二○二二年十二月三十日在某市第十七届人民代表大会第二次会议上 各位代表", "2022-12-30"),
        ("(2021年3月1日在平塘县第十六届人民代表大会第五次会议上)平塘县人民政府县长; 莫君锋各位代表", "2021-03-01"),
        ("——在某区第八届人民代表大会第一次会议上（2023年1月10日） 区长 李四 各位代表", "2023-01-10"),
        ("2021年3月16日在区十四届人大六次会议上中站区人民政府区长;赵红兵各位代表", "2021-03-16"),
        # a 盟 or 地区 (an agency of its province) reports to its counties' deputies
        ("——2022年1月12日在阿拉善盟各旗人大代表会议上 阿拉善盟行政公署盟长 王五 各位代表：", "2022-01-12"),
        ("2021年1月在克拉玛依区第八届人民代表大会第七次会议上区长;陈湘阗各位代表", None),  # no day
        ("各位代表：2020年3月1日，我县发生了特大暴雨。", None),  # a date, but not the session's
        ("2021年2月30日在某县第十届人民代表大会第一次会议上 各位代表", None),  # no such day
    ],
)
def test_detect_meeting_date(text: str, date: str | None) -> None:
    assert detect_meeting_date(text) == date


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("2021年2月2日在普洱市第四届人民代表大会第五次会议上 市长刘勇 各位代表", "刘勇"),
        ("在凤阳县第十六届人民代表大会第六次会议上县人民政府代县长;朱林各位代表", "朱林"),
        ("在某县人民代表大会第六次会议上 县长 朱林 各位代表", "朱林"),
        ("在某市第十六届人民代表大会第一次会议上\n代市长：王小明\n各位代表：", "王小明"),
        ("在某市第十六届人民代表大会第一次会议上 代理市长 欧阳明远 各位代表", "欧阳明远"),
        ("在区第八届人民代表大会第七次会议上区委副书记、区长;陈湘阗各位代表", "陈湘阗"),
        ("在湖南省第十三届人民代表大会第四次会议上 毛伟明 各位代表", "毛伟明"),
        ("在某州第十五届人民代表大会第一次会议上 州长 王长江 各位代表", "王长江"),
        ("在某旗第十届人民代表大会第一次会议上 旗长 巴特尔 各位代表", "巴特尔"),
        ("在某自治区第十三届人民代表大会第五次会议上 自治区主席 雪克来提·扎克尔 各位代表", "雪克来提·扎克尔"),
        ("2021年宝兴县政府工作报告各位代表:现在,我代表县人民政府,向大会报告政府工作", None),
        ("在某市第九届人民代表大会第一次会议上 各位代表", None),
        ("各位代表：副市长张三同志主持了会议。", None),
        ("在某县第十八届人民代表大会第五次会议上 县长 各位代表", None),
        ("2021年1月在某县第十八届人民代表大会第五次会议上 县委书记 各位代表", None),
        ("开通省长热线，县长办公会研究", None),  # an excerpt: offices, but no speaker
        ("县人民政府县长 李明\n（2022年1月6日）", "李明"),  # an excerpt without 各位代表
        ("各位代表：今年以来，我们在县委的坚强领导下。", None),
    ],
)
def test_detect_speaker(text: str, speaker: str | None) -> None:
    assert detect_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        ("各位代表", "2021年宝兴县政府工作报告", 2021),
        ("各位代表", "二〇二二年某县政府工作报告", 2022),
        ("2023年1月10日在某区第八届人民代表大会第一次会议上 区长 李四 各位代表", None, 2023),
        ("2021年1月在某区第八届人民代表大会第七次会议上 区长 李四 各位代表", None, 2021),
        ("今年是“十四五”开局之年，做好今年工作意义重大。", None, 2021),
        ("今年是“十五五”规划的开局之年。", None, 2026),
        ("今年是“十三五”规划收官之年，", None, 2020),
        ("2020年工作回顾。一年来，我们主要做了以下工作。", None, 2021),
        ("一、“十三五”时期及2020年工作回顾。二、2021年主要目标任务。", None, 2021),
        ("2022年是实施“十四五”规划承上启下的关键之年。2022年主要预期目标是：地区生产总值增长6%。", None, 2022),
        ("各位代表：我们取得了显著成绩。", None, None),
        ("2020年12月28日在某县第十七届人民代表大会第五次会议上 县长 张三 各位代表：一、2020年工作回顾。"
         "二、2021年主要目标任务。", None, 2021),
        ("2020年12月28日在某县第十七届人民代表大会第五次会议上 县长 张三 各位代表：我们取得了显著成绩。", None, 2020),
    ],
)
def test_detect_year(text: str, title: str | None, year: int | None) -> None:
    assert detect_year(text, title) == year


def _hard_wrap(text: str, width: int = 30) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


@needs_samples
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_hard_wrapped_opening_keeps_date_and_speaker(sample: Sample) -> None:
    text = _hard_wrap(sample.text[:3000])
    assert detect_meeting_date(text) == sample.gold["meeting_date"]
    assert detect_speaker(text) == sample.gold["speaker"]


def test_full_width_digits_in_the_dateline() -> None:
    text = "２０２１年１月５日在某县第十六届人民代表大会第六次会议上 县长 朱林 各位代表"
    assert (detect_meeting_date(text), detect_year(text)) == ("2021-01-05", 2021)


def test_wrapped_title() -> None:
    assert detect_title("2021年宝兴县政府\n工作报告\n各位代表：") == "2021年宝兴县政府工作报告"


def test_dates_that_are_not_the_sessions_dateline_are_ignored() -> None:
    excerpt = "2020年5月22日，全国人民代表大会召开。我县认真学习贯彻会议精神。"
    assert detect_meeting_date(excerpt) is None
    assert detect_year(excerpt) is None


def test_title_with_two_years_gives_the_later() -> None:
    assert detect_year("", "关于2020年工作总结和2021年工作安排的报告") == 2021


@pytest.mark.parametrize(
    "body",
    [
        "各位代表。“十三五”规划时期工作和2020年回顾。过去一年……",  # the longest lead before the year
        "过去五年和2020年工作回顾。2021年主要目标任务：……",
        "到2025年工作目标……2021年是“十四五”开局之年。2020年工作总结",
        "2019年2020年工作和“十三五”时期的主要工作回顾",
    ],
)
def test_year_cues_tried_only_near_years_are_the_ones_a_full_scan_finds(body: str) -> None:
    from zhaoshang.regions import meta

    for pattern, lead in ((meta._TASK_CUE, meta._TASK_LEAD), (meta._REVIEW_CUE, meta._REVIEW_LEAD)):
        for text in (body, "甲乙，" + body, body * 3):
            assert [m.span() for m in meta._cues(pattern, text, lead)] == [m.span() for m in pattern.finditer(text)]
