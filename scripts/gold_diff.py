#!/usr/bin/env python3
"""Development aid: list what the extractor missed and what it added, per entity type and relation,
against the hand-made gold in ../shared/eval/gold. Skips cleanly when ../shared is absent.

usage: scripts/gold_diff.py GRAPH.ttl [--types Person,Campaign] [--relations conducts,serves]
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> int:
    if not (SHARED / "eval" / "score.py").exists():
        print("../shared/eval is not here: nothing to compare against")
        return 0
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--types", default="")
    ap.add_argument("--relations", default="")
    args = ap.parse_args()
    onto = Path(__file__).resolve().parents[1] / "ontology"
    g = score.load_graph([args.graph], [str(onto)] if onto.exists() else [])
    pred = score.predicted(g)
    gold = score.gold_side(sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.json")))
    types = args.types.split(",") if args.types else list(score.ENTITY_TYPES)
    for t in types:
        p_sets, g_sets = pred["entities"][t], list(gold["entities"][t].values())
        pairs = score.max_matching(p_sets, g_sets, lambda a, b: bool(a & b))
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        print(f"== {t}: FP {len(p_sets) - len(mp)}  FN {len(g_sets) - len(mg)}")
        for i, s in enumerate(p_sets):
            if i not in mp:
                print("  + ", sorted(s))
        for j, s in enumerate(g_sets):
            if j not in mg:
                print("  - ", sorted(s))
    rels = args.relations.split(",") if args.relations else ["holdsPost", "conducts", "serves", "gaveBannerTo", "subOrganizationOf", "partOf"]
    for r in rels:
        p, gd = score.dedupe(pred["relations"][r], r == "holdsPost"), score.dedupe(gold["relations"][r], r == "holdsPost")
        pairs = score.max_matching(p, gd, lambda a, b: bool(a[0] & b[0]) and bool(a[1] & b[1]) and (r != "holdsPost" or a[2] == b[2]))
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        print(f"== {r}: FP {len(p) - len(mp)}  FN {len(gd) - len(mg)}")
        for i, x in enumerate(p):
            if i not in mp:
                print("  + ", min(x[0], key=len) if x[0] else "?", "->", min(x[1], key=len) if x[1] else "?", x[2])
        for j, x in enumerate(gd):
            if j not in mg:
                print("  - ", min(x[0], key=len) if x[0] else "?", "->", min(x[1], key=len) if x[1] else "?", x[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
