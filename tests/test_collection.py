"""The collection a page belongs to (kg.collection): home area across pages, issue dates, stable IRIs."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from kg import collection as col
from kg.cli import main
from kg.errors import InputError
from kg.pipeline import build

# a county paper: page 1 names the county, page 2 only says 县 (invented people; 祁连县 is a real county)
P1 = "祁连县召开工业经济推进会\n\n本报讯 7月30日，祁连县召开工业经济推进会，县工信局局长马立新主持会议。\n"
P2 = "县工信局开展企业走访\n\n本报讯 8月2日，县工信局组织干部走访企业，县长韩东旭参加活动。\n"
DESCRIPTION = '''newspaper = "祁连报"
home = "祁连县"
dates = '(?P<year>\\d{4})(?P<month>\\d\\d)(?P<day>\\d\\d)'
[issues]
"p1.txt" = 2021-07-31
'''


def pages(tmp_path: Path, description: str | None = DESCRIPTION) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p1.txt").write_text(P1, encoding="utf-8")
    (folder / "20210803_p2.txt").write_text(P2, encoding="utf-8")
    if description is not None:
        (folder / col.FILE_NAME).write_text(description, encoding="utf-8")
    return folder


def ttl(out: Path) -> str:
    return (out / "graph.ttl").read_text(encoding="utf-8")


def bodies(text: str) -> set[str]:
    return set(re.findall(r"^(id:body\S+) a govkg:GovernmentBody", text, re.M))


# ---------------------------------------------------------------- reading a description

def test_a_description_reads_home_dates_and_issues(tmp_path):
    c = col.load(pages(tmp_path) / col.FILE_NAME)
    assert (c.newspaper, c.home_code, c.home_name) == ("祁连报", "632222", "祁连县")
    assert c.issue_date(tmp_path / "pages" / "p1.txt") == date(2021, 7, 31)               # [issues]
    assert c.issue_date(tmp_path / "pages" / "20210803_p2.txt") == date(2021, 8, 3)       # the pattern
    assert c.issue_date(tmp_path / "pages" / "p9.txt") is None and c.issue_year(tmp_path / "pages" / "p9.txt") == 0


def test_a_year_alone_dates_every_page(tmp_path):
    c = col.from_dict({"year": 2019, "dates": r"(?P<year>\d{4})/"}, "c.toml", tmp_path)
    assert c.issue_year(tmp_path / "2020" / "a.txt") == 2020 and c.issue_year(tmp_path / "a.txt") == 2019
    assert c.issue_date(tmp_path / "2020" / "a.txt") is None


@pytest.mark.parametrize("data, message", [
    ({"homee": "祁连县"}, "unknown key 'homee' (did you mean home?)"),
    ({"home": "朝阳区"}, "names 2 divisions (110105 北京市朝阳区, 220104 吉林省长春市朝阳区): give the code instead"),
    ({"home": "祁连"}, "is not a division name (did you mean 祁连县?)"),
    ({"code": "999999"}, "code '999999' is not a GB/T 2260 division code"),
    ({"home": "祁连县", "code": "110105"}, "home '祁连县' is not division 110105 (朝阳区)"),
    ({"year": 21}, "year must be a four-digit number"),
    ({"dates": "(?P<month>\\d\\d)"}, "dates needs the named groups"),
    ({"dates": "(unclosed"}, "dates is not a regular expression"),
    ({"issues": {"a.txt": "yesterday"}}, "[issues] 'a.txt': expected a date such as 2021-07-30"),
])
def test_a_wrong_description_is_one_line_naming_the_file(data, message):
    with pytest.raises(InputError) as err:
        col.from_dict(data, "pages/collection.toml")
    assert str(err.value).startswith("pages/collection.toml: ") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_not_toml_is_one_line(tmp_path):
    f = tmp_path / col.FILE_NAME
    f.write_text('home = "祁连县\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"collection.toml: not valid TOML"):
        col.load(f)


@pytest.mark.parametrize("month, day, issued, year, expected", [
    (7, 30, date(2021, 7, 31), 0, date(2021, 7, 30)),
    (8, 2, date(2021, 7, 31), 0, date(2021, 8, 2)),        # an announcement of a coming day
    (12, 28, date(2022, 1, 3), 0, date(2021, 12, 28)),     # a January issue reporting December
    (2, 30, date(2021, 3, 1), 0, None),                     # no such day
    (5, 4, None, 2020, date(2020, 5, 4)),
    (5, 4, None, 0, None),
])
def test_the_year_of_a_printed_day(month, day, issued, year, expected):
    assert col.date_of(month, day, issued, year) == expected


def test_the_nearest_description_covers_a_page(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / col.FILE_NAME).write_text('newspaper = "甲报"\n', encoding="utf-8")
    (tmp_path / "a" / "b" / col.FILE_NAME).write_text('newspaper = "乙报"\n', encoding="utf-8")
    find = col.Finder([tmp_path])
    assert find(tmp_path / "x.txt").newspaper == "甲报"
    assert find(tmp_path / "a" / "y.txt").newspaper == "甲报"
    assert find(tmp_path / "a" / "b" / "z.txt").newspaper == "乙报"
    assert col.Finder([tmp_path / "a" / "b"], overrides={"year": 2020})(tmp_path / "a" / "b" / "z.txt").year == 2020


# ---------------------------------------------------------------- what a build does with it

def test_relative_names_are_the_papers_area_on_every_page(tmp_path):
    plain = build([pages(tmp_path, None)], out=tmp_path / "plain", viz=False, cache=False)
    assert not plain.errors and len(bodies(ttl(tmp_path / "plain"))) == 2      # 县工信局 twice, kept apart
    shutil.rmtree(tmp_path / "pages")
    build([pages(tmp_path)], out=tmp_path / "out", viz=False, cache=False)
    text = ttl(tmp_path / "out")
    assert bodies(text) == {r"id:body\/632222-祁连县\/工业和信息化局"}
    assert r"id:person\/632200-海北藏族自治州\/韩东旭 a govkg:Official" in text   # placed in the county's city


def test_issue_dates_give_events_their_year(tmp_path):
    build([pages(tmp_path)], out=tmp_path / "out", viz=False, cache=False)
    text = ttl(tmp_path / "out")
    assert 'govkg:date "2021-07-30"^^xsd:date' in text and 'govkg:date "2021-08-02"^^xsd:date' in text
    assert "gMonthDay" not in text                     # with the year, the date itself sorts
    assert 'schema:datePublished "2021-07-31"^^xsd:date' in text
    assert 'time:inXSDDate "2021-08-02"^^xsd:date' in text
    assert r"schema:isPartOf id:periodical\/祁连报" in text
    assert r"schema:spatialCoverage id:area\/632222-祁连县" in text


def test_iris_do_not_change_when_files_are_renamed(tmp_path):
    folder = pages(tmp_path)
    build([folder], out=tmp_path / "a", viz=False, cache=False)
    (folder / "p1.txt").rename(folder / "renamed.txt")
    (folder / col.FILE_NAME).write_text(DESCRIPTION.replace('"p1.txt"', '"renamed.txt"'), encoding="utf-8")
    build([folder], out=tmp_path / "b", viz=False, cache=False)
    a, b = ttl(tmp_path / "a"), ttl(tmp_path / "b")
    assert a != b and a.replace('"p1.txt"', '"renamed.txt"') == b   # only the file-name literal differs


def test_options_describe_the_collection_on_the_command_line(tmp_path, capsys):
    folder = pages(tmp_path, None)
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--no-viz", "-q",
                 "--home", "632222", "--year", "2021", "--newspaper", "祁连报"]) == 0
    text = ttl(tmp_path / "out")
    assert len(bodies(text)) == 1 and 'govkg:date "2021-08-02"^^xsd:date' in text
    before = ttl(tmp_path / "out")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--no-viz", "-q", "--home", "朝阳区"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "朝阳区" in err[0] and "give the code" in err[0]
    assert ttl(tmp_path / "out") == before              # a wrong description touches no output


def test_a_broken_description_stops_the_build_before_any_output(tmp_path, capsys):
    folder = pages(tmp_path, 'home = "祁连县"\nyaer = 2021\n')
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--no-viz", "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("collection.toml: unknown key 'yaer' (did you mean year?)") and "\n" not in err
    assert not (tmp_path / "out" / "graph.ttl").exists()


# ---------------------------------------------------------------- the ontology travels with the exports

def test_the_build_writes_the_ontology_and_queries_can_use_it(tmp_path, capsys):
    from kg.validate import DEFAULT_ONTOLOGY

    out = tmp_path / "out"
    build([pages(tmp_path)], out=out, viz=False, cache=False)
    assert (out / "ontology.ttl").read_bytes() == DEFAULT_ONTOLOGY.read_bytes()
    q = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a ?c . ?c rdfs:subClassOf* govkg:Event }"
    assert main(["query", q, "--graph", str(out), "-f", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "0"]          # the graph alone has no class hierarchy
    assert main(["query", q, "--graph", str(out), "-f", "csv", "--with-ontology"]) == 0
    assert capsys.readouterr().out.split() == ["n", "2"]          # 推进会 (Meeting) and the visit
    assert main(["export", "-f", "nt", "--graph", str(out), "--out", str(tmp_path / "g.nt"), "--with-ontology"]) == 0
    nt = (tmp_path / "g.nt").read_text(encoding="utf-8")
    assert "<https://w3id.org/govkg/ontology#Meeting> <http://www.w3.org/2000/01/rdf-schema#subClassOf> " \
           "<https://w3id.org/govkg/ontology#Event> ." in nt
    assert main(["export", "-f", "nq", "--graph", str(out), "--out", str(tmp_path / "g.nq"), "--with-ontology"]) == 0
    assert "#Event> <https://w3id.org/govkg/ontology> ." in (tmp_path / "g.nq").read_text(encoding="utf-8")


def test_without_a_description_the_relative_name_is_a_candidate_of_the_one_named_body(tmp_path):
    """No collection: 县工信局 on the page that names no county stays its own node (when unsure, keep
    apart), with skos:closeMatch to the one county bureau of that organ the build knows."""
    out = tmp_path / "out"
    build([pages(tmp_path, None)], out=out, viz=False, cache=False)
    text = ttl(out)
    loose = next(b for b in bodies(text) if "632222" not in b)
    block = text[text.index(loose + " a govkg:GovernmentBody"):]
    block = block[:block.index(" .\n")]
    assert r"skos:closeMatch id:body\/632222-祁连县\/工业和信息化局" in block
