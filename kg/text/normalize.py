"""Stage 2: clean OCR'd newspaper text, keeping a map back to the original characters.

What OCR and newspaper columns do to a page, and what this undoes:
- lines broken by narrow columns, sometimes with a blank line in the middle of a sentence: lines are
  rejoined into paragraphs; a paragraph ends only where the text says so (terminal punctuation, a
  new ``本报讯`` lead, a byline, or a short headline-like block);
- stray spaces inside Chinese text (``走访企业 260余家``, ``管 城 区``): removed, except between two Latin
  letters or digits (``VOCs 治理`` keeps none, ``Model S`` keeps one) and in byline lines, where the
  spaces separate names (``记者 王赛华 经开时报 李洪永``) and are kept as single spaces;
- mixed full/half-width forms: full-width Latin letters and digits become ASCII; ASCII , ; : ? ! ( )
  next to Chinese become the Chinese forms ， ； ： ？ ！ （ ）; straight double quotes become “ ”.

``normalize(raw)`` returns the text and ``offsets``: ``offsets[i]`` is the index in ``raw`` of the
character that produced ``text[i]`` (a paragraph break maps to the line break it replaced), with one
extra entry for the end. Every step is 1:1 or a deletion, so slicing ``raw`` at mapped offsets gives
back the original characters.

Before that, two whole-page steps that keep the map (``_prepare``): HTML markup pasted into a page is
removed (tags and script/style blocks deleted, block tags become line breaks, ``&amp;`` entities decoded
to their first character's position), and a page in traditional characters is converted to simplified
with OpenCC (t2s) when the conversion keeps every character in place (otherwise character by character).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from ..lexicons import is_byline_line

# full-width ASCII variants -> ASCII (letters, digits, and the few symbols that are never Chinese style)
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({ord(c): ord(h) for c, h in zip("＋－＝％＃＆＠／＜＞", "+-=%#&@/<>")})
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x09: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20})
_HALF_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

_SPACES = re.compile(r" +")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_TERMINAL = set("。！？!?；;…")
_CLOSERS = set("”’」』）)")
_PARA_STARTERS = re.compile(r"^(本报讯|本报记者|■|●|◆|▲|★|【)")
_BODY_PUNCT = re.compile(r"[，。；,;]")   # not 、: headlines list places too (赴甲镇、乙镇调研)
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _clean_line(raw: str, base: int, keep_spaces: bool) -> tuple[str, list[int]]:
    """One physical line -> (clean text, raw offsets of its characters)."""
    line = raw.translate(_FULLWIDTH)
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _SPACES.finditer(line):
        chars.extend(line[pos:m.start()])
        offs.extend(range(base + pos, base + m.start()))
        before = line[m.start() - 1] if m.start() > 0 else ""
        after = line[m.end()] if m.end() < len(line) else ""
        # keep one space between Latin words/numbers, and between the names of a byline
        if before and after and (keep_spaces or (_is_latin(before) and _is_latin(after))):
            chars.append(" ")
            offs.append(base + m.start())
        pos = m.end()
    chars.extend(line[pos:])
    offs.extend(range(base + pos, base + len(line)))
    # half-width punctuation next to Chinese -> Chinese forms (1:1, offsets unchanged)
    for i, ch in enumerate(chars):
        if ch in _HALF_TO_CJK:
            before = chars[i - 1] if i > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if not (_is_latin(before) and _is_latin(after)) and not (ch in "()" and (_is_latin(before) or _is_latin(after))):
                chars[i] = _HALF_TO_CJK[ch]
    # trim (spaces at either end were already dropped: they had no neighbour on one side)
    return "".join(chars), offs


def _ends_paragraph(text: str) -> bool:
    if not text:
        return True
    last = text[-1]
    if last in _TERMINAL:
        return True
    if last in _CLOSERS and len(text) > 1 and text[-2] in _TERMINAL:
        return True
    return False


def _quotes(text: str) -> str:
    if '"' not in text:
        return text
    out, open_ = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if open_ else "”")
            open_ = not open_
        else:
            out.append(ch)
    return "".join(out)


_HTML_HINT = re.compile(r"</?(?:p|br|div|span|html|body|head|table|tr|td|font|a|b|i|h[1-6]|li|ul|ol|script|style|meta)\b[^<>]{0,500}>",
                        re.I)
_HTML_TOKEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,2000}>"
                         r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});", re.I | re.S)
_EOL_AHEAD = re.compile(r"[ \t]*(?:\r|\n|$)")
_BLOCK_TAGS = {"p", "br", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "td", "title"}
_T2S_MIN_SHARE = 0.02   # convert when at least 2% of the CJK characters are traditional-only


def _strip_html(raw: str) -> tuple[str, list[int]]:
    """Markup removed; returns (text, map) with map[i] = raw index of text[i] and one end entry."""
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _HTML_TOKEN.finditer(raw):
        chars.extend(raw[pos:m.start()])
        offs.extend(range(pos, m.start()))
        tok = m.group()
        if tok.startswith("&"):
            ch = html.unescape(tok)
            if len(ch) == 1 and ch not in "\x00":
                chars.append(ch if ch != "\xa0" else " ")
                offs.append(m.start())
        elif m.group(3) and m.group(3).lower() in _BLOCK_TAGS:
            # a block tag breaks the line, unless a line break is already there (<p>..</p>\n<p>)
            if chars and chars[-1] != "\n" and not _EOL_AHEAD.match(raw, m.end()):
                chars.append("\n")
                offs.append(m.start())
        pos = m.end()
    chars.extend(raw[pos:])
    offs.extend(range(pos, len(raw)))
    offs.append(len(raw))
    return "".join(chars), offs


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency; without it pages stay as they are
        return None
    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    """Traditional -> simplified, one character for one (the offset map stays valid)."""
    conv = _t2s()
    if conv is None or not text:
        return text
    out = conv.convert(text)
    if out == text:
        return text
    if len(out) != len(text):  # a phrase rule changed the length: fall back to single characters
        out = "".join(c if len(c) == 1 else ch for ch, c in ((ch, conv.convert(ch)) for ch in text))
    changed = sum(1 for a, b in zip(text, out) if a != b)
    cjk = sum(1 for _ in _CJK.finditer(text))
    return out if changed and changed >= _T2S_MIN_SHARE * max(cjk, 1) else text


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _prepare(raw: str) -> tuple[str, list[int] | None]:
    """Whole-page clean-up before line handling: (text, map to raw) or (text, None) when 1:1."""
    src, src_map = raw, None
    if "<" in raw and _HTML_HINT.search(raw):
        src, src_map = _strip_html(raw)
    return _to_simplified(src), src_map


def normalize(raw: str) -> tuple[str, list[int]]:
    """Normalise a page. Returns (text, offsets) with len(offsets) == len(text) + 1."""
    src, src_map = _prepare(raw)
    text, offs = _normalize(src)
    if src_map is not None:
        offs = [src_map[o] for o in offs[:-1]]
        offs.append(offs[-1] + 1 if offs else 0)
    return text, offs


def _normalize(raw: str) -> tuple[str, list[int]]:
    # physical lines with their raw start offsets
    lines: list[tuple[str, int]] = []
    pos = 0
    for m in _LINE_SPLIT.finditer(raw):
        lines.append((raw[pos:m.start()], pos))
        pos = m.end()
    lines.append((raw[pos:], pos))

    # paragraphs: list of (chars, offsets, kind) where kind is "byline" or "text"
    paras: list[tuple[list[str], list[int], str]] = []
    blank_before = True
    cur: tuple[list[str], list[int], str] | None = None
    for raw_line, base in lines:
        if raw_line.startswith("\ufeff"):
            raw_line, base = raw_line[1:], base + 1
        stripped = raw_line.strip(" \t\u3000\xa0\u200b")
        if not stripped:
            blank_before = True
            continue
        lead = len(raw_line) - len(raw_line.lstrip(" \t\u3000\xa0\u200b"))
        is_byline = len(stripped) <= 60 and is_byline_line(stripped.translate(_FULLWIDTH))
        text, offs = _clean_line(stripped, base + lead, keep_spaces=is_byline)
        if not text:
            continue
        kind = "byline" if is_byline else "text"
        starts_new = (
            cur is None
            or kind == "byline"
            or cur[2] == "byline"
            or bool(_PARA_STARTERS.match(text))
            or _ends_paragraph("".join(cur[0][-2:]))
        )
        if not starts_new and blank_before:
            # a blank line inside a sentence happens (columns); inside a headline block it is a break
            body_like = bool(_BODY_PUNCT.search("".join(cur[0]))) or "".join(cur[0][:3]) == "本报讯"
            starts_new = not body_like
        if starts_new:
            cur = ([], [], kind)
            paras.append(cur)
        else:
            # rejoin a broken line; keep a space only between two Latin words
            if cur[0] and _is_latin(cur[0][-1]) and _is_latin(text[0]) and cur[0][-1].isalpha() and text[0].isalpha():
                cur[0].append(" ")
                cur[1].append(base + lead - 1)
        cur[0].extend(text)
        cur[1].extend(offs)
        blank_before = False

    out_chars: list[str] = []
    out_offs: list[int] = []
    for i, (chars, offs, _kind) in enumerate(paras):
        if i:
            out_chars.append("\n")
            out_offs.append(out_offs[-1] + 1 if out_offs else 0)
        out_chars.extend(chars)
        out_offs.extend(offs)
    text = _quotes("".join(out_chars))
    out_offs.append(out_offs[-1] + 1 if out_offs else 0)
    return text, out_offs


def normalize_page(page):
    """Pipeline component: fills ``page.text`` and ``page.offsets`` from ``page.raw``."""
    page.text, page.offsets = normalize(page.raw)
    return page
