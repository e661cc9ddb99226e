"""Openings in the shapes other regions' reports use: every level, autonomous areas, municipalities."""

from __future__ import annotations

import pytest

from zhaoshang.regions.meta import detect_meeting_date, detect_speaker, detect_year
from zhaoshang.regions.recognise import recognise_region

CASES = [
    # (opening, region name, parents, level, meeting date, speaker, meeting year)
    ("政府工作报告\n——2023年1月12日在广东省第十四届人民代表大会第一次会议上\n广东省省长 王一平\n各位代表：\n"
     "现在，我代表省人民政府，向大会报告工作，请予审议。",
     "广东省", (), "province", "2023-01-12", "王一平", 2023),
    ("政府工作报告\n——2022年1月6日在北京市第十五届人民代表大会第五次会议上\n北京市代市长\u3000李二\n各位代表：",
     "北京市", (), "province", "2022-01-06", "李二", 2022),
    ("政府工作报告\n——2023年1月15日在广西壮族自治区第十四届人民代表大会第一次会议上\n自治区主席\u3000韦三\n各位代表：",
     "广西壮族自治区", (), "province", "2023-01-15", "韦三", 2023),
    ("政府工作报告\n2022年1月在新疆维吾尔自治区第十三届人民代表大会第五次会议上\n自治区主席 艾尔肯·吐尔逊\n各位代表：",
     "新疆维吾尔自治区", (), "province", None, "艾尔肯·吐尔逊", 2022),
    ("——2021年1月在黔南州第十四届人民代表大会第六次会议上\n州长\u3000吴四\n各位代表：",
     "黔南布依族苗族自治州", ("贵州省",), "prefecture", None, "吴四", 2021),
    ("二〇二二年一月十日在海南藏族自治州第十五届人民代表大会第一次会议上 州长 才让 各位代表",
     "海南藏族自治州", ("青海省",), "prefecture", "2022-01-10", "才让", 2022),
    ("2022年1月在吉林市第十七届人民代表大会第一次会议上 市长 王五 各位代表：",
     "吉林市", ("吉林省",), "prefecture", None, "王五", 2022),
    ("2022年1月10日在鄂托克前旗第十八届人民代表大会第一次会议上\n旗长 巴图\n各位代表：现在，我代表旗人民政府向大会报告工作",
     "鄂托克前旗", ("内蒙古自治区", "鄂尔多斯市"), "county", "2022-01-10", "巴图", 2022),
    ("2021年政府工作报告\n（2021年1月8日在昆山市第十七届人民代表大会第五次会议上）\n昆山市人民政府代市长 周六\n各位代表：",
     "昆山市", ("江苏省", "苏州市"), "county", "2021-01-08", "周六", 2021),
    ("重庆市万州区人民政府工作报告\n（2022年1月5日在重庆市万州区第四届人民代表大会第一次会议上）\n区长 李七\n各位代表：",
     "万州区", ("重庆市",), "district", "2022-01-05", "李七", 2022),
    ("上海市浦东新区人民政府工作报告\n——2021年1月在上海市浦东新区第七届人民代表大会第五次会议上\n各位代表：",
     "浦东新区", ("上海市",), "district", None, None, 2021),
    ("2021年1月20日在鼓楼区第十七届人民代表大会第六次会议上 区长 张八 各位代表：现在，我代表区人民政府，向大会报告工作。"
     "过去一年，在市委、市政府和区委的坚强领导下，我们全力服务南京都市圈建设。",
     "鼓楼区", ("江苏省", "南京市"), "district", "2021-01-20", "张八", 2021),
    ("2021年1月20日在通州区第四届人民代表大会第六次会议上 区长 赵九 各位代表：现在，我代表区人民政府，向大会报告工作。"
     "过去一年，北京城市副中心建设取得新进展。",
     "通州区", ("北京市",), "district", "2021-01-20", "赵九", 2021),
]


@pytest.mark.parametrize(("text", "name", "parents", "level", "date", "speaker", "year"), CASES, ids=[c[1] for c in CASES])
def test_opening(text: str, name: str, parents: tuple, level: str, date: str | None, speaker: str | None,
                 year: int) -> None:
    m = recognise_region(text)
    assert m.status == "ok" and m.region is not None
    assert (m.region.name, m.region.parents, m.region.level) == (name, parents, level)
    assert detect_meeting_date(text) == date
    assert detect_speaker(text) == speaker
    assert detect_year(text) == year
