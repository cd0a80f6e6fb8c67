"""A rank statement as a query: whose partners, which flow, which period, which convention.

A rank in the present tense with no period of its own ("Russia remains China's fifth-largest
trading partner") is judged by the claims' own rank rule on the latest year before the article.
Any other rank — with a period of its own or, in the past tense, the period its paragraph or
headline set; with a convention the sentence names or implies; by one flow; "in the top five";
among crude suppliers — is judged by `stated_rank` for that period under that convention.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from etl.articles import entities
from etl.articles.context import Setting
from etl.articles.finder import Statement
from etl.articles.query import Resolved, candidates, period_readings, periods_of
from etl.articles.ranks import implied_convention, owner_and_subject
from etl.vocabulary import convention_phrase

PAST_RE = re.compile(r"\b(?:was|were|had\s+been|ranked|became|came|placed|finished|stood|"
                     r"remained|slipped|climbed|rose|fell|dropped|overtook|ended)\b|\b(?:over|in|"
                     r"during|for)\s+the\s+(?:period|quarter|half|year|months)\b",
                     re.IGNORECASE)
BECAME_RE = re.compile(r"\b(?:has become|became|have become|emerged as)\b", re.IGNORECASE)
SANCTIONS_RE = re.compile(r"\bsanctions\b", re.IGNORECASE)
OPEN_READING = ("Read as a rank by total goods trade, counting countries only unless the "
                "sentence implies otherwise; the other conventions are shown.")


def _convention(extra: dict[str, Any]) -> tuple[str, str, list[str]]:
    """(convention, how the sentence gives it: named / implied / open, readings)."""
    if extra.get("named_convention"):
        convention = extra["named_convention"]
        return convention, "named", [f"The sentence names its convention: "
                                     f"{convention_phrase(convention)}."]
    implied = implied_convention(extra.get("behind") or [])
    if implied:
        return implied, "implied", [
            f"The partners named ahead ({', '.join(extra['behind'])}) imply the convention "
            f"'{implied}' ({convention_phrase(implied)})."]
    return "countries_only", "open", []


def resolve_rank(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    extra = statement.extra
    owner, subject = owner_and_subject(statement.quote, extra["at"])
    if owner is None:
        owner, subject = owner_and_subject(statement.sentence.text,
                                           statement.sentence.text.find(extra["match"]))
    if owner is None and extra.get("sides"):
        # "Russia drops to sixth place": the side named last is the one ranked, among the
        # other's; with no side named ("it drops to eighth"), the sides of the rank before
        owner, subject = extra["sides"]
    if owner is None:
        subject = entities.side_of(statement.quote[:extra["at"]])
        owner = {"RUS": "CHN", "CHN": "RUS"}.get(subject or "")
    at = statement.start + extra["at"]
    periods, where = periods_of(statement, as_of, setting, at)
    own = where in ("clause", "sentence")
    inherited = where in ("paragraph", "headline", "lead") and bool(
        PAST_RE.search(statement.quote))
    found = candidates(periods) if (own or inherited) else []
    readings = period_readings(periods, where, as_of) if inherited else []
    product = extra.get("product", "")
    if product == "other":
        return Resolved("unresolved", {"reason": "A supplier rank of a product the snapshot "
                                       "does not rank (only crude oil suppliers are ranked)."},
                        "partner_rank")
    if product == "crude":
        params = {"reporter": "CHN", "partner": "RUS", "flow": "import", "commodity": "2709",
                  "claimed_rank": extra["rank"], "mode": extra["mode"], "convention": "volume",
                  "convention_source": "volume", "among": "crude oil suppliers",
                  "periods": found, "readings": readings}
        return Resolved("stated_rank", params, "partner_rank", "CHN", "RUS", "import",
                        found[0][0] if found else "", float(extra["rank"]), "rank",
                        readings=readings)
    if owner is None:
        return Resolved("unresolved", {"reason": "A rank, but the sentence does not say whose "
                                       "partners are ranked."}, metric="partner_rank")
    convention, source, convention_readings = _convention(extra)
    readings += convention_readings
    flow = extra.get("flow", "total")
    if extra["mode"] == "top" or found or source == "named" or flow != "total":
        among = {"export": "export markets", "import": "sources of imports"}.get(
            flow, "trading partners")
        params = {"reporter": owner, "partner": subject, "flow": flow,
                  "claimed_rank": extra["rank"], "mode": extra["mode"],
                  "convention": convention, "convention_source": source, "among": among,
                  "periods": found, "readings": readings}
        return Resolved("stated_rank", params, "partner_rank", owner, subject, flow,
                        found[0][0] if found else "", float(extra["rank"]), "rank",
                        readings=readings)
    params = {"reporter": owner, "partner": subject, "claimed_rank": extra["rank"],
              "claimed_convention": convention}
    if BECAME_RE.search(statement.quote) and SANCTIONS_RE.search(statement.sentence.text):
        params |= {"became_after": 2014, "became_after_label": "the first Western sanctions "
                   "of 2014"}
    if owner == "RUS" and subject == "CHN":
        params["context"] = [
            {"indicator": "partner_share", "reporter": "RUS", "partner": "CHN", "flow": "total",
             "label": "China's share of Russia's trade"},
            {"indicator": "partner_share", "reporter": "RUS", "partner": "EU27", "flow": "total",
             "label": "The EU's share of Russia's trade"}]
    readings.append(OPEN_READING)
    return Resolved("stated_partner_rank", params, "partner_rank", owner, subject, "total", "",
                    float(extra["rank"]), "rank", readings=readings)
