"""Figure extraction speed: characters per second over the corpus texts, beside quantulum3.

    python benchmarks/figures_speed.py [TEXT_DIR] [--repeat N] [--rounds N]

Times (a) the rf_figures component alone on Docs already tokenized and sentence-split, (b) figure
extraction from text (tokenizer + rf_sentences + rf_figures, what it needs), (c) the whole
reportfacts pipeline, all on the pipeline built once per process, and (d) quantulum3's
`parser.parse` on the same texts in the same run. Each time is the best of --repeat passes; (b) and
(d) also run in --rounds interleaved rounds (b three passes, d one), whose per-round ratios are
printed. quantulum3 is the optional `bench` extra (pip install -e '.[bench]'); without it the
script says so and prints (a) to (c).

quantulum3 slows down more than linearly on a long text (the 48,835-character quarterly report takes
it 18.6 s whole, 2.8 s in 27 pieces), so the rounds also time both on the same texts cut at
paragraph breaks into pieces of at most PIECE characters: the ratio where quantulum3 is at its best.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT / "tests" / "gold" / "text"
PIECE = 2_000  # characters


def best_of(fn, texts: list[str], repeat: int) -> float:
    """Fastest of `repeat` passes over all texts, in process CPU seconds (time.process_time, as
    pdf_speed.py: both sides run single-threaded, and CPU time is less moved than wall time by other
    work on a shared machine), the least disturbed pass."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved reportfacts / quantulum3 rounds")
    args = ap.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    if not texts:
        print(f"no .txt files in {args.texts}", file=sys.stderr)
        return 2
    n_chars = sum(map(len, texts))

    from pipeline.nlp.pipeline import build_nlp

    nlp = build_nlp()  # the pipeline the extractor runs; figure extraction = its first three steps
    figures_only = ["rf_sentences", "rf_figures"]
    others = [name for name in nlp.pipe_names if name not in figures_only]

    def figures(text: str) -> int:
        return len(nlp(text).spans["figures"])

    def whole(text: str) -> int:
        return len(nlp(text).spans["figures"])

    with nlp.select_pipes(disable=others):
        n_figures = sum(figures(t) for t in texts)  # also warms up
    finder = nlp.get_pipe("rf_figures")
    with nlp.select_pipes(enable=["rf_sentences"]):
        prepared = [nlp(t) for t in texts]  # tokenized and sentence-split once

    def component_only(doc) -> int:
        return len(finder(doc).spans["figures"])

    with nlp.select_pipes(disable=others):  # switched once, outside the timed loop
        figures_time = best_of(figures, texts, args.repeat)
    rows = [
        ("rf_figures component alone (Doc already tokenized + split)", best_of(component_only, prepared, args.repeat)),
        ("reportfacts figures (tokenizer + rf_sentences + rf_figures)", figures_time),
        ("reportfacts whole pipeline (all components)", best_of(whole, texts, args.repeat)),
    ]
    try:
        from quantulum3 import parser as q3
    except ImportError:
        q3 = None
    ratios: list[float] = []
    piece_ratios: list[float] = []
    pieces = [piece for t in texts for piece in _pieces(t, PIECE)]
    if q3 is not None:
        n_q3 = sum(len(q3.parse(t)) for t in texts[:1])  # warm up (loads its unit tables)
        n_q3 = sum(len(q3.parse(t)) for t in texts)
        # rounds interleave the two, so that both see the same machine: on a shared host the load
        # moves within a minute, and a ratio of two times taken minutes apart says little
        q3_best = float("inf")
        for _ in range(args.rounds):
            with nlp.select_pipes(disable=others):
                ours = best_of(figures, texts, 3)
            theirs = best_of(q3.parse, texts, 1)
            q3_best = min(q3_best, theirs)
            ratios.append(theirs / ours)
            with nlp.select_pipes(disable=others):
                ours = best_of(figures, pieces, 3)
            piece_ratios.append(best_of(q3.parse, pieces, 1) / ours)
        rows.append(("quantulum3 parser.parse", q3_best))

    import spacy

    # the interpreter matters: spaCy's wheels for CPython 3.11 run its Matcher ~1.6x slower (README)
    print(f"python {platform.python_version()}, spaCy {spacy.__version__}"
          + (f", quantulum3 {_version('quantulum3')}" if q3 is not None else ""))
    print(f"corpus: {len(texts)} texts, {n_chars:,} characters ({args.texts})")
    print(f"reportfacts figures found: {n_figures}" + (f"; quantulum3 quantities found: {n_q3}" if q3 else ""))
    for name, secs in rows:
        print(f"{name:<62} {secs:8.4f} s  {n_chars / secs:>14,.0f} chars/s")
    if q3 is None:
        print("quantulum3 is not installed: no baseline. Install the bench extra: pip install -e '.[bench]'")
    else:
        # the rounds' median is the headline: the best times are taken minutes apart
        print(f"speed ratio, figure extraction (tokenizer + rf_sentences + rf_figures) vs quantulum3: "
              f"{statistics.median(ratios):,.1f}x faster (median of {len(ratios)} interleaved rounds)")
        print(f"  per round: {', '.join(f'{r:.1f}x' for r in ratios)}; "
              f"best times, minutes apart: {rows[-1][1] / rows[1][1]:.1f}x")
        print(f"  the same texts in {len(pieces)} pieces of at most {PIECE:,} characters (both sides), per round: "
              f"{', '.join(f'{r:.1f}x' for r in piece_ratios)}; median {statistics.median(piece_ratios):.1f}x")
        print(f"speed ratio, rf_figures component alone vs quantulum3: {rows[-1][1] / rows[0][1]:,.1f}x faster")
    return 0


def _pieces(text: str, size: int) -> list[str]:
    """The text cut at paragraph breaks into pieces of at most `size` characters (a longer
    paragraph is a piece of its own)."""
    out, cur = [], ""
    for para in text.split("\n\n"):
        if cur and len(cur) + len(para) + 2 > size:
            out.append(cur)
            cur = ""
        cur += para + "\n\n"
    return out + [cur] if cur.strip() else out


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    raise SystemExit(main())
