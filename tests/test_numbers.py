"""Number and quantity normalisation (pipeline/nlp/numbers.py), with spellings from the corpus."""
import pytest
from hypothesis import given, strategies as st

from pipeline.nlp.numbers import Quantity, format_number, format_quantity, parse_number, parse_quantity


@pytest.mark.parametrize(
    "text, value",
    [
        ("9,470", 9470), ("37.6", 37.6), ("two", 2), ("twenty-one", 21), ("a dozen", 12),
        ("1.2m", 1_200_000), ("914K", 914_000), ("£11m", 11_000_000), ("£1.3million", 1_300_000),
        ("£1.34m", 1_340_000), ("6 million", 6_000_000), ("one hundred and five", 105), ("42p", 0.42),
        ("-19,800", 19_800),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "Section", "Q3", "one such", "dozens of", "1,000 crimes"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("-19,800 offences", Quantity(19800, "count", -1)),
        ("+0.94% points", Quantity(0.94, "percentage_points", 1)),
        ("3.8% points", Quantity(3.8, "percentage_points")),
        ("0.01 percentage points", Quantity(0.01, "percentage_points")),
        ("£10k", Quantity(10000, "gbp")),
        ("42p", Quantity(0.42, "gbp")),
        ("13p", Quantity(0.13, "gbp")),
        ("£6 million", Quantity(6_000_000, "gbp")),
        ("15.4%", Quantity(15.4, "percent")),
        ("36 per cent", Quantity(36, "percent")),
        ("3 mins 40 secs", Quantity(220, "seconds")),
        ("4 mins 3 seconds", Quantity(243, "seconds")),
        ("13 minutes", Quantity(780, "seconds")),
        ("20-minute", Quantity(1200, "seconds")),
        ("8 seconds", Quantity(8, "seconds")),
        ("48 hours", Quantity(48, "hours")),
        ("85.8 per 1,000 pop.", Quantity(85.8, "per_1000_population")),
        ("123.4 crimes per 1,000 population", Quantity(123.4, "per_1000_population")),
        ("969 calls per day", Quantity(969, "rate")),
        ("0.95 casualties per 100M veh kms", Quantity(0.95, "rate")),
        ("4th", Quantity(4, "rank")),
        ("eighth", Quantity(8, "rank")),
        ("second largest", Quantity(2, "rank")),
        ("1.46kg", Quantity(1.46, "kg")),
        ("500g", Quantity(0.5, "kg")),
        ("2 tonnes", Quantity(2000, "kg")),
        ("12 years", Quantity(12, None)),
        ("more than 9,000", Quantity(9000, "count", None, "more_than")),
        ("almost 6%", Quantity(6, "percent", None, "approximately")),
        ("at least 30 officers", Quantity(30, "count", None, "at_least")),
        ("two officers", Quantity(2, "count")),
        ("35pc", Quantity(35, "percent")),
        ("1%pt", Quantity(1, "percentage_points")),
        ("half a kilogram", Quantity(0.5, "kg")),
        ("a quarter of a million pounds", Quantity(250000, "gbp")),
        ("half a million", Quantity(500000, "count")),
        ("top three", Quantity(3, "rank")),
        ("7 offences per one thousand households", Quantity(7, "rate")),
        ("52 offences per one thousand population", Quantity(52, "per_1000_population")),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


def test_parse_quantity_none_without_number():
    assert parse_quantity("officers") is None


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trip(d):
    value = float(d)
    assert parse_number(format_number(value)) == value


@given(
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["gbp", "percent", "percentage_points", "seconds", "hours", "kg",
                     "per_1000_population", "rate", "count"]),
    st.sampled_from([None, 1, -1]),
)
def test_quantity_round_trip(d, unit, sign):
    q = Quantity(float(d), unit, sign)
    assert parse_quantity(format_quantity(q)) == q


@given(st.integers(min_value=1, max_value=500))
def test_rank_round_trip(n):
    assert parse_quantity(format_quantity(Quantity(float(n), "rank"))) == Quantity(float(n), "rank")


def test_compact_and_article_quantities():
    assert parse_quantity("7m 25secs") == Quantity(445.0, "seconds")  # hold-07
    assert parse_quantity("23mins") == Quantity(1380.0, "seconds")
    assert parse_quantity("four minutes, fourteen seconds") == Quantity(254.0, "seconds")
    assert parse_quantity("a tonne") == Quantity(1000.0, "kg")
    assert parse_quantity("a dozen") == Quantity(12.0, "count")  # the article rule leaves number phrases alone
    assert parse_quantity("a lot") is None
    assert parse_quantity("Twenty seven") == Quantity(27.0, "count")
