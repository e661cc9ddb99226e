"""Industry taxonomy as data, mentions weighted by section and context, profiles and tags."""

from __future__ import annotations

import json
from importlib import resources

from zhaoshang.extract.industries import (
    SECTION_WEIGHTS,
    extract_industries,
    industry_profile,
    tag_industries,
    taxonomy,
)
from zhaoshang.model import Document, Section, Sentence


def test_taxonomy_has_gbt_4754_sections_divisions_and_strategic_industries() -> None:
    entries = taxonomy().entries.values()
    kinds = [e.kind for e in entries]
    assert kinds.count("section") == 20
    assert kinds.count("division") == 97
    assert kinds.count("strategic") == 9
    assert kinds.count("term") >= 100
    assert taxonomy().entries["32"].name == "有色金属冶炼和压延加工业"
    assert taxonomy().entries["32"].parent == "C"


def test_every_parent_and_related_code_exists() -> None:
    raw = json.loads(resources.files("zhaoshang.extract.data").joinpath("industries.json").read_text("utf-8"))
    codes = {e["code"] for e in raw["entries"]}
    for e in raw["entries"]:
        assert e["parent"] is None or e["parent"] in codes
        assert all(r in codes for r in e["related"])


def test_report_terms_link_up_to_a_gbt_section_or_strategic_industry() -> None:
    tax = taxonomy()
    (code,) = tag_industries("食用菌")
    assert tax.ancestors(code)[-1] == "A"
    (code,) = tag_industries("光伏")
    assert "SEI-6" in tax.ancestors(code)


def test_longest_term_wins() -> None:
    tax = taxonomy()
    assert [tax.entries[c].name for c in tag_industries("发展新能源汽车")] == ["新能源汽车产业"]
    assert [tax.entries[c].name for c in tag_industries("发展新能源")] == ["新能源产业"]


def test_blocked_phrases_are_not_industry_mentions() -> None:
    assert tag_industries("社会消费品零售总额增长9%，防范化解金融风险") == []


def test_tag_industries_lists_each_code_once_in_order() -> None:
    tags = tag_industries("五龙汉白玉新材料产业园，汉白玉石材")
    assert len(tags) == len(set(tags)) == 2


def _doc(text: str, kind: str) -> Document:
    return Document(text=text, sections=[Section(kind, "", 0, len(text))],
                    sentences=[Sentence(0, len(text), kind)])


def test_mentions_weigh_more_in_tasks_than_in_review_and_more_in_priority_context() -> None:
    review = extract_industries(_doc("茶叶产量增长。", "review"))[0]
    tasks = extract_industries(_doc("茶叶产量增长。", "tasks"))[0]
    priority = extract_industries(_doc("做大做强茶叶产业。", "tasks"))[0]
    assert review.weight == SECTION_WEIGHTS["review"]
    assert tasks.weight == SECTION_WEIGHTS["tasks"]
    assert priority.weight > tasks.weight
    assert review.section_kind == "review"


def test_profile_ranks_the_prioritised_industry_first_with_its_evidence() -> None:
    text = "旅游收入增长。发展乡村旅游。大力发展新材料产业。新材料产业链加快延伸。"
    doc = Document(text=text)
    mentions = extract_industries(doc)
    doc.industries = mentions
    doc.check_spans()
    code, name, weight, evidence = industry_profile(mentions)[0]
    assert name == "新材料产业"
    assert weight > 0 and len(evidence) == 2
    assert evidence[0].weight >= evidence[1].weight


def test_rolled_up_profile_folds_terms_into_their_standard_category() -> None:
    mentions = extract_industries(Document(text="发展全域旅游。推动文旅融合。"))
    (code, name, weight, evidence), *_ = industry_profile(mentions, rolled_up=True)
    assert code == "R" and len(evidence) == 2


def test_mentions_work_without_sections_or_sentences() -> None:
    mentions = extract_industries(Document(text="培育光伏产业；发展茶叶"))
    assert [m.quote for m in mentions] == ["光伏产业", "茶叶"]
