"""People and their posts (kg.extract.people, kg.extract.titles): an example table of constructions.

Each row: a sentence (invented names), and the posts it states as (person, title, organisation label)."""
from __future__ import annotations

import pytest

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
