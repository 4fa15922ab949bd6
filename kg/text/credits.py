"""Credits of news articles: bylines, credit lines and portal fields, read from kg/lexicons/credits.tsv.

The forms (names are validated: a known surname, two to four characters, so "（一）" or "（下转2版）" never
parse as a credit):
- a byline line: "记者 张三 通讯员 李四", "本报记者 王五 摄", "记者 张三 某某时报 李四 文/图";
- a credit line: "编辑：张三", "作者：张三 李四", "（图文：张三 李四）", "（某日报融媒体记者 张三）";
- portal fields: "发布时间：2020-05-06 来源：某区政协 作者：张三 浏览次数：";
- names alone, in brackets at the end of an article "（张三）", or a line of several names "张三 李四".
``parse_credit`` reads one such text into the names it credits (with their role and the newspaper a
reporter works for, when the credit names it) and the organisations it names (newspapers, sources).
Used by normalisation (a credit line is a paragraph of its own, spaces kept), segmentation (where the
credit lines are) and kg.extract.bylines (who the journalists are).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicons import LexiconError, alternation, records, surnames, table, words

#: roles and whether the names they credit are journalists (the gold guideline: 记者/通讯员/摄影 and the
#: article's author are; editors and reviewers of the web page are staff, not journalists)
ROLES = {"reporter": True, "correspondent": True, "photographer": True, "author": True, "intern": True,
         "editor": False, "reviewer": False, "source": False, "publisher": False, "date": False,
         "counter": False}
PLACES = ("before", "after", "both", "label")
_COLON = "：:丨|"
_BRACKETS = "（()）【】[]〔〕"
_MARKS = "■□●○◆◇▲△★☆▶►•"
_DATE_VALUE = re.compile(r"^[0-9０-９年月日时分秒:：\-/. ]*$")


CreditLexiconError = LexiconError      # credits.tsv names a role or a place this module does not know.


@dataclass(frozen=True)
class CreditWord:
    word: str
    role: str
    place: str


@dataclass
class CreditName:
    start: int                 # offsets into the parsed text
    end: int
    role: str
    media: tuple[int, int] | None = None   # the newspaper named with the role word ("某日报记者")
    phrase: tuple[int, int] | None = None  # the role phrase as written ("某日报融媒体记者")

    @property
    def journalist(self) -> bool:
        return ROLES[self.role]


@dataclass
class Credit:
    names: list[CreditName] = field(default_factory=list)
    media: list[tuple[int, int]] = field(default_factory=list)     # newspapers named in the credit
    sources: list[tuple[int, int]] = field(default_factory=list)   # values of 来源/发布者 fields
    roles: int = 0             # credit words seen (a credit with none holds names alone)


@lru_cache(maxsize=1)
def credit_words() -> dict[str, CreditWord]:
    rows = records("credits", ("word", "role", "place"), role=ROLES, place=PLACES)
    return {row[0]: CreditWord(*row[:3]) for row in rows}


@lru_cache(maxsize=1)
def _patterns():
    cw = credit_words()
    qualifiers = alternation(words("credit_qualifiers"))
    media = alternation(words("media_suffixes"))
    bare = alternation(w for w, c in cw.items() if c.place != "label")
    labels = alternation(cw)
    # a role phrase: [newspaper][qualifiers] role word, e.g. 本报记者, 某日报融媒体记者, 特约通讯员
    # (a newspaper's name never ends in 本报: "张三本报记者李四" is 张三, then 本报记者 李四)
    role = re.compile(rf"(?P<media>[\u4e00-\u9fff]{{0,10}}?(?:{media})(?<=[\u4e00-\u9fff]{{3}})(?<!本报))?(?P<qual>(?:{qualifiers})*)(?P<role>{bare})")
    # a field: label and colon (作者：, 文丨), or a slash before a name (文/张三, 编辑 / 李四; not 文/图)
    label = re.compile(rf"(?P<qual>(?:{qualifiers})*)(?P<role>{labels})\s*(?:[{_COLON}]|/(?=\s*[\u4e00-\u9fff]{{2}}))")
    media_name = re.compile(rf"^(?=.{{3}})[\u4e00-\u9fff]{{0,12}}(?:{media})$")
    return role, label, media_name


@lru_cache(maxsize=1)
def dateline_res() -> tuple[re.Pattern, re.Pattern]:
    """A dateline (本报讯, 本报洛阳5月6日讯, 某日报讯, 某网讯, 新华社某地5月6日电), and one with its byline:
    in brackets "本报讯（记者 张三）", "据新华社某地电（张三、李四）", or unbracketed up to 报道：
    "本报某地5月6日讯记者张三、李四报道：". Group ``media``: the newspaper it names (not 本报)."""
    media = alternation(words("media_suffixes"))
    roles = alternation(w for w, c in credit_words().items() if c.role in ("reporter", "correspondent", "intern"))
    qualifiers = alternation(words("credit_qualifiers"))
    dateline = (rf"(?:本报|本台|本网|本刊|(?P<media>[\u4e00-\u9fff]{{0,10}}?(?:{media})(?<=[\u4e00-\u9fff]{{3}})))"
                rf"[\u4e00-\u9fff0-9（）()月日]{{0,12}}?(?:讯|电|消息)")
    lead = re.compile(rf"^{dateline}")
    inline = re.compile(rf"^[{_MARKS}\s]*据?{dateline}\s*(?:[（(【〔](?P<credit>[^）)】〕（(\n]{{1,40}})[）)】〕]"
                        rf"|(?P<plain>(?:{qualifiers})*(?:{roles})[^，。；：:（）()\n]{{2,30}}?报道)[：:])")
    return lead, inline


def dateline_credit(text: str) -> tuple[int, tuple[int, int], tuple[int, int] | None] | None:
    """(end of the dateline's byline, span of the byline, span of the newspaper) at the start of ``text``."""
    m = dateline_res()[1].match(text)
    if not m:
        return None
    group = "credit" if m.group("credit") is not None else "plain"
    found = parse_credit(m.group(group), lenient=True)
    if found is None or not found.names:
        return None
    return m.end(), m.span(group), (m.span("media") if m.group("media") else None)


def media_name_re() -> re.Pattern:
    """The whole of a newspaper's or news site's name: 某某时报, 某市广播电视台, 某某新闻网."""
    return _patterns()[2]


def is_name(s: str) -> bool:
    """A person's name by its form: a known surname, two to four Chinese characters (or a ·-joined name)."""
    if "·" in s:
        parts = s.split("·")
        return 2 <= len(s) <= 12 and all(p and all("\u4e00" <= c <= "\u9fff" for c in p) for p in parts)
    if not 2 <= len(s) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in s):
        return False
    sn = surnames()
    if len(s) >= 3 and s[:2] in sn:
        return True
    return s[0] in sn and (len(s) <= 3 or s[:2] in sn)


#: POS tags (jieba) a name may get when jieba knows the whole token as one word
_NAME_TAGS = ("nr", "nrfg", "nrt", "ns", "x")


@lru_cache(maxsize=4096)
def _not_a_word(name: str) -> bool:
    """False when the dictionary knows ``name`` as one common word (文化, 信息, 通讯): not a name."""
    import rjieba
    tags = rjieba.tag(name)
    return len(tags) > 1 or tags[0][1] in _NAME_TAGS


def split_names(run: str) -> list[tuple[int, int]] | None:
    """Names glued together after normalisation removed the spaces ("张三李四王五"): their spans."""
    if not run:
        return []
    if is_name(run):
        return [(0, len(run))]
    for n in (3, 2, 4):
        if len(run) > n and is_name(run[:n]):
            rest = split_names(run[n:])
            if rest is not None:
                return [(0, n)] + [(a + n, b + n) for a, b in rest]
    return None


def parse_credit(text: str, lenient: bool = False) -> Credit | None:
    """The names and organisations of a credit text, or None when ``text`` is not (only) a credit.

    ``lenient``: where the place already says it is a byline (after a dateline "本报讯（…）"), a token
    that is neither a name nor a credit word ("通讯员 某县委宣传部 张三") is skipped, not a refusal."""
    body, lo = _unwrap(text)
    if not body:
        return None
    credit = Credit()
    _, label, _ = _patterns()
    fields: list[tuple[str | None, tuple[int, int] | None, int, int]] = []   # role, phrase, value span
    pos = lo
    last_role: tuple[str | None, tuple[int, int] | None] = (None, None)
    for m in label.finditer(text, lo, lo + len(body)):
        if m.start() > pos or not fields:
            fields.append((*last_role, pos, m.start()))
        last_role = (credit_words()[m.group("role")].role, (m.start(), m.end()))
        credit.roles += 1
        pos = m.end()
    fields.append((*last_role, pos, lo + len(body)))
    for role, phrase, a, b in fields:
        if not _read_field(text, role, a, b, credit, lenient):
            return None
    if not credit.names and not credit.sources and not credit.roles:
        return None
    if not credit.roles and not all(_not_a_word(text[n.start:n.end]) for n in credit.names):
        return None      # names alone must not be common words: （文化信息） is a column name, not 文化 + 信息
    return credit


def _unwrap(text: str) -> tuple[str, int]:
    lo, hi = 0, len(text)
    while lo < hi and (text[lo] in _BRACKETS or text[lo] in _MARKS or text[lo].isspace()):
        lo += 1
    while hi > lo and (text[hi - 1] in _BRACKETS or text[hi - 1].isspace()):
        hi -= 1
    return text[lo:hi], lo


def _read_field(text: str, role: str | None, a: int, b: int, credit: Credit, lenient: bool = False) -> bool:
    while a < b and (text[a].isspace() or text[a] in "|丨"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "|丨"):
        b -= 1       # "来源：某区政府 | 作者：张三": the bar separates fields
    value = text[a:b]
    if role == "date" or (role is None and value and _DATE_VALUE.match(value) and re.search(r"\d", value)):
        return bool(_DATE_VALUE.match(value))       # "2021-03-04 10:20", also before the first field
    if role == "counter":
        return len(value) <= 12                      # 浏览次数：123, 字号：大 中 小
    if role in ("source", "publisher"):
        if not value:
            return True
        if not _short_value(value):
            return False
        credit.sources.append((a, b))
        return True
    current: CreditName | None = CreditName(0, 0, role) if role else None
    pending: list[tuple[int, int]] = []     # names seen before any role word ("张三 李四 摄")
    for tok in re.finditer(r"[^\s、，,；;|丨]+", text[a:b]):
        t0 = a + tok.start()
        if role is not None and tok.group().isascii():
            continue        # 作者：admin, a site account, not a person
        ok, current = _read_token(text, t0, a + tok.end(), current, pending, credit)
        if not ok and role in ("author", "editor", "reviewer") and not pending and _short_value(value):
            credit.sources.append((a, b))    # 作者：某区政府办: a unit credited, not a person
            return True
        if not ok and not lenient:
            return False
        if not ok and current is not None:     # "通讯员某县委宣传部张三": the name after the unit
            t1 = a + tok.end()
            for n in (3, 2):
                cand = text[t1 - n:t1]
                if t1 - n > t0 and is_name(cand) and _not_a_word(cand):
                    credit.names.append(CreditName(t1 - n, t1, current.role, current.media, current.phrase))
                    break
    if pending:
        if current is None and credit.roles == 0 and not credit.names:
            current = CreditName(0, 0, "author")     # names alone: the article's authors
        if current is None:
            return False
        credit.names.extend(CreditName(s, e, current.role, current.media, current.phrase) for s, e in pending)
    return True


def _short_value(value: str) -> bool:
    return len(value) <= 24 and not re.search(r"[，。；！？]", value)


def _read_token(text, t0, t1, current, pending, credit):
    """One space-separated token of a credit: role phrases, names, a newspaper, a trailing 摄."""
    role_re, _, media_re = _patterns()
    cw = credit_words()
    pos = t0
    while pos < t1:
        m = role_re.match(text, pos, t1)
        if m and cw[m.group("role")].place in ("before", "both"):
            media = m.span("media") if m.group("media") and not m.group("media").startswith("本") else None
            if media:
                credit.media.append(media)
            current = CreditName(0, 0, cw[m.group("role")].role, media, (m.start(), m.end()))
            credit.roles += 1
            if pending:     # "张三 李四 文/图": the role word after names credits them
                credit.names.extend(CreditName(s, e, current.role) for s, e in pending)
                pending.clear()
            pos = m.end()
            continue
        if m and cw[m.group("role")].place == "after" and m.end() == t1 and not m.group("media"):
            credit.roles += 1
            who = current.role if current is not None else cw[m.group("role")].role
            credit.names.extend(CreditName(s, e, who) for s, e in pending)
            pending.clear()
            return True, current
        rest = text[pos:t1]
        if media_re.match(rest) and not is_name(rest):
            credit.media.append((pos, t1))
            return True, current
        # names up to the next role word inside the token ("张三摄", "记者张三通讯员李四")
        cut = _next_role(text, pos, t1)
        spans = split_names(text[pos:cut])
        if not spans:
            return False, current
        for s, e in spans:
            if current is not None:
                credit.names.append(CreditName(pos + s, pos + e, current.role, current.media, current.phrase))
            else:
                pending.append((pos + s, pos + e))
        pos = cut
    return True, current


def _next_role(text: str, pos: int, t1: int) -> int:
    role_re, _, _ = _patterns()
    cw = credit_words()
    for i in range(pos + 2, t1):
        m = role_re.match(text, i, t1)
        if m and not m.group("media") and (cw[m.group("role")].place != "after" or m.end() == t1):
            return i
    return t1


def is_credit_text(text: str) -> bool:
    """True when ``text`` (a line, or a bracketed aside) is a credit and nothing else."""
    if len(text) > 80 or re.search(r"[，。；！？,;!?]", text.strip(_BRACKETS)):
        return False
    credit = parse_credit(text)
    if credit is None:
        return False
    if credit.roles == 0:
        # names alone: in brackets ("（张三）") or several on a line of their own ("张三 李四")
        bracketed = text.strip()[:1] in "（(【"
        return bracketed or len(credit.names) >= 2 and len(text.split()) == len(credit.names)
    return True


__all__ = ["dateline_res", "dateline_credit", "media_name_re", "Credit", "CreditName", "parse_credit", "is_credit_text", "is_name", "split_names", "credit_words",
           "ROLES", "CreditLexiconError"]
