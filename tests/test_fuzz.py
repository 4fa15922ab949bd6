"""Property tests: the reader, normaliser, segmenter, extractors and graph builder never raise on
arbitrary text, and every offset they give stays valid."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.graph.triples import build_quads
from kg.model import Page
from kg.pipeline import process_page
from kg.read import decode
from kg.resolve import resolve_pages
from kg.text.normalize import normalize
from kg.text.segment import segment

# pieces that steer the text into the extractors' paths: suffixes, titles, bylines, leads, quotes, dates
WORDS = ["本报讯", "记者", "通讯员", "摄", "文/图", "区", "市", "县", "镇", "村", "社区", "街道", "局", "委", "办", "党工委",
         "管委会", "有限公司", "集团", "大学", "经开区", "示范区", "路", "小区", "书记", "主任", "局长", "副区长", "召开",
         "会议", "调研", "走访", "开展", "活动", "行动", "万人助万企", "“", "”", "《", "》", "（", "）", "(", ")", "，", "。",
         "；", "：", "、", "！", "？", "\n", "\r\n", "\r", " ", "　", "\t", "2020年", "3月20日", "上午", "为", "授予",
         "锦旗", "王", "李", "张", "某", "强", "华", "郑州", "管城", "河南省", "<p>", "</p>", "&amp;", "國", "會議", "\ufeff",
         "\ufffd", "Ａ", "１", "VOCs", "a", "1", "\"", "'", "…", "——", "■", "【", "】"]
pieces = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=3),
                   st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=4))
page_text = st.lists(pieces, max_size=120).map("".join)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_offsets(raw: str, text: str, offsets: list[int]) -> None:
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in zip(offsets, offsets[1:])), "offsets must be monotone"
    assert all(0 <= o <= len(raw) for o in offsets)


@FUZZ
@given(st.text(max_size=400))
def test_normalise_any_unicode(raw):
    text, offsets = normalize(raw)
    check_offsets(raw, text, offsets)


@FUZZ
@given(page_text)
def test_normalise_news_like_text(raw):
    text, offsets = normalize(raw)
    check_offsets(raw, text, offsets)


@FUZZ
@given(st.binary(max_size=600))
def test_decode_any_bytes(data):
    try:
        text, enc = decode(data, "fuzz.txt")
    except InputError as err:
        assert str(err).startswith("fuzz.txt: ")
    else:
        assert isinstance(text, str) and text.strip() and enc


def _page(raw: str) -> Page:
    return Page(path="fuzz.txt", raw=raw, content_hash="0" * 64, uid="fuzz")


@FUZZ
@given(page_text)
def test_segment_spans_are_valid(raw):
    from kg.text.normalize import normalize_page

    page = segment(normalize_page(_page(raw)))
    n = len(page.text)
    for a in page.articles:
        assert 0 <= a.start <= a.end <= n
        for s in a.sentences:
            assert 0 <= s.start < s.end <= n and page.text[s.start:s.end] == s.text


@FUZZ
@given(page_text)
def test_extract_resolve_and_triples_never_raise(raw):
    page = process_page(_page(raw))
    n = len(page.text)
    check_offsets(raw, page.text, page.offsets)
    for a in page.articles:
        for m in a.mentions + a.journalists:
            assert 0 <= m.start <= m.end <= n
            o_start, o_end = page.to_original(m.start, m.end)
            assert 0 <= o_start <= o_end <= len(raw)
        for post in a.posts:
            assert 0 <= post.person.start <= post.person.end <= n
        for ev in a.events:
            assert -1 <= ev.sentence < len(a.sentences)
    resolver = resolve_pages([page])
    build_quads([page], resolver)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.integers(20, 200))
def test_long_repetitive_text(words, times):
    raw = "".join(words) * times
    page = process_page(_page(raw))
    check_offsets(raw, page.text, page.offsets)


# zone and area names built from the pieces the area resolver combines: a division (or its stem), a
# designation, zone words long and short, parenthesised aliases, local units
ZONE_PIECES = ["郑州", "郑州市", "管城", "经开", "高新", "国家级", "省级", "国家", "经济技术开发区", "高新技术产业开发区",
               "综合保税区", "经开区", "高新区", "示范区", "综保区", "保税区", "自贸区", "开发区", "新区", "区", "县", "市",
               "街道", "社区", "镇", "（", "）", "是", "，", "、", "在", "和"]
zone_text = st.lists(st.sampled_from(ZONE_PIECES), min_size=1, max_size=30).map("".join)


@FUZZ
@given(zone_text, st.lists(zone_text, max_size=6))
def test_area_keys_of_any_zone_names_terminate(page_text, names):
    """Every name the resolver may be asked about, on a page printing any zone forms, gets a key
    (no recursion through aliases or qualified forms)."""
    from kg.model import Article, Mention
    from kg.resolve.areas import PageAreas

    page = _page(page_text)
    page.text = page_text
    article = Article(index=1, start=0, end=len(page_text))
    article.mentions = [Mention("Area", n, 0, len(n)) for n in names if n]
    page.articles = [article]
    areas = PageAreas(page)
    for n in names + [page_text]:
        ref = areas.ref(n)
        assert ref.key.startswith("area:")


@FUZZ
@given(st.lists(zone_text, min_size=1, max_size=8).map("。".join))
def test_pages_of_zone_names_resolve(raw):
    page = process_page(_page(raw))
    build_quads([page], resolve_pages([page]))
