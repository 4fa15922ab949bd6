"""Lexicons are data: general knowledge in plain text files beside this module, loaded once.

- ``*.txt``: one entry per line (or several separated by spaces), ``#`` starts a comment;
- ``*.tsv``: tab-separated rows.
Nothing here is a name from any page: title words, organ/company/area suffixes, surnames, role verbs,
abbreviation rules. Administrative divisions (names and GB/T 2260 codes) come from the public data that
the ``cpca`` package ships (kg.lexicons.divisions).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Entries of ``name.txt``, longest first (so regex alternations prefer the longest match)."""
    seen: dict[str, None] = {}
    for line in _lines(f"{name}.txt"):
        for w in line.split():
            seen.setdefault(w, None)
    return tuple(sorted(seen, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of ``name.tsv``."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(f"{name}.tsv"))


class LexiconError(ValueError):
    """A lexicon file breaks its own format: an unknown role, kind or rule is an error, not ignored."""


def records(name: str, columns: tuple[str, ...], **choices) -> tuple[tuple[str, ...], ...]:
    """Rows of ``name.tsv`` checked at load: each has at least ``columns`` cells (extra cells are kept),
    and a column named in ``choices`` holds one of its allowed values. Raises LexiconError."""
    out = []
    for row in table(name):
        if len(row) < len(columns):
            raise LexiconError(f"{name}.tsv: row {row!r} needs {', '.join(columns)}")
        for col, allowed in choices.items():
            value = row[columns.index(col)]
            if value not in allowed:
                raise LexiconError(f"{name}.tsv: unknown {col} {value!r} in row {row!r} "
                                   f"(one of: {', '.join(sorted(allowed))})")
        out.append(row)
    return tuple(out)


def alternation(items) -> str:
    """A regex alternation of literal items, longest first (memoised for tuples: the extractors
    ask for the same frame word lists once per sentence)."""
    if type(items) is tuple:
        return _alternation_of(items)
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1024)
def _alternation_of(items: tuple) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return frozenset(words("surnames"))


@lru_cache(maxsize=None)
def abbreviations() -> dict[str, str]:
    return {row[0]: row[1] for row in table("abbreviations") if len(row) >= 2}


@lru_cache(maxsize=None)
def role_words() -> dict[str, str]:
    """Role verbs of the event frames (frames.tsv): word -> role."""
    from .frames import role_verbs
    return role_verbs()


#: the rows verbs.tsv may hold (each read by an extractor)
RELATION_VERB_ROWS = ("conducts", "conducts_unquoted", "serves")


@lru_cache(maxsize=None)
def relation_verbs() -> dict[str, tuple[str, ...]]:
    out = {}
    for row in table("verbs"):
        if len(row) < 2 or row[0] not in RELATION_VERB_ROWS:
            raise ValueError(f"kg/lexicons/verbs.tsv: unknown or empty row {row[0]!r} (known: {', '.join(RELATION_VERB_ROWS)})")
        out[row[0]] = tuple(sorted(set(row[1].split("|")), key=lambda w: (-len(w), w)))
    return out


def is_byline_line(line: str) -> bool:
    """A physical line that is a credit and nothing else: a byline ("记者 张三 通讯员 李四", "王五 摄"), a
    credit line ("编辑：李四") or a web page's portal fields ("发布时间：… 来源：…"). Read by
    kg.text.credits from credits.tsv; kept here because normalisation asks it of every raw line."""
    from ..text.credits import is_credit_text   # kg.text.credits loads its words through this module
    return is_credit_text(line)
