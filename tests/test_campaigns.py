"""Campaigns named with and without quotes, and who carries them out: example tables (invented text)."""
from __future__ import annotations

import pytest

from kg.extract.campaigns import CampaignPatternError, _patterns, find_campaigns
from kg.model import Page
from kg.pipeline import process_page


def campaigns(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in find_campaigns(text, 0, len(text))]


def relations(text: str) -> set[tuple[str, str, str]]:
    page = process_page(Page(path="t.txt", raw=text))
    return {(r.subject.label, r.predicate, r.object.label) for a in page.articles for r in a.relations}


@pytest.mark.parametrize("text, expected", [
    # the shapes of campaign_patterns.tsv
    ("要大力推进三城同创，建设宜居县城。", ("三城同创", "三城同创")),
    ("区人大常委会启动2024年度专项执法检查工作。", ("专项执法检查", "专项执法检查")),
    ("围绕城乡环境综合整治等工作开展督导。", ("城乡环境综合整治", "城乡环境综合整治")),
    ("推行村级事务代办制度，方便群众。", ("村级事务代办制度", "村级事务代办制度")),
    ("要以创建平安校园为抓手，凝聚合力。", ("创建平安校园", "创建平安校园")),
    ("东湖区召开全区卫生城市创建工作推进会。", ("卫生城市创建", "卫生城市创建")),
    ("5月6日，全市燃气安全专项行动部署会召开。", ("燃气安全专项行动", "燃气安全专项行动")),
    # a nationwide programme carried out here
    ("要进一步优化营商环境，提升服务效能。", ("优化营商环境", "优化营商环境")),
    # a quote followed by a campaign phrase, or by a meeting held under its name
    ("推行“1+N”网格联户机制。", ("“1+N”网格联户机制", "1+N")),
    ("以“支部+基地”方式带动增收。", ("“支部+基地”方式", "支部+基地")),
    ("东湖街道召开“邻里议事”恳谈会。", ("“邻里议事”", "邻里议事")),
    ("推进“三美庭院”建设。", ("“三美庭院”建设", "三美庭院")),
    # a quoted method the text calls a mode or mechanism, or a set of measures (组合拳)
    ("要坚持“党建引领+网格治理”的发展模式，勇于探索。", ("“党建引领+网格治理”", "党建引领+网格治理")),
    ("东湖县打出“清、改、治、管”组合拳。", ("“清、改、治、管”组合拳", "清、改、治、管")),
])
def test_campaigns_named_without_quotes_or_after_them(text, expected):
    assert expected in campaigns(text)


@pytest.mark.parametrize("text, name", [
    ("对照上级关于优化营商环境的要求。", "优化营商环境"),                   # talked about, not carried out
    ("印发本县优化营商环境三年行动方案。", "优化营商环境"),                  # part of a document's name
    ("成立优化营商环境工作领导小组。", "优化营商环境"),                     # part of an organ's name
    ("在“东湖驿站”开展座谈活动。", "东湖驿站"),                             # a verb between: the quote is a place
    ("把打造一流环境作为践行“两个维护”的具体行动。", "两个维护"),           # a designation
    ("以生态旅游景区为抓手，加快发展。", "生态旅游景区"),                   # a lever that names no programme
    ("开展“3•15”消费维权宣传活动。", "3•15"),                               # a quoted date names a day
    ("召开“听民声、办实事”恳谈会。", "听民声、办实事"),                     # a slogan of parallel phrases
    ("推进职称评审工作综合配套改革。", "职称评审工作综合配套改革"),         # a task and a verb, no name
    ("坚持“以人民为中心”的发展思想。", "以人民为中心"),                     # a principle, not a method
])
def test_not_campaigns(text, name):
    assert name not in {n for _, n in campaigns(text)}


def test_task_forces_run_the_campaign_they_are_named_after_but_not_standing_duties():
    from kg.extract.campaigns import task_force_campaigns
    from kg.model import Mention
    bodies = [Mention("GovernmentBody", "县优化营商环境工作领导小组", 0, 13), Mention("GovernmentBody", "县疫情防控指挥部", 20, 28)]
    assert [c.label for _, c in task_force_campaigns(bodies)] == ["优化营商环境"]


def test_every_shipped_pattern_has_a_name_group():
    assert all("name" in p.groupindex for _, p in _patterns())


def test_a_broken_pattern_is_an_error_naming_the_row(monkeypatch):
    import kg.extract.campaigns as c
    monkeypatch.setattr(c, "table", lambda name: (("broken", "(?P<name>[a-"),))
    c._patterns.cache_clear()
    try:
        with pytest.raises(CampaignPatternError, match="row 1 \\(broken\\)"):
            c._patterns()
    finally:
        monkeypatch.undo()
        c._patterns.cache_clear()


# ------------------------------------------------------------------ conducts

@pytest.mark.parametrize("text, expected, absent", [
    # the speaker carries out what the speech calls for, the pronoun and 要-sentences included
    ("本报讯 5月6日，市长李建国到东湖县调研。他指出，要大力推进三城同创。要推行村级事务代办制度。",
     {("李建国", "conducts", "三城同创"), ("李建国", "conducts", "村级事务代办制度")}, set()),
    # one told what to do is not the one who does it
    ("本报讯 5月6日，区长李建国到东湖街道调研。李建国指出，东湖街道办事处要以创建平安校园为抓手，凝聚合力。",
     {("李建国", "conducts", "创建平安校园")}, {("东湖街道办事处", "conducts", "创建平安校园")}),
    # a speech opened by 提出要求： anywhere, carried on after a semicolon and by one told what to do
    ("本报讯 5月6日，区长李建国到东湖街道调研，对街道工作提出三点要求：一是压实责任；要推行村级事务代办制度。"
     "东湖街道办事处要以创建平安校园为抓手，凝聚合力。",
     {("李建国", "conducts", "村级事务代办制度"), ("李建国", "conducts", "创建平安校园")},
     {("东湖街道办事处", "conducts", "创建平安校园")}),
    # the campaign named where an official's visit is told is his, not the article's area's
    ("本报讯 5月6日，东湖市市长李建国围绕城乡环境综合整治工作到西湖县调研。",
     {("李建国", "conducts", "城乡环境综合整治")}, {("东湖市", "conducts", "城乡环境综合整治")}),
    # an area right before the programme carries it out
    ("本报讯 5月6日，东湖镇进一步优化营商环境，服务企业。",
     {("东湖镇", "conducts", "优化营商环境")}, set()),
    # a meeting held to push a campaign forward is part of it; its organizer carries it out
    ("本报讯 5月6日，东湖区召开全区卫生城市创建工作推进会。区长李建国出席会议。",
     {("东湖区", "conducts", "卫生城市创建")}, set()),
    # an event's organizer carries out the campaign the event is part of
    ("本报讯 5月6日，东湖区召开“邻里守望”专项行动推进会。区长李建国出席会议。",
     {("东湖区", "conducts", "邻里守望")}, set()),
    # a report that opens with an actor tells what that actor does, on past semicolons
    ("本报讯 5月6日，区长李建国到东湖镇调研。他强调，东湖镇坚持把发展作为第一要务，成效明显；"
     "营商环境持续优化，落实企业安心服务卡制度，帮助企业争取政策。",
     {("东湖镇", "conducts", "企业安心服务卡制度")}, {("李建国", "conducts", "企业安心服务卡制度")}),
])
def test_who_carries_a_campaign_out(text, expected, absent):
    rels = relations(text)
    assert expected <= rels and not (absent & rels)


def test_campaign_words_rows_are_validated(monkeypatch):
    import kg.extract.campaigns as c
    for rows, problem in [((("core_end", "行动"), ("surprise", "x")), "unknown or empty row 'surprise'"),
                          ((("core_end", "行动"),), "missing row 'quoted_suffix_extra'")]:
        monkeypatch.setattr(c, "table", lambda name, rows=rows: rows)
        c._words.cache_clear()
        with pytest.raises(c.CampaignWordsError, match=problem):
            c._words()
    monkeypatch.undo()
    c._words.cache_clear()
    c._re.cache_clear()
    assert "行动" in c._words()["core_end"]


@pytest.mark.parametrize("text, expected, absent", [
    ("东湖区召开会议\n\n本报讯 东湖区召开会议。区长李明强调，要以“企业服务月”活动为契机，推动发展。", set(),
     {("李明", "conducts", "企业服务月")}),
    ("本报讯 区长李明表示，东湖区将以开展“万企帮扶”活动为契机，服务企业。", {("东湖区", "conducts", "万企帮扶")}, set()),
])
def test_a_campaign_taken_as_the_occasion_is_not_carried_out(text, expected, absent):
    got = relations(text)
    assert expected <= got and not absent & got, got
