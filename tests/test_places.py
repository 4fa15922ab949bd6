"""Places, institutions with stem rules, and named documents without 《》: example tables (invented names)."""
from __future__ import annotations

import pytest

from kg import lexicons
from kg.extract import places
from kg.extract.documents import find_named_documents
from kg.extract.orgs import find_orgs, settle


def _found(text, kind):
    return [m.text for m in settle(find_orgs(text, 0, len(text))) if m.kind == kind and m.role != "nested"]


# sentence, kind, names expected
FOUND = [
    ("代表团参观了青禾特色小镇，听取了规划介绍。", "Place", ["青禾特色小镇"]),
    ("招商会重点推介了ABC国际商务区和滨江商务区。", "Place", ["ABC国际商务区", "滨江商务区"]),
    ("代表团抵达青禾机场，随后来到人民路和龙潭公园。", "Place", ["青禾机场", "人民路", "龙潭公园"]),
    ("检查组察看了青禾大桥和龙潭水库。", "Place", ["青禾大桥", "龙潭水库"]),
    ("在青禾高铁站、城南客运站检查防控措施。", "Place", ["青禾高铁站", "城南客运站"]),
    ("会上推介了城东片区产业招商和跃龙湾科创商务区。", "Place", ["城东片区", "跃龙湾科创商务区"]),
    ("地方政府建起北城农副产品批发市场。", "Place", ["北城农副产品批发市场"]),
    ("课题组请来了北农大的教授。", "Institution", ["北农大"]),
    ("会议邀请了青禾师范大学的专家。", "Institution", ["青禾师范大学"]),   # not 青禾师范大 + 学
    ("检查组来到城南农贸市场，查看食品安全。", "Place", ["城南农贸市场"]),
    ("考察团走访了北京一家企业在本地的蔬菜基地，又到“云上农庄”养殖基地察看。", "Place", ["“云上农庄”养殖基地"]),
    ("各校师生在县三中集合，参加演练。", "Institution", ["县三中"]),
    ("区委统战部、工商联、区科协等单位参加。", "Institution", ["工商联", "区科协"]),
    ("县委党校举办培训班。", "Institution", ["县委党校"]),
    ("会议邀请了南江师大的专家。", "Institution", ["南江师大"]),
    ("代表们参观了市自然博物馆和青禾美术馆。", "Institution", ["市自然博物馆", "青禾美术馆"]),
    ("专家组考察了新材料工程技术研究中心。", "Institution", ["新材料工程技术研究中心"]),
]

NOT_FOUND = [
    ("游客在南京鼓楼附近游览。", "Place"),            # 鼓楼区: a division's name
    ("劫车人弃车逃进农贸市场。", "Place"),
    ("这是一条普通柏油路。", "Place"),                  # not_places.txt
    ("这是我们的成功之路。", "Place"),                  # X之路: a way, not a road
    ("他一口气跑了八千里路。", "Place"),
    ("来访者不准进大楼。", "Place"),
    ("这里将建一个主题公园。", "Place"),
    ("要加强隧道安全管理和水库巡查。", "Place"),
    ("有媒体昨日报道了此事。", "Institution"),       # 报道, not a newspaper
    ("他走进办公楼，了解情况。", "Place"),
    ("要加强教育基地建设。", "Place"),
    ("做好偏远地区的保障工作。", "Place"),
    ("全面加强社会主义现代农业园区建设。", "Institution"),
    ("会议要求统一中央和地方的部署。", "Institution"),
    ("工作中要把握好方向。", "Institution"),
]


@pytest.mark.parametrize("text,kind,names", FOUND)
def test_found(text, kind, names):
    assert _found(text, kind) == names


@pytest.mark.parametrize("text,kind", NOT_FOUND)
def test_not_found(text, kind):
    assert _found(text, kind) == []


def test_an_unknown_rule_in_the_lexicon_is_an_error(monkeypatch):
    places.site_suffixes.cache_clear()
    monkeypatch.setattr(lexicons, "table", lambda name: (("小镇", "Place", "nice"),))
    with pytest.raises(places.SiteLexiconError, match="unknown rule"):
        places.site_suffixes()
    places.site_suffixes.cache_clear()


DOCUMENTS = [
    ("区政府印发关于加强安全生产工作的实施意见，要求各部门落实。", ["关于加强安全生产工作的实施意见"]),
    ("介绍了落实区营商环境3.0版方案的具体情况。", ["区营商环境3.0版方案"]),
    ("会议审议通过了2024年度财政预算调整方案。", ["2024年度财政预算调整方案"]),
    ("各单位要制定工作方案，落实相关意见。", []),
    ("出台了一系列支持企业发展的措施。", []),
    ("会议学习了《某某条例》。", []),   # in 《》: kg.extract.campaigns finds it
]


@pytest.mark.parametrize("text,names", DOCUMENTS)
def test_named_documents(text, names):
    assert [m.text for m in find_named_documents(text, 0, len(text))] == names


def test_no_lexicon_repeats_a_row():
    """A repeated row is a merge left-over: harmless to a set, but it hides which copy a fix should edit."""
    from collections import Counter
    from pathlib import Path

    import kg.lexicons

    for f in sorted(Path(kg.lexicons.__file__).parent.glob("*.t*")):
        rows = [line.rstrip("\n") for line in f.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        assert not [r for r, n in Counter(rows).items() if n > 1], f.name


def test_a_companys_short_name_ends_in_its_industry_word():
    from kg.extract.places import find_sites

    def enterprises(text):
        return [m.text for m in find_sites(text, 0, len(text)) if m.kind == "Enterprise"]

    assert enterprises("调研组走访了洛河机械和白沙科技，了解生产情况。") == ["洛河机械", "白沙科技"]
    assert enterprises("推进农业机械化和科技创新。") == []                   # inside longer words
    assert enterprises("加快发展电子信息产业，壮大光电产业。") == []
