"""Stage 3: articles, bylines and sentences."""
from __future__ import annotations

from kg.model import Page
from kg.text.normalize import normalize_page
from kg.text.segment import segment

PAGE = """某区召开
营商环境工作会议

本报讯（记者 甲乙丙 通讯员 丁戊）5月6日上午，某区召开
营商环境工作会议。区委书记张三出席会议并讲话。

区领导李四、王五参加会议。

某街道开展环境
整治行动

本报讯 近日，某街道开展环境整治行动，清理垃圾十吨。
记者 己庚辛 某某时报 壬癸子 文/图
"""


def _page(text):
    return segment(normalize_page(Page(path="p.txt", raw=text)))


def test_articles_headlines_and_bylines():
    page = _page(PAGE)
    assert [a.headline for a in page.articles] == ["某区召开营商环境工作会议", "某街道开展环境整治行动"]
    assert [j.text for j in page.articles[0].journalists] == ["甲乙丙", "丁戊"]
    assert [j.text for j in page.articles[1].journalists] == ["己庚辛", "壬癸子"]
    assert [m.text for m in page.articles[1].mentions] == ["某某时报"]


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
    text = "某局优化服务\n\n本报讯 近日，某局优化服务，效果明显。\n\n服务理念再提升\n\n某局从思想入手，提升服务。\n记者 甲乙丙"
    page = _page(text)
    assert len(page.articles) == 1
    assert page.articles[0].journalists[0].text == "甲乙丙"
