"""Stage 3: split a normalised page into articles (headline, byline, body, captions) and sentences.

A page is a sequence of paragraphs. Each paragraph is one of:
- byline: a line of its own naming journalists ("记者 王赛华 通讯员 李超", "本报记者 翟鹏程 摄");
- headline: short, with no sentence punctuation, not a lead;
- body: everything else; a lead starts with "本报讯" and may carry an inline byline "本报讯(记者付凯明)".
An article starts at a run of headlines that follows body text, or at a lead when the current article
already has one; a trailing byline closes it. A byline with "摄" and no body around it is a photo caption.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicons import BYLINE_WORDS, alternation, is_byline_line
from ..model import Article, Mention, Page, Sentence

_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n")
_BODY_PUNCT = re.compile(r"[，。；！？,;]")
_LEAD = re.compile(r"^本报讯")
_ROLE = alternation(BYLINE_WORDS)
# inline byline at the start of a lead: 本报讯（记者 付凯明 通讯员 王某）
_INLINE_BYLINE = re.compile(r"^本报讯[（(【]((?:" + _ROLE + r")[^）)】]{1,40})[）)】]")
_ROLE_RE = re.compile(_ROLE)
_CREDIT_END = re.compile(r"(?:文|图|摄影报道|摄影|报道|摄|提供)$")
_NAME_TOKEN = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_MEDIA = re.compile(r"(?:报|报社|日报|晚报|时报|电视台|融媒体中心|网|传媒)$")
_MAX_HEADLINE = 64


def _paragraphs(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _kind(line: str) -> str:
    if is_byline_line(line):
        return "byline"
    if _LEAD.match(line):
        return "lead"
    if len(line) <= _MAX_HEADLINE and not _BODY_PUNCT.search(line):
        return "headline"
    return "body"


def byline_people(text: str, start: int) -> list[Mention]:
    """Names in a byline: every token after a role word, except media names (经开时报) and credits."""
    people: list[Mention] = []
    # role words separate names even without spaces: "记者甲乙丙通讯员丁戊"
    spaced = _ROLE_RE.sub(lambda r: " " * len(r.group()), text)
    for m in re.finditer(r"[^\s、/（）()【】]+", spaced):
        token, t_start = m.group(), start + m.start()
        r = _ROLE_RE.match(token)
        while r and r.end() < len(token):      # "记者付凯明": role glued to the name
            token, t_start = token[r.end():], t_start + r.end()
            r = _ROLE_RE.match(token)
        if r:
            continue
        c = _CREDIT_END.search(token)
        if c and c.start() >= 2:
            token = token[:c.start()]
        elif c:
            continue
        if 2 <= len(token) <= 4 and _NAME_TOKEN.fullmatch(token) and not _MEDIA.search(token):
            people.append(Mention("Person", token, t_start, t_start + len(token), role="journalist"))
    return people


def byline_media(text: str, start: int) -> list[Mention]:
    """Newspapers named in a byline ("经开时报"): Institutions."""
    return [Mention("Institution", m.group(), start + m.start(), start + m.end())
            for m in _NAME_TOKEN.finditer(text) if _MEDIA.search(m.group()) and len(m.group()) >= 3]


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

    for start, end, line in _paragraphs(text):
        if not line.strip():
            continue
        kind = _kind(line)
        if kind == "headline":
            headlines.append((start, end, line))
            continue
        if kind == "byline":
            if headlines and cur is not None and has_body:
                open_article(start)       # headline + byline: a new article's byline comes first
            elif headlines:
                open_article(start)
            if cur is None:
                open_article(start)
            cur.journalists.extend(byline_people(line, start))
            cur.mentions.extend(byline_media(line, start))
            cur.sentences.append(Sentence(start, end, line))
            cur.end = end
            if "摄" in line and not has_body and not cur.headline:
                cur.kind = "caption"
            continue
        # lead or body
        if headlines and cur is not None and has_body and kind == "body" and not _closed_by_byline(cur, text):
            # a short heading inside a running article (no lead, no byline): a subheading, not a new article
            for hs, he, _ in headlines:
                cur.sentences.append(Sentence(hs, he, text[hs:he]))
            headlines = []
        if headlines or cur is None or (kind == "lead" and has_body):
            open_article(start)
        elif cur.journalists and has_body and kind == "body" and _closed_by_byline(cur, text):
            open_article(start)        # body after a closing byline, with no headline: a new article
        if kind == "lead":
            m = _INLINE_BYLINE.match(line)
            if m:
                cur.journalists.extend(byline_people(m.group(1), start + m.start(1)))
                cur.mentions.extend(byline_media(m.group(1), start + m.start(1)))
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


def _closed_by_byline(article: Article, text: str) -> bool:
    """True when the article's last paragraph so far is a byline (it ends the article)."""
    if not article.sentences:
        return False
    last = article.sentences[-1]
    return is_byline_line(text[last.start:last.end])
