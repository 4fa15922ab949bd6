"""Event frames at work: each construction with its own example table (sentences written for the test,
invented names; none is taken from the seeds or the real articles)."""
from __future__ import annotations

import pytest

from kg.model import Page
from kg.pipeline import process_page


def run(text: str):
    page = process_page(Page(path="t.txt", raw=text))
    events = [e for a in page.articles for e in a.events]
    rels = {(r.subject.label, r.predicate, r.object.label) for a in page.articles for r in a.relations}
    return events, rels


def roles(ev) -> set[tuple[str, str]]:
    return {(r, m.label) for r, m in ev.roles}


def all_roles(events) -> set[tuple[str, str]]:
    return {(r, m.label) for e in events for r, m in e.roles}


def of_kind(events, kind):
    return [e for e in events if e.kind == kind]


# ------------------------------------------------------------------ one event per happening

@pytest.mark.parametrize("text, kinds", [
    # two words for one activity
    ("本报讯 5月6日，区长欧阳明到青禾农业科技有限公司走访调研。", ["Visit"]),
    ("本报讯 5月6日，区长欧阳明到青禾农业科技有限公司检查督导安全生产。", ["Inspection"]),
    # a training word that names a meeting's subject is part of the meeting noun
    ("本报讯 5月6日，全县应急演练工作部署会召开。县委书记欧阳明出席会议并讲话。", ["Meeting"]),
    # an inspection and the meeting after it are two happenings
    ("本报讯 5月6日，区长欧阳明深入青禾农业科技有限公司调研，并主持召开全区重点项目调度会。", ["Inspection", "Meeting"]),
])
def test_one_event_per_happening(text, kinds):
    events, _ = run(text)
    assert sorted(e.kind for e in events) == sorted(kinds)


@pytest.mark.parametrize("text", [
    "本报讯 今年以来，某局组织走访企业300余家，解决问题80个。",                       # a tally
    "本报讯 区人大代表走访联系户工作自今年3月1日开始，将历时一个月。",                   # a programme
    "本报讯 5月6日，县长欧阳明强调，要加强干部培训，做好企业走访。",                   # a call, not a report
    "本报讯 欧阳明充分肯定了近年来全县干部培训质量的提升。",                            # a training nobody holds
])
def test_counts_programmes_and_calls_are_not_happenings(text):
    events, _ = run(text)
    assert events == []


def test_going_to_a_unit_to_inspect_it_is_one_event():
    events, _ = run("本报讯 3月16日，区长欧阳明来到南山机械有限公司调研。")
    assert [e.kind for e in events] == ["Inspection"]
    assert ("target", "南山机械有限公司") in roles(events[0])


def test_during_the_activity_refers_to_it():
    text = ("本报讯 3月5日，区政协主席欧阳明走访调研青禾农业科技有限公司。"
            "调研中，欧阳明强调，要主动靠前服务。")
    events, _ = run(text)
    assert len(events) == 1 and ("speaker", "欧阳明") in roles(events[0])


def test_a_meeting_the_activitys_clause_named_is_that_activity():
    text = ("本报讯 5月6日，青山县政协主席欧阳明一行来到东湖区，围绕产业协作进行调研和座谈交流。"
            "座谈会由东湖区政协主席林志远主持。")
    events, _ = run(text)
    assert len(events) == 1
    assert {("chair", "林志远")} <= roles(events[0])
    # without the meeting in the activity's clause, the meeting is a happening of its own
    events, _ = run(text.replace("进行调研和座谈交流", "进行调研"))
    assert len(events) == 2


def test_a_delegation_led_to_named_areas_is_a_visit():
    events, _ = run("本报讯 4月3日，东湖区政协主席欧阳明带队调研组赴青山镇、白水镇，启动年度协商议事工作。")
    assert len(events) == 1
    assert {("target", "青山镇"), ("target", "白水镇"), ("leader", "欧阳明")} <= roles(events[0])
    # an activity told after the areas is the event (one, not two)
    events, _ = run("本报讯 4月3日，东湖区区长欧阳明带队赴青山镇、白水镇，调研乡村振兴工作。")
    assert len(events) == 1 and events[0].kind == "Inspection"
    # going somewhere without leading anyone there is no visit by itself
    events, _ = run("本报讯 4月3日，欧阳明赴青山镇参加会议。")
    assert not any(("target", "青山镇") in roles(e) for e in events)


def test_a_new_part_of_the_day_is_a_new_happening():
    text = ("本报讯 5月6日，市政协调研组赴东湖镇开展调研。\n"
            "上午，在东湖镇恳谈会上，镇长欧阳明表示欢迎。\n"
            "下午，在西湖镇恳谈会上，镇长皇甫云表示欢迎。")
    events, _ = run(text)
    meetings = of_kind(events, "Meeting")
    assert len(meetings) == 2
    assert [("speaker", "欧阳明"), ("host", "欧阳明")] == sorted(roles(meetings[0]), reverse=True)


# ------------------------------------------------------------------ how a meeting is told

@pytest.mark.parametrize("text, name, role", [
    ("本报讯 5月6日，全县安全生产工作会议在县政府召开。县长欧阳明出席会议。", "全县安全生产工作会议", ("attendee", "欧阳明")),
    ("本报讯 5月6日，东湖区科技创新表彰大会隆重召开。区长欧阳明出席。", "东湖区科技创新表彰大会", ("organizer", "东湖区")),
    # a meeting noun that is no trigger word, governed by a convening verb
    ("本报讯 5月6日，东湖街道召开“邻里议事”恳谈会。街道党工委书记欧阳明主持。", "“邻里议事”恳谈会", ("chair", "欧阳明")),
])
def test_meetings_told_in_their_own_clause(text, name, role):
    events, _ = run(text)
    meeting = of_kind(events, "Meeting")[0]
    assert name in meeting.name and role in roles(meeting)


@pytest.mark.parametrize("text, kind", [
    ("本报讯 5月6日，区长欧阳明主持召开区政府办公会，研究重点项目建设。", "Meeting"),
    ("本报讯 5月6日，县委书记欧阳明带队开展重点项目观摩拉练。", "Inspection"),
    ("本报讯 5月6日，县委书记欧阳明到县信访局接访群众。", "Visit"),
])
def test_more_event_words(text, kind):
    events, _ = run(text)
    assert [e.kind for e in events] == [kind]


def test_the_chair_who_convenes_is_the_organizer():
    events, _ = run("本报讯 5月6日，区长欧阳明主持召开全区重点项目调度会。")
    assert {("organizer", "欧阳明"), ("chair", "欧阳明")} <= roles(of_kind(events, "Meeting")[0])
    # also when the meeting follows another activity of the day
    events, _ = run("本报讯 5月6日，区长欧阳明深入青禾农业科技有限公司调研，并主持召开全区重点项目调度会。")
    assert {("organizer", "欧阳明"), ("chair", "欧阳明")} <= roles(of_kind(events, "Meeting")[0])


def test_organ_at_whose_seat_a_meeting_is_convened_hosts_it():
    events, _ = run("本报讯 5月6日，市政协调研组一行到东湖区调研。随后在东湖区商务局召开恳谈会，商户代表参加。")
    assert ("host", "东湖区商务局") in roles(of_kind(events, "Meeting")[0])


def test_a_meeting_held_after_is_the_one_reported():
    text = ("本报讯 5月6日，区长欧阳明主持召开全区重点项目调度会。"
            "在随后举行的全区重点项目调度会上，区发改委作了汇报。")
    events, _ = run(text)
    assert len(of_kind(events, "Meeting")) == 1
    assert ("speaker", "区发改委") in roles(of_kind(events, "Meeting")[0])


# ------------------------------------------------------------------ roles

@pytest.mark.parametrize("text, expected", [
    # 陪同 on the receiving side of a delegation: host; with one's own staff: attendee
    ("本报讯 5月6日，市政协副主席欧阳明一行莅临东湖区调研青禾农业科技有限公司。区长皇甫云陪同调研。",
     {("leader", "欧阳明"), ("host", "皇甫云")}),
    ("本报讯 5月6日，区长欧阳明到青禾农业科技有限公司调研。副区长皇甫云陪同调研。",
     {("leader", "欧阳明"), ("attendee", "皇甫云")}),
    # the one who welcomes the visitors speaks and hosts
    ("本报讯 5月6日，市政协考察团一行来到东湖镇开展考察。在东湖镇恳谈会上，镇长李建国对考察团的到来表示欢迎。",
     {("speaker", "李建国"), ("host", "李建国")}),
])
def test_roles_on_both_sides_of_a_visit(text, expected):
    events, _ = run(text)
    assert expected <= all_roles(events)


@pytest.mark.parametrize("text, expected", [
    # officials in comma-separated clauses of title + name share the last one's verb
    ("本报讯 5月6日，东湖县召开安全生产工作会议。县委常委、常务副县长欧阳明，副县长皇甫云，县政协副主席司马光参加会议。",
     {("attendee", "欧阳明"), ("attendee", "皇甫云"), ("attendee", "司马光")}),
    # bodies whose staff take part stand for their staff, a last 和 included
    ("本报讯 5月6日，区长欧阳明到青禾农业科技有限公司调研。区发改委、区财政局和区商务局主要负责同志陪同。",
     {("attendee", "区发改委"), ("attendee", "区财政局"), ("attendee", "区商务局")}),
    ("本报讯 5月6日，区长欧阳明到青禾农业科技有限公司调研。区发改委、财政局等部门负责人参加。",
     {("attendee", "区发改委"), ("attendee", "财政局")}),
    # a person and others: the verb after the others is the person's too
    ("本报讯 5月6日，东湖书画协会召开恳谈会。协会会长李建国以及其他会员单位代表等参加本次活动。",
     {("attendee", "李建国")}),
    # those whose report is heard speak
    ("本报讯 5月6日，区长欧阳明到东湖镇调研，听取了东湖镇政府、区农业农村局关于乡村产业的汇报。",
     {("speaker", "东湖镇政府"), ("speaker", "区农业农村局")}),
    # a title between the 、 and the next name; a title after 和
    ("本报讯 5月6日，东湖县召开安全生产工作会议。县委书记欧阳明、县长皇甫云参加会议。",
     {("attendee", "欧阳明"), ("attendee", "皇甫云")}),
    ("本报讯 5月6日，市长欧阳明到青禾农业科技有限公司调研。副市长皇甫云和秘书长司马光一同调研。",
     {("attendee", "皇甫云"), ("attendee", "司马光")}),
    # a title after the name; "及各……" others
    ("本报讯 1月8日，东湖街道召开“邻里议事”恳谈会。街道党工委书记欧阳明、街道办事处副主任皇甫云、司马光及各社区负责人"
     "及居民代表30余人出席了会议。皇甫云主任首先介绍了议事规则。",
     {("attendee", "欧阳明"), ("attendee", "皇甫云"), ("attendee", "司马光"), ("speaker", "皇甫云")}),
    # speech verbs after the event is told
    ("本报讯 5月6日，东湖县召开安全生产工作会议。县委书记欧阳明出席。欧阳明强调，要压实责任。",
     {("attendee", "欧阳明"), ("speaker", "欧阳明")}),
])
def test_attendee_lists_and_speakers(text, expected):
    events, _ = run(text)
    assert expected <= all_roles(events)


def test_the_subject_welcomes_however_long_the_object():
    text = ("本报讯 近日，东湖区举办产学研合作对接会。会上，东湖区科技局负责人代表东湖区对南山理工学院一行"
            "来东湖区开展产学研合作表示欢迎。")
    events, _ = run(text)
    assert {("speaker", "东湖区科技局"), ("host", "东湖区科技局")} <= all_roles(events)


def test_a_role_word_after_another_actor_is_that_actors():
    events, _ = run("本报讯 5月6日，省政协副主席欧阳明一行莅临东湖区考察。区长李建国对欧阳明一行的到来表示热烈欢迎。")
    assert ("leader", "李建国") not in all_roles(events)
    assert {("leader", "欧阳明"), ("host", "李建国"), ("speaker", "李建国")} <= all_roles(events)


def test_a_meeting_told_as_held_opens_one():
    text = ("本报讯 5月6日，市长欧阳明到东湖区调研。"
            "在随后举行的恳谈会上，欧阳明听取了东湖区政府关于项目建设的汇报。")
    events, _ = run(text)
    meeting = of_kind(events, "Meeting")
    assert len(meeting) == 1 and ("speaker", "东湖区政府") in roles(meeting[0])


def test_a_speech_named_as_a_noun_is_no_role():
    events, _ = run("本报讯 5月6日，东湖县召开安全生产工作会议。会议传达学习了欧阳明同志关于安全生产的重要讲话精神。")
    assert ("speaker", "欧阳明") not in all_roles(events)


def test_an_area_is_not_heard_speaking():
    events, _ = run("本报讯 5月6日，东湖县召开安全生产工作会议。全县表示，要压实责任。")
    assert not any(r == "speaker" for r, _ in all_roles(events))


# ------------------------------------------------------------------ visits to several units

@pytest.mark.parametrize("text", [
    "本报讯 5月6日，区长欧阳明到东湖镇调研。欧阳明先后来到青禾农业科技有限公司、远航物流股份有限公司和南山机械有限公司。",
    "本报讯 5月6日，区长欧阳明走访了青禾农业科技有限公司、远航物流股份有限公司和南山机械有限公司。",
    "本报讯 5月6日，区长欧阳明到东湖镇考察。欧阳明一行先后参观了青禾农业科技有限公司、远航物流股份有限公司和南山机械有限公司。",
    "本报讯 5月6日，区长欧阳明到东湖镇检查复工情况。在青禾农业科技有限公司，欧阳明查看了车间。"
    "随后，欧阳明来到远航物流股份有限公司、南山机械有限公司。",
])
def test_each_enterprise_of_a_series_of_visits_is_a_target_and_is_served(text):
    events, rels = run(text)
    companies = {"青禾农业科技有限公司", "远航物流股份有限公司", "南山机械有限公司"}
    assert {("target", c) for c in companies} <= all_roles(events)
    assert {("欧阳明", "serves", c) for c in companies} <= rels


def test_the_unit_where_an_activity_takes_place_is_its_target():
    events, _ = run("本报讯 5月6日，副市长欧阳明在青禾农业科技有限公司调研时强调，要抓好安全生产。")
    assert ("target", "青禾农业科技有限公司") in all_roles(events)


def test_the_escort_and_an_unnamed_subject_serve_no_one():
    text = ("本报讯 5月6日，市人大调研组到东湖镇开展调研。副镇长李建国介绍了情况。"
            "会后，在李建国等陪同下，调研组成员察看了青禾农业科技有限公司。")
    events, rels = run(text)
    assert ("target", "青禾农业科技有限公司") in all_roles(events)
    assert ("host", "李建国") in all_roles(events)
    assert not any(p == "serves" and s == "李建国" for s, p, _ in rels)


def test_an_area_before_generic_units_only_locates_them():
    events, _ = run("本报讯 5月6日，区长欧阳明深入东湖区多家商贸企业调研。")
    assert ("target", "东湖区") not in all_roles(events)


# ------------------------------------------------------------------ a new kind is one frame

def test_an_official_receiving_visitors_hosts_them():
    events, _ = run("本报讯 5月8日，区长李建国会见了远航新材料股份有限公司董事长王立新一行。副区长赵小明参加会见。")
    assert {("host", "李建国"), ("attendee", "远航新材料股份有限公司"), ("attendee", "赵小明")} <= all_roles(events)
    assert [e.frame for e in events] == ["Reception"] and events[0].kind == "Meeting"


def test_a_presentation_has_a_giver_and_its_receivers():
    events, _ = run("本报讯 6月2日，街道办事处主任李建国为青禾快递有限公司、远航外卖有限公司代表授旗。")
    award = [e for e in events if e.kind == "Award"]
    assert award and {("giver", "李建国"), ("target", "青禾快递有限公司"), ("target", "远航外卖有限公司")} <= roles(award[0])


def test_ceremonies_are_events_of_the_ceremony_frame():
    events, _ = run("本报讯 5月6日，东湖街道举行防溺水宣传志愿队授旗仪式，街道办事处主任欧阳明为志愿队授旗。")
    ceremony = [e for e in events if e.kind == "Event"]
    assert ceremony and ("giver", "欧阳明") in roles(ceremony[0])


def test_the_opening_ceremony_of_a_training_is_the_training():
    events, _ = run("本报讯 7月3日，区人社局举办2023年第二期创业培训班。区人社局副局长王立新出席开班仪式并讲话。")
    assert [e.kind for e in events] == ["Training"]
    assert {("organizer", "区人社局"), ("speaker", "王立新")} <= roles(events[0])


# ------------------------------------------------------------------ dates and names

@pytest.mark.parametrize("text, date_text, iso", [
    ("本报讯 5月6日下午，东湖县召开安全生产工作会议。县长欧阳明出席。", "5月6日下午", ""),
    ("本报讯 2022年5月6日，东湖县召开安全生产工作会议。县长欧阳明出席。", "2022年5月6日", "2022-05-06"),
    # the lead's date is the date of an event told later without one
    ("本报讯 5月6日，区长欧阳明到东湖镇调研。当天，欧阳明还主持召开了安全生产工作会议。", "5月6日", ""),
])
def test_event_dates_come_from_their_sentence_or_the_lead(text, date_text, iso):
    events, _ = run(text)
    assert events and all(e.date_text == date_text and e.date == iso for e in events)


def test_a_period_date_is_not_a_happening_date():
    events, _ = run("本报讯 5月6日，区长欧阳明到东湖镇调研。自今年3月1日以来，欧阳明先后走访了青禾农业科技有限公司。")
    assert {e.date_text for e in events} == {"5月6日"}


def test_the_headline_names_who_holds_a_meeting_the_lead_leaves_unsaid():
    text = "东湖县召开全县乡村振兴工作推进会\n\n4月12日，全县乡村振兴工作推进会召开。县委书记李建国出席会议并讲话。"
    events, rels = run(text)
    meeting = of_kind(events, "Meeting")[0]
    assert ("organizer", "东湖县") in roles(meeting)


def test_the_headline_names_the_event_and_its_campaign():
    text = "东湖区启动“邻里守望”专项行动\n\n5月6日，东湖区召开“邻里守望”专项行动推进会。区长欧阳明出席会议并讲话。"
    events, rels = run(text)
    meeting = of_kind(events, "Meeting")[0]
    assert [c.label for c in meeting.campaigns] == ["邻里守望"]
    assert ("东湖区", "conducts", "邻里守望") in rels


def test_a_name_inside_a_prepositional_phrase_is_not_the_actor():
    events, _ = run("本报讯 5月6日，西湖县政协一行来到东湖区，围绕服务东湖区发展进行调研。")
    assert ("organizer", "东湖区") not in all_roles(events)
    assert ("organizer", "西湖县政协") in all_roles(events)


@pytest.mark.parametrize("text, expected", [
    # 举行/举办 tell one happening; the activity's speakers are heard in it
    ("本报讯 6月2日上午，东湖派出所联合辖区商户举行“守护平安”防溺水宣传活动。活动中，所长李建国作开场致辞。",
     {("speaker", "李建国")}),
    # 开展 tells an ongoing practice: no event
    ("本报讯 今年以来，东湖派出所持续开展防溺水宣传活动，覆盖辖区各小区。", set()),
])
def test_activities_held_on_a_day(text, expected):
    events, _ = run(text)
    activity = [e for e in events if e.frame == "Activity"]
    assert bool(activity) == bool(expected)
    assert expected <= all_roles(activity)


def test_each_organ_of_a_joined_subject_convenes():
    from kg.model import Page
    from kg.pipeline import process_page

    page = process_page(Page(path="t.txt", raw="本报讯 1月5日，东湖街道党工委、办事处召开居民代表座谈会。王明远主持会议。\n"))
    (ev,) = [e for a in page.articles for e in a.events]
    assert [x.text for r, x in ev.roles if r == "organizer"] == ["东湖街道党工委", "办事处"]
    page = process_page(Page(path="t.txt", raw="本报讯 东湖区人大常委会和区政协联合召开调度会。\n"))
    (ev,) = [e for a in page.articles for e in a.events]
    assert [x.text for r, x in ev.roles if r == "organizer"] == ["东湖区人大常委会", "区政协"]


def test_units_that_report_at_the_meeting_speak():
    from kg.model import Page
    from kg.pipeline import process_page

    raw = "本报讯 5月6日，全省干部教育工作会议召开。东湖市委组织部、南岭县委等两家单位进行了大会交流。\n"
    page = process_page(Page(path="t.txt", raw=raw))
    (ev,) = [e for a in page.articles for e in a.events]
    assert [x.text for r, x in ev.roles if r == "speaker"] == ["东湖市委组织部", "南岭县委"]


@pytest.mark.parametrize("raw, speaker", [
    ("本报讯 5月6日，东湖街道召开居民座谈会。会上，街道党工委书记王明远同志要求社区做好服务工作。", "王明远"),
    ("本报讯 5月6日，东湖县举行应急演练。演练结束后，副县长李东升对整个演练活动进行了点评。", "李东升"),
    ("本报讯 5月6日，东湖街道举行启动仪式，街道办事处主任张晓光宣布发车。", "张晓光"),
])
def test_who_speaks_after_an_organ_and_title_or_reviews_or_announces(raw, speaker):
    from kg.model import Page
    from kg.pipeline import process_page

    page = process_page(Page(path="t.txt", raw=raw + "\n"))
    (ev,) = [e for a in page.articles for e in a.events]
    assert [x.text for r, x in ev.roles if r == "speaker"] == [speaker]


def test_a_name_inside_the_object_of_a_phrase_takes_no_part():
    events, _ = run("本报讯 5月6日，东湖区召开座谈会。区领导围绕支持青山市发展与参会企业代表座谈。")
    assert ("attendee", "青山市") not in all_roles(events)


@pytest.mark.parametrize("text, expected, absent", [
    # a body's head named by the title alone: the body takes part
    ("本报讯 5月6日，东湖区政协主席和区委统战部一行到青山县考察。",
     {("attendee", "东湖区政协"), ("attendee", "区委统战部")}, set()),
    # a name after the title (even after a list of titles): the person, not the body
    ("本报讯 5月6日，东湖区政协主席和副主席王立新一行到青山县考察。",
     {("leader", "王立新")}, {("attendee", "东湖区政协")}),
])
def test_a_bodys_head_named_by_the_title_alone(text, expected, absent):
    events, _ = run(text)
    got = all_roles(events)
    assert expected <= got and not absent & got, got


def test_a_contracted_title_in_a_list_of_officials_shares_the_role():
    events, _ = run("本报讯 11月3日，东湖区召开座谈会。区委常委、统战部长李明，副区长王立新，区政协副主席赵刚参加座谈。")
    assert {("attendee", "李明"), ("attendee", "王立新"), ("attendee", "赵刚")} <= all_roles(events)


def test_a_street_office_named_by_its_street_alone_is_the_office():
    events, _ = run("本报讯 11月2日，区长李明带队到青禾街开展调研，听取青禾街工作情况汇报。青禾街办事处要发挥作用。")
    assert {("target", "青禾街办事处"), ("speaker", "青禾街办事处")} <= all_roles(events)


def test_people_in_a_list_that_ends_in_unnamed_members_share_its_verb():
    events, _ = run("本报讯 4月3日，东湖区政协主席李明带队赴青山镇开展调研。"
                    "区政协秘书长黄立、委员王芳、外聘专家和全体调研组成员参加。")
    assert {("attendee", "黄立"), ("attendee", "王芳"), ("leader", "李明")} <= all_roles(events)


@pytest.mark.parametrize("text", [
    "本报讯 5月6日，东湖区召开座谈会，区长李明出席。听取汇报后，李明对东湖区在产业发展方面取得的成绩给予了充分肯定。",
    "本报讯 5月6日，东湖区召开座谈会，区长李明出席。听取汇报后，李明对下一步工作提出了具体要求。",
])
def test_praise_and_requests_after_a_long_object_are_speech(text):
    events, _ = run(text)
    assert ("speaker", "李明") in all_roles(events)


def test_a_presentation_to_counted_units_named_in_the_next_sentence():
    events, _ = run("本报讯 3月8日，区商务局局长吴立华为3家物流企业授牌。它们分别是青禾物流、快跑和小蜂快运。")
    assert {("giver", "吴立华"), ("target", "青禾物流"), ("target", "快跑"), ("target", "小蜂快运")} <= all_roles(events)


def test_who_commissions_an_activity_does_not_carry_it_out():
    text = ("民盟东湖区委赴甲镇开展调研\n\n受中共东湖区委委托，4月3日，民盟东湖区委主委李明带队调研组赴甲镇、乙镇，"
            "启动“企业服务月”活动。")
    _, rels = run(text)
    assert ("民盟东湖区委", "conducts", "企业服务月") in rels
    assert ("中共东湖区委", "conducts", "企业服务月") not in rels
