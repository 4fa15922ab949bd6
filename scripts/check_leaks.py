#!/usr/bin/env python3
"""Development check: no name from the real articles' gold (../shared/eval/real-dev, third-party text for
measurement only) appears in the product's code, lexicons, tests or docs, except general words (organ and
title words every jurisdiction has: 区政府, 组织部, 街道办事处; divisions; national programmes).
Exit status 1 when one does. Skips cleanly when ../shared is absent.

usage: scripts/check_leaks.py [--seeds] [--all]
  --seeds  also the seed pages' gold (informational: the end-to-end tests assert facts of the bundled
           seed pages on purpose, and older docstrings use them as examples)
  --all    also list gold names that are general words
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval"
SCANNED = ("kg", "tests", "docs", "scripts", "bench", "README.md")
SUFFIXES = {".py", ".txt", ".tsv", ".md", ".rq", ".ttl", ".html", ".js", ".css", ".toml"}
SKIP = {"kg/extract/models"}       # the CRF's frozen lexicons: public division data


def general(name: str) -> bool:
    """A gold name that is general knowledge: a division from the public data, or a name made only of
    the lexicons' own general words (区委 + 组织部, 街道 + 党工委, 启动 + 座谈会, 持续 + 优化营商环境)."""
    sys.path.insert(0, str(ROOT))
    from kg.lexicons import divisions, table, words

    if divisions.lookup(name):
        return True
    vocab = set()
    for lex in ("organ_suffixes", "party_organs", "institution_suffixes", "party_departments", "campaign_names",
                "campaign_suffixes", "place_suffixes", "titles"):
        vocab.update(words(lex))
    for row in table("frames") + table("appointments") + table("name_edges") + table("abbreviations"):
        vocab.update(w for cell in row for w in cell.replace("|", " ").split() if len(w) >= 2 and w.isalpha())
    vocab.update("省 市 区 县 镇 乡 街道 社区 民盟 民建 民进 中共 持续 启动 全面 深入 农贸 市场 食品 安全 仪式 授旗 专项".split())
    ok = [True] + [False] * len(name)           # can name[:i] be cut into vocabulary words?
    for i in range(1, len(name) + 1):
        ok[i] = any(ok[j] and name[j:i] in vocab for j in range(max(0, i - 12), i))
    return ok[-1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--seeds", action="store_true")
    args = ap.parse_args()
    golds = sorted(GOLD.glob("real-dev/gold/*.json")) + (sorted(GOLD.glob("gold/*.json")) if args.seeds else [])
    if not golds:
        print("../shared/eval is not here: nothing to check")
        return 0
    names = set()
    for g in golds:
        doc = json.loads(g.read_text(encoding="utf-8"))
        for e in doc["entities"]:
            names.update(n for n in [e["name"], *e.get("aliases", [])] if len(n) >= 4 or (len(n) == 3 and e["type"] == "Person"))
    texts = {}
    for top in SCANNED:
        base = ROOT / top
        for p in ([base] if base.is_file() else base.rglob("*")):
            rel = p.relative_to(ROOT).as_posix()
            if p.is_file() and p.suffix in SUFFIXES and not any(rel.startswith(s) for s in SKIP):
                texts[rel] = p.read_text(encoding="utf-8", errors="replace")
    found = 0
    for name in sorted(names):
        where = [rel for rel, t in texts.items() if name in t]
        if where and (args.all or not general(name)):
            found += 1
            print(f"{name}: {', '.join(where[:5])}")
    print(f"{found} gold names found in the product" if found else "no gold name in the product")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
