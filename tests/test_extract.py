"""Stage 4: extraction rules, each tested on sentences written for the test (not taken from the seeds)."""
from __future__ import annotations

import pytest

from kg.model import Page
from kg.pipeline import process_page


def run(text: str):
    page = process_page(Page(path="t.txt", raw=text))
    mentions = [m for a in page.articles for m in a.mentions]
    posts = [(p.person.text, p.title, p.org.label if p.org else None) for a in page.articles for p in a.posts]
    rels = [(r.subject.label, r.predicate, r.object.label) for a in page.articles for r in a.relations]
    events = [e for a in page.articles for e in a.events]
    return page, mentions, posts, rels, events


def names(mentions, kind):
    return [m.label for m in mentions if m.kind == kind]


# ------------------------------------------------------------------ people and posts

def test_title_then_name_with_organ():
    _, m, posts, _, _ = run("本报讯 近日，西城区委书记欧阳明出席会议并讲话。")
    assert "欧阳明" in names(m, "Person")
    assert ("欧阳明", "书记", "西城区委") in posts


def test_chain_of_titles_gives_two_posts():
    _, _, posts, _, _ = run("本报讯 市交通局党组书记、局长秦卫国主持会议。")
    assert ("秦卫国", "党组书记", "市交通局") in posts
    assert ("秦卫国", "局长", "市交通局") in posts


def test_area_head_title_belongs_to_the_area():
    _, _, posts, _, _ = run("本报讯 东湖县委副书记、县长皇甫云主持会议。")
    assert ("皇甫云", "副书记", "东湖县委") in posts
    assert any(p[0] == "皇甫云" and p[1] == "县长" for p in posts)


def test_one_title_over_a_list_of_names():
    _, m, posts, _, _ = run("本报讯 市财政局副局长马小红、牛大力、司马光参加活动。")
    assert {"马小红", "牛大力", "司马光"} <= set(names(m, "Person"))
    assert sum(1 for p in posts if p[1] == "副局长") == 3


def test_collective_leader_title():
    _, m, posts, _, _ = run("本报讯 5月8日，某区召开会议。区领导赵一鸣、钱多多参加会议。")
    assert {("赵一鸣", "区领导"), ("钱多多", "区领导")} <= {(p[0], p[1]) for p in posts}


def test_name_before_title_and_later_mention():
    _, m, _, _, _ = run("本报讯 区委书记孔令辉到企业调研。孔令辉强调，要优化服务。黄建业局长陪同。")
    people = names(m, "Person")
    assert people.count("孔令辉") == 2 and "黄建业" in people


def test_two_character_name_before_a_role_verb():
    _, m, _, _, _ = run("本报讯 区委书记虎强出席会议。")
    assert "虎强" in names(m, "Person")


# ------------------------------------------------------------------ organisations, areas

@pytest.mark.parametrize("sentence,expected,kind", [
    ("本报讯 近日，经开区市场监管分局开展检查。", "经开区市场监管分局", "GovernmentBody"),
    ("本报讯 区行政审批和政务服务管理局推出新举措。", "区行政审批和政务服务管理局", "GovernmentBody"),
    ("本报讯 北山湖园区管委会主任田野陪同。", "北山湖园区管委会", "GovernmentBody"),
    ("本报讯 帮助河南某某新材料科技有限公司解决难题。", "河南某某新材料科技有限公司", "Enterprise"),
    ("本报讯 中州理工大学科技园举办活动。", "中州理工大学科技园", "Institution"),
    ("本报讯 指导青松食品等3家公司开展审核。", "青松食品", "Enterprise"),
    # a unit printed straight after its body's name is a body; a town's 企业服务中心 is one too
    ("本报讯 省统计局数据中心介绍平台用法。", "省统计局数据中心", "GovernmentBody"),
    ("本报讯 镇企业服务中心主任王立新介绍情况。", "镇企业服务中心", "GovernmentBody"),
])
def test_organisations_by_suffix(sentence, expected, kind):
    _, m, _, _, _ = run(sentence)
    assert expected in names(m, kind)


def test_a_unit_word_alone_is_no_body():
    _, m, _, _, _ = run("本报讯 小区新建了信息中心和数据中心。")
    assert not names(m, "GovernmentBody")


def test_generic_organ_words_are_not_bodies():
    _, m, _, _, _ = run("本报讯 相关部门要顾全大局，各级党委要马上办、认真办。")
    assert names(m, "GovernmentBody") == []


def test_divisions_and_zones_are_areas():
    _, m, _, _, _ = run("本报讯 郑州经开区与管城回族区、青山镇签订协议。")
    areas = names(m, "Area")
    assert "郑州经开区" in areas and "管城回族区" in areas and "青山镇" in areas


@pytest.mark.parametrize("sentence, kind, expected", [
    # a one-character stem before a one-character suffix is a common noun (大厂, 药厂)
    ("本报讯 调研组走访了大厂和药厂，又到新华机械厂了解生产情况。", "Enterprise", ["新华机械厂"]),
    # a category word before a unit word is no area (产业社区)
    ("本报讯 各地加快建设产业社区，青山镇积极参与。", "Area", ["青山镇"]),
    # the governments of several places are no one body (两地政府, 各地政府)
    ("本报讯 两地政府签订协议，各地政府积极响应。东湖区政府参加。", "GovernmentBody", ["东湖区政府"]),
])
def test_generic_words_before_a_suffix_are_no_names(sentence, kind, expected):
    _, m, _, _, _ = run(sentence)
    assert names(m, kind) == expected


def test_resort_zones_and_industry_cities_are_zones():
    _, m, _, _, _ = run("本报讯 青峰湖旅游度假区与云台临港产业城签订合作协议。")
    areas = names(m, "Area")
    assert "青峰湖旅游度假区" in areas and "云台临港产业城" in areas


def test_an_adverb_after_a_title_is_no_name():
    _, m, posts, _, _ = run("本报讯 会上，县长殷切希望大家再接再厉，县长王建军要求抓好落实。")
    assert names(m, "Person") == ["王建军"] and [p[0] for p in posts] == ["王建军"]


def test_a_numbered_group_of_counties_is_not_one_area():
    _, m, _, _, _ = run("本报讯 东两县与滨江县、安平县签订协作协议。")
    areas = names(m, "Area")
    assert "东两县" not in areas and "滨江县" in areas


# ------------------------------------------------------------------ campaigns and documents

def test_quoted_campaigns_with_suffix_or_verb():
    _, m, _, _, _ = run("本报讯 某局深入开展“百企帮百村”活动，深化“放管服”改革，推进“一窗受理”。")
    camps = names(m, "Campaign")
    assert {"百企帮百村", "放管服", "一窗受理"} <= set(camps)


def test_slogans_are_not_campaigns():
    _, m, _, _, _ = run("本报讯 要把企业需求作为“第一信号”，解决群众“急难愁盼”问题，打好“组合拳”。")
    assert names(m, "Campaign") == []


def test_a_quoted_list_shares_its_trailing_activity_word():
    _, m, _, _, _ = run("本报讯 园区组织“学雷锋做好事”“文明过马路”等文明实践活动。")
    assert {"学雷锋做好事", "文明过马路"} <= set(names(m, "Campaign"))


def test_unquoted_campaign_after_a_conduct_verb():
    _, m, _, _, _ = run("本报讯 全镇开展清洁庭院活动，深入实施乡村振兴战略。")
    camps = names(m, "Campaign")
    assert "清洁庭院活动" in camps and "乡村振兴战略" in camps


def test_documents_in_book_title_marks():
    _, m, _, rels, _ = run("本报讯 区政府印发《关于支持小微企业发展的若干措施》。")
    assert "关于支持小微企业发展的若干措施" in names(m, "Document")
    assert ("区政府", "issued", "关于支持小微企业发展的若干措施") in rels


# ------------------------------------------------------------------ relations

def test_conducts_uses_the_clause_subject():
    _, _, _, rels, _ = run("本报讯 某县税务局今年以来积极开展“春风行动”，帮助企业纾困。")
    assert ("某县税务局", "conducts", "春风行动") in rels


def test_serves_needs_a_serve_verb_and_a_company():
    _, _, _, rels, _ = run("本报讯 区发改委主动走访青禾农业科技有限公司，帮助解决用地难题。")
    assert ("区发改委", "serves", "青禾农业科技有限公司") in rels


def test_banner_from_company_to_bureau():
    _, _, _, rels, events = run("本报讯 8月5日，某市永兴建材有限公司负责人将一面锦旗送到市住建局，感谢贴心服务。")
    assert ("某市永兴建材有限公司", "gaveBannerTo", "市住建局") in rels
    award = [e for e in events if e.kind == "Award"][0]
    roles = {(r, m.label) for r, m in award.roles}
    assert ("giver", "某市永兴建材有限公司") in roles and ("target", "市住建局") in roles


# ------------------------------------------------------------------ events

def test_meeting_with_date_organizer_and_roles():
    text = ("本报讯 6月2日下午，东湖县召开2021年安全生产工作会议。县委书记欧阳明出席会议并讲话，"
            "县委副书记、县长皇甫云主持。县应急局、县交通局作表态发言。")
    _, _, _, _, events = run(text)
    meeting = [e for e in events if e.kind == "Meeting"]
    assert len(meeting) == 1
    ev = meeting[0]
    assert ev.date_text == "6月2日下午" and ev.date == ""
    roles = {(r, m.label) for r, m in ev.roles}
    assert ("organizer", "东湖县") in roles
    assert {("attendee", "欧阳明"), ("speaker", "欧阳明"), ("chair", "皇甫云")} <= roles
    assert {("speaker", "县应急局"), ("speaker", "县交通局")} <= roles


def test_year_makes_an_iso_date():
    _, _, _, _, events = run("本报讯 2021年6月2日，东湖县召开安全生产工作会议。县委书记欧阳明出席会议。")
    assert events and events[0].date == "2021-06-02"


def test_inspection_led_by_an_official():
    _, _, _, _, events = run("本报讯 3月9日，西城区委书记欧阳明带队督导“两违”整治工作。")
    ev = [e for e in events if e.kind == "Inspection"][0]
    assert ("leader", "欧阳明") in {(r, m.label) for r, m in ev.roles}


def test_statistics_are_not_events():
    _, _, _, _, events = run("本报讯 今年以来，某局组织走访企业300余家，解决问题80个。")
    assert events == []


def test_unrecognised_items_of_a_homogeneous_list_take_its_kind():
    _, m, _, _, _ = run("本报讯 加快东方大学科技园、西湖产业园、青云智谷、南山研究院四个平台建设。")
    assert "青云智谷" in names(m, "Institution")


def test_mixed_lists_are_left_alone():
    _, m, _, _, _ = run("本报讯 区财政局、青云智谷、南山研究院参加。")
    assert "青云智谷" not in names(m, "Institution") + names(m, "GovernmentBody")


def test_successive_visits_are_separate_events():
    _, _, _, _, events = run("本报讯 日前，东方财经学院先后赴青禾农业科技有限公司、远航物流股份有限公司开展校企对接。")
    visits = [e for e in events if e.kind == "Visit"]
    assert len(visits) == 2
    assert {m.label for e in visits for r, m in e.roles if r == "target"} == {"青禾农业科技有限公司", "远航物流股份有限公司"}


def test_events_of_a_series_are_part_of_it():
    text = ("本报讯 近日，某区组织开展了“惠企政策进园区”系列活动。"
            "5月6日，某区召开银企对接会，区金融局负责人出席会议。")
    _, _, _, _, events = run(text)
    meeting = [e for e in events if e.kind == "Meeting"][0]
    assert [c.label for c in meeting.campaigns] == ["惠企政策进园区"]


def test_titles_joined_by_jian_and_section_offices():
    _, _, posts, _, _ = run("本报讯 省交通运输厅公路管理处一级调研员陈立、省规划设计总院总工程师兼交通院院长郭明出席。")
    assert ("陈立", "一级调研员", "省交通运输厅公路管理处") in posts
    assert ("郭明", "院长", "交通院") in posts


def test_a_title_without_a_named_organisation_gives_no_post():
    _, m, posts, _, _ = run("本报讯 座谈会上，科长刘青发言。")
    assert "刘青" in names(m, "Person") and posts == []


def test_banner_quote_with_commas_inside():
    _, _, _, rels, _ = run("本报讯 8月3日，远山置业有限公司负责人将一面写着“尽心尽责，为企业解难”的锦旗送到市住建局。")
    assert ("远山置业有限公司", "gaveBannerTo", "市住建局") in rels


def test_common_words_ending_like_roads_are_not_places():
    _, m, _, _, _ = run("本报讯 清理道路积尘，疏通社区下水道，打开思路，沿解放路、塔北路巡查。")
    places = names(m, "Place")
    assert "解放路" in places and "塔北路" in places
    assert not any(p.endswith(("道路", "思路")) for p in places)
    assert "疏通社区" not in names(m, "Area")


def test_task_forces_run_the_campaign_they_are_named_after():
    _, m, _, rels, _ = run("本报讯 东湖县成立乡村振兴工作领导小组，统筹推进各项工作。")
    assert "乡村振兴" in names(m, "Campaign")
    assert ("东湖县乡村振兴工作领导小组", "conducts", "乡村振兴") in rels or \
        any(r[1] == "conducts" and r[2] == "乡村振兴" and r[0].endswith("领导小组") for r in rels)


def test_parallel_quoted_clauses_share_the_campaign_word():
    _, m, _, _, _ = run("本报讯 线上“掌上办”，线下“就近跑”，现场“一次成”改革有序推进。")
    assert {"掌上办", "就近跑", "一次成"} <= set(names(m, "Campaign"))


def test_units_and_verbs_before_titles_are_not_people():
    _, m, _, _, _ = run("本报讯 区发改局等单位负责人参加。要夯实专班专责，参观产品展厅。")
    assert "单位" not in names(m, "Person")
    assert names(m, "GovernmentBody") == ["区发改局"]


def test_companies_do_not_conduct_public_campaigns():
    _, _, _, rels, _ = run("本报讯 东湖县商务局组织恒达商贸有限公司开展“诚信经营”活动。")
    conductors = {r[0] for r in rels if r[1] == "conducts"}
    assert "东湖县商务局" in conductors and "恒达商贸有限公司" not in conductors


def test_party_committee_inside_a_title_word():
    _, _, posts, _, _ = run("本报讯 青山镇党委书记、镇长刘小兵介绍情况。")
    assert ("刘小兵", "书记", "青山镇党委") in posts


def test_the_person_not_the_body_in_the_title_is_the_subject():
    _, _, _, _, events = run("本报讯 5月10日，市委常委、常务副市长李建国到恒通机械有限公司调研。")
    roles = {(r, m.label) for e in events for r, m in e.roles}
    assert ("organizer", "市委") not in roles
    assert ("target", "恒通机械有限公司") in roles


def test_a_named_initiative_as_the_subject_of_its_clause():
    _, m, _, _, _ = run("本报讯 “幸福食堂”进一步走深走实。“智慧社区”让居民办事更方便。“四害”孳生地治理有序推进。")
    camps = set(names(m, "Campaign"))
    assert {"幸福食堂", "智慧社区"} <= camps and "四害" not in camps


def test_banner_given_by_the_company_of_the_previous_clause():
    _, _, _, rels, events = run("本报讯 8月30日上午，某区政协主席王大明带领远山置业有限公司有关负责人，"
                                 "将一面写着“心系企业；排忧解难”的锦旗送到市住建局。")
    assert ("远山置业有限公司", "gaveBannerTo", "市住建局") in rels
    assert len([e for e in events if e.kind == "Award"]) == 1


def test_a_tally_of_banners_is_not_an_award_event():
    _, _, _, _, events = run("本报讯 仅8月份，市住建局就接连收到企业赠送六面锦旗。")
    assert [e for e in events if e.kind == "Award"] == []


def test_programmes_named_x_work_and_level_lists():
    _, m, _, _, _ = run("本报讯 全面深化卫生城市创建工作，做好资料申报工作，落实国家、省、市中小企业纾困帮扶机制。")
    camps = set(names(m, "Campaign"))
    assert "卫生城市创建工作" in camps and "中小企业纾困帮扶机制" in camps
    assert not any("资料申报" in c for c in camps)


def test_an_inspection_an_actor_carries_out_and_delegations():
    _, _, _, _, events = run("本报讯 9月以来，区纪委开展巡察工作。会上，东方学院一行表示欢迎，学院党委领导简要介绍了情况。")
    kinds = [e.kind for e in events]
    assert "Inspection" in kinds
    _, _, _, _, events = run("本报讯 近日，某局组织走访企业260余家，开展检查30次。")
    assert events == []


def test_counted_companies_and_verbs_ending_like_offices():
    _, m, _, _, _ = run("本报讯 依法取缔4家液化气公司，我市依法查处违法行为，注重细微之处。")
    assert names(m, "Enterprise") == [] and names(m, "GovernmentBody") == []


def test_inspection_stops_join_the_inspection_and_a_person_leads_it():
    text = ("本报讯 9月28日，西岭镇党委副书记、镇长卢建平带领镇安监站负责人，深入辖区企业开展安全生产大检查。"
            "检查组先后来到金鼎建材有限公司、百汇超市等地，查看消防设施。")
    _, m, posts, _, events = run(text)
    assert "镇安监站" in names(m, "GovernmentBody")
    ins = [e for e in events if e.kind == "Inspection"]
    assert len(ins) == 1 and not [e for e in events if e.kind == "Visit"]
    roles = {(r, x.label) for r, x in ins[0].roles}
    assert ("leader", "卢建平") in roles
    assert {("target", "金鼎建材有限公司"), ("target", "百汇超市")} <= roles


def test_training_named_with_its_year_not_inside_an_institution_name():
    _, m, _, _, events = run("本报讯 10月15日，区人社局在区职业技能培训中心举办2023年第三期创业培训班。")
    assert "区职业技能培训中心" in names(m, "Institution")
    assert [e.name for e in events if e.kind == "Training"] == ["区人社局2023年第三期创业培训班"]


def test_a_remark_in_brackets_between_title_and_name():
    _, _, posts, _, _ = run("本报讯 新区党工委副书记、管委会副主任（主持工作）程浩牵头协调。")
    assert ("程浩", "副书记", "新区党工委") in posts and ("程浩", "副主任", "新区管委会") in posts


def test_dateline_place_is_not_the_actor_and_causatives():
    text = ("本报洛阳讯（记者 闻雅）连日来，洛南新区管委会组织新区经发局等部门走访企业。"
            "10月8日，管委会副主任程浩带队到洛阳中重自动化工程有限责任公司现场办公。")
    _, _, _, rels, events = run(text)
    roles = {(r, m.label) for e in events for r, m in e.roles}
    assert ("organizer", "洛阳") not in roles and ("organizer", "新区经发局") not in roles
    assert ("target", "洛阳中重自动化工程有限责任公司") in roles


@pytest.mark.parametrize("text, stems", [
    ("本报讯 东湖县政协一行来到金水区调研。据介绍，东湖与金水毗邻。推动金水高质量发展。", {("金水", "金水区")}),
    ("本报讯 和平区召开会议。坚持和平发展，维护和平。", set()),             # an ordinary word stays one
    ("本报讯 推动金水高质量发展。", set()),                               # no full form in the article
    ("本报讯 金水区召开会议。金水河综合治理推进。", set()),                # inside a longer word
])
def test_a_district_named_in_full_and_then_by_its_stem(text, stems):
    page = process_page(Page(path="t.txt", raw=text))
    got = {(m.text, m.name) for a in page.articles for m in a.mentions if m.kind == "Area" and m.name}
    assert got == stems, got


@pytest.mark.parametrize("text, expected", [
    ("本报讯 区长李明为5家物流企业授牌。它们分别是青禾物流、快跑、小蜂快运、云来送、橙子到家。",
     {"青禾物流", "快跑", "小蜂快运", "云来送", "橙子到家"}),
    ("本报讯 全区共有3家企业获奖，分别是甲乙科技、丙丁公司和戊己集团。", {"甲乙科技", "丙丁公司", "戊己集团"}),
    ("本报讯 全区共有3家企业获奖，分别是甲乙科技、丙丁公司。", {"丙丁公司"}),      # the count must match
])
def test_the_names_a_count_of_businesses_lists_are_enterprises(text, expected):
    _, m, _, _, _ = run(text)
    assert set(names(m, "Enterprise")) == expected
