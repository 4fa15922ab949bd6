"""A learned character tagger (linear-chain CRF) for the entities the rules cannot see.

    from kg.extract import crf
    crf.tag("市城管局局长杨树亮到企业调研")   # [(0, 4, 'GovernmentBody'), (4, 6, 'Title'), (6, 9, 'Person')]

The rules find a person only next to a title or a role word; news text names many people bare
("张三说", "据李四介绍"). The model labels every character B-/I-/O for six types (Person, GovernmentBody,
Enterprise, Institution, Title, Location). It is trained by scripts/train_crf.py on public NER data
(CLUENER2020 train, People's Daily dev) and shipped inside the package (models/ner.crfsuite), loaded
offline on first use. Features are the characters around each position and membership in govkg's own
lexicons (surnames, title words, organ/company/institution/area suffixes, divisions, role verbs), so the
model learns how the general word lists combine in context; ``features`` is shared with the trainer.
``ENABLED`` switches the pipeline's use of it off (bench/ner_external.py measures both ways).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

from ..lexicons import divisions, role_words, surnames, words

ENABLED = True
MODEL = "ner.crfsuite"
LEXICONS = "ner.lexicons.json"

#: model labels -> govkg kinds
KINDS = {"PER": "Person", "GOV": "GovernmentBody", "COM": "Enterprise", "ORG": "Institution",
         "POS": "Title", "LOC": "Location"}

#: look-ahead distances (characters) to the end of the nearest suffix word: long names start far from it
_AHEAD = (1, 2, 3, 5, 8, 12)


def live_lexicons() -> dict[str, list[str]]:
    """The word lists the features test membership in, as govkg's lexicons hold them now."""
    lists = {
        "organ": set(words("organ_suffixes")) | set(words("party_organs")),
        "ent": set(words("enterprise_suffixes")),
        "inst": set(words("institution_suffixes")),
        "title": set(words("titles")) | set(words("collective_titles")),
        "area": set(words("area_suffixes")),
        "div": {f for f in divisions.all_forms() if len(f) >= 2},
        "place": set(words("place_suffixes")),
        "role": set(role_words()),
        "surname": set(surnames()),
    }
    return {name: sorted(ws) for name, ws in lists.items()}


# The model is trained with the lexicons of its day, frozen beside it (models/ner.lexicons.json), so
# that growing govkg's lexicons later does not shift the features under a fixed model.
_lexicon_source: dict[str, list[str]] | None = None     # set by the trainer: the lists to train with
_model_path: str | None = None                           # set by use_model; None: the packaged model


def _lexicon_file(model_path) -> object:
    return model_path.with_name(model_path.name.replace(".crfsuite", ".lexicons.json"))


@lru_cache(maxsize=1)
def _all_lexicons() -> dict[str, frozenset[str]]:
    import json
    from pathlib import Path

    lists = _lexicon_source
    if lists is None:
        frozen = (_lexicon_file(Path(_model_path)) if _model_path
                  else resources.files(__package__).joinpath("models", LEXICONS))
        lists = json.loads(frozen.read_text(encoding="utf-8")) if frozen.is_file() else live_lexicons()
    return {name: frozenset(ws) for name, ws in lists.items()}


def _lexicons() -> dict[str, frozenset[str]]:
    return {k: v for k, v in _all_lexicons().items() if k != "surname" and not k.startswith("_")}


@lru_cache(maxsize=1)
def _lengths() -> dict[str, tuple[int, ...]]:
    return {name: tuple(sorted({len(w) for w in lex}, reverse=True)) for name, lex in _lexicons().items()}


def use_lexicons(lists: dict[str, list[str]] | None) -> None:
    """Compute features with these word lists (the trainer passes live_lexicons()); None: the frozen ones."""
    global _lexicon_source
    _lexicon_source = lists
    _all_lexicons.cache_clear()
    _lengths.cache_clear()


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P" if unicodedata.category(ch).startswith(("P", "S")) else "O"


def _fold(ch: str) -> str:
    """One form per character: full-width ASCII to half-width, letters lower-case."""
    f = unicodedata.normalize("NFKC", ch).lower()
    return f if len(f) == 1 else ch


#: character -> (folded form, class of the folded form, both UTF-8): a per-character memo (bounded by
#: the character set; features() asks it for every character it tags)
_CHAR_INFO: dict[str, tuple[str, str, bytes, bytes]] = {}


def _char_info(ch: str) -> tuple[str, str, bytes, bytes]:
    info = _CHAR_INFO.get(ch)
    if info is None:
        f = _fold(ch)
        k = _char_class(f)
        info = _CHAR_INFO[ch] = (f, k, f.encode("utf-8"), k.encode("utf-8"))
    return info


def _matches(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every (start, end) where a word of each lexicon occurs in ``text``."""
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for name, (lex, lengths, starts, by_first) in _match_index().items():
        found = []
        # only where a word of the lexicon can start (a character class, scanned in C), and only the
        # lengths of the words that start with that character: the same pairs in the same order
        positions = (m.start() for m in starts.finditer(text)) if starts is not None else range(n)
        for i in positions:
            for length in (by_first.get(text[i], ()) if starts is not None else lengths):
                if i + length <= n and text[i:i + length] in lex:
                    found.append((i, i + length))
        out[name] = found
    return out


_MATCH_INDEX: list = [None, None]


def _match_index() -> dict:
    """name -> (lexicon, lengths, first-character class, first character -> lengths in _lengths order);
    rebuilt whenever the lexicons are reloaded (use_lexicons / use_model clear _all_lexicons)."""
    import re

    lexicons = _all_lexicons()
    if _MATCH_INDEX[0] is not lexicons:
        index = {}
        for name, lex in _lexicons().items():
            lengths = _lengths()[name]
            if 0 in lengths:
                index[name] = (lex, lengths, None, {})
                continue
            per_first: dict[str, set[int]] = {}
            for w in lex:
                per_first.setdefault(w[0], set()).add(len(w))
            by_first = {ch: tuple(n for n in lengths if n in ls) for ch, ls in per_first.items()}
            starts = re.compile("[" + "".join(re.escape(c) for c in sorted(per_first)) + "]") if per_first else re.compile("(?!)")
            index[name] = (lex, lengths, starts, by_first)
        _MATCH_INDEX[:] = [lexicons, index]
    return _MATCH_INDEX[1]


#: attributes that also get a copy per text style ("news:c=局"), so that conventions that differ between
#: the training sets (is 记者 a position? does 市 belong to 市政府?) are learnt apart (feature augmentation)
_STYLED = ("c=", "k=", "b-1=", "b+1=")
_LEX_NAMES = ("organ", "ent", "inst", "title", "area", "div", "place", "role")


#: the attributes every character gets, in order: name prefixes of features()'s first 13 attributes
_BASIC = ("b", "c=", "c-1=", "c+1=", "c-2=", "c+2=", "b-2=", "b-1=", "b+1=", "b+2=", "t=", "k=", "kk=")
#: distance to the next suffix word's end -> the _AHEAD bucket it falls in (1.._AHEAD[-1])
_BUCKET = {d: next(b for b in _AHEAD if d <= b) for d in range(1, _AHEAD[-1] + 1)}
#: lexicons whose word ends give "look-ahead" attributes (long names start far from their suffix)
_AHEAD_LEXICONS = ("organ", "ent", "inst", "area", "place")


def _is_styled(a: str, prefixes: tuple[str, ...]) -> bool:
    """Does attribute ``a`` get a per-style copy? (the rule the model was trained with)"""
    return a == "b" or a.startswith(prefixes) or a.split("=")[0] in _LEX_NAMES


@lru_cache(maxsize=8)
def _styled_basic(prefixes: tuple[str, ...]) -> tuple[int, ...] | None:
    """Indexes of the basic attributes that get a style copy, decided by their name prefix alone;
    None when a styled prefix is longer than a basic name (then it depends on the value; "b" has none)."""
    out = []
    for k, name in enumerate(_BASIC):
        if name != "b" and any(len(p) > len(name) and p.startswith(name) for p in prefixes):
            return None
        if _is_styled(name, prefixes):    # a value after the name's "=" changes neither test
            out.append(k)
    return tuple(out)


@lru_cache(maxsize=1)
def _compound_surnames() -> frozenset[str]:
    return frozenset(s for s in _all_lexicons()["surname"] if len(s) == 2)


@lru_cache(maxsize=4)
def _names(encoded: bool) -> dict:
    """The fixed attribute names features() appends, as str or as UTF-8 bytes."""
    enc = (lambda s: s.encode("utf-8")) if encoded else (lambda s: s)
    out = {a: enc(a) for a in ("b", "<s>", "</s>", "sur", "sur-1", "sur-2", "sur2B", "sur2E", "title@-1")}
    out["basic"] = tuple(enc(a) for a in _BASIC)
    return out


def _lexicon_names(names: dict, name: str, encoded: bool) -> tuple:
    """(name=S, name=B, name=E, name=M, ((d, name@+d), ...), {distance: name_end<=bucket}) of a lexicon."""
    attrs = names.get(("lexicon", name))
    if attrs is None:
        enc = (lambda s: s.encode("utf-8")) if encoded else (lambda s: s)
        attrs = names["lexicon", name] = (
            *(enc(f"{name}={x}") for x in "SBEM"), tuple((d, enc(f"{name}@+{d}")) for d in (1, 2, 3)),
            {d: enc(f"{name}_end<={b}") for d, b in _BUCKET.items()})
    return attrs


#: (prefixes, encoded) -> attribute -> styled? for the attributes after the basic ones (a small, fixed set)
_STYLED_MEMO: dict[tuple[tuple[str, ...], bool], dict] = {}


def features(text: str, style: str = "", encoded: bool = False) -> list[list]:
    """The attributes of each character of ``text`` (the same at training and at tagging time).
    ``style`` ("news" or "web") adds style-specific copies of the basic attributes. ``encoded``: as
    UTF-8 bytes (what crfsuite takes without converting; tag() uses them), else str.

    Per character, in this order (crfsuite adds the weights in item order, so the order is kept):
    the 13 basic context attributes, surname flags, lexicon-word positions and look-ahead distances,
    then the style copies. Built column-wise (a few comprehensions, no per-character loop over the
    lexicons): this is the costliest Python of the pipeline."""
    info = _CHAR_INFO
    pairs = [info.get(ch) or _char_info(ch) for ch in text]
    chars = [p[0] for p in pairs]
    n = len(chars)
    names = _names(encoded)
    fc, fk = (2, 3) if encoded else (0, 1)
    s0, s1 = names["<s>"], names["</s>"]
    pad = [s0, s0, *(p[fc] for p in pairs), s1, s1]
    kpad = [s0, s0, *(p[fk] for p in pairs), s1, s1]
    b, c_, cm1, cp1, cm2, cp2, bm2, bm1, bp1, bp2, t_, k_, kk = names["basic"]
    feats = [[b, c_ + c0, cm1 + m1, cp1 + p1, cm2 + m2, cp2 + p2,
              bm2 + m2 + m1, bm1 + m1 + c0, bp1 + c0 + p1, bp2 + p1 + p2,
              t_ + m1 + c0 + p1, k_ + k0, kk + km1 + k0 + kp1]
             for m2, m1, c0, p1, p2, km1, k0, kp1
             in zip(pad, pad[1:], pad[2:], pad[3:], pad[4:], kpad[1:], kpad[2:], kpad[3:])]
    # surnames: at, one and two after a surname character; start and end of a compound surname
    single = _all_lexicons()["surname"]
    compound = _compound_surnames()
    sur = {i for i, c in enumerate(chars) if c in single}
    sur2 = {i for i in range(n - 1) if chars[i] + chars[i + 1] in compound} if compound else set()
    if sur or sur2:
        a_sur, a_sur1, a_sur2, a_b2, a_e2 = (names[a] for a in ("sur", "sur-1", "sur-2", "sur2B", "sur2E"))
        touched = {j for i in sur for j in (i, i + 1, i + 2) if j < n} | {j for i in sur2 for j in (i, i + 1)}
        for i in sorted(touched):
            f = feats[i]
            if i in sur:
                f.append(a_sur)
            if i - 1 in sur:
                f.append(a_sur1)
            if i - 2 in sur:
                f.append(a_sur2)
            if i in sur2:
                f.append(a_b2)
            if i - 1 in sur2:
                f.append(a_e2)
    for name, found in _matches("".join(chars)).items():
        if not found:
            continue
        a_s, a_b, a_e, a_m, before, labels = _lexicon_names(names, name, encoded)
        near = name in ("title", "role")
        for s, e in found:
            if e - s == 1:
                feats[s].append(a_s)
            else:
                feats[s].append(a_b)
                feats[e - 1].append(a_e)
                for k in range(s + 1, e - 1):
                    feats[k].append(a_m)
            if near:
                # a name ends right before a title or a role verb, starts right after a title
                for d, a in before:
                    if s - d >= 0:
                        feats[s - d].append(a)
                if name == "title" and e < n:
                    feats[e].append(names["title@-1"])
        if name in _AHEAD_LEXICONS:
            # each position before a word's end (and after the previous end) is that far from it
            prev = 0
            for e in sorted({e for _, e in found}):
                for i in range(max(prev, e - _AHEAD[-1]), e):
                    feats[i].append(labels[e - i])
                prev = e
    if style:
        prefixes = tuple(sorted(_all_lexicons().get("_styled", _STYLED)))   # as the model was trained
        basic = _styled_basic(prefixes)
        pre = (style + ":").encode("utf-8") if encoded else style + ":"
        memo = _STYLED_MEMO.setdefault((prefixes, encoded), {})
        nb = len(_BASIC)
        for f in feats:
            if basic is None:
                f += [pre + a for a in f if _is_styled(a.decode("utf-8") if encoded else a, prefixes)]
                continue
            copies = [pre + f[k] for k in basic]
            for a in f[nb:]:
                styled = memo.get(a)
                if styled is None:
                    styled = memo[a] = _is_styled(a.decode("utf-8") if encoded else a, prefixes)
                if styled:
                    copies.append(pre + a)
            f += copies
    return feats


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    if _model_path:
        tagger.open(_model_path)
        return tagger
    ref = resources.files(__package__).joinpath("models", MODEL)
    with resources.as_file(ref) as path:
        tagger.open(str(path))
    return tagger


def use_model(path: str | None) -> None:
    """Tag with another model file (for experiments); None goes back to the packaged one."""
    global _model_path
    _model_path = str(path) if path else None
    _tagger.cache_clear()
    _all_lexicons.cache_clear()
    _lengths.cache_clear()


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIO labels -> (start, end, label type) with half-open offsets; a stray I- starts an entity."""
    out, start, kind = [], None, None
    for i, label in enumerate(list(labels) + ["O"]):
        if start is not None and label != "I-" + kind:
            out.append((start, i, kind))
            start = None
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start, kind = i, label[2:]
    return out


def tag(text: str, style: str = "news") -> list[tuple[int, int, str]]:
    """Entities in ``text``: (start, end, kind) with half-open character offsets, left to right.
    ``style``: "news" (newspaper prose, People's Daily conventions) or "web" (CLUENER's)."""
    if not text:
        return []
    styled = "_styles" in _all_lexicons()      # the model was trained with style copies
    labels = _tagger().tag(features(text, style if styled else "", encoded=True))
    return [(s, e, KINDS[k]) for s, e, k in spans(labels) if k in KINDS]


# ---------------------------------------------------------------- the pipeline's use: people the rules missed

#: words right after a name that say it is a person acting in the text (besides title words)
_ACTS = ("同志", "总书记", "表示", "指出", "强调", "介绍", "说", "要求", "认为", "一行")


@lru_cache(maxsize=1)
def _cue_re():
    import re
    from ..lexicons import alternation
    cues = set(words("titles")) | set(words("collective_titles")) | set(role_words()) | set(_ACTS)
    return re.compile(alternation(cues))


class Taken:
    """Spans taken by mentions, as the set of character positions they cover: position and overlap
    tests cost the span's length, not a scan of every mention of the article (that was quadratic in
    a long article). Same answers as testing each (a, b) span."""

    def __init__(self, spans=()):
        self.covered: set[int] = set()
        self.empty: list[tuple[int, int]] = []    # a >= b: covers nothing, but a < e and s < b can hold
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        if a < b:
            self.covered.update(range(a, b))
        else:
            self.empty.append(span)

    def covers(self, i: int) -> bool:
        return i in self.covered

    def overlaps(self, s: int, e: int) -> bool:
        """any(a < e and s < b) over the spans, for s < e."""
        covered = self.covered
        return any(i in covered for i in range(s, e)) or any(a < e and s < b for a, b in self.empty)


def _slots(text: str, lo: int, hi: int, taken: Taken) -> list[int]:
    """Where could a name the rules missed stand? Right after a cue (a title: 局长|X) or just before one
    (X|出席), on characters no rule mention covers. Only windows around these slots are tagged."""
    from .spans import is_cjk

    def free(i: int) -> bool:
        return lo <= i < hi and not taken.covers(i)

    out = []
    for m in _cue_re().finditer(text, lo, hi):
        i = m.end()
        if free(i) and free(i + 1) and is_cjk(text[i]):
            out.append(i)
        j = m.start() - 2
        if free(j) and free(m.start() - 1) and is_cjk(text[j]):
            out.append(j)
    return out


def _windows(slots: list[int], lo: int, hi: int, before: int = 16, after: int = 20) -> list[tuple[int, int]]:
    spans = sorted((max(lo, i - before), min(hi, i + after)) for i in slots)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _title_before(text: str, start: int, lo: int) -> bool:
    from .titles import title_ending_at
    return bool(title_ending_at(text, start, lo)[1])


def _context(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """"official" when a title word touches the name, "other" when a role or speech verb follows it,
    "" when nothing in the text supports the model's guess."""
    from .titles import title_re
    if _title_before(text, start, lo) or title_re().match(text, end, hi) or text.startswith("总书记", end):
        return "official"
    if any(text.startswith(w, end) for w in _ACTS) or any(text.startswith(w, end) for w in role_words()):
        return "other"
    return ""


_ORG_KINDS = ("GovernmentBody", "Enterprise", "Institution", "Area")


def _posts_before(text: str, start: int, lo: int, mentions: list) -> list[tuple[str, object, str]]:
    """(title, organisation mention or None, phrase) of the title chain ending right before a name:
    "市城管局党组书记、局长" -> 党组书记 and 局长, both of 市城管局 (a later title inherits the organ,
    except the head of an area: 区长 belongs to the area itself)."""
    from .titles import is_area_head, title_ending_at

    chain = []
    end = start
    while True:
        t_start, title = title_ending_at(text, end, lo)
        if not title:
            break
        org = next((m for m in mentions if m.end == t_start and m.kind in _ORG_KINDS and m.role != "nested"), None)
        chain.append((title, org, text[org.start if org else t_start:end]))
        if org is not None or t_start - 1 < lo or text[t_start - 1] != "、":
            break
        end = t_start - 1
    out, inherited = [], None
    for title, org, phrase in reversed(chain):
        if org is not None:
            inherited = org
        elif inherited is not None and not is_area_head(title):
            org = inherited
        out.append((title, org, phrase))
    return out


def crf_people(text: str, article, mentions: list) -> list:
    """Person mentions the rules missed: names the model finds where a title or role word supports them.

    ``text`` is the page's normalised text, ``mentions`` what the rules found in ``article`` so far
    (spans taken by them, and names they know, are left alone). A name right after a title also gets
    its posts, appended to ``article.posts`` as the rules would. Byline sentences are skipped.
    """
    from ..lexicons import is_byline_line
    from ..model import Mention, Post
    from .spans import is_cjk
    from .people import describes
    from .titles import title_re

    if not ENABLED:
        return []
    taken = Taken((m.start, m.end) for m in mentions)
    known = {m.text for m in mentions if m.kind == "Person"}     # their later mentions are found by name
    out = []
    for si, sent in enumerate(article.sentences):
        lo, hi = sent.start, sent.end
        if any(lo <= j.start < hi for j in article.journalists) or is_byline_line(text[lo:hi]):
            continue
        slots = _slots(text, lo, hi, taken)
        if not slots:
            continue        # no title or role word next to untaken text: nothing could support a new name
        # tag a window around each slot, not the whole sentence: names are local, tagging is the cost
        found = set()
        for w_lo, w_hi in _windows(slots, lo, hi):
            for s, e, kind in tag(text[w_lo:w_hi]):
                # a span cut by a window edge inside the sentence is not trusted
                if (s > 0 or w_lo == lo) and (e < w_hi - w_lo or w_hi == hi):
                    found.add((s + w_lo, e + w_lo, kind))
        for s, e, kind in sorted(found):
            name = text[s:e]
            if kind != "Person" or not 2 <= len(name) <= 4 or not all(is_cjk(c) for c in name):
                continue
            if name in known or taken.overlaps(s, e) or title_re().search(name):
                continue
            if describes(name):
                continue    # 县长殷切希望: one adjective or adverb (jieba), not a name the model guessed
            role = _context(text, s, e, lo, hi)
            if not role:
                continue
            person = Mention("Person", name, s, e, sentence=si, role=role)
            out.append(person)
            taken.append((s, e))
            known.add(name)
            for title, org, phrase in _posts_before(text, s, lo, mentions):
                article.posts.append(Post(person, title, org, phrase, si))
    return out
