"""Projects: one named project with an amount that is its alone, in the shapes reports use."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhaoshang.extract.projects import extract_projects
from zhaoshang.model import Document, Sentence

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed-reports"


def projects(text: str) -> list[tuple[str, float | None, str | None]]:
    doc = Document(text=text)
    found = extract_projects(doc)
    doc.projects = found
    doc.check_spans()
    return [(p.name, p.investment_yuan, p.status) for p in found]


@pytest.mark.parametrize(
    ("text", "name", "yuan", "status"),
    [
        ("总投资20亿元的五龙汉白玉新材料产业园开工建设。", "五龙汉白玉新材料产业园", 2e9, "开工建设"),
        ("计划投资15亿元的临江智能制造产业园项目年内开工。", "临江智能制造产业园项目", 1.5e9, "开工"),
        ("投资三千万元的石门冷链物流中心建成投用。", "石门冷链物流中心", 3e7, "建成投用"),
        ("总投资5000万元的青山茶叶精深加工项目落地。", "青山茶叶精深加工项目", 5e7, "落地"),
        ("总投资约12.5亿元的东湖污水处理厂扩建工程竣工。", "东湖污水处理厂扩建工程", 1.25e9, "竣工"),
        ("估算投资8亿元的北岸物流园加快建设。", "北岸物流园", 8e8, "加快建设"),
        ("协议投资30亿元的华科锂电池项目签约落地。", "华科锂电池项目", 3e9, "签约落地"),
        ("总投资4.8亿元的君禾铜业实现当年开工,当年建成投产,当年产值达23亿元。", "君禾铜业", 4.8e8, "建成投产"),
        ("加快推进安华大道改造和总投资54.7亿元的大唐电厂项目。", "大唐电厂项目", 5.47e9, "加快推进"),
        ("河口光伏电站项目，总投资8亿元，年内开工。", "河口光伏电站项目", 8e8, "开工"),
        ("启动西城文化旅游综合体项目（总投资12亿元）。", "西城文化旅游综合体项目", 1.2e9, None),
        ("城南数据中心项目总投资25亿元。", "城南数据中心项目", 2.5e9, None),
        ("成功签约宏达新能源电池项目30亿元。", "宏达新能源电池项目", 3e9, "签约"),
        ("投入2.37亿元实施濠河“通肠洗胃”工程,疏浚河道46公里。", "濠河“通肠洗胃”工程", 2.37e8, "实施"),
        ("在火车站南片区打造西部综合服务型物流园,投入资金1.7亿元完善园区配套设施。", "西部综合服务型物流园", 1.7e8, None),
        ("总投资超10亿元的西山风电场项目竣工投产。", "西山风电场项目", 1e9, "竣工投产"),
        ("投资额达3亿元的南湖冷链物流中心开工。", "南湖冷链物流中心", 3e8, "开工"),
        ("总投资10亿元以上的高铁新城综合体加快建设。", "高铁新城综合体", 1e9, "加快建设"),
        ("启动东城污水处理厂项目(计划总投资2.6亿元)。", "东城污水处理厂项目", 2.6e8, None),
        ("总投资五十亿元的临港石化基地落地。", "临港石化基地", 5e9, "落地"),
        # a bracketed amount right after a noun phrase needs no project head
        ("加快建设沿江高速复线（总投资180亿元）。", "沿江高速复线", 1.8e10, "加快建设"),
        ("临空经济示范区科创走廊（计划总投资35亿元）建成启用。", "临空经济示范区科创走廊", 3.5e9, "建成"),
        ("开工建设城北水系连通二期(总投资6亿元),新增调蓄库容300万立方米。", "城北水系连通二期", 6e8, "开工建设"),
        # the status after the name, the amount in the next clause
        ("北辰智慧物流港项目签约落地，总投资约60亿元。", "北辰智慧物流港项目", 6e9, "签约落地"),
        ("华润电力二期工程顺利投产，总投资45亿元。", "华润电力二期工程", 4.5e9, "投产"),
        # verb-first inside a clause list: the verb glued to the amount names what it is spent on
        ("西区学校投用，投资12亿元建设滨江体育中心；", "滨江体育中心", 1.2e9, "建设"),
        # a status verb before the name: the firmer one (签约) wins over a mere verb (引进)
        ("签约引进金石新能源电池基地项目，总投资80亿元。", "金石新能源电池基地项目", 8e9, "签约"),
        # a bracket holding only the amount, after a construction verb
        ("开工建设沿河至东坪快速通道（18.4亿元）。", "沿河至东坪快速通道", 1.84e9, "开工建设"),
        ("青石酒业扩能技改项目（7.5亿元）建成投产。", "青石酒业扩能技改项目", 7.5e8, "建成投产"),
        # the amount in a clause of its own that points back: 该项目总投资
        ("江口港区三期码头项目竣工，该项目总投资11.2亿元。", "江口港区三期码头项目", 1.12e9, "竣工"),
        # verb-first: a name without a head noun is taken after 投资…新建/建设
        ("投资15.5亿元新建市中医院东湖院区。", "市中医院东湖院区", 1.55e9, "新建"),
        # an attribute between the amount and 的
        ("推动总投资36亿元、年产10万吨正极材料的南岭新能源材料项目开工建设。", "南岭新能源材料项目", 3.6e9, "开工建设"),
        # a bracket of attributes: holding the amount, or before the cue
        ("金沙光伏电站一期（装机30万千瓦、投资12.6亿元）年内并网。", "金沙光伏电站一期", 1.26e9, None),
        ("北山风电项目二期（装机8万千瓦）计划总投资5.6亿元，年内开工。", "北山风电项目二期", 5.6e8, "开工"),
        # the cue right after 一期/二期, and after X项目建设
        ("滨湖片区城市更新项目一期总投资45亿元，年内开工建设。", "滨湖片区城市更新项目一期", 4.5e9, "开工建设"),
        ("加快推进“东山文化旅游综合体”项目建设，总投资32亿元。", "“东山文化旅游综合体”项目", 3.2e9, "加快推进"),
        # a landing verb that is no status of the list, then the amount
        ("康源生猪全产业链项目落户本县，总投资20亿元。", "康源生猪全产业链项目", 2e9, None),
        # verb-first across a comma
        ("投资5200万元，建设县农业科技创新中心。", "县农业科技创新中心", 5.2e7, "建设"),
        # a phase in brackets after the head
        ("推进西坡光伏储能示范项目（二期）建设，总投资6.5亿元。", "西坡光伏储能示范项目（二期）", 6.5e8, "推进"),
        # X是…总投资…的重大项目: the subject is the name, the generic noun after 的 is not
        ("南湖抽水蓄能电站项目是全省确定的总投资72亿元的重大项目，年内开工建设。", "南湖抽水蓄能电站项目", 7.2e9, "开工建设"),
        # plant, reservoir, tunnel and hub names are project heads
        ("加快建设城东第三水厂，总投资6.2亿元。", "城东第三水厂", 6.2e8, "加快建设"),
        ("开工建设青龙水库，总投资12亿元。", "青龙水库", 1.2e9, "开工建设"),
        ("续建东山至北坪快速通道，总投资6.3亿元。", "东山至北坪快速通道", 6.3e8, None),
        ("清河种业创新中心项目估算总投资6.8亿元。", "清河种业创新中心项目", 6.8e8, None),
        ("建成投用县中心人民医院新院区，项目总投资12.3亿元。", "县中心人民医院新院区", 1.23e9, "建成投用"),
        ("投资4800万元的城南社区卫生服务中心投入使用。", "城南社区卫生服务中心", 4.8e7, "投入使用"),
        ("青峰猕猴桃精深加工项目试运行，项目总投资2.6亿元。", "青峰猕猴桃精深加工项目", 2.6e8, None),
        ("投资6500万元，实施城西工业园标准化厂房建设。", "城西工业园标准化厂房", 6.5e7, "实施"),
    ],
)
def test_single_project_shapes(text: str, name: str, yuan: float, status: str | None) -> None:
    assert projects(text) == [(name, yuan, status)]


def test_each_item_of_an_amount_list_is_its_own_project_with_the_shared_status() -> None:
    text = "总投资50亿元的南玻轻质高透面板、20亿元的韵达产业园、10亿元的华泰尔环保科技等51个项目开工建设。"
    assert projects(text) == [
        ("南玻轻质高透面板", 5e9, "开工建设"),
        ("韵达产业园", 2e9, "开工建设"),
        ("华泰尔环保科技", 1e9, "开工建设"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "54个项目总投资108亿元。",
        "总投资108亿元的54个省市县重点项目加快实施,完成年度投资31.83亿元。",
        "实施重点项目120个、总投资300亿元。",
        "引进项目59个,总投资58.55亿元。",
        "招商推介大会成功签约总投资620亿元的96个项目。",
        "总投资4.5亿元的三兴汉白玉文化产业园、佰斯拓碳酸钙母料项目建成投产。",
        "东区学校和西区医院项目总投资3亿元。",
        "总投资3.3亿元的棚户区改造、红军广场改扩建、城镇污水处理设施等项目加快建设。",
        "推进市公共卫生临床中心等总投资33亿元的14个医院项目。",
        "总投资747亿元的“三十工程”目前已开工建设28个子项目。",
        "78个年度重点项目完成投资232.86亿元。",
        "投资9000万元改造提升30座党群服务中心。",
        "重点项目，总投资20亿元。",
        "全面建设工业园区,投入资金1亿元完善配套。",
        "总投资10亿元的A项目等3个项目开工。",
        "新签约重点产业项目18个，投资总额235亿元。",
        "实施年度计划投资225亿元的188个重点项目。",
        "总投资6.53亿元、总长17公里的19条道路全面开建。",
        "累计投资5.8亿元完成96公里农村公路建设。",
        "今年完成投资12亿元的城南片区改造项目进展顺利。",
        # programme totals: a generic head with a time or planning word is no name
        "全年安排重大建设项目投资超过2000亿元。",
        "今年计划安排重点项目投资500亿元以上。",
        "年内安排省重点建设项目投资120亿元。",
        "全市重点项目（总投资500亿元）加快推进。",
        # names joined by 、 before one bracketed amount share it
        "开工建设东区学校、西区绿道（总投资5亿元）。",
        # counts and generic heads before the status
        "全年新开工项目120个，总投资300亿元。",
        "一批重点项目加快建设，总投资200亿元。",
        "推动城东智慧养老服务中心等6个民生项目建成，总投资3.2亿元。",
        "两个项目合计投资27亿元，建设进度超出预期。",
        "总投资超百亿元的城北会展中心二期加快建设。",  # no written figure
        # a bracketed amount that is no investment, or a count of things built
        "全年税收收入（42亿元）增长6%。",
        "投资3亿元新建学校12所。",
        "投资2亿元新建乡村公路85公里。",
    ],
)
def test_group_totals_shared_amounts_and_generic_heads_are_not_projects(text: str) -> None:
    assert projects(text) == []


def test_each_bracketed_item_of_a_list_owns_its_amount() -> None:
    text = "开工建设城西污水处理厂（总投资3亿元）、滨河绿道（总投资1.2亿元），新增绿地20公顷。"
    assert [(n, y) for n, y, _ in projects(text)] == [("城西污水处理厂", 3e8), ("滨河绿道", 1.2e8)]


def test_amount_first_items_joined_by_he_are_each_a_project() -> None:
    text = "总投资12亿元的县第二中学新校区和总投资8.5亿元的县儿童医院开工建设。"
    assert projects(text) == [("县第二中学新校区", 1.2e9, "开工建设"), ("县儿童医院", 8.5e8, "开工建设")]


def test_each_item_of_a_list_of_bare_bracketed_amounts_is_a_project() -> None:
    text = "推进天元广场（12亿元）、西湖文化中心（8.6亿元）和老城历史街区改造（6.3亿元）等项目建设。"
    assert [(n, y) for n, y, _ in projects(text)] == [
        ("天元广场", 1.2e9), ("西湖文化中心", 8.6e8), ("老城历史街区改造", 6.3e8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "续建东片排涝工程、城市快速路一期和智能装备小镇，分别投资18亿元、32亿元和9.5亿元。",
        "东片排涝工程、城市快速路一期及智能装备小镇分别总投资18亿元、32亿元、9.5亿元。",
    ],
)
def test_a_fenbie_list_of_projects_gives_each_its_own_amount(text: str) -> None:
    assert [(n, y) for n, y, _ in projects(text)] == [
        ("东片排涝工程", 1.8e9), ("城市快速路一期", 3.2e9), ("智能装备小镇", 9.5e8),
    ]


def test_a_fenbie_list_whose_counts_differ_is_not_read() -> None:
    assert projects("续建东片排涝工程和城市快速路一期，分别投资18亿元、32亿元和9.5亿元。") == []


def test_a_status_is_not_taken_from_the_next_project_of_the_sentence() -> None:
    text = (
        "长江数据港（总投资32亿元）开工建设，成功签约总投资60亿元的华丰新材料产业基地项目；"
        "平安运河（总投资72亿元），开工建设东桥至西港高铁。"
        "东湖实验室二期（总投资42亿元）建成启用，投资30亿元的智能网联汽车测试基地落地。"
    )
    got = {n: st for n, _, st in projects(text)}
    assert got["长江数据港"] == "开工建设"
    assert got["华丰新材料产业基地项目"] == "签约"
    assert got["平安运河"] is None
    assert got["东湖实验室二期"] == "建成"
    assert got["智能网联汽车测试基地"] == "落地"


def test_an_amount_introducing_the_next_name_is_not_the_previous_projects() -> None:
    text = "总投资2.1亿元的世行贷款项目基本完成，总投资3.3亿元的棚户区改造、广场改扩建等项目加快建设。"
    assert projects(text) == [("世行贷款项目", 2.1e8, "基本完成")]


def test_same_project_stated_twice_is_reported_once() -> None:
    text = "总投资8亿元的北岸物流园加快建设。总投资8亿元的北岸物流园年内建成。"
    assert len(projects(text)) == 1


def test_pipeline_sentences_are_used_when_present() -> None:
    text = "一、回顾。总投资20亿元的五龙产业园开工建设。"
    doc = Document(text=text, sentences=[Sentence(0, 5, "review"), Sentence(5, len(text), "review")])
    assert [p.name for p in extract_projects(doc)] == ["五龙产业园"]


def test_quote_spans_point_into_text_for_every_sample_report() -> None:
    for path in sorted(SEED.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n")[1]
        doc = Document(text=text)
        doc.projects = extract_projects(doc)
        doc.check_spans()
        for p in doc.projects:
            assert p.investment_text and p.investment_text in p.quote
            assert p.name in p.quote


def test_sample_baoxing_projects_are_found_with_their_status() -> None:
    text = (SEED / "baoxing.txt").read_text(encoding="utf-8").split("\n")[1]
    got = {(p.name, p.investment_yuan, p.status) for p in extract_projects(Document(text=text))}
    assert ("五龙汉白玉新材料产业园", 2e9, "开工建设") in got
    assert ("君禾铜业", 4.8e8, "建成投产") in got
    assert not any(yuan == 1.08e10 for _, yuan, _ in got)  # 54个省市县重点项目 is a group
