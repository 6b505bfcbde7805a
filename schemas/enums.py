"""Enumerations of shared/gold/GUIDELINE.md, kept in one place."""
from enum import Enum


class SourceType(str, Enum):
    inspection_report = "inspection_report"
    press_release = "press_release"
    quarterly_report = "quarterly_report"
    other = "other"


class Unit(str, Enum):
    count = "count"
    percent = "percent"
    percentage_points = "percentage_points"
    gbp = "gbp"
    seconds = "seconds"
    per_1000_population = "per_1000_population"
    rank = "rank"
    rate = "rate"
    hours = "hours"
    kg = "kg"


class Measure(str, Enum):
    change = "change"
    level = "level"


class Direction(str, Enum):
    increase = "increase"
    decrease = "decrease"


class Qualifier(str, Enum):
    approximately = "approximately"
    more_than = "more_than"
    less_than = "less_than"
    at_least = "at_least"


class GradeValue(str, Enum):
    outstanding = "outstanding"
    good = "good"
    adequate = "adequate"
    requires_improvement = "requires_improvement"
    inadequate = "inadequate"


class GradeScale(str, Enum):
    """PEEL to 2020 had four grades; from 2021/22 five ('adequate' added). Not comparable."""

    four_point = "four_point"
    five_point = "five_point"


class OperationKind(str, Enum):
    operation = "operation"
    project = "project"
    campaign = "campaign"
    other = "other"


class Stage(str, Enum):
    discover = "discover"
    read = "read"
    classify = "classify"
    extract = "extract"
    validate = "validate"
    write = "write"
