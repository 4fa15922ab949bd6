"""Stage 2: OCR normalisation and its map back to the original characters."""
from __future__ import annotations

from kg.text.normalize import normalize


def _check_map(raw, text, offsets):
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        o = raw[offsets[i]]
        # 1:1 character changes only: width and punctuation forms
        assert o == ch or ch in "，；：？！（）“”" or o.isspace() is False, (i, ch, o)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))


def test_rejoins_column_lines_and_drops_stray_spaces():
    raw = "本报讯 近日，某区市场\n监管局组织走访企业 260余\n家，解决问题 45 个。\n"
    text, offsets = normalize(raw)
    assert text == "本报讯近日，某区市场监管局组织走访企业260余家，解决问题45个。"
    _check_map(raw, text, offsets)


def test_keeps_spaces_between_latin_words_and_in_bylines():
    raw = "推广 Model S 车型，治理 VOCs 排放。\n记者 王某某 通讯员 李某\n"
    text, _ = normalize(raw)
    assert "Model S" in text and "治理VOCs排放" in text
    assert text.splitlines()[-1] == "记者 王某某 通讯员 李某"


def test_unifies_widths_and_punctuation():
    raw = "２０２０年３月，某区(县)召开会议,强调\"放管服\"改革!"
    text, offsets = normalize(raw)
    assert text == "2020年3月，某区（县）召开会议，强调“放管服”改革！"
    _check_map(raw, text, offsets)


def test_blank_line_inside_a_sentence_is_joined_but_headlines_stay_apart():
    raw = "某区召开会议\n\n本报讯 某区今天召开会议，会议强调要把工作\n\n落到实处。\n\n下一段开始了。"
    text, _ = normalize(raw)
    assert text.split("\n") == ["某区召开会议", "本报讯某区今天召开会议，会议强调要把工作落到实处。", "下一段开始了。"]
    # a headline that lists places with 、 is still a headline
    raw = "某区政协赴甲镇、乙镇开展调研\n\n4月3日，某区政协一行赴甲镇调研。"
    text, _ = normalize(raw)
    assert text.split("\n") == ["某区政协赴甲镇、乙镇开展调研", "4月3日，某区政协一行赴甲镇调研。"]


def test_offsets_slice_back_to_the_original():
    raw = "　某区  委书记\r\n张三 出席\r\n会议。"
    text, offsets = normalize(raw)
    start = text.index("张三")
    assert raw[offsets[start]:offsets[start + 1] + 1] == "张三"
    assert "\r" not in text


def test_empty_and_whitespace_only():
    assert normalize("")[0] == ""
    assert normalize(" \n\n ")[0] == ""
