"""The stored article keeps its scraped text as it was; a sidecar beside it (data, not code)
marks the lines that are page furniture, and the published `article` table carries that mark so
the page can show only the article's own text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.claims.load import load_claims, normalise
from etl.errors import ClaimsError
from tests.helpers import DATA

TEXT = DATA / "article" / "voz-2025-05-xi-moscow.txt"


def test_the_scraped_furniture_is_marked_and_nothing_of_the_article_is(built_tables):
    article = built_tables["article"]
    furniture = article[article["furniture"]]

    assert furniture["text"].tolist() == [
        "Voz media US Voz.us",
        "A group of people walk past a giant",
        'A group of people walk past a giant "Raise a flag over the Reichstag" banner.AFP.',
        "Virginia Martínez",
        "Published by",
        "Topics:",
        "tracking",
    ]
    assert furniture["role"].tolist() == ["site", "caption", "caption", "byline", "label",
                                          "label", "tracking"]
    own = article[~article["furniture"]]
    assert own["text"].iloc[0].startswith("Chinese leader travels to Russia")
    assert own["text"].iloc[-1].startswith("The two countries have shifted nearly all")
    assert set(own["role"]) == {"headline", "standfirst", "subheading", "body"}


def test_the_raw_text_is_kept_whole_and_in_order(built_tables):
    stored = [line.strip() for line in TEXT.read_text(encoding="utf-8").split("\n")
              if line.strip()]

    assert built_tables["article"]["text"].tolist() == stored
    assert built_tables["article"]["paragraph"].tolist() == list(range(len(stored)))


def test_every_claim_quote_is_found_in_the_articles_own_text(built_tables):
    article = built_tables["article"].set_index("paragraph")
    _, claims = load_claims(DATA / "claims.yaml")

    for claim in claims:
        paragraph = article.loc[claim.paragraph]
        assert normalise(claim.quote) in normalise(paragraph["text"]), claim.id
        assert not paragraph["furniture"], claim.id


# --- a sidecar that no longer fits its text is an error, not a silent miss ----------------------
def write_case(tmp_path: Path, sidecar: str, quote: str = "Xi and Putin will meet") -> Path:
    (tmp_path / "a.txt").write_text("Site name\n\nXi and Putin will meet.\n", encoding="utf-8")
    (tmp_path / "a.txt.furniture.csv").write_text(sidecar, encoding="utf-8")
    document = {
        "article": {"title": "T", "publisher": "P", "text_file": "a.txt",
                    "published": "2025-05-07"},
        "claims": [{"id": "meet", "topic": "events", "quote": quote, "speaker": "the article",
                    "rule": "not_checkable", "params": {"reason": "why"}, "convention": ""}],
    }
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def test_a_sidecar_row_that_matches_no_line_names_the_file_and_line(tmp_path):
    path = write_case(tmp_path, "text,role,furniture,reason\nSite nam,site,true,logo\n")

    with pytest.raises(ClaimsError, match=r"a\.txt\.furniture\.csv, line 2: 'Site nam' "
                                          "matches no paragraph"):
        load_claims(path)


def test_a_claim_quoting_furniture_is_refused(tmp_path):
    path = write_case(tmp_path, "text,role,furniture,reason\nSite name,site,true,logo\n",
                      quote="Site name")

    with pytest.raises(ClaimsError, match=r"marked as page furniture \(site\)"):
        load_claims(path)


def test_without_a_sidecar_every_line_is_the_articles_own(tmp_path):
    path = write_case(tmp_path, "")
    (tmp_path / "a.txt.furniture.csv").unlink()

    article, _ = load_claims(path)

    assert article.furniture == [False, False] and article.roles == ["body", "body"]
