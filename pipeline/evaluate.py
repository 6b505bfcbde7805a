"""Score extraction against gold annotations: precision / recall / F1 per document and overall.

Gold files are `<document file name>.json` (shared/gold/GUIDELINE.md); the raw document with that
file name (or the same stem, e.g. a PDF of the text) is read, classified and extracted with the
library exactly as the pipeline does, then compared:

- figures: distinct (value, unit, direction) per document (GUIDELINE: "scoring compares the
  distinct (value, unit, direction) of each document"); repeated mentions count once.
- values: distinct values alone (is the number found at all, whatever its unit or direction).
- metric attribution: of the figure keys found in both, the share whose metric agrees with gold.
  Metrics agree when their content words overlap: |A & B| / min(|A|, |B|) >= 0.5, where A and B
  are the lower-cased words minus stop words, plural "s" dropped ("crimes committed across Essex"
  agrees with "crimes"; "officers" does not agree with "crimes"). A key with several records
  agrees if any gold metric agrees with any extracted metric for it; two empty metrics agree.
- grades: distinct (area, grade) per document; areas match leniently through the same
  content-word overlap (>= 0.5), so "preventing crime and tackling anti-social behaviour" matches
  "preventing crime and tackling antisocial behaviour". Matching is one-to-one.
- operations: distinct normalised name per document.
- source_type: accuracy over documents.

Overall scores are micro-averaged (true/false positives and misses summed over documents).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("figures", "values", "grades", "operations")
STOP = frozenset(
    "a an the of in on at to for by from with and or its it their his her our this that these those "
    "which who were was is are be been has have had than as per into across over".split()
)
AGREE = 0.5  # content-word overlap coefficient at which two phrases are the same metric / area


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocReport:
    document: str
    raw: str | None
    scores: dict[str, Score]
    metric_matched: int = 0
    metric_agree: int = 0
    source_type_gold: str | None = None
    source_type_got: str | None = None
    missed: dict[str, list] = field(default_factory=dict)  # kind -> gold keys not found
    spurious: dict[str, list] = field(default_factory=dict)  # kind -> extracted keys not in gold
    metric_disagreements: list = field(default_factory=list)  # (key, gold metrics, extracted metrics)
    error: str | None = None


@dataclass
class Report:
    documents: list[DocReport]

    def overall(self) -> dict[str, Score]:
        total = {k: Score() for k in KINDS}
        for d in self.documents:
            for k in KINDS:
                total[k].add(d.scores[k])
        return total

    @property
    def metric_attribution(self) -> float:
        matched = sum(d.metric_matched for d in self.documents)
        return sum(d.metric_agree for d in self.documents) / matched if matched else 1.0

    @property
    def source_type_accuracy(self) -> float:
        docs = [d for d in self.documents if d.source_type_gold is not None]
        return sum(d.source_type_gold == d.source_type_got for d in docs) / len(docs) if docs else 1.0

    def as_dict(self) -> dict:
        return {
            "overall": {k: s.as_dict() for k, s in self.overall().items()}
            | {"metric_attribution": round(self.metric_attribution, 4),
               "source_type_accuracy": round(self.source_type_accuracy, 4)},
            "documents": [
                {"document": d.document, "raw": d.raw, "error": d.error,
                 "scores": {k: s.as_dict() for k, s in d.scores.items()},
                 "metric_attribution": {"matched": d.metric_matched, "agree": d.metric_agree},
                 "source_type": {"gold": d.source_type_gold, "got": d.source_type_got},
                 "missed": d.missed, "spurious": d.spurious,
                 "metric_disagreements": d.metric_disagreements}
                for d in self.documents
            ],
        }


# ---- normalisation -------------------------------------------------------------------------

def content_words(text: str | None) -> frozenset[str]:
    """Lower-cased content words, hyphens joined ("anti-social" = "antisocial"), plural s dropped."""
    if not text:
        return frozenset()
    text = re.sub(r"(?<=\w)[-‐–](?=\w)", "", text.lower().replace("’", "'"))
    words = re.findall(r"[a-z0-9]+", text)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words if w not in STOP)


def agree(a: str | None, b: str | None) -> bool:
    """Two phrases name the same thing: overlap coefficient of their content words >= AGREE."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return not wa and not wb
    return len(wa & wb) / min(len(wa), len(wb)) >= AGREE


def figure_key(value: float, unit: str | None, direction: str | None) -> tuple:
    return (round(float(value), 6), unit, direction)


def op_name(name: str) -> str:
    return " ".join(name.upper().split())


def _get(r, name):
    return r.get(name) if isinstance(r, dict) else getattr(r, name, None)


def _prf(gold: set, got: set) -> Score:
    return Score(len(gold & got), len(got - gold), len(gold - got))


def _grade_score(gold: list[tuple[str, str]], got: list[tuple[str, str]]) -> tuple[Score, list, list]:
    """One-to-one lenient matching of (area, grade) pairs; exact areas are paired first."""
    gold = list(dict.fromkeys((" ".join(sorted(content_words(a))), g, a) for a, g in gold))
    got = list(dict.fromkeys((" ".join(sorted(content_words(a))), g, a) for a, g in got))
    gold = list({(k, g): a for k, g, a in gold}.items())
    got = list({(k, g): a for k, g, a in got}.items())
    used, tp, missed = set(), 0, []
    for exact_pass in (True, False):
        remaining = []
        for (gk, gg), ga in gold:
            hit = None
            for j, ((pk, pg), pa) in enumerate(got):
                if j in used or pg != gg:
                    continue
                if (gk == pk) if exact_pass else agree(ga, pa):
                    hit = j
                    break
            if hit is None:
                remaining.append(((gk, gg), ga))
            else:
                used.add(hit)
                tp += 1
        gold = remaining
    missed = [(a, g) for (_, g), a in gold]
    spurious = [(pa, pg) for j, ((_, pg), pa) in enumerate(got) if j not in used]
    return Score(tp, len(spurious), len(missed)), missed, spurious


# ---- extraction ----------------------------------------------------------------------------

def extract_path(path: Path) -> tuple[str, list]:
    """(source_type, records) for one raw document, through the library as the pipeline runs it."""
    from pipeline.ingest.read import read
    from pipeline.nlp.pipeline import build_nlp
    from pipeline.parsers import registry

    doc = read(path)
    parser = registry.choose(doc)()
    info = parser.describe(doc)
    out = parser.extract(doc, build_nlp())
    return info.source_type, out.records


def find_raw(raw_dir: Path, document: str) -> Path | None:
    exact = raw_dir / document
    if exact.is_file():
        return exact
    stem = Path(document).stem
    same = sorted(p for p in raw_dir.glob(stem + ".*") if p.is_file())
    return same[0] if same else None


def score_document(gold: dict, source_type: str | None, records: list) -> DocReport:
    name = gold["document"]
    figs = [r for r in records if _get(r, "value") is not None and _get(r, "unit") is not None]
    grades = [r for r in records if _get(r, "grade") is not None]
    ops = [r for r in records if _get(r, "kind") is not None and _get(r, "name") is not None]

    gold_fig: dict[tuple, list] = {}
    for f in gold.get("figures", []):
        gold_fig.setdefault(figure_key(f["value"], f["unit"], f["direction"]), []).append(f.get("metric"))
    got_fig: dict[tuple, list] = {}
    for r in figs:
        got_fig.setdefault(figure_key(_get(r, "value"), _get(r, "unit"), _get(r, "direction")), []).append(
            _get(r, "metric"))

    scores = {
        "figures": _prf(set(gold_fig), set(got_fig)),
        "values": _prf({k[0] for k in gold_fig}, {k[0] for k in got_fig}),
    }
    rep = DocReport(document=name, raw=None, scores=scores)
    rep.missed["figures"] = sorted(set(gold_fig) - set(got_fig), key=str)
    rep.spurious["figures"] = sorted(set(got_fig) - set(gold_fig), key=str)
    for key in set(gold_fig) & set(got_fig):
        rep.metric_matched += 1
        if any(agree(g, p) for g in gold_fig[key] for p in got_fig[key]):
            rep.metric_agree += 1
        else:
            rep.metric_disagreements.append((key, gold_fig[key], sorted({str(p) for p in got_fig[key]})))

    g_score, g_missed, g_spurious = _grade_score(
        [(g["area"], g["grade"]) for g in gold.get("grades", [])],
        [(_get(r, "area"), _get(r, "grade")) for r in grades],
    )
    scores["grades"] = g_score
    rep.missed["grades"], rep.spurious["grades"] = g_missed, g_spurious
    gold_ops = {op_name(o["name"]) for o in gold.get("operations", [])}
    got_ops = {op_name(_get(r, "name")) for r in ops}
    scores["operations"] = _prf(gold_ops, got_ops)
    rep.missed["operations"] = sorted(gold_ops - got_ops)
    rep.spurious["operations"] = sorted(got_ops - gold_ops)
    rep.source_type_gold = gold.get("source_type")
    rep.source_type_got = source_type
    return rep


def evaluate(gold_dir: Path, raw_dir: Path, extract=extract_path, skip_missing: bool = False) -> Report:
    """Score every gold file in gold_dir against the extraction of its raw document in raw_dir.

    `extract(path) -> (source_type, records)` defaults to the library's own reading, parser
    choice and spaCy pipeline; a document that fails scores as all misses, and so does a missing
    one unless `skip_missing` (then it is left out of the report).
    """
    reports = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "document" not in gold:
            continue
        raw = find_raw(Path(raw_dir), gold["document"])
        error, source_type, records = None, None, []
        if raw is None:
            if skip_missing:
                continue
            error = "raw document not found"
        else:
            try:
                source_type, records = extract(raw)
            except Exception as exc:  # noqa: BLE001 - a failing document is scored, not fatal
                error = f"{type(exc).__name__}: {exc}"
        rep = score_document(gold, source_type, records)
        rep.raw, rep.error = (str(raw) if raw else None), error
        reports.append(rep)
    return Report(reports)


# ---- printing ------------------------------------------------------------------------------

def _print(report: Report, details: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    table = Table(title="reportfacts evaluation (P / R / F1; distinct keys per document)")
    table.add_column("document", overflow="fold", max_width=48)
    for k in KINDS:
        table.add_column(k, justify="right")
    table.add_column("metric", justify="right")
    table.add_column("source_type")

    def cell(s: Score) -> str:
        if s.tp + s.fp + s.fn == 0:
            return "-"
        return f"{s.precision:.2f} {s.recall:.2f} [bold]{s.f1:.2f}[/] ({s.tp}/{s.fp}/{s.fn})"

    for d in report.documents:
        st = "ok" if d.source_type_gold == d.source_type_got else f"{d.source_type_got} != {d.source_type_gold}"
        metric = f"{d.metric_agree}/{d.metric_matched}" if d.metric_matched else "-"
        name = d.document + (f" [red]{d.error}[/]" if d.error else "")
        table.add_row(name, *(cell(d.scores[k]) for k in KINDS), metric, st)
    overall = report.overall()
    table.add_section()
    table.add_row("[bold]overall (micro)[/]", *(cell(overall[k]) for k in KINDS),
                  f"{report.metric_attribution:.3f}", f"{report.source_type_accuracy:.3f} accuracy")
    console.print(table)
    console.print("cells: precision recall F1 (true positives / false positives / misses)")
    if details:
        for d in report.documents:
            for kind in ("figures", "grades", "operations"):
                if d.missed.get(kind) or d.spurious.get(kind):
                    console.print(f"[bold]{d.document}[/] {kind}: missed {d.missed[kind]}  "
                                  f"spurious {d.spurious[kind]}", markup=True, highlight=False)
            for key, g, p in d.metric_disagreements:
                console.print(f"[bold]{d.document}[/] metric {key}: gold {g} got {p}", highlight=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="reportfacts evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="directory of <document>.json gold files")
    ap.add_argument("--raw", type=Path, required=True, help="directory holding the documents")
    ap.add_argument("--json", action="store_true", help="print the full report as JSON")
    ap.add_argument("--details", action="store_true", help="list misses, spurious keys and metric disagreements")
    ap.add_argument("--skip-missing", action="store_true",
                    help="leave out gold files whose document is not in --raw (default: all misses)")
    args = ap.parse_args(argv)
    if not args.gold.is_dir() or not args.raw.is_dir():
        print(f"not a directory: {args.gold if not args.gold.is_dir() else args.raw}", file=sys.stderr)
        return 2
    report = evaluate(args.gold, args.raw, skip_missing=args.skip_missing)
    if not report.documents:
        print(f"no gold files (with a document in {args.raw}) in {args.gold}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, default=str))
    else:
        _print(report, args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
