"""The grammar of ranks: ordinals in every spelling, the noun left out, places and top-N, the
flow and product ranked, whose partners, and the convention a sentence names or implies."""

from __future__ import annotations

import re

import pytest

from etl.articles import ranks

OTHERS = {"USA": re.compile(r"\b(?:the\s+)?(?:US|United States)\b"),
          "EU27": re.compile(r"\b(?:the\s+)?(?:EU|European Union)\b"),
          "JPN": re.compile(r"\bJapan\b"), "KOR": re.compile(r"\bSouth Korea\b"),
          "HKG": re.compile(r"\bHong Kong\b")}


@pytest.mark.parametrize(
    ("text", "rank", "mode"),
    [
        ("Russia was China's fifth-largest trading partner", 5, "exact"),
        ("Russia was China's sixth-biggest export destination", 6, "exact"),
        ("Russia is China's No. 7 partner", 7, "exact"),
        ("Russia ranked eighth among China's trading partners", 8, "exact"),
        ("Russia came in eighth place", 8, "exact"),
        ("Russia drops to sixth place", 6, "exact"),
        ("In 2024 Russia slipped to seventh among China's trading partners", 7, "exact"),
        ("It was China's top supplier", 1, "exact"),
        ("China is Russia's largest trading partner", 1, "exact"),
        ("Russia remained among China's top five trading partners", 5, "top"),
    ],
)
def test_a_rank_is_read_in_each_spelling(text, rank, mode):
    [phrase] = ranks.find_ranks(text)
    assert (phrase.rank, phrase.mode) == (rank, mode)


def test_a_rank_that_leaves_out_its_noun_takes_the_one_named_before():
    [phrase] = ranks.find_ranks("as recently as 2022 it had been only the second-largest",
                                noun_before="supplier")
    assert (phrase.rank, phrase.what) == (2, "supplier")
    assert ranks.find_ranks("the second-largest economy") == []


@pytest.mark.parametrize(
    ("sentence", "convention"),
    [
        ("Among individual countries, Russia was fifth.", "countries_only"),
        ("Counting countries only, Russia was fifth.", "countries_only"),
        ("Counting Hong Kong and Taiwan as partners, Russia was seventh.", "incl_hk_tw"),
        ("If Hong Kong and Taiwan are counted, Russia was seventh.", "incl_hk_tw"),
        ("With the EU and ASEAN each counted as one partner, Russia ranked eighth.",
         "blocs_as_units"),
        ("Treating the EU as a single partner, Russia was sixth.", "blocs_as_units"),
        ("Russia was China's fifth-largest trading partner.", None),
    ],
)
def test_the_convention_a_sentence_names(sentence, convention):
    assert ranks.named_convention(sentence) == convention


def test_the_partners_named_ahead_imply_a_convention():
    countries = ranks.partners_ahead("fifth, behind the United States, South Korea and Japan",
                                     OTHERS)
    with_bloc = ranks.partners_ahead("fifth, behind the US, the EU, South Korea and Japan",
                                     OTHERS)
    assert ranks.implied_convention(countries) == "countries_only"
    assert ranks.implied_convention(with_bloc) == "blocs_as_units"
    assert ranks.implied_convention(["HKG", "USA"]) == "incl_hk_tw"


@pytest.mark.parametrize(
    ("what", "sentence", "flow", "product"),
    [
        ("trading partner", "Russia was China's fifth-largest trading partner", "total", ""),
        ("export market", "Russia was China's sixth-largest export market", "export", ""),
        ("partner", "By exports alone, Russia was China's sixth-largest partner", "export", ""),
        ("crude oil supplier", "Russia was China's largest crude oil supplier", "import",
         "crude"),
        ("supplier", "Russia shipped 108.5 million tonnes of crude. It was the top supplier",
         "import", "crude"),
        ("gas supplier", "Russia was China's third-largest gas supplier", "import", "other"),
    ],
)
def test_what_a_rank_ranks_by(what, sentence, flow, product):
    assert ranks.rank_flow(what, sentence) == flow
    assert ranks.rank_product(what, sentence) == product


def test_whose_partners_are_ranked():
    clause = "Russia was the second-largest trading partner of China in 2023"
    assert ranks.owner_and_subject(clause, clause.index("second")) == ("CHN", "RUS")
    clause = "China is Russia's biggest trading partner"
    assert ranks.owner_and_subject(clause, clause.index("biggest")) == ("RUS", "CHN")


def test_a_bare_ordinal_with_its_condition_after_a_rank_is_a_rank_of_its_own():
    [phrase] = ranks.find_ranks("and eighth if the EU and ASEAN are treated as single partners",
                                noun_before="trading partner")
    assert (phrase.rank, phrase.what) == (8, "trading partner")
    assert ranks.find_ranks("and eighth if the EU and ASEAN are treated as single partners") == []


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("Add Hong Kong and Taiwan as separate partners, and Russia slips to seventh.", 7),
        ("As a destination for Chinese goods, Russia ranked sixth among countries in 2024", 6),
        ("On a list of individual countries, Russia came fourth in 2023", 4),
        ("Russia placed fifth as a supplier last year", 5),
    ],
)
def test_a_bare_ordinal_after_a_verb_of_ranking_is_a_rank(text, rank):
    [phrase] = ranks.find_ranks(text)
    assert phrase.rank == rank


def test_a_bare_ordinal_needs_a_rank_nearby_unless_its_verb_ranks():
    assert ranks.find_ranks("and it drops to eighth.") == []
    [phrase] = ranks.find_ranks("and it drops to eighth.", rank_context=True)
    assert (phrase.rank, phrase.what) == (8, "trading partner")
    # an ordinal that qualifies a noun is no rank
    assert ranks.find_ranks("Exports rose for a third straight month", rank_context=True) == []
    assert ranks.find_ranks("It was the first time trade fell", rank_context=True) == []


def test_a_bare_rank_takes_the_noun_its_sentence_gives():
    [phrase] = ranks.find_ranks("As a destination for Chinese goods, Russia ranked sixth")
    assert ranks.rank_flow(phrase.what, "") == "export"
    [phrase] = ranks.find_ranks("Russia was first among China's suppliers in 2023")
    assert ranks.rank_product(phrase.what, "For crude oil the ranking is clearer") == "crude"


def test_the_side_a_bare_rank_is_said_of_is_the_one_named_last():
    assert ranks.nearest_side("As a destination for Chinese goods, Russia ranked ") == "RUS"
    assert ranks.nearest_side("The figures for the year ") is None


def test_the_partners_a_convention_names_are_not_the_partner_ranked():
    words = "Treat the EU and ASEAN as single blocs and it drops to "
    assert "EU" not in ranks.without_convention(words)
    assert "Hong Kong" not in ranks.without_convention("Count Hong Kong and Taiwan as "
                                                        "separate entries and it is ")


@pytest.mark.parametrize(
    ("text", "rank"),
    [("Russia was a distant sixth", 6), ("Russia came in at number five", 5),
     ("Russia held on to fifth spot", 5), ("it ranked second only to the US", 2)],
)
def test_a_bare_rank_in_more_phrasings(text, rank):
    [phrase] = ranks.find_ranks(text, rank_context=True)
    assert phrase.rank == rank
