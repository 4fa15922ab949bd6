"""Credits and bylines: every credit form with an example (invented names), parsed and extracted."""
from __future__ import annotations

import pytest

from kg import lexicons
from kg.extract.bylines import find_bylines
from kg.model import Page
from kg.text import credits
from kg.text.credits import is_credit_text, parse_credit
from kg.text.normalize import normalize_page
from kg.text.segment import segment

# text, names credited as journalists, other names credited (not journalists), newspapers, sources
CREDITS = [
    ("记者 柯文静", ["柯文静"], [], [], []),
    ("本报记者 庞立新 摄", ["庞立新"], [], [], []),
    ("记者 柯文静 通讯员 庞立新", ["柯文静", "庞立新"], [], [], []),
    ("记者柯文静通讯员庞立新", ["柯文静", "庞立新"], [], [], []),
    ("全媒体记者 卢志刚", ["卢志刚"], [], [], []),
    ("见习记者 卢志刚 特约通讯员 苗雨", ["卢志刚", "苗雨"], [], [], []),
    ("记者 柯文静 某某时报 庞立新 文/图", ["柯文静", "庞立新"], [], ["某某时报"], []),
    ("通讯员 苗雨 卢志刚 文/图", ["苗雨", "卢志刚"], [], [], []),
    ("文/图 孙海燕", ["孙海燕"], [], [], []),
    ("柯文静 摄", ["柯文静"], [], [], []),
    ("实习生 苗雨", ["苗雨"], [], [], []),
    ("作者：柯文静", ["柯文静"], [], [], []),
    ("撰稿：庞立新", ["庞立新"], [], [], []),
    ("（图文：柯文静 庞立新）", ["柯文静", "庞立新"], [], [], []),
    ("（某某日报融媒体记者 卢志刚）", ["卢志刚"], [], ["某某日报"], []),
    ("（柯文静）", ["柯文静"], [], [], []),
    ("（柯文静 庞立新）", ["柯文静", "庞立新"], [], [], []),
    ("（柯文静庞立新）", ["柯文静", "庞立新"], [], [], []),
    ("柯文静 庞立新", ["柯文静", "庞立新"], [], [], []),
    ("欧阳晓明 摄", ["欧阳晓明"], [], [], []),
    ("编辑：庞立新", [], ["庞立新"], [], []),
    ("责任编辑：卢志刚", [], ["卢志刚"], [], []),
    ("（责编：柯文静、庞立新）", [], ["柯文静", "庞立新"], [], []),
    ("审核：苗雨", [], ["苗雨"], [], []),
    ("来源：某某日报", [], [], [], ["某某日报"]),
    ("时间：2021/03/04  来源：区文联", [], [], [], ["区文联"]),
    ("发布时间:2021-03-04信息来源:某县应急管理局作者:柯文静 庞立新浏览次数:", ["柯文静", "庞立新"], [], [],
     ["某县应急管理局"]),
    ("发布日期：2021-03-04    发布者：某街道办事处", [], [], [], ["某街道办事处"]),
    ("2021-03-04 10:20 来源：某县融媒体中心 作者：admin 浏览次数：132", [], [], [], ["某县融媒体中心"]),
    ("文丨柯文静 图丨庞立新", ["柯文静", "庞立新"], [], [], []),
    ("文/柯文静 图/庞立新", ["柯文静", "庞立新"], [], [], []),
    ("编辑 / 卢志刚", [], ["卢志刚"], [], []),
    ("发布时间：2021-03-04 10:20:30 | 来源：某区融媒体中心 | 作者：柯文静 | 编辑：庞立新", ["柯文静"], ["庞立新"], [],
     ["某区融媒体中心"]),
    ("作者：本报记者 柯文静 通讯员 庞立新", ["柯文静", "庞立新"], [], [], []),
    ("【字体：大 中 小】", [], [], [], []),
    ("作者：某区政府办 发布时间：2021-03-04 浏览次数：100 【打印】", [], [], [], ["某区政府办"]),
    ("分享到：微信 微博", [], [], [], []),
    ("【编辑：柯文静】", [], ["柯文静"], [], []),
    ("□本报记者 苗雨 通讯员 卢志刚 报道", ["苗雨", "卢志刚"], [], [], []),
    ("摄影记者 卢志刚", ["卢志刚"], [], [], []),
    ("新华社记者 卢志刚 柯文静", ["卢志刚", "柯文静"], [], ["新华社"], []),
    ("（某县融媒体中心记者 苗雨）", ["苗雨"], [], ["某县融媒体中心"], []),
]

NOT_CREDITS = ["（文化信息）", "（通讯）", "（一）", "（下转2版）", "（完）", "柯文静", "记者节特别报道", "通讯员培训班开班", "区政府召开会议",
               "记者从会上获悉，今年工作进展顺利。", "来源：某局，经核实后发布。", "时间：下午三点"]


@pytest.mark.parametrize("text,journalists,others,media,sources", CREDITS)
def test_credit_forms(text, journalists, others, media, sources):
    c = parse_credit(text)
    assert c is not None and is_credit_text(text)
    assert [text[n.start:n.end] for n in c.names if n.journalist] == journalists
    assert [text[n.start:n.end] for n in c.names if not n.journalist] == others
    assert [text[a:b] for a, b in c.media] == media
    assert [text[a:b] for a, b in c.sources] == sources


@pytest.mark.parametrize("text", NOT_CREDITS)
def test_not_credits(text):
    assert not is_credit_text(text)


def test_glued_names_are_split_by_surname_and_length():
    assert credits.split_names("柯文静庞立新") == [(0, 3), (3, 6)]
    assert credits.split_names("苗雨卢志刚") == [(0, 2), (2, 5)]
    assert credits.split_names("下转二版") is None


def test_an_unknown_role_in_the_lexicon_is_an_error(monkeypatch):
    credits.credit_words.cache_clear()
    monkeypatch.setattr(lexicons, "table", lambda name: (("记者", "journalist-ish", "before"),))
    with pytest.raises(credits.CreditLexiconError, match="unknown role"):
        credits.credit_words()
    credits.credit_words.cache_clear()


def _article(raw: str, i: int = 0):
    page = segment(normalize_page(Page(path="p.txt", raw=raw)))
    a = page.articles[i]
    return page, a, find_bylines(page, a)


# raw page, journalists, (journalist, title, newspaper) posts
ARTICLES = [
    ("某区召开会议\n\n本报讯（记者 柯文静 通讯员 庞立新）4月2日，某区召开会议。", ["柯文静", "庞立新"], []),
    ("某区召开会议\n\n某某日报讯（记者 柯文静）4月2日，某区召开会议。", ["柯文静"], [("柯文静", "记者", "某某日报")]),
    ("某区召开会议\n4月2日，某区召开会议，区长卢志刚讲话。\n（某某晚报记者 柯文静）", ["柯文静"],
     [("柯文静", "记者", "某某晚报")]),
    ("某区召开会议\n4月2日，某区召开会议，区长卢志刚讲话。（柯文静）", ["柯文静"], []),
    ("某区召开会议\n\n新华社某地4月2日电（记者柯文静庞立新）某区召开会议。", ["柯文静", "庞立新"],
     [("柯文静", "记者", "新华社"), ("庞立新", "记者", "新华社")]),
    ("某区召开会议\n\n某某网某地4月2日消息（记者柯文静）某区召开会议。", ["柯文静"], [("柯文静", "记者", "某某网")]),
    ("某区召开会议\n4月2日，某区召开会议。（记者柯文静通讯员庞立新报道）", ["柯文静", "庞立新"], []),
    ("某区召开会议\n\n本报某地4月2日讯记者柯文静、庞立新报道：某区召开会议。", ["柯文静", "庞立新"], []),
    ("某区召开会议\n\n本报讯（记者柯文静 通讯员某县委宣传部庞立新）某区召开会议。", ["柯文静", "庞立新"], []),
    ("某区召开会议\n4月2日，某区召开会议。记者 柯文静 通讯员 庞立新", ["柯文静", "庞立新"], []),
    # names without 记者: no post is printed
    ("某区召开会议\n\n据新华社某地4月2日电（柯文静、庞立新）某区召开会议。", ["柯文静", "庞立新"], []),
    ("某区召开会议\n4月2日，某区召开会议。\n记者 柯文静 某某时报 庞立新", ["柯文静", "庞立新"], []),
    ("某区召开会议\n作者：柯文静\n4月2日，某区召开会议。\n责任编辑：庞立新", ["柯文静"], []),
]


@pytest.mark.parametrize("raw,journalists,posts", ARTICLES)
def test_journalists_and_their_newspaper(raw, journalists, posts):
    page, a, mentions = _article(raw)
    assert [j.text for j in a.journalists] == journalists
    assert all(j.role == "journalist" and j.sentence >= 0 for j in a.journalists)
    assert [(p.person.text, p.title, p.org.text) for p in a.posts] == posts
    assert all(p.org.kind == "Institution" for p in a.posts)


def test_sources_become_organisation_mentions():
    _, a, mentions = _article("某镇召开招商会\n发布时间：2021-03-04 来源：某县发展改革局\n3月3日，某镇召开招商会。")
    assert [(m.kind, m.text) for m in mentions if m.kind != "Person"] == [("GovernmentBody", "某县发展改革局")]


def test_an_editor_credit_makes_no_person():
    from kg.extract import extract_article
    page = segment(normalize_page(Page(path="p.txt", raw="某镇召开招商会\n3月3日，某镇召开招商会。\n编辑：庞立新")))
    a = extract_article(page, page.articles[0])
    assert not [m for m in a.mentions if m.kind == "Person"]


def test_a_name_before_benbao_is_no_newspaper():
    from kg.model import Page
    from kg.pipeline import process_page
    raw = "东湖新闻\n\n本报讯 东湖区召开会议。\n新华社记者张立平本报记者李明方\n"
    page = process_page(Page(path="t.txt", raw=raw, content_hash="0" * 64, uid="t"))
    assert {m.text for a in page.articles for m in a.journalists} == {"张立平", "李明方"}
    assert not [m for a in page.articles for m in a.mentions if m.text.endswith("本报")]
