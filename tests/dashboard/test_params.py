"""URL parameters: anything invalid falls back to a default and says so in a note."""

from __future__ import annotations

from dashboard.views.params import pick, pick_many, pick_year, pick_year_range

CURRENCIES = {"USD": "US dollars", "CNY": "Chinese yuan", "RUB": "Russian roubles"}
FLOWS = {"total": "Total", "export": "Exports", "import": "Imports"}


def test_a_known_value_is_taken_whatever_its_case():
    notes: list[str] = []
    assert pick({"currency": "cny"}, "currency", CURRENCIES, "USD", notes, "currency") == "CNY"
    assert notes == []


def test_a_missing_value_is_the_default_without_a_note():
    notes: list[str] = []
    assert pick({}, "currency", CURRENCIES, "USD", notes, "currency") == "USD"
    assert notes == []


def test_a_nonsense_value_falls_back_and_the_note_names_it_and_the_choices():
    notes: list[str] = []
    assert pick({"currency": "DOGE"}, "currency", CURRENCIES, "USD", notes, "currency") == "USD"
    assert "“DOGE”" in notes[0] and "US dollars" in notes[0] and "Russian roubles" in notes[0]


def test_a_repeated_parameter_counts_by_its_last_value():
    notes: list[str] = []
    query = {"currency": ["CNY", "RUB"]}
    assert pick(query, "currency", CURRENCIES, "USD", notes, "currency") == "RUB"


def test_several_values_keep_the_pages_order_and_drop_unknown_ones_with_a_note():
    notes: list[str] = []
    chosen = pick_many(
        {"flows": "import,bogus,export,import"}, "flows", FLOWS, ("total",), notes, "flow"
    )
    assert chosen == ("export", "import")
    assert "bogus" in notes[0]


def test_no_valid_value_among_several_gives_the_default_selection():
    notes: list[str] = []
    assert pick_many({"flows": "x,y"}, "flows", FLOWS, ("total",), notes, "flow") == ("total",)
    assert len(notes) == 2


def test_reversed_years_are_swapped_with_a_note():
    notes: list[str] = []
    assert pick_year_range({"start": "2024", "end": "2016"}, 2000, 2025, (2014, 2025), notes) == (
        2016,
        2024,
    )
    assert "swapped" in notes[0]


def test_years_outside_the_data_are_clamped_with_a_note():
    notes: list[str] = []
    assert pick_year_range({"start": "1800", "end": "3000"}, 2000, 2025, (2014, 2025), notes) == (
        2000,
        2025,
    )
    assert len(notes) == 2 and "outside the data" in notes[0]


def test_a_year_that_is_not_a_number_falls_back():
    notes: list[str] = []
    assert pick_year_range({"start": "last year"}, 2000, 2025, (2014, 2025), notes) == (2014, 2025)
    assert "not a year" in notes[0]


def test_a_single_year_without_data_moves_to_the_nearest_year_with_data():
    notes: list[str] = []
    assert pick_year({"year": "2020"}, "year", [2018, 2021, 2023], 2023, notes) == 2021
    assert "nearest" in notes[0]
