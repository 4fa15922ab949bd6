"""Identity: one node per real thing. Every page here is written for the test (not taken from the seeds);
the places are real GB/T 2260 divisions, the people, companies and campaigns are made up."""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.graph.triples import build_quads
from kg.model import Page
from kg.pipeline import build, process_page
from kg.resolve import resolve_pages
from kg.resolve.entities import _democratic_party
from kg.vocab import GOVKG, ORG, RDF, RDFS, SCHEMA, SKOS

# a district page (瀍河回族区, printed in its short form too), with anaphors and a later mention
LUOYANG = """瀍河区召开优化营商环境推进会

本报讯 5月6日上午，瀍河回族区召开优化营商环境推进会。区委书记王德山出席会议并讲话，区城管局、区市场监管局、区发改委作表态发言。会上，王德山强调，全区各级各部门要深化“放管服”改革。区市场监督管理局局长张丽华介绍了工作情况。张丽华局长表示，该局将持续开展“万企帮扶”活动。

记者 周明远
"""

# another district, with the same relative names (区城管局, 区委) and a company anaphor
ERQI = """二七区城管局开展夏季整治行动

本报讯 6月3日，二七区城管局开展夏季市容整治行动。区城管局局长赵卫东带队检查了辖区道路。该局还走访了郑州恒远机械有限公司，帮助该公司解决排水问题。区委、区政府高度重视此项工作。

记者 孟凡星
"""

# the same district again, another day: its bureau written in full, the same campaign as LUOYANG
ERQI_2 = """二七区推进“放管服”改革

本报讯 7月9日，二七区城市管理局召开专题会议，研究深化“放管服”改革工作。局长赵卫东主持会议。市城管局党建办主任钱雨桐参加会议。

记者 孟凡星
"""

# a zone the page does not place, and the same zone word qualified by its city on another page
ZONE_BARE = """经开区举办企业服务对接会

本报讯 8月2日，经开区商务局举办企业服务对接会，经开综保区相关企业参加。区商务局负责人介绍了“一网通办”工作。

记者 韩若溪
"""

ZONE_CITY = """郑州经开区召开安全生产会议

本报讯 8月5日，郑州经开区召开安全生产工作会议。经开区商务局、经开区建设局作表态发言。

记者 韩若溪
"""

# a task force and its inspection team; a contraction of its quoted name
TASK_FORCE = """示范区“五城共建”攻坚月启动

本报讯 9月1日，示范区“五城共建”指挥部召开动员会。会后，指挥部督导组深入各镇开展督导。区“五建”指挥部要求，区督导组每周通报一次进展。

记者 罗清河
"""


def build_pages(pages: dict[str, str]):
    ps = []
    for name, text in pages.items():
        p = process_page(Page(path=name, raw=text))
        p.uid = p.stem
        ps.append(p)
    resolver = resolve_pages(ps)
    return Graph(build_quads(ps, resolver))


class Graph:
    def __init__(self, quads):
        self.quads = quads
        self.po = defaultdict(lambda: defaultdict(set))
        for q in quads:
            self.po[q.subject.value][q.predicate.value].add(q.object.value)
        self.by_label = defaultdict(set)
        for s, po in self.po.items():
            for p in (str(RDFS.label), str(SKOS.altLabel)):
                for label in po[p]:
                    self.by_label[label].add(s)

    def nodes(self, label: str, cls=None) -> set[str]:
        out = self.by_label.get(label, set())
        if cls is not None:
            out = {n for n in out if str(cls) in self.po[n][str(RDF.type)]}
        return out

    def node(self, label: str, cls=None) -> str:
        found = self.nodes(label, cls)
        assert len(found) == 1, (label, found)
        return next(iter(found))

    def has(self, s: str, p, o: str) -> bool:
        return o in self.po[s][str(p)]

    def label(self, n: str) -> str:
        (label,) = self.po[n][str(RDFS.label)]
        return label


@pytest.fixture(scope="module")
def g():
    return build_pages({"luoyang.txt": LUOYANG, "erqi.txt": ERQI, "erqi2.txt": ERQI_2,
                        "zone_bare.txt": ZONE_BARE, "zone_city.txt": ZONE_CITY, "task.txt": TASK_FORCE})


# ------------------------------------------------------------------ same name, different area

def test_same_relative_name_on_pages_about_different_areas_is_two_nodes(g):
    bureaus = g.nodes("区城管局", GOVKG.GovernmentBody)
    assert len(bureaus) == 2
    committees = g.nodes("区委", GOVKG.GovernmentBody)
    assert len(committees) == 2
    luoyang = g.node("瀍河回族区", GOVKG.Area)
    erqi = g.node("二七区", GOVKG.Area)
    assert {b for b in bureaus if g.has(b, GOVKG.subOrganizationOf, luoyang)}
    assert {b for b in bureaus if g.has(b, GOVKG.subOrganizationOf, erqi)}


def test_same_body_on_pages_about_the_same_area_is_one_node(g):
    full = g.node("二七区城市管理局", GOVKG.GovernmentBody)
    assert full in g.nodes("区城管局") and full in g.nodes("二七区城管局")
    assert g.node("赵卫东")       # one person: same name, same district, two pages


def test_the_relative_prefix_belongs_to_the_article_area(g):
    luoyang = g.node("瀍河回族区", GOVKG.Area)
    committee = next(n for n in g.nodes("区委") if g.has(n, SCHEMA.areaServed, luoyang))
    # the constructed label names the area; the printed 区委 stays an altLabel
    assert g.label(committee) == "瀍河回族区委"
    # 市城管局 on a page about 二七区 is the city's bureau, and its 党建办 is part of it
    zhengzhou = g.node("郑州市", GOVKG.Area)
    office = g.node("市城管局党建办")
    parent = next(iter(g.po[office][str(GOVKG.subOrganizationOf)]))
    assert g.has(parent, SCHEMA.areaServed, zhengzhou)
    assert "城市管理局" in parent


def test_a_dateline_names_the_area_of_the_article():
    page = ("城管执法进社区\n\n本报洛阳讯 6月1日，市城管局执法人员走进社区宣传垃圾分类。"
            "郑州恒远机械有限公司派员参加。执法人员此前赴开封市学习，开封市的做法值得借鉴，开封市还派员指导。\n")
    g = build_pages({"dateline.txt": page})
    bureau = g.node("市城管局")
    assert "/410300-洛阳市/" in bureau


# ------------------------------------------------------------------ abbreviations

def test_abbreviations_are_one_node_with_every_surface_form(g):
    market = g.node("区市场监管局")
    assert market == g.node("区市场监督管理局")
    assert g.node("瀍河区", GOVKG.Area) == g.node("瀍河回族区", GOVKG.Area)   # ethnic district short form
    assert g.node("区发改委").endswith("/发展和改革委员会")


def test_government_short_and_full_forms_are_one_node():
    page = ("二七区部署防汛工作\n\n本报讯 6月1日，二七区人民政府召开防汛工作会议。区政府要求各街道落实责任。"
            "区人大常委会、二七区人民代表大会常务委员会有关负责人参加会议。\n")
    g = build_pages({"flood.txt": page})
    assert g.node("区政府") == g.node("二七区人民政府")
    assert g.node("区人大常委会") == g.node("二七区人民代表大会常务委员会")


def test_resolving_twice_gives_the_same_graph():
    ps = []
    for name, text in {"luoyang.txt": LUOYANG, "erqi.txt": ERQI}.items():
        p = process_page(Page(path=name, raw=text))
        p.uid = p.stem
        ps.append(p)
    first = build_quads(ps, resolve_pages(ps))
    second = build_quads(ps, resolve_pages(ps))
    assert [str(q) for q in first] == [str(q) for q in second]


def test_area_links_to_parents_and_codes(g):
    area = g.node("瀍河回族区", GOVKG.Area)
    assert g.po[area][str(GOVKG.adminCode)] == {"410304"}
    city = next(iter(g.po[area][str(GOVKG.locatedIn)]))
    assert g.label(city) == "洛阳市"
    province = next(iter(g.po[city][str(GOVKG.locatedIn)]))
    assert g.label(province) == "河南省"


def test_leading_organs_serve_their_area_but_are_not_departments(g):
    erqi = g.node("二七区", GOVKG.Area)
    government = g.node("区政府")
    assert g.has(government, SCHEMA.areaServed, erqi)
    assert not g.po[government][str(GOVKG.subOrganizationOf)]


# ------------------------------------------------------------------ anaphora and later mentions

def test_anaphors_resolve_to_their_antecedent(g):
    assert g.node("该公司") == g.node("郑州恒远机械有限公司")
    bureaus = g.nodes("该局")
    assert g.node("区市场监管局") in bureaus                      # 该局 after 张丽华局长 of the 市场监管局
    assert any(g.has(b, GOVKG.serves, g.node("郑州恒远机械有限公司")) for b in bureaus)
    assert g.node("瀍河回族区", GOVKG.Area) in g.nodes("全区")


def test_area_anaphors_follow_the_article_area():
    page = ("洛阳市推进燃气安全整治\n\n本报讯 9月2日，洛阳市召开燃气安全工作推进会。会议要求，全市各县区加强排查，"
            "确保我市燃气供应安全。该市还将开展专项检查。\n")
    g = build_pages({"gas.txt": page})
    city = g.node("洛阳市", GOVKG.Area)
    for word in ("全市", "我市", "该市"):
        assert g.nodes(word) == {city}


def test_should_is_not_an_anaphor():
    page = "二七区城管局转变作风\n\n本报讯 二七区城管局要求干部做到该办的事马上办。\n"
    g = build_pages({"should.txt": page})
    assert not g.nodes("该办")


def test_a_person_mentioned_again_is_the_same_node(g):
    wang = g.node("王德山")
    posts = [s for s, po in g.po.items() if wang in po["http://www.w3.org/ns/org#member"]]
    assert posts
    zhang = g.node("张丽华")           # 区市场监督管理局局长张丽华 … 张丽华局长
    assert str(GOVKG.Official) in g.po[zhang][str(RDF.type)]


def test_contractions_and_sub_units_within_a_page(g):
    force = g.node("示范区“五城共建”指挥部")
    assert force in g.nodes("区“五建”指挥部")
    team = g.node("指挥部督导组")
    assert team in g.nodes("区督导组")
    assert g.has(team, GOVKG.subOrganizationOf, force)


# ------------------------------------------------------------------ across pages

def test_the_same_campaign_across_pages_is_one_node(g):
    campaign = g.node("放管服", GOVKG.Campaign)
    mentioned = g.po[campaign][str(GOVKG.mentionedIn)]
    assert len({a.rsplit("/", 2)[1] for a in mentioned}) == 2     # two pages


def test_unsure_identities_are_kept_apart_with_close_match(g):
    zones = g.nodes("经开区", GOVKG.Area)
    assert len(zones) == 2                         # 经开区 (unplaced) and 郑州经开区 are not merged ...
    qualified = g.node("郑州经开区", GOVKG.Area)
    (bare,) = zones - {qualified}
    assert g.has(bare, SKOS.closeMatch, qualified)  # ... but linked as a candidate
    offices = g.nodes("经开区商务局")
    assert len(offices) == 2
    a, b = sorted(offices)
    assert g.has(a, SKOS.closeMatch, b) or g.has(b, SKOS.closeMatch, a)
    # the zone inside the unplaced 经开区 keeps its place
    bonded = g.node("经开综保区", GOVKG.Area)
    assert g.has(bonded, GOVKG.locatedIn, bare)


def test_one_name_in_a_city_and_its_province_is_a_candidate_link():
    province = "全省营商环境会议召开\n\n本报讯 7月1日，河南省召开营商环境工作会议。省发改委主任梁志和出席会议。\n"
    city = ("二七区营商环境推进会\n\n本报讯 7月3日，二七区召开推进会。区发改委主任梁志和作报告。"
            "二七区城管局参加会议。\n")
    g = build_pages({"province.txt": province, "city.txt": city})
    people = sorted(g.nodes("梁志和"))
    assert len(people) == 2                       # different jurisdictions: not merged ...
    a, b = people
    assert g.has(a, SKOS.closeMatch, b) or g.has(b, SKOS.closeMatch, a)   # ... but compatible


def test_a_visited_body_and_its_head_belong_to_the_visited_area():
    page = ("瀍河区考察团赴二七区学习\n\n本报讯 6月8日，瀍河回族区考察团到二七区学习园区建设经验。"
            "考察团参观了二七科技园区管委会。二七科技园区管委会主任刘晓峰介绍了园区情况。\n")
    g = build_pages({"visit.txt": page})
    body = g.node("二七科技园区管委会")
    assert g.has(body, SCHEMA.areaServed, g.node("二七区", GOVKG.Area))    # not the visitors' 瀍河
    assert "/410100-郑州市/" in g.node("刘晓峰")                          # placed by his post


def test_a_district_name_shared_by_several_cities_stays_on_its_page():
    # 鼓楼区 exists in several cities; neither page says which
    one = "鼓楼区召开会议\n\n本报讯 鼓楼区召开城市管理工作会议。区城管局作汇报。\n"
    two = "鼓楼区开展整治\n\n本报讯 鼓楼区开展市容整治行动。区城管局参加。\n"
    g = build_pages({"one.txt": one, "two.txt": two})
    areas = sorted(g.nodes("鼓楼区", GOVKG.Area))
    assert len(areas) == 2
    a, b = areas
    assert g.has(a, SKOS.closeMatch, b) or g.has(b, SKOS.closeMatch, a)
    assert len(g.nodes("区城管局")) == 2
    # named with its city, it is one division
    three = "福州市鼓楼区召开会议\n\n本报讯 福州市鼓楼区召开会议。区城管局作汇报。\n"
    g = build_pages({"three.txt": three})
    assert g.po[g.node("鼓楼区", GOVKG.Area)][str(GOVKG.adminCode)] == {"350102"}


def test_different_people_with_one_name_in_different_cities_stay_apart():
    one = LUOYANG.replace("记者 周明远", "记者 石海波")
    two = ERQI.replace("记者 孟凡星", "记者 石海波")
    g = build_pages({"a.txt": one, "b.txt": two})
    people = g.nodes("石海波")
    assert len(people) == 2
    a, b = sorted(people)
    assert not g.has(a, SKOS.closeMatch, b) and not g.has(b, SKOS.closeMatch, a)


def test_a_national_figure_is_one_node_across_cities():
    one = "瀍河区学习会\n\n本报讯 5月6日，瀍河回族区召开学习会，传达学习习近平总书记重要讲话精神。区委书记王德山主持会议。\n"
    two = "二七区学习会\n\n本报讯 5月7日，二七区召开学习会，深入学习习近平总书记重要讲话精神。\n"
    g = build_pages({"a.txt": one, "b.txt": two})
    leader = g.node("习近平")
    assert "/person/全国/" in leader
    assert len(g.po[leader][str(GOVKG.mentionedIn)]) == 2


# ------------------------------------------------------------------ stable IRIs

def _entity_iris(graph_quads) -> set[str]:
    out = set()
    for q in graph_quads:
        if q.predicate.value == str(RDFS.label):
            out.add(q.subject.value)
    return out


def test_same_input_same_iris_and_adding_pages_renames_nothing(seeds_dir, tmp_path):
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    a = build(files[:2], out=None).quads
    again = build(files[:2], out=None).quads
    assert [str(q) for q in a] == [str(q) for q in again]
    both = build(files, out=None).quads
    before, after = _entity_iris(a), _entity_iris(both)
    assert before and before <= after, sorted(before - after)[:10]
    # and every statement, post and sentence of A is still there
    subjects_a = {q.subject.value for q in a}
    subjects_ab = {q.subject.value for q in both}
    assert subjects_a <= subjects_ab


def test_adding_written_pages_renames_nothing():
    first = build_pages({"luoyang.txt": LUOYANG, "zone_bare.txt": ZONE_BARE})
    more = build_pages({"luoyang.txt": LUOYANG, "zone_bare.txt": ZONE_BARE, "zone_city.txt": ZONE_CITY,
                        "erqi.txt": ERQI, "task.txt": TASK_FORCE})
    assert set(first.po) <= set(more.po)


def test_iris_are_readable():
    g = build_pages({"luoyang.txt": LUOYANG})
    assert g.node("瀍河回族区", GOVKG.Area).endswith("/id/area/410304-瀍河回族区")
    assert g.node("王德山").endswith("/id/person/410300-洛阳市/王德山")
    assert "/id/body/410304-瀍河回族区/" in g.node("区城管局")


# ------------------------------------------------------------------ names that print a chain of areas
CHAIN = """市区两级部署营商环境工作

本报讯 河南省洛阳市瀍河回族区城市管理局召开专题会议。中共瀍河回族区委副书记孙立群出席会议。瀍河回族区委、区政府要求各部门落实责任。

本报讯 瀍河回族区塔湾镇党委、白马寺镇党委召开联席会议，塔湾镇人民政府镇长葛春来介绍情况。
"""


def test_a_chain_of_divisions_names_the_last_one():
    g = build_pages({"chain.txt": CHAIN})
    bureau = g.node("河南省洛阳市瀍河回族区城市管理局", GOVKG.GovernmentBody)
    assert bureau.endswith("/410304-瀍河回族区/城市管理局")               # the district's bureau, not the province's
    assert any(n.endswith("/id/area/410304-瀍河回族区") for n in g.po[bureau][str(GOVKG.subOrganizationOf)])


def test_the_party_prefix_is_the_same_committee():
    g = build_pages({"chain.txt": CHAIN})
    assert g.node("中共瀍河回族区委", GOVKG.GovernmentBody) == g.node("瀍河回族区委", GOVKG.GovernmentBody)


def test_a_towns_leading_organs_are_the_towns_and_apart():
    g = build_pages({"chain.txt": CHAIN})
    a, b = g.node("瀍河回族区塔湾镇党委", GOVKG.GovernmentBody), g.node("白马寺镇党委", GOVKG.GovernmentBody)
    assert a != b and a.endswith("/410304-瀍河回族区/塔湾镇/党委")
    assert not g.po[a][str(GOVKG.subOrganizationOf)]           # a town's own committee, not a district bureau
    assert g.node("塔湾镇人民政府", GOVKG.GovernmentBody).endswith("/塔湾镇/人民政府")


def test_a_democratic_partys_committee_is_not_a_department_of_the_area():
    g = build_pages({"dem.txt": "民盟区委开展调研\n\n本报讯 民盟瀍河回族区委组织盟员走访企业。瀍河回族区城市管理局参加活动。\n"})
    party = g.node("民盟瀍河回族区委", GOVKG.GovernmentBody)
    assert not g.po[party][str(GOVKG.subOrganizationOf)]
    bureau = g.node("瀍河回族区城市管理局", GOVKG.GovernmentBody)
    assert g.po[bureau][str(GOVKG.subOrganizationOf)]
    assert not _democratic_party("某社区居民建设委员会")       # 民建 inside a word is no party


def test_units_listed_after_a_bureaus_unit_are_that_bureaus():
    g = build_pages({"units.txt": "河南召开计量工作会\n\n本报讯 会上，河南省市场监管局计量处、标准化处、质量发展处安排相关工作。\n"})
    bureau = g.node("河南省市场监管局", GOVKG.GovernmentBody)
    for unit in ("河南省市场监管局计量处", "标准化处", "质量发展处"):
        assert bureau in g.po[g.node(unit, GOVKG.GovernmentBody)][str(GOVKG.subOrganizationOf)], unit


# ------------------------------------------------------------------ a district named by its bare stem

STEM_PAGE = """区委召开营商环境座谈会

本报讯 区委副书记林志远主持召开优化营商环境座谈会。区发改委、区市场监管局负责人参加。林志远强调，要以更实举措擦亮鹤城营商环境品牌。
"""


def test_a_district_named_only_by_its_stem_is_the_pages_district():
    # 鹤城 (鹤城区, GB/T 2260 431202) is printed once, bare; the bodies say only 区
    g = build_pages({"stem.txt": STEM_PAGE})
    area = g.node("鹤城区", GOVKG.Area)
    assert "鹤城" in g.po[area][str(SKOS.altLabel)]
    assert g.po[area][str(GOVKG.adminCode)] == {"431202"}
    assert g.has(g.node("区发改委"), GOVKG.subOrganizationOf, area)
    assert any(a.endswith("/1") for a in g.po[area][str(GOVKG.mentionedIn)])


def test_a_stem_is_only_a_last_resort():
    # a page that names its district keeps it; a stem outside the province the page names is not taken
    named = STEM_PAGE.replace("本报讯 区委", "本报讯 惠济区委")
    g = build_pages({"named.txt": named})
    assert not g.nodes("鹤城区", GOVKG.Area)
    assert g.has(g.node("区发改委"), GOVKG.subOrganizationOf, g.node("惠济区", GOVKG.Area))
    elsewhere = STEM_PAGE.replace("本报讯 区委", "本报讯 河南省委、区委")
    g = build_pages({"elsewhere.txt": elsewhere})
    assert not g.nodes("鹤城区", GOVKG.Area)
    # a stem the segmenter reads as an ordinary word is not a place (和平 of 和平区 in 和平发展)
    plain = STEM_PAGE.replace("擦亮鹤城营商环境品牌", "坚持和平发展")
    g = build_pages({"plain.txt": plain})
    assert not [n for n in g.po if "/area/" in n and str(GOVKG.Area) in g.po[n][str(RDF.type)]]


# ------------------------------------------------------------------ a district's congress, courts, discipline organs

CONGRESS_PAGE = """惠济区人大常委会召开会议

本报讯 惠济区人大常委会召开第十二次会议。区人大主任孙立平主持会议。区纪委、区监察委员会、区人民法院、区人民检察院负责人列席会议。区政府副区长周明作报告。
"""


def test_a_districts_congress_courts_and_discipline_organs_are_under_it():
    g = build_pages({"congress.txt": CONGRESS_PAGE})
    area = g.node("惠济区", GOVKG.Area)
    congress = g.node("惠济区人大常委会")
    assert g.node("区人大") == congress                      # 区人大主任 chairs the standing committee
    assert g.has(congress, GOVKG.subOrganizationOf, area)
    for organ in ("区纪委", "区监察委员会", "区人民法院", "区人民检察院"):
        assert g.has(g.node(organ), GOVKG.subOrganizationOf, area), organ
    government = g.node("区政府")                            # the government governs it: areaServed only
    assert g.has(government, SCHEMA.areaServed, area)
    assert not g.po[government][str(GOVKG.subOrganizationOf)]


def test_a_congress_without_its_standing_committee_on_the_page_stays_itself():
    g = build_pages({"c.txt": "惠济区召开人大代表座谈会\n\n本报讯 惠济区人大组织部分代表视察重点项目。\n"})
    assert g.nodes("惠济区人大")
    assert not any("常务委员会" in n for n in g.nodes("惠济区人大"))


# ------------------------------------------------------------------ one-character county stems

def test_a_county_with_a_one_character_stem_is_found_where_its_city_is_named():
    page = "安阳市召开会议\n\n本报讯 安阳市召开项目观摩会。滑县政协主席王立新参加会议。\n"
    g = build_pages({"county.txt": page})
    county = g.node("滑县", GOVKG.Area)
    assert g.po[county][str(GOVKG.adminCode)] == {"410526"}
    assert g.has(g.node("滑县政协"), SCHEMA.areaServed, county)     # the county's organ, not the city's
    # no city named: the pair is not taken as the county; nor inside a word (示范县)
    g = build_pages({"none.txt": "会议召开\n\n本报讯 滑县政协主席王立新参加会议。创建示范县工作推进会召开。\n"})
    assert not g.nodes("滑县", GOVKG.Area)


def test_a_districts_name_before_the_citys_own_organ_is_not_part_of_it():
    page = "洛阳市政协委员视察\n\n本报讯 洛阳市政协组织住瀍河区市政协委员视察重点项目。瀍河区市场监管局负责人参加。\n"
    g = build_pages({"p.txt": page})
    assert not g.nodes("瀍河区市政协")
    assert g.nodes("瀍河区市场监管局") or g.nodes("瀍河回族区市场监管局")


def test_an_institution_named_with_and_without_its_areas_is_one():
    page = ("东湖镇商会召开年会\n\n本报讯 惠济区东湖镇商会召开年会。镇商会会长王立新作报告。"
            "东湖镇商会副会长周明主持会议。\n")
    g = build_pages({"chamber.txt": page})
    chamber = g.node("惠济区东湖镇商会")
    assert g.node("东湖镇商会") == chamber and g.node("镇商会") == chamber


def test_the_generic_zone_word_on_a_page_about_one_zone_is_that_zone():
    page = "经开区召开企业座谈会\n\n本报讯 经开区召开企业座谈会。区管委会负责人介绍了开发区改革情况。\n"
    g = build_pages({"zone.txt": page})
    assert g.node("开发区", GOVKG.Area) == g.node("经开区", GOVKG.Area)
    two = page.replace("经开区召开企业座谈会。", "经开区、高新区召开企业座谈会。")
    g = build_pages({"two.txt": two})
    assert g.node("开发区", GOVKG.Area) not in (g.node("经开区", GOVKG.Area), g.node("高新区", GOVKG.Area))


def test_a_municipalitys_districts_lie_in_the_municipality_not_in_a_grouping_row():
    # GB/T 2260 files the districts of 上海市 under a row named 市辖区 (310100): no such place
    page = "松江区召开会议\n\n本报讯 松江区召开优化营商环境大会。区委书记林志远出席会议。\n"
    g = build_pages({"sh.txt": page})
    district = g.node("松江区", GOVKG.Area)
    assert {g.label(c) for c in g.po[district][str(GOVKG.locatedIn)]} == {"上海市"}
    assert not g.nodes("市辖区")
    assert all("市辖区" not in n for n in g.po)


def test_a_zone_has_no_cppcc_or_court_of_its_own():
    page = ("郑州经开区召开企业座谈会\n\n本报讯 郑州经开区召开企业座谈会。区管委会副主任王立新、"
            "区政协副主席周明出席会议。\n")
    g = build_pages({"zone.txt": page})
    labels = {g.label(n) for n in g.nodes("区政协")}
    assert labels and not any("经开区" in label or "经济技术开发区" in label for label in labels), labels
    assert any("经开区" in g.label(n) or "经济技术开发区" in g.label(n) for n in g.nodes("区管委会"))


def test_a_title_without_organ_or_area_prefix_is_no_post_of_the_pages_area():
    page = ("郑州市举行招商推介会\n\n本报讯 郑州市举行招商推介会。弗吉尼亚州州长吉姆出席。"
            "设计总监王立新介绍项目。\n")
    g = build_pages({"p.txt": page})
    titles = {t for po in g.po.values() if str(ORG.member) in po for t in po[str(GOVKG.title)]}
    assert not titles & {"州长", "总监"}, titles
    page = "郑州市金水区召开会议\n\n本报讯 金水区召开会议。区长李建华讲话。\n"
    g = build_pages({"q.txt": page})
    titles = {t for po in g.po.values() if str(ORG.member) in po for t in po[str(GOVKG.title)]}
    assert "区长" in titles                         # a prefixed title is the area's post


def test_a_bare_title_held_at_the_named_government_is_that_post():
    page = ("东湖县举行防汛演练\n\n本报讯 东湖县举行防汛演练。县政府副县长王立新出席演练。"
            "演练结束后，副县长王立新作点评。\n")
    g = build_pages({"p.txt": page})
    orgs = {o for po in g.po.values() if str(ORG.member) in po and "副县长" in po[str(GOVKG.title)]
            for o in po[str(ORG.organization)]}
    assert orgs == {g.node("县政府")}, orgs                  # one post, not also one of the county itself
    page = "东湖县举行防汛演练\n\n本报讯 东湖县举行防汛演练。副县长王立新出席演练。\n"
    g = build_pages({"q.txt": page})
    orgs = {o for po in g.po.values() if str(ORG.member) in po and "副县长" in po[str(GOVKG.title)]
            for o in po[str(ORG.organization)]}
    assert orgs == {g.node("东湖县", GOVKG.Area)}           # no government named: the county's post


def test_a_bodys_unit_is_under_the_body():
    g = build_pages({"u.txt": "省统计局召开会议\n\n本报讯 省统计局召开会议。省统计局数据中心介绍平台用法。\n"})
    assert g.has(g.node("省统计局数据中心"), GOVKG.subOrganizationOf, g.node("省统计局"))


def test_a_zone_not_named_a_district_is_not_what_the_prefix_qu_means():
    page = ("区政协走访企业\n\n本报讯 区政协主席王立新一行来到青禾临港产业城，走访了青禾机械有限公司。"
            "区领导李东升参加相关活动。\n")
    g = build_pages({"p.txt": page})
    zone = g.node("青禾临港产业城", GOVKG.Area)
    assert "全区" not in g.po[zone][str(SKOS.altLabel)]
    posts = {o for po in g.po.values() if str(ORG.member) in po for o in po[str(ORG.organization)]}
    assert zone not in posts                        # 区领导 is the unnamed district's, not the 产业城's


def test_a_street_office_and_its_street_name_are_one_node():
    g = build_pages({"s.txt": "区长到青禾街调研\n\n本报讯 区长李明到青禾街调研。青禾街办事处主任王立新汇报工作。\n"})
    assert g.node("青禾街") == g.node("青禾街办事处")


def test_the_organizer_of_a_meeting_is_not_also_its_attendee():
    page = ("东湖区人大常委会召开会议\n\n本报讯 8月3日，东湖区人大常委会第十次会议召开。"
            "区人大常委会组成人员20人出席会议。区人大常委会主任李明主持会议。\n")
    g = build_pages({"m.txt": page})
    congress = g.node("东湖区人大常委会")
    (event,) = [n for n, po in g.po.items() if congress in po[str(GOVKG.organizer)]]
    assert congress not in g.po[event][str(GOVKG.attendee)]


def test_a_named_parks_management_committee_is_not_a_department_of_the_district():
    page = ("金水区召开座谈会\n\n本报讯 金水区召开座谈会。青禾科技园管委会、区发改委负责人发言。\n")
    g = build_pages({"p.txt": page})
    area = g.node("金水区", GOVKG.Area)
    committee = g.node("青禾科技园管委会")
    assert not g.has(committee, GOVKG.subOrganizationOf, area)
    assert g.has(g.node("区发改委"), GOVKG.subOrganizationOf, area)
