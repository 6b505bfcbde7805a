"""PDF speed: pages per second of the whole pipeline beside pdfplumber's extract_text alone.

    python benchmarks/pdf_speed.py [PDF_DIR ...] [--repeat N] [--profile]

For every PDF, in the same run: (a) pdfplumber.open + page.extract_text() on every page (the
floor: what reading the text alone costs) and (b) the reportfacts pipeline through the library,
no Prefect: read_pdf (text in reading order, character boxes, tables) + registry.choose +
parser.extract (spaCy pipeline and table figures). Each is the fastest of --repeat passes, the
two alternating, timed in process CPU seconds (time.process_time): both run single-threaded
in this process, and CPU time is not inflated by other jobs on a shared machine (wall time is).
Target (issue 5): pipeline pages/s >= 0.8 x extract_text pages/s over all files.
Default inputs: the corpus PDFs and the quarterly-layout PDF built by the test fixture.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared corpus sits beside the repository (as in CI); the tests keep copies of three of its PDFs
DEFAULT_DIRS = [ROOT.parent / "shared" / "corpus" / "pdf", ROOT / "tests" / "data" / "pdf"]
TARGET = 0.8


def timed(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def plumber_text(raw: bytes) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
            page.close()
    return n


def pipeline(raw: bytes, name: str, nlp) -> int:
    from pipeline.ingest.pdf import read_pdf
    from pipeline.parsers import registry

    doc = read_pdf(raw, name)
    parser = registry.choose(doc)()
    return len(parser.extract(doc, nlp).records)


def inputs(dirs: list[Path]) -> list[tuple[str, bytes]]:
    seen, out = set(), []
    for d in dirs:
        for p in sorted(d.glob("*.pdf")):
            if p.name not in seen:
                seen.add(p.name)
                out.append((p.name, p.read_bytes()))
    if not any(name == "quarterly-layout.pdf" for name, _ in out):
        sys.path.insert(0, str(ROOT / "tests"))
        from fixtures.build_quarterly_pdf import build

        out.append(("quarterly-layout.pdf", build()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="cProfile the pipeline pass, top 25 by cumulative time")
    args = ap.parse_args(argv)
    files = inputs([d for d in args.dirs if d.is_dir()])
    if not files:
        print("no PDFs found", file=sys.stderr)
        return 2

    import pypdfium2 as pdfium

    from pipeline.nlp.pipeline import build_nlp

    nlp = build_nlp()
    pipeline(files[0][1], files[0][0], nlp)  # warm-up: pattern files, lazy imports

    if args.profile:
        import cProfile
        import pstats

        with tempfile.NamedTemporaryFile(suffix=".prof") as tmp:
            cProfile.runctx("for n, r in files: pipeline(r, n, nlp)", globals(), locals(), tmp.name)
            pstats.Stats(tmp.name).sort_stats("cumulative").print_stats(25)
        return 0

    print(f"{'file':48} {'pages':>5} {'extract_text p/s':>16} {'pipeline p/s':>12} {'ratio':>6} {'records':>7}")
    tot_pages = tot_plain = tot_pipe = 0.0
    for name, raw in files:
        pages = len(pdfium.PdfDocument(raw))
        records = 0

        def run() -> None:
            nonlocal records
            records = pipeline(raw, name, nlp)

        t_plain = t_pipe = float("inf")
        for _ in range(args.repeat):  # alternate, so a busy spell hits both alike
            t_plain = min(t_plain, timed(lambda: plumber_text(raw)))
            t_pipe = min(t_pipe, timed(run))
        tot_pages += pages
        tot_plain += t_plain
        tot_pipe += t_pipe
        print(f"{name[:48]:48} {pages:5d} {pages / t_plain:16.2f} {pages / t_pipe:12.2f} "
              f"{t_plain / t_pipe:6.2f} {records:7d}")
    ratio = tot_plain / tot_pipe
    print(f"{'ALL':48} {int(tot_pages):5d} {tot_pages / tot_plain:16.2f} {tot_pages / tot_pipe:12.2f} {ratio:6.2f}")
    verdict = "meets" if ratio >= TARGET else "misses"
    print(f"pipeline / extract_text = {ratio:.2f} ({verdict} the {TARGET} target); "
          f"best of {args.repeat} alternating passes, CPU seconds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
