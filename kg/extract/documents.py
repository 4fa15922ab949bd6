"""Named policy documents printed without 《》: "印发关于加强某某工作的实施意见", "落实某区营商环境3.0版方案".

Documents in 《》 are found by kg.extract.campaigns.find_documents. Here, from kg/lexicons/documents.tsv:
a document verb, then a name ending in a document word, in the same clause. Precision first: the name
must be specific — a 关于…的 title, a year, a version number or a quoted part — so "制定工作方案" or
"落实相关意见" give nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import alternation, table
from ..model import Mention

KINDS = ("verb", "suffix")
_MAX_NAME = 40


class DocumentLexiconError(ValueError):
    """documents.tsv names a kind this module does not know."""


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in table("documents"):
        if len(row) < 2 or row[0] not in KINDS:
            raise DocumentLexiconError(f"documents.tsv: unknown row {row!r} (kinds: {', '.join(KINDS)})")
        out[row[0]].append(row[1])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    lex = _lexicon()
    verbs, suffixes = alternation(lex["verb"]), alternation(lex["suffix"])
    # the name: no clause punctuation, no 《 (a bracketed title is found elsewhere), ends in a document word
    return re.compile(rf"(?:{verbs})了?(?P<name>[^，。；：！？、,;:!?《》（）()\n]{{4,{_MAX_NAME}}}(?:{suffixes}))")


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern:
    """The last document verb inside a name candidate (and a 了 after it)."""
    return re.compile(rf"(?:.*)(?:{alternation(_lexicon()['verb'])})了?")


_SPECIFIC = re.compile(r"^关于.{2,}的|(?:19|20)\d\d年|\d+\.\d+|\d\.0|“[^”]{2,}”")
_GENERIC_START = re.compile(r"^(?:相关|有关|一系列|系列|各项|具体|这个|这些|该|此|上述|多项|一批|若干)")


def find_named_documents(text: str, lo: int, hi: int) -> list[Mention]:
    out = []
    for m in _pattern().finditer(text, lo, hi):
        start, name = m.start("name"), m.group("name")
        # the name begins after the last document verb in it ("通过研讨制定了…方案", "学习贯彻…")
        for v in _verb_re().finditer(name):
            if len(name) - v.end() >= 4:
                start, name = start + v.end(), name[v.end():]
                break
        if _GENERIC_START.match(name) or not _SPECIFIC.search(name):
            continue
        if "的" in name and not name.startswith("关于"):
            continue     # "某战略的重要措施": a description, not a title
        out.append(Mention("Document", name, start, m.end("name"), name=name))
    return out


__all__ = ["find_named_documents", "DocumentLexiconError"]
