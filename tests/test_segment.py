"""Stage 3: articles, credits and sentences."""
from __future__ import annotations

from kg.model import Page
from kg.text.normalize import normalize_page
from kg.text.segment import is_credit_sentence, segment

PAGE = """某区召开
营商环境工作会议

本报讯（记者 柯文静 通讯员 庞立新）5月6日上午，某区召开
营商环境工作会议。区委书记张三出席会议并讲话。

区领导李四、王五参加会议。

某街道开展环境
整治行动

本报讯 近日，某街道开展环境整治行动，清理垃圾十吨。
记者 葛晓岚 某某时报 章一鸣 文/图
"""


def _page(text):
    return segment(normalize_page(Page(path="p.txt", raw=text)))


def _credits(page, i=0):
    a = page.articles[i]
    return [page.text[s:e] for s, e in a.credits]


def test_articles_headlines_and_bylines():
    page = _page(PAGE)
    assert [a.headline for a in page.articles] == ["某区召开营商环境工作会议", "某街道开展环境整治行动"]
    assert _credits(page, 0) == ["本报讯（记者柯文静通讯员庞立新）"]
    assert _credits(page, 1) == ["记者 葛晓岚 某某时报 章一鸣 文/图"]


def test_sentences_cover_the_body():
    page = _page(PAGE)
    texts = [s.text for s in page.articles[0].sentences]
    assert "区委书记张三出席会议并讲话。" in texts
    assert "区领导李四、王五参加会议。" in texts


def test_article_spans_are_ordered_and_inside_the_text():
    page = _page(PAGE)
    prev_end = 0
    for a in page.articles:
        assert prev_end <= a.start < a.end <= len(page.text)
        prev_end = a.end


def test_subheadings_stay_in_their_article():
    text = "某局优化服务\n\n本报讯 近日，某局优化服务，效果明显。\n\n服务理念再提升\n\n某局从思想入手，提升服务。\n记者 柯文静"
    page = _page(text)
    assert len(page.articles) == 1
    assert _credits(page) == ["记者 柯文静"]


def test_credit_lines_are_sentences_but_not_content():
    page = _page("某镇召开招商会\n发布时间：2021-03-04 来源：某镇政府 作者：柯文静\n"
                 "3月3日，某镇召开招商会，镇长卢志刚出席。\n编辑：庞立新")
    a = page.articles[0]
    assert _credits(page) == ["发布时间：2021-03-04 来源：某镇政府 作者：柯文静", "编辑：庞立新"]
    credit_sentences = [s.text for s in a.sentences if is_credit_sentence(a, s)]
    assert credit_sentences == _credits(page)
    assert a.headline == "某镇召开招商会"


def test_a_closing_credit_in_brackets_ends_the_article():
    page = _page("某区召开会议\n4月2日，某区召开会议，区长卢志刚讲话。（柯文静 庞立新）")
    a = page.articles[0]
    assert _credits(page) == ["（柯文静庞立新）"]      # spaces inside body paragraphs are OCR noise: gone
    assert [s.text for s in a.sentences if is_credit_sentence(a, s)] == ["（柯文静庞立新）"]


def test_brackets_that_are_not_credits():
    page = _page("某区召开会议\n会议明确三项任务。（一）\n会议要求抓好落实。（下转2版）")
    assert _credits(page) == []


def test_names_alone_on_a_line_are_a_byline_only_at_an_edge():
    top = _page("柯文静 庞立新\n4月2日，某区召开会议，区长卢志刚讲话。")
    assert _credits(top) == ["柯文静 庞立新"]
    inside = _page("某区召开会议\n4月2日，某区召开会议，区长卢志刚讲话。\n柯文静 庞立新\n会议要求抓好落实，推进工作。")
    assert _credits(inside) == []


def test_a_dateline_naming_a_newspaper_is_a_lead():
    page = _page("某区召开会议\n\n某某日报讯（记者 柯文静）4月2日，某区召开会议。")
    assert _credits(page) == ["某某日报讯（记者柯文静）"]


def test_a_byline_after_the_last_sentence_on_the_same_line():
    page = _page("某区召开会议\n4月2日，某区召开会议，区长卢志刚讲话。记者 柯文静 通讯员 庞立新")
    assert _credits(page) == ["记者柯文静通讯员庞立新"]
    same = _page("某区召开会议\n4月2日，某区召开会议。记者从会上获悉")
    assert _credits(same) == []
