"""What a figure states, from the words around it: shares of payments, of crude imports and of a
flow, targets and milestones, contracts, forecasts, multiples, shares in words, signed rates;
and the sentences of an article that are in scope."""

from __future__ import annotations

import pytest

from etl.articles import shapes
from etl.articles.finder import about_china_russia, find_statements
from etl.articles.numbers import find_quantities


def shape_of(clause: str, figure: str, context: str = "") -> shapes.Shape | None:
    [q] = [q for q in find_quantities(clause) if q.text.endswith(figure) or q.text == figure]
    if q.unit in ("pct", "pp"):
        return shapes.percentage_shape(q, clause, clause)
    if q.is_money:
        return shapes.money_shape(q, clause, clause, context)
    return shapes.volume_shape(q, clause, clause)


@pytest.mark.parametrize(
    ("clause", "figure", "shape"),
    [
        ("92% of settlements between Russia and China were in roubles and yuan", "92%",
         "settlement"),
        ("the yuan's share of payments for Russia's exports rose to 40.8%", "40.8%",
         "settlement"),
        ("roughly 90% of bilateral transactions were conducted in US dollars", "90%",
         "settlement"),
        ("banks have turned away up to 80% of Russian transfers", "80%", "payments_other"),
        ("That was 19.6% of China's crude oil imports", "19.6%", "crude_share"),
        ("Russia shipped crude oil to China, nearly a fifth of everything China imported",
         "a fifth", "crude_share"),
        ("oil made up more than 40% of the value of everything it imported from Russia", "40%",
         "commodity_share"),
        ("Russia accounted for about 4% of China's total trade", "4%", "partner_share"),
        ("trade rose 2.9% in yuan terms, despite payment problems", "2.9%", "growth"),
        ("China-Russia trade, Jan-Mar 2025: $53.2 billion (-6.6%)", "6.6%", "growth"),
    ],
)
def test_what_a_percentage_states(clause, figure, shape):
    assert shape_of(clause, figure).shape == shape


def test_a_products_share_of_a_flow_names_the_product_and_the_flow():
    found = shape_of("Mineral fuels made up more than 80% of China's imports from Russia",
                     "80%")
    assert found.extra["commodity"] == "27" and found.extra["flow"] == "import"
    assert found.topic == "commodity"


@pytest.mark.parametrize(
    ("clause", "figure", "shape"),
    [
        ("the $200 billion target that Moscow and Beijing set for 2024", "$200 billion",
         "target"),
        ("they reached their goal of $200 billion in annual trade", "$200 billion", "target"),
        ("officials now talk of $300 billion by 2030", "$300 billion", "target"),
        ("trade crossed $250 billion for the first time", "$250 billion", "target"),
        ("trade had already topped $200 billion in 2022", "$200 billion", "value"),
        ("Trade reached $218.17 billion, past their $200 billion goal", "$218.17 billion",
         "value"),
        ("the 30-year, $400 billion supply contract signed in 2014", "$400 billion",
         "contract"),
        ("exporters received the equivalent of $13.2 billion in yuan that month",
         "$13.2 billion", "settlement_value"),
    ],
)
def test_what_a_sum_of_money_states(clause, figure, shape):
    assert shape_of(clause, figure).shape == shape


def test_a_contract_takes_its_product_from_the_sentence_before_when_its_own_names_none():
    found = shape_of("All of this rests on the $400 billion supply contract", "$400 billion",
                     context="Gazprom delivered 38.8 billion cubic metres through the line.")
    assert found.extra["gas"] and found.topic == "energy"


def test_a_pipelines_capacity_is_not_its_deliveries():
    capacity = shape_of("The pipeline reached its full design capacity of 38 bcm a year", "38 bcm")
    deliveries = shape_of("Deliveries reached the design capacity of 38 bcm", "38 bcm")
    assert capacity.extra == {"capacity": True, "deliveries": False}
    assert deliveries.extra["deliveries"]


@pytest.mark.parametrize(
    ("clause", "future"),
    [
        ("Analysts expect trade to reach $250 billion for the full year", True),
        ("Power of Siberia 2 would carry another 50 bcm a year", True),
        ("In May, trade reached $19.8 billion", False),
        ("Trade rose 5%, more than expected", False),
    ],
)
def test_a_forecast_is_told_from_a_statement_of_fact(clause, future):
    q = find_quantities(clause)[0]
    assert shapes.is_future(clause, q.start) is future


def test_a_multiple_over_a_span_of_years():
    found = shapes.multiple_shape("Still, trade has more than doubled in a decade")
    assert found.extra["ratio"] == 2 and found.extra["years"] == 10
    assert found.extra["qualifier"] == "lower_bound"
    assert shapes.multiple_shape("tripled since 2015").extra["since"] == 2015


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("nearly a fifth of its crude", 20, "nearly"), ("about half of bilateral trade", 50,
                                                      "approx"),
     ("two-thirds of exports", 200 / 3, "approx")],
)
def test_shares_in_words_are_percentages(text, value, qualifier):
    [q] = find_quantities(text)
    assert (q.unit, q.qualifier) == ("pct", qualifier) and q.value == pytest.approx(value)


def test_a_signed_rate_keeps_its_sign():
    [q] = find_quantities("trade (-6.6%)")
    assert q.sign == -1 and q.value == 6.6


ON_TOPIC = ("China's trade with Russia rose 1.9% in 2024.\n\n"
            "Shipments from China to Russia rose 4%.\n\n"
            "In January-April, trade fell to 510.6 billion yuan.\n\n"
            "Russia's economy grew 4.1% in 2024.\n\n"
            "India bought about 1.8 million barrels a day of Russian crude.")


def test_in_an_article_about_china_russia_trade_a_sentence_naming_neither_is_in_scope():
    assert about_china_russia(ON_TOPIC)
    quotes = [s.quote for s in find_statements(ON_TOPIC, {"IND": __import__("re").compile(
        r"\bIndia\b")})]
    assert any("510.6 billion yuan" in q for q in quotes)
    assert not any("economy" in q or "India" in q for q in quotes)


def test_one_sentence_naming_both_sides_does_not_make_an_article_about_their_trade():
    text = ("Indian refiners bought Russian crude. Some cargoes were settled in Chinese yuan, "
            "and rupee balances piled up in Russian banks.")
    assert not about_china_russia(text)


def test_a_products_trade_is_that_products_not_the_totals():
    cars = shape_of("China's car exports to Russia were worth about $21 billion", "$21 billion")
    oil = shape_of("China bought $60 billion worth of Russian oil in 2023", "$60 billion")
    total = shape_of("China's exports to Russia were worth $115.5 billion", "$115.5 billion")
    assert (cars.topic, cars.extra["commodity"]) == ("commodity", "8703")
    assert (oil.topic, oil.extra["commodity"]) == ("energy", "2709")
    assert (total.topic, total.extra) == ("trade_value", {})


@pytest.mark.parametrize(
    ("clause", "figure", "shape"),
    [
        ("Russia's share of China's total trade is tiny, about 4%", "4%", "partner_share"),
        ("Russia's share of China's crude imports was 19.6% last year", "19.6%", "crude_share"),
        ("China's share of Russia's trade is about a third.", "a third", "partner_share"),
    ],
)
def test_a_share_named_before_its_figure(clause, figure, shape):
    assert shape_of(clause, figure).shape == shape


def test_one_sides_trade_with_a_region_or_the_world_is_not_in_scope():
    text = ("China's trade with Russia rose 1.9% in 2024.\n\nShipments from China to Russia rose "
            "4%.\n\nRussian exports to Europe have collapsed, falling by about 70%.\n\n"
            "Exports to Asia now make up three-quarters of Russian sales abroad.")
    quotes = [s.quote for s in find_statements(text, {})]
    assert not any("Europe" in q or "Asia" in q for q in quotes) and len(quotes) == 2


def test_a_target_in_words_after_the_figure_of_the_year():
    clause = ("trade reached a record 240.11 billion U.S. dollars in 2023, up 26.3 percent year "
              "on year, surpassing the goal of 200 billion dollars ahead of schedule")
    assert shape_of(clause, "200 billion dollars").shape == "target"
    assert shape_of(clause, "240.11 billion U.S. dollars").shape == "value"


def test_a_product_named_in_a_comment_after_the_figure_is_not_the_figures():
    total = shape_of("Chinese exports to Russia decreased by 10.4% to $103.3 billion, hit by a "
                     "collapse in car sales", "$103.3 billion")
    assert (total.topic, total.shape) == ("trade_value", "value")
