"""Name normalisation for identity: the same thing written differently gets the same key.

- quotes, spaces and OCR noise removed; full/half-width unified (NFKC);
- abbreviations expanded by general rules (kg/lexicons/abbreviations.tsv): 城管局 = 城市管理局,
  市场监管局 = 市场监督管理局, 综保区 = 综合保税区;
- administrative divisions mapped to their GB/T 2260 official name: 管城区 = 管城回族区.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import abbreviations, divisions

_QUOTES = "\"'“”‘’「」『』《》〈〉【】"
_CAMPAIGN_SUFFIX = re.compile(r"(?:集中月活动|专项行动|系列活动|主题活动|活动|行动|工作法|工作|改革|制度|工程|战略|服务|系统|平台|机制)$")


def clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _QUOTES)


@lru_cache(maxsize=1)
def _abbrev_re() -> tuple[re.Pattern, dict[str, str]]:
    table = {k: v for k, v in abbreviations().items() if k != v}
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True))), table


def expand(name: str) -> str:
    """Expand abbreviated organ and zone words (whole words only, longest first)."""
    pattern, table = _abbrev_re()
    return pattern.sub(lambda m: table[m.group()], clean(name))


def campaign_key(name: str) -> str:
    core = clean(name)
    stripped = _CAMPAIGN_SUFFIX.sub("", core)
    return stripped or core


def division_of(name: str):
    """The one division a name denotes, or None (unknown or ambiguous)."""
    found = divisions.lookup(clean(name))
    return found[0] if len(found) == 1 else None
