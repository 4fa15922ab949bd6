"""Name normalisation for identity: the same thing written differently gets the same key.

- quotes, spaces and OCR noise removed; full/half-width unified (NFKC);
- abbreviations expanded by general rules (kg/lexicons/abbreviations.tsv): 城管局 = 城市管理局,
  市场监管局 = 市场监督管理局, 综保区 = 综合保税区;
- administrative divisions mapped to their GB/T 2260 official name: 管城区 = 管城回族区;
- within one page, an ad-hoc short form made of characters of a longer name (四创 = 四城联创,
  郑煤机 = 郑州煤矿机械) is recognised by ``is_abbreviation``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import abbreviations, divisions

_QUOTES = "\"'“”‘’「」『』《》〈〉【】"
_CAMPAIGN_SUFFIX = re.compile(r"(?:集中月活动|专项行动|系列活动|主题活动|活动|行动|工作法|工作|改革|制度|工程|战略|服务|系统|平台|机制)$")


_DROP = re.compile(r"[\s" + re.escape(_QUOTES) + "]")   # \s is exactly str.isspace() for str patterns


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _abbrev_re() -> tuple[re.Pattern, dict[str, str]]:
    table = {k: v for k, v in abbreviations().items() if k != v}
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True))), table


def expand(name: str) -> str:
    """Expand abbreviated organ and zone words (longest first; a full form already printed is kept)."""
    pattern, table = _abbrev_re()
    text = clean(name)

    def sub(m: re.Match) -> str:
        full = table[m.group()]
        # 政府 inside 人民政府, 监委 inside 纪委监委: the printed text is already the full form
        if full.endswith(m.group()) and text[max(0, m.end() - len(full)):m.end()] == full:
            return m.group()
        return full

    return pattern.sub(sub, text)


def campaign_key(name: str) -> str:
    core = clean(name)
    stripped = _CAMPAIGN_SUFFIX.sub("", core)
    return stripped or core


def division_of(name: str):
    """The one division a name denotes, or None (unknown or ambiguous)."""
    found = divisions.lookup(clean(name))
    return found[0] if len(found) == 1 else None


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_abbreviation(short: str, long: str, same_end: bool = True) -> bool:
    """``short`` is a contraction of ``long``: its characters, in order, taken from ``long``, starting
    with the same character (and, with ``same_end``, ending with the same one): 四创 / 四城联创,
    市场监管局 / 市场监督管理局. Prefixes are not abbreviations here (脚板+手指 is not 脚板+手指你我齐努力)."""
    short, long = clean(short), clean(long)
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    if same_end and short[-1] != long[-1]:
        return False
    if long.startswith(short):
        return False
    return is_subsequence(short, long)
