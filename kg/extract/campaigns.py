"""Campaigns (named activities, reforms, systems, strategies, work methods) and documents.

A campaign is usually a quoted name that the text treats as something carried out:
- followed by a campaign word: “万人助万企”活动, “放管服”改革, “首席服务官”制度 (kg/lexicons/campaign_suffixes.txt);
- or governed by a conduct verb: 深化“放管服”, 助力“四城联创”, 组织推进“学习雷锋精神”“品味端午文化”等...活动
  (a list of quotes shares its verb and its trailing campaign word).
A slogan that nothing carries out (解决企业“急难愁盼”, 作为“第一目标”) is not a campaign.
Unquoted: 开展自查整改活动 (a conduct verb, a short name, 活动/运动/行动).
Canonical name: the quoted core without quotes; the longer surface forms become skos:altLabel.
Documents: the title inside 《》.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import alternation, relation_verbs, table, words
from ..model import Mention

QUOTED = re.compile(r"“([^“”\n]{1,30})”")
DOC = re.compile(r"《([^《》\n]{2,80})》")
_SPEECH = re.compile(r"[，。！？,!?；;：:]")
_WORD_ROWS = ("core_end", "quoted_suffix_extra", "predicate", "designation", "organ_end", "unquoted_suffix",
              "work_of", "event_stem_end", "generic_stem", "standing_duty")


class CampaignWordsError(ValueError):
    """campaign_words.tsv lacks a row the finder needs, or holds one it does not know."""


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    rows = {}
    for row in table("campaign_words"):
        if row[0] not in _WORD_ROWS or len(row) < 2:
            raise CampaignWordsError(f"kg/lexicons/campaign_words.tsv: unknown or empty row {row[0]!r}")
        rows[row[0]] = tuple(w for w in row[1].split("|") if w)
    missing = [r for r in _WORD_ROWS if r not in rows]
    if missing:
        raise CampaignWordsError(f"kg/lexicons/campaign_words.tsv: missing row {missing[0]!r}")
    return rows


@lru_cache(maxsize=None)
def _re(row: str, anchor: str = "") -> re.Pattern:
    """The words of a campaign_words.tsv row as a pattern (``anchor`` "$": at the end)."""
    return re.compile("(?:" + alternation(_words()[row]) + ")" + anchor)
#: verbs that carry out a quoted campaign (kg/lexicons/verbs.tsv, row conducts): 以“钉钉子”的恒心,
#: 打好“组合拳”, 践行“两个维护” name no activity; an unquoted name also follows conducts_unquoted ones
def _strong() -> tuple[str, ...]:
    return relation_verbs()["conducts"]




@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    return re.compile(alternation(list(words("campaign_suffixes")) + list(_words()["quoted_suffix_extra"])))


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern:
    return re.compile("(?:" + alternation(_strong()) + ")")


@lru_cache(maxsize=1)
def _gap_re() -> re.Pattern:
    """What may stand between two quoted names of one list: “A”“B”, “A”、“B”, “A”评选、“B”, and
    parallel clauses "线上“A”，线下“B”，现场“C”改革"."""
    return re.compile(r"^(?:(?:" + _suffix_re().pattern + r")?[、和与及]?|，[\u4e00-\u9fff]{1,2})$")


#: task forces carry their campaign in their name: 优化营商环境工作领导小组, 示范区“四城联创”指挥部
_TASK_FORCE = re.compile(r"(?:工作领导小组|领导小组|指挥部|工作专班|专班)$")


def task_force_campaigns(bodies: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(body, campaign) pairs for task forces named after the campaign they run."""
    from .orgs import body_prefix
    out = []
    for b in bodies:
        if b.kind != "GovernmentBody" or not _TASK_FORCE.search(b.label):
            continue
        core = _TASK_FORCE.sub("", b.label[len(body_prefix(b.label)):])
        core = re.sub(r"工作$", "", core).strip("“”")
        if core.startswith("“") or "“" in core:
            core = core.split("“")[-1].rstrip("”")
        if 4 <= len(core) <= 16 and all("\u4e00" <= c <= "\u9fff" for c in core) \
                and not _re("standing_duty").search(core):
            out.append((b, Mention("Campaign", core, b.start, b.end, sentence=b.sentence, name=core, role="nested")))
    return out


#: after a quoted name: a few words ending in a campaign word (“1+N”网格联户机制) or naming a meeting
_LONGER_TAIL = re.compile(r"(?![^，。]{0,8}?[的等和])[\u4e00-\u9fff]{1,8}?(?:机制|制度|模式|工程|行动|活动|方式)(?![\u4e00-\u9fff])"
                          r"|[\u4e00-\u9fff]{0,6}?(?:座谈会|恳谈会|推进会|现场会|意见会|议事会|会议)")
_MEETING_TAIL = re.compile(r"会议?$")
#: “甲+乙”的发展模式, “某某”的工作机制: the text calls the quoted phrase a method it follows
_METHOD_TAIL = re.compile(r"的[\u4e00-\u9fff]{0,4}?(?:模式|机制|工作法|做法)(?![\u4e00-\u9fff])")
_NOT_IN_STEM = re.compile(r"[的等和及与了、，]|开展|组织|进行|推进|实施|深化|近年来|今年|去年|以来|目前|工作(?=.)")
#: a quoted date (“5•12”) names a day, not a campaign
_DATE_CORE = re.compile(r"^\d{1,2}[•·.．]\d{1,2}$")
_LEVELS = re.compile(r"(?:(?:国家|省|市|区|县)[、和])+(?:国家|省|市|区|县)")


@lru_cache(maxsize=1)
def _unquoted_verb_re() -> re.Pattern:
    """What may govern an unquoted campaign: 开展自查整改活动, 深入实施制度型开放战略, 打赢污染防治攻坚战;
    and list items introduced by 即/、 ("开展三项活动，即自查整改活动、百分考核活动")."""
    verbs = alternation(_strong() + relation_verbs()["conducts_unquoted"])
    return re.compile(r"(?:(?:" + verbs + r")了?|即|、)")


def _paren_len(text: str, i: int, hi: int) -> int:
    m = re.match(r"[（(][^）)]{0,20}[）)]", text[i:hi])
    return m.end() if m else 0


def _verb_before(text: str, start: int, lo: int) -> bool:
    """A conduct verb within the few characters before ``start`` (same clause)."""
    window_start = max(lo, start - 8)
    window = text[window_start:start]
    for sep in "，,；;。：:":
        k = window.rfind(sep)
        if k >= 0:
            window = window[k + 1:]
    return bool(_verb_re().search(window))


def find_campaigns(text: str, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    quotes = [m for m in QUOTED.finditer(text, lo, hi)]
    # group quotes that stand in a list: “A”“B”、“C”
    groups: list[list[re.Match]] = []
    for m in quotes:
        if groups and _gap_re().match(text[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        g_verb = _verb_before(text, group[0].start(), lo)
        parallel = len(group) > 1 and any(text[a.end():b.start()].startswith("，") for a, b in zip(group, group[1:]))
        # "“A”“B”等文明实践活动": a trailing 等...活动 makes the whole list campaigns
        after_group = _suffix_re().match(text, group[-1].end(), hi)
        tail_from = after_group.end() if after_group else group[-1].end()
        tail_list = re.match(r"等[\u4e00-\u9fff]{0,10}?(?:活动|行动)", text[tail_from:hi])
        g_designation = bool(_re("designation", "$").search(text[max(lo, group[0].start() - 4):group[0].start()]))
        for m in group:
            core = re.sub(r"\s+", " ", m.group(1)).strip()
            if not core or _SPEECH.search(core) or len(core) > 24 or _re("organ_end", "$").search(core) \
                    or _DATE_CORE.match(core):
                continue
            suffix = _suffix_re().match(text, m.end(), hi)
            weak = ("年", "月", "工作", "服务", "平台", "系统", "体系", "品牌", "模式", "建设")
            nxt = text[m.end()] if m.end() < hi else ""
            # “1+N”网格联户机制, “邻里议事”恳谈会: a short phrase after the quote that ends in a campaign
            # word or names a meeting held under the campaign's name
            longer = None if suffix else _LONGER_TAIL.match(text, m.end(), hi)
            if longer and _NOT_IN_STEM.search(longer.group()):
                longer = None   # “某站”开展座谈活动: a verb in between, the quote is not the activity's name
            if longer and _MEETING_TAIL.search(longer.group()) and "、" in core:
                longer = None   # “听民声、办实事”恳谈会: a slogan of parallel phrases names the meeting's spirit
            if longer:
                suffix = longer
            method = None if suffix else _METHOD_TAIL.match(text, m.end(), hi)
            if not suffix and "\u4e00" <= nxt <= "\u9fff" and nxt not in "等和与及的" \
                    and not _re("predicate").match(text, m.end(), hi):
                continue  # “四害”孳生地治理: the quote is a modifier inside a longer phrase
            if g_designation:
                continue  # 把……作为“第一目标”: a designation, not an activity
            strong_suffix = bool(suffix and suffix.group() not in weak)
            if len(core) <= 2 and not strong_suffix:
                continue  # “有形”, “体检”: too short to name an activity on its own
            group_tail = parallel and bool(after_group and after_group.group() not in weak)
            as_subject = bool(_re("predicate").match(text, m.end(), hi))   # “便民停车”进一步走深走实
            is_campaign = as_subject or strong_suffix or bool(method) or g_verb or bool(_re("core_end", "$").search(core)) or bool(tail_list) or group_tail \
                or bool(suffix and _verb_before(text, m.start(), lo))
            if not is_campaign:
                continue
            end = suffix.end() if suffix and suffix.group() not in ("年", "月") and not _MEETING_TAIL.search(suffix.group()) else m.end()
            surface = text[m.start():end]
            out.append(Mention("Campaign", surface, m.start(), end, name=core))
    last_end = -100
    verbs = _unquoted_verb_re()
    for m in _re("unquoted_suffix").finditer(text[lo:hi]):
        s_start, s_end = lo + m.start(), lo + m.end()
        window_lo = max(lo, s_start - 20)
        # the verb nearest to the suffix governs it; one inside the name (开展文明创建行动) is skipped
        trigger = None
        for v in reversed(list(verbs.finditer(text, window_lo, s_start))):
            if s_start - v.end() < 2:
                continue
            if v.group().startswith("、") and v.start() - last_end > 2:
                continue  # a 、-list item only continues a list of campaigns ("即自查整改活动（……）、百分考核活动")
            trigger = v
            break
        if trigger is None:
            continue
        n_start = trigger.end()
        levels = _LEVELS.match(text, n_start, s_start)   # 落实国家、省、市小微企业融资协调工作机制
        if levels:
            n_start = levels.end()
        name = text[n_start:s_end]
        stem = text[n_start:s_start]
        if m.group() == "工作" and not _re("work_of", "$").search(stem):
            continue   # 做好资料申报工作 is a task; 深化文明城市创建工作 is a programme
        if (name.startswith(_words()["generic_stem"]) or stem in _words()["generic_stem"] or _NOT_IN_STEM.search(stem)
                or _re("event_stem_end", "$").search(stem) or not all("\u4e00" <= c <= "\u9fff" for c in stem)):
            continue
        if any(c.start <= n_start < c.end for c in out):
            continue
        out.append(Mention("Campaign", name, n_start, s_end, name=name))
        last_end = s_end + _paren_len(text, s_end, hi)
    return out + unquoted_programmes(text, lo, hi, out)


class CampaignPatternError(ValueError):
    """campaign_patterns.tsv holds a pattern that cannot be used."""


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for n, row in enumerate(table("campaign_patterns"), 1):
        if len(row) < 2:
            raise CampaignPatternError(f"kg/lexicons/campaign_patterns.tsv row {n}: expected name<TAB>pattern")
        try:
            pattern = re.compile(row[1])
        except re.error as err:
            raise CampaignPatternError(f"kg/lexicons/campaign_patterns.tsv row {n} ({row[0]}): {err}") from None
        if "name" not in pattern.groupindex:
            raise CampaignPatternError(f"kg/lexicons/campaign_patterns.tsv row {n} ({row[0]}): no group 'name'")
        out.append((row[0], pattern))
    return tuple(out)


@lru_cache(maxsize=1)
def _known_re() -> re.Pattern:
    return re.compile(alternation(words("campaign_names")))


#: what shows a nationwide programme is being carried out right here
_CARRIED_BEFORE = re.compile(r"(?:持续|深入|全面|进一步|大力|不断|着力|推进|抓好|做好|聚焦|坚持|深化|助力)$")
#: what makes a programme's name part of another name: a document, an organ, an edition number
_PART_OF_NAME = re.compile(r"[0-9０-９.]|(?:工作)?(?:方案|办法|意见|条例|细则|规划|领导小组|办公室|专班|指挥部|委员会|中心)")


def unquoted_programmes(text: str, lo: int, hi: int, taken: list[Mention]) -> list[Mention]:
    """Campaigns named without quotes: nationwide programmes (campaign_names.txt) and the shapes of
    campaign_patterns.tsv (三城同创, 专项X工作, X综合治理, 落实X制度, 以X为抓手)."""
    out: list[Mention] = []

    def add(start: int, end: int, name: str) -> None:
        if _PART_OF_NAME.match(text, end, hi) or any(m.start < end and start < m.end for m in taken + out):
            return
        if name in _words()["generic_stem"] or _NOT_IN_STEM.search(name):
            return
        out.append(Mention("Campaign", text[start:end], start, end, name=name))

    for m in _known_re().finditer(text, lo, hi):
        if _CARRIED_BEFORE.search(text, max(lo, m.start() - 4), m.start()):
            add(m.start(), m.end(), m.group())   # "进一步优化营商环境": carried out, not just talked about
    for _, pattern in _patterns():
        for m in pattern.finditer(text[lo:hi]):
            a, b = lo + m.start("name"), lo + m.end("name")
            add(a, b, m.group("name"))
    return out


def find_documents(text: str, lo: int, hi: int) -> list[Mention]:
    return [Mention("Document", m.group(), m.start(), m.end(), name=m.group(1).strip())
            for m in DOC.finditer(text, lo, hi)]
