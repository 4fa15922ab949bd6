"""Stage 3: split a normalised page into articles (headline, credits, body, captions) and sentences.

Segmentation only segments: it decides where articles, headlines, credits and sentences are; who the
credits name is read later (kg.extract.bylines). A page is a sequence of paragraphs, each one of:
- credit: a line of its own that is a byline or credit line ("记者 张三 通讯员 李四", "本报记者 王五 摄",
  "编辑：李四", "发布时间：… 来源：…", "（某日报记者 张三）"), see kg.text.credits;
- headline: short, with no sentence punctuation, not a lead;
- body: everything else; a lead starts with a dateline ("本报讯", "某日报讯") and may carry an inline
  byline "本报讯（记者 张三）"; a paragraph may end with a closing credit "……。（张三 李四）".
An article starts at a run of headlines that follows body text, or at a lead when the current article
already has one; a trailing credit line closes it. A credit with "摄" and no body around it is a photo
caption. ``Article.credits`` holds the spans of every credit (whole lines and inline ones); a credit
line is also a sentence (for evidence) that the content extractors skip.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Article, Page, Sentence
from .credits import dateline_credit, dateline_res, is_credit_text, parse_credit

_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n")
_BODY_PUNCT = re.compile(r"[，。；！？,;]")
_MAX_HEADLINE = 64
_CLOSING = re.compile(r"[（(]([^（）()\n]{2,40})[）)]\s*$")
_TERMINAL = "。！？!?”…"
_TRAILING = re.compile(r"[。！？!?]([^。！？!?，,；;：:“”\n]{3,40})$")


def _paragraphs(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _kind(line: str) -> str:
    if is_credit_text(line):
        return "credit"
    if dateline_res()[0].match(line):
        return "lead"
    if len(line) <= _MAX_HEADLINE and not _BODY_PUNCT.search(line):
        return "headline"
    return "body"


def _names_alone(line: str) -> bool:
    """A credit of names only ("张三 李四"), without a credit word or brackets: a credit only where an
    article starts or ends, never inside a running text."""
    c = parse_credit(line)
    return c is not None and c.roles == 0 and line.strip()[:1] not in "（(【"


def inline_credits(line: str, start: int) -> list[tuple[int, int]]:
    """Credits inside a body paragraph: the dateline's byline "本报讯（记者 张三）" and a closing
    "……。（张三 李四）" (names alone only after the end of a sentence) or "……。记者 张三 摄"."""
    out = []
    d = dateline_credit(line)
    if d:
        out.append((start, start + d[0]))
    c = _CLOSING.search(line)
    if c and c.start() > 0 and (not out or start + c.start() >= out[-1][1]):
        credit = parse_credit(c.group(1))
        if credit is not None and credit.names and (credit.roles or line[c.start() - 1] in _TERMINAL):
            out.append((start + c.start(), start + c.end()))
            return out
    t = _TRAILING.search(line)
    if t and (not out or start + t.start(1) >= out[-1][1]):
        credit = parse_credit(t.group(1))
        if credit is not None and credit.names and credit.roles:
            out.append((start + t.start(1), start + t.end(1)))   # "……。记者 张三 通讯员 李四" on the same line
    return out


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of short quotations: a ；or 。 inside “心系企业；优化环境” does not end the sentence."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”\n]{1,60}”", text[start:end])]


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    out = []
    pos = start
    quoted = [(start + a, start + b) for a, b in _quoted_spans(text, start, end)]
    q_starts = [a for a, _ in quoted]   # sorted, spans disjoint: only the last one opened can hold m
    for m in _SENT_END.finditer(text, start, end):
        if m.group() != "\n" and quoted:
            k = bisect_left(q_starts, m.start()) - 1
            if k >= 0 and m.end() < quoted[k][1]:
                continue
        s, e = pos, m.end()
        while s < e and text[s] in " \n":
            s += 1
        while e > s and text[e - 1] in " \n":
            e -= 1
        if e > s:
            out.append(Sentence(s, e, text[s:e]))
        pos = m.end()
    if pos < end:
        s, e = pos, end
        while s < e and text[s] in " \n":
            s += 1
        if e > s:
            out.append(Sentence(s, e, text[s:e]))
    return out


def segment(page: Page) -> Page:
    """Pipeline component: fills ``page.articles`` from ``page.text``."""
    text = page.text
    articles: list[Article] = []
    cur: Article | None = None
    headlines: list[tuple[int, int, str]] = []
    has_body = False

    def close():
        nonlocal cur, has_body
        if cur is not None:
            articles.append(cur)
        cur, has_body = None, False

    def open_article(at: int):
        nonlocal cur, headlines, has_body
        close()
        start = headlines[0][0] if headlines else at
        cur = Article(index=len(articles) + 1, start=start, end=at)
        cur.headline = "".join(h[2] for h in headlines)
        for hs, he, _ in headlines:
            cur.sentences.append(Sentence(hs, he, text[hs:he]))
        cur.n_headline = len(headlines)
        headlines = []
        has_body = False

    paras = [(s, e, line, _kind(line)) for s, e, line in _paragraphs(text) if line.strip()]
    for k, (start, end, line, kind) in enumerate(paras):
        if kind == "credit" and _names_alone(line) and has_body and not headlines:
            nxt = paras[k + 1][3] if k + 1 < len(paras) else ""
            if nxt == "body":
                kind = "body"       # names alone inside a running text: a list, not a byline
        if kind == "headline":
            headlines.append((start, end, line))
            continue
        if kind == "credit":
            if headlines or cur is None:
                open_article(start)       # headline + credit: a new article's byline comes first
            cur.credits.append((start, end))
            cur.sentences.append(Sentence(start, end, line))
            cur.end = end
            if "摄" in line and not has_body and not cur.headline:
                cur.kind = "caption"
            continue
        # lead or body
        if headlines and cur is not None and has_body and kind == "body" and not _closed_by_credit(cur):
            # a short heading inside a running article (no lead, no byline): a subheading, not a new article
            for hs, he, _ in headlines:
                cur.sentences.append(Sentence(hs, he, text[hs:he]))
            headlines = []
        if headlines or cur is None or (kind == "lead" and has_body):
            open_article(start)
        elif has_body and kind == "body" and _closed_by_credit(cur) and _names_credit(cur, text):
            open_article(start)        # body after a closing byline, with no headline: a new article
        cur.credits.extend(inline_credits(line, start))
        cur.sentences.extend(split_sentences(text, start, end))
        cur.end = end
        has_body = True
    if headlines:  # trailing headlines with no body: keep them as a (headline-only) article
        open_article(headlines[-1][1])
        cur.end = cur.sentences[-1].end if cur.sentences else cur.start
    close()
    page.articles = [a for a in articles if a.sentences]
    for i, a in enumerate(page.articles, 1):
        a.index = i
    return page


def is_credit_sentence(article: Article, sentence: Sentence) -> bool:
    """True when the sentence is a credit (a credit line, a closing "（张三）"): not content."""
    return any(a <= sentence.start and sentence.end <= b for a, b in article.credits)


def _closed_by_credit(article: Article) -> bool:
    """True when the article's last paragraph so far is a credit (it ends the article)."""
    return bool(article.sentences and article.credits) and is_credit_sentence(article, article.sentences[-1])


def _names_credit(article: Article, text: str) -> bool:
    """The article's credits name somebody (a byline, not only portal fields like 来源/发布时间)."""
    for a, b in article.credits:
        c = parse_credit(text[a:b])
        if c is not None and c.names:
            return True
    return False
