"""People and their posts (kg.extract.people, kg.extract.titles): an example table of constructions.

Each row: a sentence (invented names), and the posts it states as (person, title, organisation label)."""
from __future__ import annotations

import pytest

from kg import lexicons
from kg.model import Page
from kg.pipeline import process_page


def posts(sentence: str) -> set[tuple[str, str, str]]:
    page = process_page(Page(path="t.txt", raw="本报讯 " + sentence, content_hash="0" * 64, uid="t"))
    return {(p.person.text, p.title, p.org.label if p.org else "") for a in page.articles for p in a.posts}


EXAMPLES = [
    # a party committee's member who heads one of its departments: two posts, two organs
    ("区委常委、组织部部长张国强出席会议。", {("张国强", "常委", "区委"), ("张国强", "部长", "组织部")}),
    # a title that contracts organ and post
    ("区委统战部长李建华讲话。", {("李建华", "部长", "区委统战部")}),
    # graded civil-service ranks
    ("省市场监管局二级巡视员王立新参加。", {("王立新", "二级巡视员", "省市场监管局")}),
    # democratic parties: the chair of a party's district committee is its 主委
    ("民盟东湖区委主委李大明带队调研。", {("李大明", "主委", "民盟东湖区委")}),
    # a name followed by 以及 is two characters, not three
    ("东湖区政协主席张涛以及其他委员参加。", {("张涛", "主席", "东湖区政协")}),
]


@pytest.mark.parametrize("sentence,expected", EXAMPLES)
def test_posts(sentence, expected):
    assert expected <= posts(sentence)


def test_common_nouns_after_a_collective_title_are_not_people():
    assert posts("镇领导班子将继续努力。") == set()


# ---------------------------------------------------------------- personnel decisions (任免)

def decisions(sentence: str) -> set[tuple[str, str, str, str]]:
    page = process_page(Page(path="t.txt", raw="本报讯 " + sentence, content_hash="0" * 64, uid="t"))
    return {(p.person.text, p.title, p.org.label if p.org else "", p.status) for a in page.articles for p in a.posts}


DECISIONS = [
    ("会议任命张海、李冬为区人民政府副区长，赵东方为区教育局局长；任命吕武为区监察委员会副主任。",
     {("张海", "副区长", "区人民政府", "appointed"), ("李冬", "副区长", "区人民政府", "appointed"),
      ("赵东方", "局长", "区教育局", "appointed"), ("吕武", "副主任", "区监察委员会", "appointed")}),
    ("会议决定免去刘明的区财政局局长职务。", {("刘明", "局长", "区财政局", "removed")}),
    ("拟任区人民政府副区长人选钱进、孙立列席会议。",
     {("钱进", "副区长", "区人民政府", "nominated"), ("孙立", "副区长", "区人民政府", "nominated")}),
    ("任命申杰等3名同志为区监察委员会委员。", {("申杰", "委员", "区监察委员会", "appointed")}),
]


@pytest.mark.parametrize("sentence,expected", DECISIONS)
def test_personnel_decisions(sentence, expected):
    assert decisions(sentence) == expected


def test_post_status_is_in_the_graph(tmp_path):
    from kg.pipeline import build
    from kg.vocab import GOVKG, ORG

    (tmp_path / "p.txt").write_text("本报讯 会议决定免去刘明的区财政局局长职务。", encoding="utf-8")
    result = build([tmp_path], out=None, viz=False, cache=False)
    status = {q.object.value for q in result.quads if q.predicate.value == str(GOVKG.postStatus)}
    assert status == {"removed"}
    assert any(q.object.value == str(ORG.Membership) for q in result.quads)


def test_appointment_frames_are_validated(monkeypatch):
    from kg.extract import appointments

    appointments._verbs.cache_clear()
    monkeypatch.setattr(lexicons, "table", lambda name: (("任命", "promoted", "names_as"),))
    with pytest.raises(ValueError, match="appointments.tsv"):
        appointments._verbs()
    appointments._verbs.cache_clear()


def test_a_title_in_a_list_of_one_bodys_posts_takes_that_body():
    found = posts("省市场监管局副局长周军出席并讲话，二级巡视员李翔出席。民盟区委主委助理王静、秘书长赵一平参加。")
    assert ("李翔", "二级巡视员", "省市场监管局") in found
    assert ("赵一平", "秘书长", "民盟区委") in found


def test_a_title_that_does_not_fit_the_previous_body_takes_nothing():
    found = posts("区委书记张三出席，副局长李四参加。")
    assert not any(p[0] == "李四" for p in found)


def test_an_adverb_after_a_title_is_not_a_name():
    assert not any(p[0] == "殷切" for p in posts("县长殷切地希望大家努力。"))


def test_an_organ_after_the_areas_of_a_list_belongs_to_each():
    page = process_page(Page(path="t.txt", raw="本报讯 郑州、洛阳市市场监管局作交流发言。", content_hash="0" * 64, uid="t"))
    bodies = {m.label for a in page.articles for m in a.mentions if m.kind == "GovernmentBody"}
    assert {"郑州市市场监管局", "洛阳市市场监管局"} <= bodies
    # 郑州 is now the body's span: the area stays only nested, so the speakers are the two bureaus
    assert all(m.role == "nested" for a in page.articles for m in a.mentions if m.kind == "Area")
    raw = "本报讯 5月6日，省市场监管局召开全省食品安全调度会。郑州、洛阳市市场监管局作交流发言。"
    page = process_page(Page(path="t.txt", raw=raw, content_hash="0" * 64, uid="t"))
    speakers = {(m.kind, m.label) for a in page.articles for e in a.events for r, m in e.roles if r == "speaker"}
    assert speakers == {("GovernmentBody", "郑州市市场监管局"), ("GovernmentBody", "洛阳市市场监管局")}


@pytest.mark.parametrize("sentence,expected", [
    ("原区委书记张国强出席会议。", {("张国强", "书记", "区委", "former")}),
    ("代区长李建华出席会议。", {("李建华", "区长", "", "acting")}),
    ("前锋纺织公司总经理王明参加。", {("王明", "总经理", "前锋纺织公司", "")}),   # 前进 is the company's name
])
def test_former_and_acting_posts(sentence, expected):
    assert decisions(sentence) == expected


def test_paired_leading_organs_are_two_bodies():
    page = process_page(Page(path="t.txt", raw="本报讯 区委区政府高度重视。示范区党工委管委会提出要求。",
                             content_hash="0" * 64, uid="t"))
    bodies = [m.label for a in page.articles for m in a.mentions if m.kind == "GovernmentBody"]
    assert bodies == ["区委", "区政府", "示范区党工委", "示范区管委会"]


def test_company_managers_are_people_not_officials(tmp_path):
    from kg.pipeline import build
    from kg.vocab import GOVKG

    (tmp_path / "p.txt").write_text("本报讯 东湖恒达实业有限公司副总经理王明介绍情况。区城管局局长李强讲话。王明表示感谢。",
                                    encoding="utf-8")
    result = build([tmp_path], out=None, viz=False, cache=False)
    classes = {q.subject.value.rsplit("/", 1)[-1]: q.object.value.rsplit("#", 1)[-1] for q in result.quads
               if q.predicate.value.endswith("22-rdf-syntax-ns#type") and "/person/" in q.subject.value}
    assert classes["王明"] == "Person" and classes["李强"] == "Official"


def test_a_zones_management_committee_after_a_comma_is_the_zones():
    from kg.model import Page
    from kg.pipeline import process_page

    page = process_page(Page(path="t.txt", raw="本报讯 3月5日，东湖经开区党工委组织调研。区党工委书记王明远，管委会副主任李东升、张晓光陪同调研。\n"))
    posts = [(p.person.text, p.title, p.org.name or p.org.label) for a in page.articles for p in a.posts]
    assert posts == [("王明远", "书记", "区党工委"), ("李东升", "副主任", "区管委会"), ("张晓光", "副主任", "区管委会")]


@pytest.mark.parametrize("raw,expected", [
    ("本报讯 示范区党工委、管委会召开会议。", {("管委会", "示范区管委会")}),     # named by the first's area
    ("本报讯 他代表党工委、管委会，向企业表示祝贺。", {("管委会", "")}),          # bare after a bare one
    ("本报讯 区委、政府办公室负责人参加。", set()),                                # a longer organ starts there
])
def test_the_second_organ_of_a_listed_pair_is_the_same_areas(raw, expected):
    page = process_page(Page(path="t.txt", raw=raw, content_hash="0" * 64, uid="t"))
    seconds = {(m.text, m.name) for a in page.articles for m in a.mentions
               if m.kind == "GovernmentBody" and m.text in ("管委会", "政府")}
    assert seconds == expected


@pytest.mark.parametrize("sentence", [
    "专家委员会委员由武术、公安、金融和教育界人士组成。",      # fields, not people
    "他说，青禾公司总裁和他都赞成这个计划。",                  # 和 + 他
    "东湖镇领导由此看到了发展的希望。",                          # 由此 + 看
])
def test_ordinary_words_after_a_title_are_no_names(sentence):
    assert posts(sentence) == set()


def test_names_that_are_also_words_in_a_list_stay_names():
    assert {p[0] for p in posts("区城管局副局长黄海梅、孙志勤、李东兴出席会议。")} == {"黄海梅", "孙志勤", "李东兴"}
