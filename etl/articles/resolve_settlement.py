"""Payments as a query: which currency's share (roubles and yuan together, the yuan, the dollar),
of whose payments (between Russia and China, or Russia's with everyone when China is not named),
by which flow, for which period — and whether an official said it or a statistic states it.

An official's figure ("Overchuk said 92% ...") is an `attributed` statement, traced to who said
it; a past share with a period and no speaker ("as late as 2015, roughly 90% of bilateral
transactions were in US dollars") is compared with the statistic for that period where the
snapshot has one (`settlement_share` rule). A share of payments in no currency ("banks turned
away 80% of transfers") is something no statistic in the snapshot measures.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from etl.articles import entities
from etl.articles.context import Setting
from etl.articles.finder import Statement
from etl.articles.query import Resolved, candidates, period_readings, periods_of
from etl.articles.shapes import settlement_currency

# The nearest published statistics of settlement shares (the Bank of Russia publishes the
# currency structure for all partners and by region, not for China alone); as in claims.yaml.
SETTLEMENT_PROXIES = [
    {"indicator": "settlement_share", "reporter": "RUS", "partner": "WLD", "flow": "export",
     "currency": "RUB", "label": "roubles' share of all of Russia's export receipts"},
    {"indicator": "settlement_share", "reporter": "RUS", "partner": "WLD", "flow": "export",
     "currency": "CNY", "label": "yuan's share of all of Russia's export receipts"},
    {"indicator": "settlement_share", "reporter": "RUS", "partner": "ASIA", "flow": "export",
     "currency": "RUB", "label": "roubles' share of Russia's export receipts from Asia"},
]
SETTLEMENT_NOTE = ("The Bank of Russia publishes the currency structure of Russia's payments "
                   "for all partners and by region, not for China alone.")
STATISTICS_RE = re.compile(r"\b(?:Bank of Russia|central bank|customs|Customs|data|statistics|"
                           r"Rosstat|Administration|figures)\b", re.IGNORECASE)
CURRENCY_WORDS = {"RUB+CNY": "roubles and yuan", "CNY": "yuan", "RUB": "roubles",
                  "USD": "US dollars", "EUR": "euros", "USD+EUR": "dollars and euros"}


def _partner(sentence: str) -> str:
    """Payments between Russia and China, unless the sentence names only Russia's trade."""
    if entities.CHINA_RE.search(sentence) or entities.BILATERAL_RE.search(sentence) or re.search(
            r"\bbilateral\b", sentence, re.IGNORECASE):
        return "CHN"
    return "WLD"


def _flow(clause: str) -> str:
    """'payments for Russia's exports', 'export receipts': one flow; otherwise all trade."""
    if re.search(r"\bexports?\b(?!ers)|\bexport\s+(?:receipts|payments|revenues?)\b", clause,
                 re.IGNORECASE):
        return "export"
    if re.search(r"\bimports?\b|\bimport\s+payments\b", clause, re.IGNORECASE):
        return "import"
    return "total"


def resolve_settlement(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    shape = statement.shape
    if shape == "payments_other":
        return Resolved("unresolved", {"reason": (
            f"A share of payments ({q.text if q else statement.quote}) in no currency: the "
            "snapshot has statistics of the currencies payments are made in, not of this.")},
            "settlement_share", "RUS", "CHN", "", "", q.value if q else None, "pct")
    clause, sentence = statement.quote, statement.sentence.text
    partner = _partner(sentence + " " + statement.extra.get("antecedent", ""))
    flow = _flow(clause)
    periods, where = periods_of(statement, as_of, setting)
    own = where in ("clause", "sentence", "comparison")
    speaker = statement.extra.get("speaker", "")
    if STATISTICS_RE.search(speaker):
        speaker = ""  # "according to the Bank of Russia": a publisher of statistics, not a speaker
    if shape == "settlement_value":
        assert q is not None
        currency = statement.extra.get("currency", "CNY")
        params = {"indicator": "settlement_value", "reporter": "RUS", "partner": partner,
                  "flow": flow if flow != "total" else "export", "currency": currency,
                  "unit": q.unit, "claimed": q.value, "qualifier": q.qualifier,
                  "precision": q.precision, "claimed_text": q.text,
                  "periods": candidates(periods) if periods else [],
                  "readings": period_readings(periods, where, as_of),
                  "what": f"Payments received in {CURRENCY_WORDS.get(currency, currency)} for "
                          f"Russia's exports" + ("" if partner == "WLD" else " to China")}
        return Resolved("stated_value", params, "settlement_value", "RUS", partner,
                        params["flow"], params["periods"][0][0] if params["periods"] else "",
                        q.value, q.unit, currency)
    words = statement.extra.get("words")
    currency = "RUB+CNY" if words else settlement_currency(clause)
    claimed = q.value if q is not None else 90.0
    whose = ("payments between Russia and China" if partner == "CHN" else
             "payments for Russia's " + (f"{flow}s" if flow != "total" else "trade"))
    params: dict[str, Any] = {
        "indicator": "settlement_share", "reporter": "RUS", "partner": partner,
        "currency": currency, "claimed_value": claimed, "speaker": speaker,
        "precision": q.precision if q is not None else 0,
        "what": f"the share of {whose} in {CURRENCY_WORDS.get(currency, currency)}",
        "proxies": SETTLEMENT_PROXIES, "statistics_note": SETTLEMENT_NOTE}
    if words:
        params["claimed_text"] = words
    elif q is not None and q.qualifier in ("lower_bound", "at_least", "nearly"):
        params["claimed_text"] = q.text
    readings = [f"'{words}' read as 90% or more of bilateral payments."] if words else []
    if own and not speaker and q is not None:
        # a past share with its period: the statistic for it, where the snapshot has one
        params["statistic"] = {
            "indicator": "settlement_share", "reporter": "RUS", "partner": partner,
            "flow": flow, "currency": currency, "commodity": "TOTAL", "unit": "pct",
            "claimed": q.value, "qualifier": q.qualifier, "precision": q.precision,
            "claimed_text": q.text, "periods": candidates(periods),
            "what": params["what"][:1].upper() + params["what"][1:],
            "convention": "the Bank of Russia's currency structure of payments"}
    return Resolved("settlement_share", params, "settlement_share", "RUS", partner, flow,
                    periods[0].best[0] if own and periods else "", claimed, "pct", currency,
                    readings)
