"""One test runs every parser's example documents against their expected JSON (juriscraper-style).

To refresh an expectation: delete the .expected.json, re-run, read the diff, then commit it.
"""
import dataclasses
import json
from pathlib import Path

import pytest

from pipeline.ingest.read import read
from pipeline.parsers import registry
from pipeline.process import stable

EXAMPLES = Path(__file__).parent / "examples"
CASES = sorted(p for p in EXAMPLES.glob("*/*") if p.suffix in {".txt", ".html", ".pdf"})


def run_example(src: Path, nlp) -> dict:
    doc = read(src)
    parser = registry.get(src.parent.name)()
    info = dataclasses.asdict(parser.describe(doc))
    info["published"] = info["published"] and str(info["published"])
    records = parser.extract(doc, nlp).records
    return {"info": info, "records": [stable(r) | {"table": type(r).__name__} for r in records]}


def test_every_parser_has_an_example():
    assert set(registry.parsers()) <= {p.parent.name for p in CASES}


@pytest.mark.parametrize("src", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example(src, nlp):
    got = run_example(src, nlp)
    expected = src.with_name(src.name + ".expected.json")
    if not expected.exists():
        expected.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.fail(f"wrote {expected.name}: review it, then commit it")
    assert got == json.loads(expected.read_text(encoding="utf-8"))
