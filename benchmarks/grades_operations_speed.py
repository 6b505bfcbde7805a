"""Grade and operation extraction speed, and document classification speed, in characters per second.

    python benchmarks/grades_operations_speed.py [TEXT_DIR] [--repeat N]

The spaCy Doc is built once with the sentence splitter (every component needs sentences), then
rf_grades and rf_operations are timed on it alone, so the figures show the cost of these two
components, not of tokenising. Classification times every installed parser's score() (the
registry's choose) plus describe() on the same texts.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT / "tests" / "gold" / "text"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    paths = sorted(args.texts.glob("*.txt"))
    if not paths:
        print(f"no .txt files in {args.texts}", file=sys.stderr)
        return 2

    import spacy

    import pipeline.nlp.pipeline  # noqa: F401  registers the components
    from pipeline.ingest.read import read
    from pipeline.parsers import registry, understand

    nlp = spacy.blank("en")
    nlp.add_pipe("rf_sentences")
    components = {name: nlp.add_pipe(name) for name in ("rf_grades", "rf_operations")}
    with nlp.select_pipes(enable=["rf_sentences"]):
        docs = [nlp(p.read_text(encoding="utf-8")) for p in paths]
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} texts, {chars:,} characters, best of {args.repeat}")
    for name, component in components.items():
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for d in docs:
                component(d)
            best = min(best, time.perf_counter() - t0)
        print(f"{name:14s} {best * 1000:8.1f} ms  {chars / best:12,.0f} chars/s")

    documents = [read(p) for p in paths]
    best = float("inf")
    for _ in range(args.repeat):
        understand.raw_scores.cache_clear()  # the cache serves one document's parsers, not repeats
        understand.is_policing.cache_clear()
        t0 = time.perf_counter()
        for doc in documents:
            registry.choose(doc)().describe(doc)
        best = min(best, time.perf_counter() - t0)
    print(f"{'classify':14s} {best * 1000:8.1f} ms  {chars / best:12,.0f} chars/s  ({len(documents) / best:,.0f} documents/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
