"""PCC/PFCC and force performance updates, scorecards, plan updates (source_type 'quarterly_report').

Scored by the 'quarterly_report' cue phrases of pipeline/data/doctype_cues.json; extraction is the shared
one (pipeline.parsers.generic.CueParser).
"""
from __future__ import annotations

from typing import ClassVar

from pipeline.parsers.generic import CueParser


class QuarterlyParser(CueParser):
    name: ClassVar[str] = "quarterly"
    version: ClassVar[str] = "1"
    source_type: ClassVar[str] = "quarterly_report"
