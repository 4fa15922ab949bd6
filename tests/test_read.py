"""Stage 1: finding and decoding pages."""
from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.read import decode, find_pages, read_page

TEXT = "本报讯 3月20日上午，某区召开优化营商环境工作会议。区委书记张三出席会议并讲话。"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_decodes_the_encodings_pages_come_in(encoding):
    text, _ = decode(TEXT.encode(encoding), "p.txt")
    assert text == TEXT


def test_utf8_bom_is_dropped():
    text, enc = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "p.txt")
    assert text == TEXT and enc == "utf-8-sig"


def test_a_few_broken_bytes_do_not_lose_the_page():
    data = (TEXT * 20).encode("utf-8")
    data = data[:300] + b"\xff\xfe" + data[300:]
    text, enc = decode(data, "p.txt")
    assert enc == "utf-8" and "区委书记张三" in text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 20, "binary"),
])
def test_bad_bytes_give_one_line_naming_the_file(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    msg = str(err.value)
    assert msg.startswith("bad.txt: ") and reason in msg and "\n" not in msg


def test_find_pages_recurses_sorts_and_reports_missing(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    files, errors = find_pages([tmp_path, tmp_path / "1.txt", tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["1.txt", "2.txt"]
    assert len(errors) == 1 and "missing.txt" in str(errors[0]) and "no such file" in str(errors[0])


def test_read_page_hashes_content(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("gbk"))
    page = read_page(p)
    assert page.raw == TEXT and page.encoding == "gb18030" and len(page.content_hash) == 64


def test_page_uid_comes_from_the_bytes_not_the_file_name(tmp_path):
    (tmp_path / "2020").mkdir()
    a, b, c = tmp_path / "2020" / "p1.txt", tmp_path / "renamed.txt", tmp_path / "other.txt"
    for f in (a, b):
        f.write_text(TEXT, encoding="utf-8")
    c.write_text(TEXT + "。", encoding="utf-8")
    pa, pb, pc = read_page(a), read_page(b), read_page(c)
    assert pa.uid == pb.uid == pa.content_hash[:16]           # renamed or moved: the same IRIs
    assert pc.uid != pa.uid
    assert "p1" not in pa.uid and "renamed" not in pb.uid