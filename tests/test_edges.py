"""kg.extract.edges: where an organisation name starts when scan_left took too much (example table)."""
from __future__ import annotations

import pytest

from kg.extract.edges import name_start
from kg.extract.orgs import find_orgs, settle

# stem before the suffix, kind, the part of it that belongs to the name
EXAMPLES = [
    ("希望东湖区", "GovernmentBody", "东湖区"),          # a verb before a division
    ("张明代表青山区", "GovernmentBody", "青山区"),       # subject + 代表 before the organ
    ("自觉维护区", "GovernmentBody", "区"),              # 维护 + 区委: a bare relative word has no name before it
    ("拟任区人民", "GovernmentBody", "区人民"),          # 任免 verb before 区人民政府
    ("启动专项工作受中共青山区", "GovernmentBody", "中共青山区"),
    ("他代表", "GovernmentBody", ""),                    # nothing of the stem is a name
    ("依法接受", "GovernmentBody", ""),
    ("30余家区", "GovernmentBody", "区"),                # a count before 区政协
    ("区住房和城乡建设", "GovernmentBody", "区住房和城乡建设"),   # 和 and the organ's function verbs stay
    ("发展和改革", "GovernmentBody", "发展和改革"),
    ("区委组织", "GovernmentBody", "区委组织"),
    ("区“五城”", "GovernmentBody", "区“五城”"),
    ("区一办两", "GovernmentBody", "区一办两"),         # numbered organ names (一办两专班)
    ("我区东湖恒达实业有限", "Enterprise", "东湖恒达实业有限"),      # 我区 is not part of the company
    ("清河宏达实业有限", "Enterprise", "清河宏达实业有限"),         # verbs inside company names stay
    ("聘请青山镇", "Institution", "青山镇"),
    ("据招商", "Enterprise", "招商"),                 # a preposition, a conjunction, a causative verb
    ("尽管保险", "Enterprise", "保险"),
    ("像张裕", "Enterprise", "张裕"),
    ("永久自行车", "Enterprise", "永久自行车"),      # jieba tags brand names at random (永久: an adverb)
    ("调入青山", "Institution", "青山"),              # verbs of moving, having, founding before a name
    ("具有青禾", "Enterprise", "青禾"),
    ("创办青禾", "Institution", "青禾"),
    ("有西方", "Institution", "西方"),
    ("进出口", "Enterprise", "进出口"),              # the same characters inside a word stay
    ("应急管理", "GovernmentBody", "应急管理"),
]


@pytest.mark.parametrize("stem,kind,name", EXAMPLES)
def test_name_start(stem, kind, name):
    assert stem[name_start(stem, kind):] == name


@pytest.mark.parametrize("sentence,body", [
    ("我们希望东湖区政协继续关注民营经济。", "东湖区政协"),
    ("张明代表青山区委致辞。", "青山区委"),
    ("会议拟任区人民政府副区长一名。", "区人民政府"),
])
def test_bodies_in_sentences_start_at_the_name(sentence, body):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "GovernmentBody"]
    assert body in found
    assert not any(f.endswith(body) and f != body for f in found)


def test_a_proper_noun_with_a_boundary_character_stays_in_the_name():
    sentence = "活动由江城市东湖区人民政府共和南路街道办事处承办。"
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "GovernmentBody"]
    assert found == ["江城市东湖区人民政府共和南路街道办事处"]


@pytest.mark.parametrize("sentence,body", [
    ("整治中，都家营街道联合区市场监管局开展检查。", "都家营街道"),      # 都 opens the clause: not 'all'
    ("江城市东湖区都家营街道召开会议。", "都家营街道"),                  # 都 after a division's name
    ("都江堰市城管局召开会议。", "都江堰市城管局"),
])
def test_an_adverb_character_that_cannot_be_an_adverb_opens_the_name(sentence, body):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "GovernmentBody"]
    assert body in found, found


def test_the_adverb_still_ends_a_name_after_its_subject():
    sentence = "各街道都成立了青山街道式的工作专班。"
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence)))]
    assert not any(f.startswith("都") for f in found), found


def test_bare_organ_words_are_the_pages_one_named_body():
    from kg.model import Page
    from kg.pipeline import build

    raw = ("东湖街道召开会议\n\n本报讯 1月5日，东湖街道党工委、办事处在青山社区召开会议。"
           "街道办事处副主任王明出席。街道党工委书记李强讲话。东湖街道将继续推进此项工作。\n发布者：东湖街道办事处\n")
    import tempfile, pathlib
    with tempfile.TemporaryDirectory() as d:
        (pathlib.Path(d) / "p.txt").write_text(raw, encoding="utf-8")
        result = build([d], out=None, viz=False, cache=False)
    bodies = {e.label: e for e in result.resolver.entities.values() if e.kind == "GovernmentBody"}
    labels = {k: set(e.alt_labels) for k, e in bodies.items()}
    assert any(k.endswith("东湖街道办事处") and {"东湖街道", "街道办事处"} <= alts for k, alts in labels.items()), labels
    assert any(k.endswith("东湖街道党工委") and "街道党工委" in alts for k, alts in labels.items()), labels


@pytest.mark.parametrize("sentence,body", [
    ("全国人大常委会副委员长王某出席。", "全国人大常委会"),      # 全国 is part of the country's organs
    ("他是全国人大代表。", "全国人大"),
    ("区工商联、全国工商联负责人参加。", "全国工商联"),
    ("当好“娘家人”区城管局主动服务企业。", "区城管局"),          # a quoted word before a placed body
    ("示范区“四城联创”指挥部召开会议。", "示范区“四城联创”指挥部"),   # a quoted part inside a name stays
])
def test_where_national_and_quoted_names_start(sentence, body):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind != "Area"]
    assert body in found, found
    assert not any(f.endswith(body) and f != body for f in found), found


@pytest.mark.parametrize("sentence,expected", [
    ("区里建立和完善再就业服务中心。", ["再就业服务中心"]),       # 就业 is a word: 就 is no boundary before 业
    ("企业的感人事迹处处涌现。", []),                              # 处处: no 处 (office)
    ("至今，这所纪念馆已接待游客。", []),                          # demonstrative + classifier
    ("代表的兼课和几十处实践基地。", []),                           # a count
    ("他所在的中学校长说。", []),                                  # 校长 is a title
    ("北京5月24日电市外事办发言人介绍。", ["市外事办"]),            # a dateline ends at 电
    ("讲话在全国各地大学师生中反响强烈。", []),
    ("他萌生了回乡办厂振兴家乡的念头。", []),                      # 办厂, 家乡: words
    ("乡镇企业吸纳农村劳动力四千人。", []),
    ("市领导会见了来访的墨菲市长一行。", []),                       # 市长 is a title
])
def test_counts_titles_and_datelines_are_no_names(sentence, expected):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind != "Area"]
    assert found == expected


def test_all_over_the_country_is_no_organ():
    sentence = "全国各地政协委员参加。"
    assert not [m for m in settle(find_orgs(sentence, 0, len(sentence))) if m.text.startswith("全国")]


def test_a_bare_organ_word_with_two_longer_forms_of_one_body_is_that_body():
    # 办事处 ends both 街道办事处 and 东湖街道办事处, but the first stands for the second: one candidate
    from kg.pipeline import build
    import tempfile, pathlib
    raw = ("东湖街道召开会议\n\n本报讯 1月5日，东湖街道党工委、办事处首站来到青山社区召开会议。"
           "街道办事处副主任王明出席。街道党工委书记李强讲话。\n发布者：东湖街道办事处\n")
    with tempfile.TemporaryDirectory() as d:
        (pathlib.Path(d) / "p.txt").write_text(raw, encoding="utf-8")
        result = build([d], out=None, viz=False, cache=False)
    bodies = {e.label: set(e.alt_labels) for e in result.resolver.entities.values() if e.kind == "GovernmentBody"}
    assert "办事处" not in bodies
    assert {"办事处", "街道办事处"} <= bodies["东湖街道办事处"]


def _areas(raw: str) -> dict[str, set[str]]:
    import pathlib
    import tempfile

    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as d:
        (pathlib.Path(d) / "p.txt").write_text(raw, encoding="utf-8")
        result = build([d], out=None, viz=False, cache=False)
    return {e.label: set(e.alt_labels) for e in result.resolver.entities.values() if e.kind == "Area" and e.articles}


def test_zones_named_by_long_qualifiers():
    found = _areas("本报讯 考察团了解青山新材料开发区与东湖先进制造业开发区的发展情况。")
    assert {"青山新材料开发区", "东湖先进制造业开发区"} <= set(found)


def test_the_generic_zone_word_is_the_pages_one_zone_of_that_city():
    found = _areas("本报讯 4月3日，洛阳经济技术开发区召开大会。洛阳开发区拿出资金奖励企业。开发区将继续努力。")
    zone = next(k for k in found if k.startswith("洛阳经济技术开发区"))
    assert "洛阳开发区" in found[zone] and not any(k == "洛阳开发区" for k in found)


def test_a_division_inside_a_persons_name_is_not_an_area():
    found = _areas("本报讯 派出所所长王丰台首先发言。")
    assert not any("丰台" in k for k in found)


def test_a_party_department_belongs_to_the_committee_the_page_names():
    import pathlib
    import tempfile

    from kg.pipeline import build

    raw = "本报讯 金水区委召开常委会。区委常委、组织部部长张国强出席会议。\n"
    with tempfile.TemporaryDirectory() as d:
        (pathlib.Path(d) / "p.txt").write_text(raw, encoding="utf-8")
        result = build([d], out=None, viz=False, cache=False)
    ents = result.resolver.entities
    links = {(ents[f.subject].label, ents[f.object].label) for f in result.resolver.facts if f.predicate == "subOrganizationOf"}
    assert any(s.endswith("组织部") and o.endswith("区委") for s, o in links), links


def test_a_division_inside_a_persons_name_is_not_the_articles_area():
    found = _areas("本报讯 1月21日，街道党工委召开会议。派出所所长王丰台首先发言。")
    assert not any("丰台" in k for k in found)


def test_a_named_zone_under_a_city_is_one_area_with_and_without_the_city():
    found = _areas("本报讯 考察团来到洛阳新材料开发区。新材料开发区管委会介绍了情况。")
    zone = [k for k in found if k.endswith("新材料开发区")]
    assert len(zone) == 1 and zone[0] == "洛阳新材料开发区" and "新材料开发区" in found[zone[0]], found


@pytest.mark.parametrize("sentence,bodies", [
    ("各街道人大工委负责人参加会议。", []),                      # every body of a kind, not one
    ("青山镇人大主席团主席张明出席。", ["青山镇人大主席团"]),
])
def test_generic_and_town_congress_bodies(sentence, bodies):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "GovernmentBody"]
    assert found == bodies


def test_a_groups_company_keeps_the_group_name_across_a_boundary_word():
    t = "考察团来到东湖控股集团联合化工有限公司、青山机车有限公司等地。"
    assert [m.text for m in settle(find_orgs(t, 0, len(t))) if m.kind == "Enterprise"] == \
        ["东湖控股集团联合化工有限公司", "青山机车有限公司"]


@pytest.mark.parametrize("sentence, body", [
    ("本报讯 他曾任东湖区发改委副处级调研员。", "东湖区发改委"),
    ("本报讯 他曾任区发改委副处级调研员。", "区发改委"),
    ("本报讯 任城区委书记李东升出席。", "任城区委"),        # 任城区 is a division, not 任 + 城区
])
def test_a_post_verb_before_the_jurisdiction_is_not_in_the_name(sentence, body):
    from kg.model import Page
    from kg.pipeline import process_page

    page = process_page(Page(path="t.txt", raw=sentence + "\n"))
    assert body in [m.text for a in page.articles for m in a.mentions if m.kind == "GovernmentBody"]


def test_a_rank_is_no_office():
    from kg.model import Page
    from kg.pipeline import process_page

    page = process_page(Page(path="t.txt", raw="本报讯 他现任街办副科级干部，享受副处级待遇。\n"))
    assert not [m.text for a in page.articles for m in a.mentions if m.kind == "GovernmentBody" and m.text.endswith(("科", "处"))]


def test_a_newspapers_city_is_part_of_its_title_not_a_place():
    sentence = "洛阳日报讯 洛阳市老城区城管局召开会议。"
    found = settle(find_orgs(sentence, 0, len(sentence)))
    assert not any(m.kind == "Area" and m.start == 0 for m in found), found
    assert any(m.kind == "Area" and m.text.startswith("洛阳市") for m in found)      # the body's area stays


def test_a_title_after_an_unknown_city_word_is_no_city():
    sentence = "市领导会见了来访的墨菲市长一行。"
    assert not [m for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "Area"]
    sentence = "郑州市长王某出席。"                    # a real city keeps its name before the title
    assert [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "Area"] == ["郑州市"]
