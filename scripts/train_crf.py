"""Train the character CRF shipped as kg/extract/models/ner.crfsuite (see kg/extract/crf.py).

    .venv/bin/python scripts/train_crf.py                  # ../shared/external -> the package's model
    .venv/bin/python scripts/train_crf.py --out /tmp/x.crfsuite --iterations 50

Training data (public, written by nobody on this project), both read from ../shared/external:
- CLUENER2020 train.json: name -> PER, government -> GOV, company -> COM, organization -> ORG,
  position -> POS, address and scene -> LOC (book, game, movie are left unlabelled);
- People's Daily dev.bio: PER, LOC as they are; ORG split into GOV / COM / ORG by the name's last
  word (govkg's organ, company and institution suffix lists); its title words (govkg's title list) outside
  any entity become POS, as CLUENER labels them.
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
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True,
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


def org_kind(name: str) -> str:
    """GOV, COM or ORG for a People's Daily ORG, by its last word (general suffix lists)."""
    if any(name.endswith(w) for w in words("enterprise_suffixes")):
        return "COM"
    if any(name.endswith(w) for w in words("institution_suffixes")):
        return "ORG"
    if any(name.endswith(w) for w in words("organ_suffixes")) or any(
            k in name for k in ("中共", "共产党", "国务院", "政府", "人大", "政协", "中央", "党委", "军")):
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
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = ap.parse_args(argv)
    if not (CLUENER_TRAIN.exists() and PD_DEV.exists()):
        print(f"train_crf: {EXTERNAL} is not on this machine; nothing to train on", file=sys.stderr)
        return 1
    import pycrfsuite

    t0 = time.perf_counter()
    data = ((cluener(CLUENER_TRAIN)[:args.limit] if "cluener" in args.sets else [])
            + (peoples_daily(PD_DEV)[:args.limit] if "pd" in args.sets else []))
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, "max_iterations": args.iterations, "c1": args.c1, "c2": args.c2})
    for text, spans in data:
        trainer.append(crf.features(text), bio(len(text), spans))
    t1 = time.perf_counter()
    print(f"{len(data)} sentences, {sum(len(t) for t, _ in data)} characters; features in {t1 - t0:.0f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(args.out)
    info = trainer.logparser.last_iteration or {}
    print(f"trained in {time.perf_counter() - t1:.0f} s ({info.get('num', '?')} iterations, "
          f"loss {info.get('loss', float('nan')):.0f}); {args.out} {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
