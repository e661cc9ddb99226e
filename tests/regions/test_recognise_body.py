"""An excerpt with no title and no opening names its region only through its institutions."""

from zhaoshang.regions.recognise import recognise_region


def test_an_untitled_excerpt_is_placed_by_its_own_party_committee_and_government():
    text = ("过去一年，在桂林市委、市政府和荔浦市委的坚强领导下，全市经济平稳增长。"
            "荔浦市人民政府将坚持工业强市。")
    match = recognise_region(text)
    assert match.region is not None and match.region.name == "荔浦市"
    assert match.region.parents == ("广西壮族自治区", "桂林市")
    assert "荔浦市" in (match.evidence or "")


def test_only_the_parent_named_gives_the_parent_not_a_guess_below_it():
    match = recognise_region("在桂林市委的坚强领导下，全市地区生产总值增长7%。")
    assert match.region is not None and match.region.name == "桂林市"


def test_institutions_of_two_unrelated_regions_leave_it_ambiguous():
    match = recognise_region("学习湖州市委和嘉兴市委的经验，全县经济增长。")
    assert match.region is None and match.status == "ambiguous"
    assert {c.name for c in match.candidates} == {"湖州市", "嘉兴市"}


def test_plain_place_mentions_without_an_institution_decide_nothing():
    assert recognise_region("我们与湖州市、嘉兴市开展合作，地区生产总值增长6%。").status == "unknown"
