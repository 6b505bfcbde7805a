"""Force or commissioner news, and local news about police activity (source_type 'press_release').

Scored by the 'press_release' cue phrases of pipeline/data/doctype_cues.json; extraction is the shared
one (pipeline.parsers.generic.CueParser).
"""
from __future__ import annotations

from typing import ClassVar

from pipeline.parsers.generic import CueParser


class PressReleaseParser(CueParser):
    name: ClassVar[str] = "press_release"
    version: ClassVar[str] = "1"
    source_type: ClassVar[str] = "press_release"
