"""HMIC/HMICFRS inspection reports and news about one (source_type 'inspection_report').

Scored by the 'inspection_report' cue phrases of pipeline/data/doctype_cues.json; extraction is the shared
one (pipeline.parsers.generic.CueParser).
"""
from __future__ import annotations

from typing import ClassVar

from pipeline.parsers.generic import CueParser


class InspectionParser(CueParser):
    name: ClassVar[str] = "inspection"
    version: ClassVar[str] = "1"
    source_type: ClassVar[str] = "inspection_report"
