"""Bylines: the journalists of an article, their newspaper, and the organisations its credits name.

Reads the credits segmentation found (``Article.credits``: credit lines, the dateline's byline, a
closing "（张三）") and writes:
- ``Article.journalists``: Person mentions with role "journalist" for the names credited as reporter,
  correspondent, photographer, author or intern (editors and reviewers of a web page are not
  journalists: the gold guideline and the real-article gold leave 编辑/责编/审核 out);
- a post 记者 at the newspaper when the byline names it with the role word ("某日报记者 张三",
  "某日报讯（记者 张三）"); a newspaper beside names without a role word ("记者 张三 某时报 李四") is
  only an Institution mention;
- mentions of the organisations in 来源/发布者 fields (a newspaper, or a body found by kg.extract.orgs).
"""
from __future__ import annotations

from ..model import Article, Mention, Page, Post
from ..text.credits import dateline_credit, media_name_re, parse_credit
from .orgs import find_orgs, settle

REPORTER_TITLE = "记者"


def _sentence_of(article: Article, pos: int) -> int:
    for i, s in enumerate(article.sentences):
        if s.start <= pos < s.end:
            return i
    return -1


def find_bylines(page: Page, article: Article) -> list[Mention]:
    """Pipeline step: fills ``article.journalists`` (and the journalists' posts in ``article.posts``);
    returns every mention the credits make (journalists, newspapers, sources) for the article."""
    text = page.text
    out: list[Mention] = []
    journalists: list[Mention] = []
    posts: list[Post] = []
    for a, b in article.credits:
        lo, hi, paper = a, b, None
        d = dateline_credit(text[a:b])
        if d:
            _, (cs, ce), media_span = d
            lo, hi = a + cs, a + ce
            if media_span:
                paper = Mention("Institution", text[a + media_span[0]:a + media_span[1]], a + media_span[0],
                                a + media_span[1])
                out.append(paper)
        credit = parse_credit(text[lo:hi], lenient=d is not None)
        if credit is None:
            continue
        media = {}
        for s, e in credit.media:
            m = Mention("Institution", text[lo + s:lo + e], lo + s, lo + e)
            media[(s, e)] = m
            out.append(m)
        for name in credit.names:
            if not name.journalist:
                continue
            person = Mention("Person", text[lo + name.start:lo + name.end], lo + name.start, lo + name.end,
                             role="journalist")
            journalists.append(person)
            org = media.get(name.media) if name.media else (paper if d else None)
            if org is not None and name.role == "reporter":
                phrase = text[lo + name.phrase[0]:lo + name.phrase[1]] if name.phrase else REPORTER_TITLE
                posts.append(Post(person, REPORTER_TITLE, org, phrase.strip(), -1))
        for s, e in credit.sources:
            out.extend(_source_orgs(text, lo + s, lo + e))
    for m in out + journalists:
        m.sentence = _sentence_of(article, m.start)
    for p in posts:
        p.sentence = p.person.sentence
    article.posts.extend(posts)
    article.journalists = journalists
    return journalists + out


def _source_orgs(text: str, lo: int, hi: int) -> list[Mention]:
    """The organisation a 来源/发布者 field names: a newspaper or site, else the bodies in it."""
    value = text[lo:hi]
    if media_name_re().match(value):
        return [Mention("Institution", value, lo, hi)]
    return [m for m in settle(find_orgs(text, lo, hi)) if m.role != "nested"]


__all__ = ["find_bylines"]
