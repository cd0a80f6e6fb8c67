"""The quote contract: every curated value that claims a source is in the words quoted from it.

A row whose status says it was sourced (official, sourced, sourced_approx, sourced_secondary,
sourced_ambiguous) and that carries a quote must have its value in that quote — in whatever
number style and language the outlet wrote it — or declare in its note how the value follows
from the quote ("[from quote: 622.84 / 100]"). Otherwise the row is fixed: the figure found in
the cited text, the outlet it came from cited, or its status changed (`unverified` when the
research notes credit a figure to a document whose words were not kept). Curated rows computed
by the research pack are `derived`, and their arithmetic is checked too.
"""

from __future__ import annotations

import pandas as pd
import pytest

from etl.curated import read_curated
from etl.quotes import conversion_holds, evaluate, quote_problem, readings, value_in_quote
from tests.helpers import DATA

# Reviewed exceptions: rows whose value is in the quote in a way no reader of numbers can check.
EXEMPT = {
    ("partner_ranks.csv", "cgtn-2024-12-10-a7b9", "EU27", "2024-11"): (
        "rank 2 is the EU's place in the quoted list 'ASEAN, the EU, the US, and South Korea'"
    ),
    ("partner_ranks.csv", "cgtn-2024-12-10-a7b9", "USA", "2024-11"): (
        "rank 3 is the US's place in the quoted list 'ASEAN, the EU, the US, and South Korea'"
    ),
}


@pytest.fixture(scope="module")
def curated() -> pd.DataFrame:
    return read_curated(DATA).observations


@pytest.fixture(scope="module")
def factors(mappings) -> dict[str, float]:
    return {unit: factor for unit, (_, factor) in mappings.unit_factor.items()}


def key(row: dict) -> tuple[str, str, str, str]:
    return (row["_file"].split("/")[-1], row["source_id"], row["partner"], row["period"])


# --- reading numbers -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "unit_factor", "quote"),
    [
        ("244.81", 1e9, "a new record high of $244.81bn in 2024"),
        ("190.27", 1e9, "increased year on year by 29.3% to $190,27 billion"),
        ("1234.5", 1e9, "le commerce a atteint 1 234,5 milliards de dollars"),
        ("1234.5", 1e9, "trade reached US$1,234.5 billion"),
        ("163.62", 1e9, "товарооборот ... снизился на 9,4% до $163,62 млрд"),
        ("1740", 1e9, "reached 1.74 trillion yuan ($237 billion) in 2024"),
        ("244.81", 1e9, "中俄贸易额2448.1亿美元"),
        ("2180", 1e9, "ASEANとの輸出入額は同8.5%増の2兆1800億元だった"),
        ("44.02", 1e9, "imports of Russian goods to Turkey reached 44 billion 20 million dollars"),
        ("34", 1, "China's share has increased from 11 to 34 percent"),
        ("66.7", 1, "energy (oil, coal, gas) made up about two-thirds of imports"),
        ("66.7", 1, "энергоносители составили две трети импорта"),
        ("50", 1, "Oil accounts for half the value of all Russian exports to China"),
        ("5", 1, "Russia remains China's fifth-largest trading partner"),
        ("5", 1, "Россия в страновом разрезе занимает пятое место"),
        ("5", 1, "俄罗斯是中国第五大贸易伙伴"),
        ("405", 1e3, "405,000 passenger cars were delivered to Russia"),
        ("28.528", 1e6, "China imported 28.528 mln metric tons of oil from Russia"),
        ("-6.9", 1, "decreased by 6.9% year-on-year in 2025"),
    ],
)
def test_a_value_written_in_any_of_the_outlets_styles_is_found(value, unit_factor, quote):
    assert value_in_quote(value, unit_factor, quote)


@pytest.mark.parametrize(
    ("value", "unit_factor", "quote"),
    [
        ("84.07", 1e9, "Chinese exports to Russia rose 14.8 percent to $42.9 billion last year"),
        ("244.8", 1e9, "a new record high of $244.81bn in 2024"),  # a rounded copy is not it
        ("244.81", 1e6, "a new record high of $244.81bn in 2024"),  # the scale word counts
        ("60", 1, "about two-thirds of imports"),
        ("7", 1, "trade fell 6.9% in 2025"),
    ],
)
def test_a_value_not_in_its_quote_is_not_found(value, unit_factor, quote):
    assert not value_in_quote(value, unit_factor, quote)


def test_readings_keep_each_number_with_and_without_its_scale_word():
    [reading] = [r for r in readings("exports of $76,12 billion") if r.number == 76.12]

    assert reading.scaled == pytest.approx(76.12e9)


# --- declared conversions --------------------------------------------------------------------
def test_a_declared_conversion_that_uses_the_quotes_numbers_holds():
    quote = "Official historical average exchange rates (yuan per 100 US dollars) 2015 | 622.84"

    assert conversion_holds("6.2284", "622.84 / 100", quote) == ""


def test_a_declared_conversion_with_a_number_the_quote_lacks_is_refused():
    problem = conversion_holds("160", "(2.7 - 1) * 100", "imports soared some 2.6 times")

    assert "uses 2.7, which the quote does not contain" in problem


def test_a_declared_conversion_that_does_not_give_the_value_is_refused():
    problem = conversion_holds("62", "54.9 / 90.1 * 100", "$54,9 млрд из $90,1 млрд")

    assert problem.startswith("the declared conversion 54.9 / 90.1 * 100 gives 60.9")


def test_a_declaration_may_only_be_arithmetic():
    with pytest.raises(ValueError, match=r"only numbers and \+ - \* / are allowed"):
        evaluate("__import__('os')")


# --- the contract over the committed data ------------------------------------------------------
def test_a_sourced_row_whose_value_is_not_in_its_quote_fails_the_contract():
    row = {"status": "sourced", "quote": "trade rose 20.8 percent to $84.07 billion",
           "value": "85.1", "unit": "USD bn", "note": ""}

    assert "value 85.1 USD bn is not in its quote" in quote_problem(row, 1e9)
    assert quote_problem({**row, "status": "unverified"}, 1e9) == ""
    assert quote_problem({**row, "value": "84.07"}, 1e9) == ""


def test_every_sourced_curated_value_is_in_its_quote(curated, factors):
    problems = [
        f"{r['_file']} line {r['_line']} ({r['source_id']}): {problem}"
        for r in curated.to_dict("records")
        if key(r) not in EXEMPT and (problem := quote_problem(r, factors[r["unit"]]))
    ]

    assert problems == []


def test_the_exemptions_are_a_handful_of_rows_that_still_exist(curated):
    present = {key(r) for r in curated.to_dict("records")}

    assert len(EXEMPT) <= 5
    assert set(EXEMPT) <= present
    assert all(reason for reason in EXEMPT.values())


def test_the_arithmetic_of_curated_derived_rows_holds(curated):
    declared = curated["note"].str.contains(r"\[arithmetic:")
    derived = curated[(curated["status"] == "derived") & declared]
    wrong = []
    for r in derived.to_dict("records"):
        expression = r["note"].split("[arithmetic:")[1].split("]")[0]
        result, _ = evaluate(expression)
        if abs(result - float(r["value"])) > max(abs(float(r["value"])) * 1e-6, 0.05):
            wrong.append(f"{r['_file']} line {r['_line']}: {expression} = {result:g}, "
                         f"not {r['value']}")

    assert not derived.empty
    assert wrong == []


def test_unverified_rows_say_where_the_figure_is_credited(curated):
    unverified = curated[curated["status"] == "unverified"]

    assert (unverified["note"].str.len() > 20).all()
