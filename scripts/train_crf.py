"""Train the character CRF shipped as kg/extract/models/ner.crfsuite (see kg/extract/crf.py).

    .venv/bin/python scripts/train_crf.py                  # ../shared/external -> the package's model
    .venv/bin/python scripts/train_crf.py --out /tmp/x.crfsuite --iterations 50

Training data (public, written by nobody on this project), both read from ../shared/external:
- CLUENER2020 train.json: name -> PER, government -> GOV, company -> COM, organization -> ORG,
  position -> POS, address and scene -> LOC (book, game, movie are left unlabelled);
- People's Daily dev.bio: PER, LOC as they are; ORG split into GOV / COM / ORG by the name's last
  word (org_kind); its title words (govkg's title list) outside any entity become POS, as CLUENER
  labels them.
Each sentence's basic attributes also get a copy marked with its text style (People's Daily "news",
CLUENER "web"): the two sets disagree on conventions (CLUENER calls 记者 a position and keeps 市 in
市住建委), and the copies let the model learn those apart while sharing the rest; the pipeline tags
in the "news" style. The lexicon word lists used for the features are frozen beside the model
(ner.lexicons.json), so later lexicon edits do not shift the features under a fixed model.
Deterministic: the files are read in order and L-BFGS has no randomness, so the same data and
parameters give the same model file. About 4 minutes on one core.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import crf  # noqa: E402
from kg.lexicons import words  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external"
CLUENER_TRAIN = EXTERNAL / "cluener2020" / "train.json"
PD_DEV = EXTERNAL / "peoples-daily-ner" / "dev.bio"
OUT = ROOT / "kg" / "extract" / "models" / crf.MODEL

CLUENER_LABELS = {"name": "PER", "government": "GOV", "company": "COM", "organization": "ORG",
                  "position": "POS", "address": "LOC", "scene": "LOC"}
#: fixed training parameters (L1 keeps the model small, L2 keeps it stable)
PARAMS = {"c1": 0.2, "c2": 0.05, "max_iterations": 120, "feature.possible_transitions": True,
          "feature.minfreq": 2}

Span = tuple[int, int, str]


def cluener(path: Path) -> list[tuple[str, list[Span]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            spans = [(s, e + 1, CLUENER_LABELS[t]) for t, surfaces in d.get("label", {}).items()
                     if t in CLUENER_LABELS for ranges in surfaces.values() for s, e in ranges]
            out.append((d["text"], spans))
    return out


#: last words that make a People's Daily ORG a company or a state organ (general knowledge, fixed here
#: so that the training data does not move when govkg's lexicons grow)
_COMPANY_ENDS = ("公司", "集团", "厂", "分厂", "酒店", "饭店", "宾馆", "商场", "超市", "商店", "银行", "储蓄所",
                 "信用社", "事务所", "矿", "煤矿", "电站", "航空", "证券")
_STATE_ENDS = ("政府", "人大", "政协", "常委会", "委员会", "委", "部", "局", "厅", "署", "办", "办公室", "处", "科",
               "国务院", "法院", "检察院", "军", "军区", "部队", "舰队", "国会", "议会", "杜马", "内阁", "参议院",
               "众议院", "派出所", "公安", "中队", "大队", "支队", "总队", "海关", "组委会")
_STATE_PARTS = ("中共", "共产党", "中央", "人民政府", "解放军", "武警")
_CENTRAL_BANKS = ("人民银行", "中央银行")             # state organs in CLUENER, not companies
_SOCIETIES = ("俱乐部", "协会", "学会", "基金会")       # end in 部/会 but are not organs


def org_kind(name: str) -> str:
    """GOV, COM or ORG for a People's Daily ORG, by its last word."""
    if name.endswith(_CENTRAL_BANKS):
        return "GOV"
    if name.endswith(_SOCIETIES):
        return "ORG"
    if name.endswith(_COMPANY_ENDS):
        return "COM"
    if name.endswith(_STATE_ENDS) or any(p in name for p in _STATE_PARTS):
        return "GOV"
    return "ORG"


def peoples_daily(path: Path) -> list[tuple[str, list[Span]]]:
    from bench.ner_external import read_bio  # one BIO reader for training and measuring

    titles = sorted(words("titles"), key=len, reverse=True)
    out = []
    for text, gold in read_bio(path):
        spans = [(s, e, org_kind(text[s:e]) if k == "ORG" else k) for s, e, k in sorted(gold)]
        taken = [False] * len(text)
        for s, e, _ in spans:
            taken[s:e] = [True] * (e - s)
        i = 0
        while i < len(text):
            w = next((t for t in titles if text.startswith(t, i) and not any(taken[i:i + len(t)])), None)
            if w:
                spans.append((i, i + len(w), "POS"))
                i += len(w)
            else:
                i += 1
        out.append((text, spans))
    return out


def bio(n: int, spans: list[Span]) -> list[str]:
    """BIO labels; where annotations overlap, the earlier-starting (then longer) one wins."""
    labels = ["O"] * n
    for s, e, k in sorted(spans, key=lambda x: (x[0], -x[1])):
        if s < e <= n and all(x == "O" for x in labels[s:e]):
            labels[s] = "B-" + k
            labels[s + 1:e] = ["I-" + k] * (e - s - 1)
    return labels


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--limit", type=int, help="only the first N sentences of each set (quick trial)")
    ap.add_argument("--sets", nargs="+", choices=["cluener", "pd"], default=["cluener", "pd"])
    ap.add_argument("--no-styles", dest="styles", action="store_false", help="no per-style attribute copies")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = ap.parse_args(argv)
    if not (CLUENER_TRAIN.exists() and PD_DEV.exists()):
        print(f"train_crf: {EXTERNAL} is not on this machine; nothing to train on", file=sys.stderr)
        return 1
    import pycrfsuite

    t0 = time.perf_counter()
    lexicons = crf.live_lexicons()
    crf.use_lexicons(lexicons)           # train on today's lexicons; they are frozen beside the model
    data = ([(t, s, "web") for t, s in cluener(CLUENER_TRAIN)[:args.limit]] if "cluener" in args.sets else [])
    data += [(t, s, "news") for t, s in peoples_daily(PD_DEV)[:args.limit]] if "pd" in args.sets else []
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, "max_iterations": args.iterations, "c1": args.c1, "c2": args.c2})
    for text, spans, style in data:
        trainer.append(crf.features(text, style if args.styles else ""), bio(len(text), spans))
    t1 = time.perf_counter()
    print(f"{len(data)} sentences, {sum(len(t) for t, _, _ in data)} characters; features in {t1 - t0:.0f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    trainer.train(str(tmp))
    lex_out = args.out.with_name(args.out.name.replace(".crfsuite", ".lexicons.json"))
    lex_tmp = lex_out.with_name(lex_out.name + ".tmp")
    if args.styles:
        lexicons["_styles"] = ["news", "web"]
        lexicons["_styled"] = sorted(crf._STYLED)
    lex_tmp.write_text(json.dumps(lexicons, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    lex_tmp.replace(lex_out)
    tmp.replace(args.out)
    info = trainer.logparser.last_iteration or {}
    print(f"trained in {time.perf_counter() - t1:.0f} s ({info.get('num', '?')} iterations, "
          f"loss {info.get('loss', float('nan')):.0f}); {args.out} {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
