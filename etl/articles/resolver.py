"""Turn a found statement into a query on the snapshot: a rule of the claims registry and its
params, in the snapshot's own vocabulary (indicators, partner codes, periods, units).

Where the words allow more than one reading, the resolver picks the one the sentence implies
and records it in `readings`, which the verdict's caveats repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from etl.articles import entities
from etl.articles.finder import CRUDE_RE, ENERGY_RE, Statement
from etl.articles.numbers import find_money
from etl.articles.periods import Period, find_periods

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
SHARE_CONTEXT = [
    {"indicator": "partner_share", "reporter": "RUS", "partner": "CHN", "flow": "total",
     "label": "China's share of Russia's trade"},
    {"indicator": "settlement_share", "reporter": "RUS", "partner": "CHN", "currency": "RUB+CNY",
     "label": "Share of Russia–China payments in roubles and yuan"},
]
YUAN_TERMS = re.compile(r"\bin\s+(?:yuan|renminbi|RMB)(?:\s+terms)?\b", re.IGNORECASE)
DOLLAR_TERMS = re.compile(r"\bin\s+(?:dollar|US\s?dollar|USD)(?:\s+terms)?\b", re.IGNORECASE)
MOM_RE = re.compile(r"\b(?:month[- ]on[- ]month|from the previous month|on the previous month|"
                    r"(?:from|than in|on) (?:January|February|March|April|May|June|July|August|"
                    r"September|October|November|December)\b)", re.IGNORECASE)
EARLY_RE = re.compile(r"\b(?:ahead of schedule|ahead of time|early|a year early|"
                      r"before the deadline)\b", re.IGNORECASE)
MISSED_RE = re.compile(r"\b(?:missed|fell short|failed to|short of)\b", re.IGNORECASE)
REACHED_RE = re.compile(r"\b(?:reached|hit|met|surpassed|exceeded|achieved|topped|passed)\b",
                        re.IGNORECASE)
BECAME_RE = re.compile(r"\b(?:has become|became|have become|emerged as)\b", re.IGNORECASE)
SANCTIONS_RE = re.compile(r"\bsanctions\b", re.IGNORECASE)


@dataclass
class Resolved:
    """A statement as a query: the rule that judges it and the contract's fields."""

    rule: str
    params: dict[str, Any]
    metric: str = ""
    reporter: str = ""
    partner: str = ""
    flow: str = ""
    period: str = ""
    value: float | None = None
    unit: str = ""
    currency: str = ""
    readings: list[str] = field(default_factory=list)


def _periods(statement: Statement, as_of: date, default_year: int | None) -> list[Period]:
    """The periods the statement speaks of: its clause's, else its sentence's (nearest first),
    else the period of the sentence before it ("...in the first quarter. Exports fell 6%")."""
    clause_offset = statement.start - statement.sentence.start
    in_clause = find_periods(statement.quote, as_of, default_year)
    if in_clause:
        return in_clause
    in_sentence = find_periods(statement.sentence.text, as_of, default_year)
    if in_sentence:
        return sorted(in_sentence, key=lambda p: abs(p.start - clause_offset))
    carried = statement.extra.get("carried_period")
    return [carried] if carried is not None else []


def _candidates(periods: list[Period]) -> list[list]:
    return [list(c) for c in periods[0].candidates] if periods else []


def _latest_year(as_of: date) -> list[list]:
    return [[str(as_of.year - 1), "A", False]]


def _owner_and_subject(clause: str, at: int) -> tuple[str | None, str | None]:
    """'Russia is China's fifth-largest partner' -> owner CHN (whose partners), subject RUS."""
    before = clause[:at]
    poss = list(re.finditer(rf"\b({entities.CHINA}|{entities.RUSSIA})(?:'s|’s|')", before,
                            re.IGNORECASE))
    owner = entities.side_of(poss[-1].group(1)) if poss else None
    if owner is None:
        after = re.search(rf"\b(?:of|for|among)\s+(?:the\s+)?({entities.CHINA}|{entities.RUSSIA})",
                          clause[at:], re.IGNORECASE)
        owner = entities.side_of(after.group(1)) if after else None
    if owner is None:
        poss_after = re.search(rf"\b({entities.CHINA}|{entities.RUSSIA})(?:'s|’s|')",
                               clause[at:], re.IGNORECASE)
        owner = entities.side_of(poss_after.group(1)) if poss_after else None
    if owner is None:
        return None, None
    return owner, "RUS" if owner == "CHN" else "CHN"


def _rank(statement: Statement, as_of: date, default_year: int | None) -> Resolved:
    extra = statement.extra
    owner, subject = _owner_and_subject(statement.quote, extra["at"])
    if owner is None:
        owner, subject = _owner_and_subject(statement.sentence.text, statement.sentence.text.find(
            extra["match"]))
    periods = [p for p in _periods(statement, as_of, default_year) if p.best[1] == "A"]
    year = periods[0].year if periods and periods[0].year_stated else None
    crude = "supplier" in extra["what"].lower() or "exporter" in extra["what"].lower()
    readings = []
    if owner is None:
        return Resolved("unresolved", {"reason": "A rank, but the sentence does not say whose "
                                       "partners are ranked."}, metric="partner_rank")
    convention = "countries_only"
    behind = extra.get("behind") or []
    if behind:
        convention = "blocs_as_units" if set(behind) & {"EU27", "ASEAN"} else (
            "incl_hk_tw" if set(behind) & {"HKG", "TWN"} else "countries_only")
        readings.append(f"The partners named ahead ({', '.join(behind)}) imply the convention "
                        f"'{convention}'.")
    if crude:
        if CRUDE_RE.search(statement.quote) is None and not re.search(
                "crude|oil", extra["what"], re.IGNORECASE):
            return Resolved("unresolved", {"reason": "A supplier rank of a product the "
                                           "snapshot does not rank."}, metric="partner_rank")
        params = {"reporter": "CHN", "partner": "RUS", "flow": "import", "commodity": "2709",
                  "claimed_rank": extra["rank"], "mode": extra["mode"], "convention": "volume",
                  "among": "crude oil suppliers", "year": year}
        return Resolved("stated_rank", params, "partner_rank", "CHN", "RUS", "import",
                        str(year or ""), float(extra["rank"]), "rank", readings=readings)
    if extra["mode"] == "top" or year is not None:
        params = {"reporter": owner, "partner": subject, "claimed_rank": extra["rank"],
                  "mode": extra["mode"], "convention": convention, "year": year}
        return Resolved("stated_rank", params, "partner_rank", owner, subject, "total",
                        str(year or ""), float(extra["rank"]), "rank", readings=readings)
    params: dict[str, Any] = {"reporter": owner, "partner": subject,
                              "claimed_rank": extra["rank"], "claimed_convention": convention}
    if BECAME_RE.search(statement.quote) and SANCTIONS_RE.search(statement.sentence.text):
        params |= {"became_after": 2014, "became_after_label": "the first Western sanctions "
                   "of 2014"}
    if owner == "RUS" and subject == "CHN":
        params["context"] = [SHARE_CONTEXT[0], {"indicator": "partner_share", "reporter": "RUS",
                                                "partner": "EU27", "flow": "total",
                                                "label": "The EU's share of Russia's trade"}]
    readings.append("Read as a rank by total goods trade, counting countries only unless the "
                    "sentence implies otherwise; the other conventions are shown.")
    return Resolved("partner_rank", params, "partner_rank", owner, subject, "total", "",
                    float(extra["rank"]), "rank", readings=readings)


def _value(statement: Statement, as_of: date, default_year: int | None) -> Resolved:
    q = statement.quantity
    assert q is not None
    flow = entities.read_flow(statement.quote)
    if not flow.stated:
        sentence_flow = entities.read_flow(statement.sentence.text)
        if sentence_flow.stated and sentence_flow.flow != "balance":
            flow = sentence_flow
    periods = _periods(statement, as_of, default_year)
    readings = []
    candidates = _candidates(periods)
    if not candidates:
        candidates = _latest_year(as_of)
        readings.append(f"No period is stated; read as the last full year before the article "
                        f"({as_of.year - 1}).")
    elif not periods[0].year_stated:
        readings.append(f"No year is stated for {periods[0].text!r}; read as "
                        f"{candidates[0][0][:4]}.")
    if periods and statement.extra.get("carried_period") is periods[0]:
        readings.append(f"No period in the sentence; read as the one before it: "
                        f"{periods[0].text!r}.")
    commodity = "TOTAL"
    what = None
    if statement.topic == "energy":
        commodity, flow = "2709", entities.Flow("import", 1, "crude", True)
        what = "China's crude oil imports from Russia (by value)"
    claimed = q.value * flow.sign if flow.flow == "balance" else q.value
    if not flow.stated:
        readings.append("No flow is named; read as total two-way trade.")
    params = {"indicator": "trade_value", "reporter": "CHN", "partner": "RUS", "flow": flow.flow,
              "commodity": commodity, "unit": q.unit, "periods": candidates,
              "claimed": claimed, "qualifier": q.qualifier, "precision": q.precision,
              "claimed_text": q.text, "record": q.record or bool(re.search(
                  r"\brecord\b", statement.quote, re.IGNORECASE)), "mirror": True,
              "readings": readings, "what": what}
    conversion = statement.extra.get("conversion")
    if conversion is not None:
        params["conversion"] = {"value": conversion.value, "unit": conversion.unit,
                                "precision": conversion.precision}
    if flow.flow == "balance":
        params["readings"] = readings + [
            f"Read as {'China' if flow.sign > 0 else 'Russia'}'s surplus, i.e. a China–Russia "
            f"balance of {'+' if claimed > 0 else '−'}{abs(claimed) / 1e9:.1f} bn."]
    return Resolved("stated_value", params, "trade_value", "CHN", "RUS", flow.flow,
                    candidates[0][0], claimed, q.unit, q.unit, readings)


def _growth(statement: Statement, as_of: date, default_year: int | None) -> Resolved:
    q = statement.quantity
    assert q is not None
    flow = entities.read_flow(statement.quote)
    if not flow.stated:
        sentence_flow = entities.read_flow(statement.sentence.text)
        if sentence_flow.stated:
            flow = sentence_flow
    offset = q.start - statement.start
    around = statement.quote[max(0, offset - 60):offset] + " " + statement.quote[
        offset + len(q.text):offset + len(q.text) + 25]
    sign = entities.direction(around) or 1
    periods = _periods(statement, as_of, default_year)
    candidates = _candidates(periods) or _latest_year(as_of)
    currency = ("CNY" if YUAN_TERMS.search(statement.sentence.text) else
                "USD" if DOLLAR_TERMS.search(statement.sentence.text) else "")
    amounts = find_money(statement.sentence.text)
    beside = amounts[0].unit if amounts else ""
    params = {"flow": flow.flow if flow.flow != "balance" else "total", "reporter": "CHN",
              "partner": "RUS", "periods": candidates, "claimed": sign * q.value,
              "qualifier": q.qualifier, "precision": q.precision, "claimed_text": q.text,
              "currency": currency, "beside_amount": beside,
              "month_on_month": bool(MOM_RE.search(statement.quote))}
    return Resolved("stated_growth", params, "trade_value_yoy", "CHN", "RUS", params["flow"],
                    candidates[0][0], sign * q.value, "pct", currency or beside)


def _share_or_volume(statement: Statement, as_of: date, default_year: int | None) -> Resolved:
    q = statement.quantity
    assert q is not None
    periods = _periods(statement, as_of, default_year)
    candidates = _candidates(periods) or _latest_year(as_of)
    base = {"claimed": q.value, "qualifier": q.qualifier, "precision": q.precision,
            "claimed_text": q.text, "periods": candidates}
    shape = statement.shape
    if shape == "crude_share":
        params = {**base, "indicator": "partner_share", "reporter": "CHN", "partner": "RUS",
                  "flow": "import", "commodity": "2709", "unit": "pct",
                  "what": "Russia's share of China's crude oil imports"}
    elif shape == "energy_share":
        crude_only = CRUDE_RE.search(statement.quote) and not ENERGY_RE.search(statement.quote)
        params = {**base, "indicator": "commodity_share", "reporter": "CHN", "partner": "RUS",
                  "flow": "import", "commodity": "2709" if crude_only else "27", "unit": "pct",
                  "what": ("crude oil's" if crude_only else "energy's (HS 27)") +
                  " share of China's imports from Russia"}
    elif shape == "commodity_share":
        vehicles = re.search(r"vehicles|cars", statement.quote, re.IGNORECASE)
        params = {**base, "indicator": "commodity_share", "reporter": "CHN", "partner": "RUS",
                  "flow": "export", "commodity": "84-89" if vehicles else "84-85", "unit": "pct",
                  "what": "machinery" + (", equipment and vehicles'" if vehicles else
                                         " and electrical equipment's")
                  + " share of China's exports to Russia"}
    elif shape == "partner_share":
        whose = entities.side_of(statement.quote[q.end - statement.start:]) or "RUS"
        other = "RUS" if whose == "CHN" else "CHN"
        params = {**base, "indicator": "partner_share", "reporter": whose, "partner": other,
                  "flow": "total", "commodity": "TOTAL", "unit": "pct",
                  "what": f"{'China' if other == 'CHN' else 'Russia'}'s share of "
                          f"{'Russia' if whose == 'RUS' else 'China'}'s trade"}
    elif shape == "crude_volume":
        params = {**base, "indicator": "trade_quantity", "reporter": "CHN", "partner": "RUS",
                  "flow": "import", "commodity": "2709", "unit": q.unit,
                  "what": "China's crude oil imports from Russia (volume)"}
    else:  # pipeline gas
        deliveries = not statement.extra.get("capacity") or REACHED_RE.search(statement.quote)
        if deliveries:
            qualifier = "at_least" if statement.extra.get("capacity") else q.qualifier
            params = {**base, "qualifier": qualifier, "indicator": "pipeline_gas_deliveries",
                      "reporter": "RUS", "partner": "CHN", "flow": "export",
                      "commodity": "271121", "unit": "bcm",
                      "what": "Gas delivered to China through Power of Siberia"}
        else:
            params = {**base, "indicator": "pipeline_capacity", "reporter": "RUS",
                      "partner": "CHN", "flow": "export", "commodity": "271121",
                      "unit": "bcm/yr", "any_period": True,
                      "what": "The design capacity of Power of Siberia"}
    return Resolved("stated_value", params, params["indicator"], params["reporter"],
                    params["partner"], params["flow"], candidates[0][0], q.value,
                    params["unit"], "")


def _settlement(statement: Statement) -> Resolved:
    q = statement.quantity
    words = statement.extra.get("words")
    claimed = q.value if q is not None else 90.0
    params: dict[str, Any] = {
        "indicator": "settlement_share", "reporter": "RUS", "partner": "CHN",
        "currency": "RUB+CNY", "claimed_value": claimed,
        "what": "the share of Russia–China payments in roubles and yuan",
        "proxies": SETTLEMENT_PROXIES, "statistics_note": SETTLEMENT_NOTE}
    if words:
        params["claimed_text"] = words
    elif q is not None and q.qualifier in ("lower_bound", "at_least", "nearly"):
        params["claimed_text"] = q.text
    readings = [f"'{words}' read as 90% or more of bilateral payments."] if words else []
    return Resolved("attributed_statement", params, "settlement_share", "RUS", "CHN", "total",
                    "", claimed, "pct", "RUB+CNY", readings)


# Which year a target is for, most explicit first: "the 2024 deadline", "by 2024", "for 2024".
TARGET_YEAR_RES = [
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s+(?:deadline|target|goal)\b", re.IGNORECASE),
    re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE),
    re.compile(r"\b(?:target|goal|deadline|aim)\b[^.]{0,40}?\b(?:for|of)\s+(?P<y>(?:19|20)\d{2})\b",
               re.IGNORECASE),
]


def _target(statement: Statement, as_of: date) -> Resolved:
    q = statement.quantity
    assert q is not None
    text = statement.sentence.text
    years = [p.year for p in find_periods(text, as_of) if p.best[1] == "A" and p.year_stated]
    hits = [m for m in (r.search(text) for r in TARGET_YEAR_RES) if m]
    target_year = int(hits[0].group("y")) if hits else (years[0] if years else as_of.year)
    reached_years = [y for y in years if y != target_year]
    claim = ("missed" if MISSED_RE.search(text) else "early" if EARLY_RE.search(text) else
             "reached_in" if reached_years and REACHED_RE.search(text) else
             "reached" if REACHED_RE.search(text) else "")
    if not claim:
        return Resolved("unresolved", {"reason": (
            f"A target ({q.text} for {target_year}) with nothing said about reaching it; a "
            "target is an aim, not a figure the data can bear out.")}, "trade_value", "CHN",
            "RUS", "total", str(target_year), q.value, q.unit, q.unit)
    params = {"claimed": q.value, "target_year": target_year, "claim": claim}
    if claim == "reached_in":
        params["reached_year"] = reached_years[0]
    return Resolved("stated_target", params, "trade_value", "CHN", "RUS", "total",
                    str(target_year), q.value, q.unit, q.unit)


def resolve(statement: Statement, as_of: date, default_year: int | None = None) -> Resolved:
    """The query for one statement (see the module docstring)."""
    shape = statement.shape
    if shape == "rank":
        return _rank(statement, as_of, default_year)
    if shape == "value":
        if statement.quantity is not None and statement.quantity.unit not in ("USD", "CNY"):
            return Resolved("unresolved", {"reason": (
                f"A sum in {statement.quantity.unit}; the snapshot's China–Russia trade "
                "figures are in US dollars and yuan.")}, "trade_value")
        return _value(statement, as_of, default_year)
    if shape == "growth":
        return _growth(statement, as_of, default_year)
    if shape in ("crude_share", "energy_share", "commodity_share", "partner_share",
                 "crude_volume", "pipeline"):
        return _share_or_volume(statement, as_of, default_year)
    if shape in ("settlement", "settlement_words"):
        return _settlement(statement)
    if shape == "target":
        return _target(statement, as_of)
    if shape == "ties":
        span = statement.extra["span"].lower()
        years = 10 if span in ("decade", "ten years") else int(re.sub(r"\D", "", span) or 10)
        params = {"reporter": "CHN", "partner": "RUS", "years": years, "supported_ratio": 1.5,
                  "context": SHARE_CONTEXT}
        return Resolved("growth_over_years", params, "trade_value", "CHN", "RUS", "total",
                        str(as_of.year - 1), None, "USD", "USD",
                        ["'Ties' measured by the value of goods trade, the one dimension of "
                         "ties the data covers."])
    if shape == "reliance":
        params = {"reporter": "CHN", "partner": "RUS", "flow": "import", "commodity": "27",
                  "detail_commodity": "2709", "more_than": 50,
                  "supplier_share": {"indicator": "partner_share", "reporter": "CHN",
                                     "partner": "RUS", "flow": "import", "commodity": "2709"},
                  "gas": {"indicator": "pipeline_gas_deliveries", "reporter": "RUS",
                          "partner": "CHN"}}
        return Resolved("composition_share", params, "commodity_share", "CHN", "RUS", "import",
                        "", 50.0, "pct", "", ["Read as: energy makes up most of what China "
                                               "buys from Russia; the other reading (China "
                                               "relying mainly on Russia for its oil) is "
                                               "tested with Russia's share of China's crude "
                                               "imports."])
    return Resolved("unresolved", {"reason": (
        "A figure about China–Russia economic ties that the snapshot does not measure "
        "(no indicator for it), so the data cannot settle it.")}, "other")
