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
    ("要扎实推进三城同建，建设美丽县城。", ("三城同建", "三城同建")),
    ("某区委赴甲镇启动2023年度专项环境监督工作。", ("专项环境监督", "专项环境监督")),
    ("就重点项目建设和河道采砂综合治理等工作到某县调研。", ("河道采砂综合治理", "河道采砂综合治理")),
    ("落实项目首席服务员制度，服务企业。", ("项目首席服务员制度", "项目首席服务员制度")),
    ("要以创建文明社区为抓手，凝聚民心。", ("创建文明社区", "创建文明社区")),
    ("东湖区召开全区文明城市创建工作推进会。", ("文明城市创建", "文明城市创建")),
    ("5月6日，全市食品药品安全专项行动推进会召开。", ("食品药品安全专项行动", "食品药品安全专项行动")),
    # a nationwide programme carried out here
    ("围绕某区持续优化营商环境情况开展监督。", ("优化营商环境", "优化营商环境")),
    # a quote followed by a campaign phrase, or by a meeting held under its name
    ("深入施行“3+2”区级领导包联机制。", ("“3+2”区级领导包联机制", "3+2")),
    ("以“合作社+农户”方式带动增收。", ("“合作社+农户”方式", "合作社+农户")),
    ("东湖街道召开“邻里议事”恳谈会。", ("“邻里议事”", "邻里议事")),
    ("推进“五美乡村”建设。", ("“五美乡村”建设", "五美乡村")),
])
def test_campaigns_named_without_quotes_or_after_them(text, expected):
    assert expected in campaigns(text)


@pytest.mark.parametrize("text, name", [
    ("对照上级关于优化营商环境的要求。", "优化营商环境"),                   # talked about, not carried out
    ("印发某区优化营商环境3.0版方案。", "优化营商环境"),                  # part of a document's name
    ("成立优化营商环境工作领导小组。", "优化营商环境"),                     # part of an organ's name
    ("在“东湖驿站”开展座谈活动。", "东湖驿站"),                             # a verb between: the quote is a place
    ("把打造一流环境作为践行“两个维护”的具体行动。", "两个维护"),           # a designation
    ("以现代农业园区为抓手，加快发展。", "现代农业园区"),                   # a lever that names no programme
    ("开展“5•12”防灾减灾演练活动。", "5•12"),                               # a quoted date names a day
    ("召开“知民情、解民忧”恳谈会。", "知民情、解民忧"),                     # a slogan of parallel phrases
    ("推进干部培训工作全面深化改革。", "干部培训工作全面深化改革"),         # a task and a verb, no name
])
def test_not_campaigns(text, name):
    assert name not in {n for _, n in campaigns(text)}


def test_task_forces_run_the_campaign_they_are_named_after_but_not_standing_duties():
    from kg.extract.campaigns import task_force_campaigns
    from kg.model import Mention
    bodies = [Mention("GovernmentBody", "区优化营商环境工作领导小组", 0, 13), Mention("GovernmentBody", "区疫情防控指挥部", 20, 28)]
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
    ("本报讯 5月6日，市长李建国到东湖县调研。他指出，要扎实推进三城同建。要落实项目首席服务员制度。",
     {("李建国", "conducts", "三城同建"), ("李建国", "conducts", "项目首席服务员制度")}, set()),
    # one told what to do is not the one who does it
    ("本报讯 5月6日，区长李建国到东湖街道调研。李建国指出，东湖街道办事处要以创建文明社区为抓手，凝聚民心。",
     {("李建国", "conducts", "创建文明社区")}, {("东湖街道办事处", "conducts", "创建文明社区")}),
    # a speech opened by 提出要求： anywhere, carried on after a semicolon and by one told what to do
    ("本报讯 5月6日，区长李建国到东湖街道调研，就下一步工作提出要求：一是压实责任；要落实项目首席服务员制度。"
     "东湖街道办事处要以创建文明社区为抓手，凝聚民心。",
     {("李建国", "conducts", "项目首席服务员制度"), ("李建国", "conducts", "创建文明社区")},
     {("东湖街道办事处", "conducts", "创建文明社区")}),
    # the campaign named where an official's visit is told is his, not the article's area's
    ("本报讯 5月6日，东湖市市长李建国就河道采砂综合治理等工作到西湖县调研。",
     {("李建国", "conducts", "河道采砂综合治理")}, {("东湖市", "conducts", "河道采砂综合治理")}),
    # an area right before the programme carries it out
    ("本报讯 5月6日，东湖镇持续优化营商环境，服务企业。",
     {("东湖镇", "conducts", "优化营商环境")}, set()),
    # a meeting held to push a campaign forward is part of it; its organizer carries it out
    ("本报讯 5月6日，东湖区召开全区文明城市创建工作推进会。区长李建国出席会议。",
     {("东湖区", "conducts", "文明城市创建")}, set()),
    # an event's organizer carries out the campaign the event is part of
    ("本报讯 5月6日，东湖区召开“邻里守望”专项行动推进会。区长李建国出席会议。",
     {("东湖区", "conducts", "邻里守望")}, set()),
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
