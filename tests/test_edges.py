"""kg.extract.edges: where an organisation name starts when scan_left took too much (example table)."""
from __future__ import annotations

import pytest

from kg.extract.edges import name_start
from kg.extract.orgs import find_orgs, settle

# stem before the suffix, kind, the part of it that belongs to the name
EXAMPLES = [
    ("希望东湖区", "GovernmentBody", "东湖区"),          # a verb before a division
    ("张明代表青山区", "GovernmentBody", "青山区"),       # subject + 代表 before the organ
    ("自觉维护区", "GovernmentBody", "区"),              # 维护 + 区委: a bare relative word has no name before it
    ("拟任区人民", "GovernmentBody", "区人民"),          # 任免 verb before 区人民政府
    ("启动专项工作受中共青山区", "GovernmentBody", "中共青山区"),
    ("他代表", "GovernmentBody", ""),                    # nothing of the stem is a name
    ("依法接受", "GovernmentBody", ""),
    ("30余家区", "GovernmentBody", "区"),                # a count before 区政协
    ("区住房和城乡建设", "GovernmentBody", "区住房和城乡建设"),   # 和 and the organ's function verbs stay
    ("发展和改革", "GovernmentBody", "发展和改革"),
    ("区委组织", "GovernmentBody", "区委组织"),
    ("区“五城”", "GovernmentBody", "区“五城”"),
    ("区一办两", "GovernmentBody", "区一办两"),         # numbered organ names (一办两专班)
    ("我区东湖恒达实业有限", "Enterprise", "东湖恒达实业有限"),      # 我区 is not part of the company
    ("清河宏达实业有限", "Enterprise", "清河宏达实业有限"),         # verbs inside company names stay
    ("聘请青山镇", "Institution", "青山镇"),
]


@pytest.mark.parametrize("stem,kind,name", EXAMPLES)
def test_name_start(stem, kind, name):
    assert stem[name_start(stem, kind):] == name


@pytest.mark.parametrize("sentence,body", [
    ("我们希望东湖区政协继续关注民营经济。", "东湖区政协"),
    ("张明代表青山区委致辞。", "青山区委"),
    ("会议拟任区人民政府副区长一名。", "区人民政府"),
])
def test_bodies_in_sentences_start_at_the_name(sentence, body):
    found = [m.text for m in settle(find_orgs(sentence, 0, len(sentence))) if m.kind == "GovernmentBody"]
    assert body in found
    assert not any(f.endswith(body) and f != body for f in found)
