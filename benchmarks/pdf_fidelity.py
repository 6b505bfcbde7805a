"""PDF fidelity: the corpus texts rendered as PDFs score (figures F1) against their text versions.

    python benchmarks/pdf_fidelity.py [--gold tests/gold] [--texts tests/gold/text] [--keep DIR]

Each gold document's text is typeset with reportlab (one paragraph per source line, wrapped to
an A4 page, DejaVu Sans so every character has a glyph and a ToUnicode entry), then both the
.txt and the .pdf are scored with pipeline.evaluate (library path: read -> choose -> extract).
Target (issue 5): PDF figures F1 >= 0.95 x text figures F1, overall and per document.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT_FILES = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("Vera.ttf")]
TARGET = 0.95


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for f in FONT_FILES:
        try:
            pdfmetrics.registerFont(TTFont("Body", str(f)))
            return "Body"
        except Exception:  # noqa: BLE001 - try the next font
            continue
    return "Helvetica"


def render(text: str, dest: Path, font: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    story = []
    for line in text.splitlines():
        if line.strip():
            safe = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            story.append(Paragraph(safe, style))
        else:
            story.append(Spacer(1, 6))
    doc = SimpleDocTemplate(str(dest), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, invariant=1)
    doc.build(story or [Spacer(1, 1)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    ap.add_argument("--texts", type=Path, default=ROOT / "tests" / "gold" / "text")
    ap.add_argument("--keep", type=Path, help="write the PDFs here instead of a temporary folder")
    args = ap.parse_args(argv)
    from pipeline.evaluate import evaluate

    texts = sorted(args.texts.glob("*.txt"))
    if not texts:
        print(f"no texts in {args.texts}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="rf-pdf-"))
    pdf_dir = args.keep or work
    pdf_dir.mkdir(parents=True, exist_ok=True)
    font = _font()
    for t in texts:
        render(t.read_text(encoding="utf-8"), pdf_dir / (t.stem + ".pdf"), font)
    try:
        as_text = evaluate(args.gold, args.texts)
        as_pdf = evaluate(args.gold, pdf_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'document':56} {'text F1':>8} {'pdf F1':>8} {'ratio':>6}")
    pdf_by = {d.document: d for d in as_pdf.documents}
    worst = []
    for d in as_text.documents:
        p = pdf_by[d.document]
        ft, fp = d.scores["figures"].f1, p.scores["figures"].f1
        ratio = fp / ft if ft else (1.0 if fp == ft else 0.0)
        worst.append((ratio, d.document))
        flag = "" if ratio >= TARGET else "  <"
        err = f"  [{p.error}]" if p.error else ""
        print(f"{d.document[:56]:56} {ft:8.3f} {fp:8.3f} {ratio:6.2f}{flag}{err}")
    ot, op = as_text.overall()["figures"].f1, as_pdf.overall()["figures"].f1
    ratio = op / ot if ot else 0.0
    print(f"{'overall (micro)':56} {ot:8.3f} {op:8.3f} {ratio:6.2f}")
    verdict = "meets" if ratio >= TARGET else "misses"
    print(f"PDF / text figures F1 = {ratio:.3f} ({verdict} the {TARGET} target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
