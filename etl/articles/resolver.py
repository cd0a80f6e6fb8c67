"""Turn a found statement into a query on the snapshot: a rule of the claims registry and its
params, in the snapshot's own vocabulary (indicators, partner codes, periods, units).

Where the words allow more than one reading, the resolver picks the one the sentence implies
and records it in `readings`, which the verdict's caveats repeat. The period of a statement is
its clause's, else its sentence's, else the one its paragraph, the headline or the lead set
(etl/articles/context.py); a period named as a comparison never is. Ranks, payments and
targets have their own modules (resolve_ranks, resolve_settlement, resolve_targets).
"""

from __future__ import annotations

import re
from datetime import date

from etl.articles import entities, resolve_ranks, resolve_settlement, resolve_targets
from etl.articles.context import Setting, attached_comparison
from etl.articles.finder import Statement
from etl.articles.numbers import find_money
from etl.articles.query import (
    Resolved,
    candidates,
    latest_year,
    local_words,
    not_checkable,
    period_readings,
    periods_of,
)
from etl.periods import label

__all__ = ["Resolved", "resolve"]

SHARE_CONTEXT = [
    {"indicator": "partner_share", "reporter": "RUS", "partner": "CHN", "flow": "total",
     "label": "China's share of Russia's trade"},
    {"indicator": "settlement_share", "reporter": "RUS", "partner": "CHN", "currency": "RUB+CNY",
     "label": "Share of Russia–China payments in roubles and yuan"},
]
YUAN_TERMS = re.compile(r"\bin\s+(?:the\s+)?(?:yuan|renminbi|RMB|Chinese\s+currency)(?:\s+terms)?"
                        r"\b|\bmeasured\s+in\s+(?:the\s+)?(?:yuan|renminbi|RMB|Chinese\s+"
                        r"currency)\b|\byuan[- ]denominated\b", re.IGNORECASE)
DOLLAR_TERMS = re.compile(r"\bin\s+(?:US\s?|U\.S\.\s)?(?:dollar|USD)(?:\s+terms)?\b|\bin\s+"
                          r"(?:US\s?|U\.S\.\s)?dollars\b|\bmeasured\s+in\s+(?:US\s?)?dollars\b|"
                          r"\bdollar[- ]denominated\b", re.IGNORECASE)
MOM_RE = re.compile(r"\b(?:month[- ]on[- ]month|from the previous month|on the previous month|"
                    r"m/m|mom|on a monthly basis)\b", re.IGNORECASE)
YOY_RE = re.compile(r"\b(?:year[- ]on[- ]year|from a year earlier|a year earlier|on the year|"
                    r"y/y|yoy|year ago|same period)\b", re.IGNORECASE)
FUTURE_REASON = ("A forecast, plan or hypothesis ({words}): it speaks of what is to come, which "
                 "statistics published before the article cannot settle.")


def _flow_of(statement: Statement, balance_from_sentence: bool = False) -> entities.Flow:
    """The flow a figure speaks of: its own words, else its clause's, else its sentence's."""
    flow = entities.read_flow(local_words(statement))
    if not flow.stated:
        flow = entities.read_flow(statement.quote)
    if not flow.stated and flow.flow == "total":  # no flow word near the figure at all
        sentence_flow = entities.read_flow(statement.sentence.text)
        if sentence_flow.stated and (balance_from_sentence or sentence_flow.flow != "balance"):
            flow = sentence_flow
    return flow


def _value(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    assert q is not None
    flow = _flow_of(statement)
    periods, where = periods_of(statement, as_of, setting)
    readings = period_readings(periods, where, as_of)
    found = candidates(periods) or latest_year(as_of)
    commodity, what = "TOTAL", None
    if statement.extra.get("commodity"):  # "car exports", "worth of Russian oil"
        commodity = statement.extra["commodity"]
        if commodity in ("2709", "27", "2711", "2701-2702") and not flow.stated:
            flow = entities.Flow("import", 1, "energy", True)  # what Russia sells China
        direction = "exports to" if flow.flow == "export" else "imports from"
        what = f"China's {direction} Russia of {statement.extra['commodity_name']} (by value)"
    claimed = q.value * flow.sign if flow.flow == "balance" else q.value
    if flow.flow == "total" and not flow.stated:
        readings.append("No flow is named; read as total two-way trade.")
    params = {"indicator": "trade_value", "reporter": "CHN", "partner": "RUS", "flow": flow.flow,
              "commodity": commodity, "unit": q.unit, "periods": found,
              "claimed": claimed, "qualifier": q.qualifier, "precision": q.precision,
              "claimed_text": q.text, "record": q.record or bool(re.search(
                  r"\brecord\b", statement.quote, re.IGNORECASE)), "mirror": True,
              "readings": readings, "what": what, "parts_from_year_to_date": True}
    conversion = statement.extra.get("conversion")
    if conversion is not None:
        params["conversion"] = {"value": conversion.value, "unit": conversion.unit,
                                "precision": conversion.precision}
    if flow.flow == "balance":
        params["readings"] = readings + [
            f"Read as {'China' if flow.sign > 0 else 'Russia'}'s surplus, i.e. a China–Russia "
            f"balance of {'+' if claimed > 0 else '−'}{abs(claimed) / 1e9:.1f} bn."]
    return Resolved("stated_value", params, "trade_value", "CHN", "RUS", flow.flow,
                    found[0][0], claimed, q.unit, q.unit, readings)


def _growth(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    assert q is not None
    flow = _flow_of(statement, balance_from_sentence=True)
    offset = q.start - statement.start
    around = statement.quote[max(0, offset - 60):offset] + " " + statement.quote[
        offset + len(q.text):offset + len(q.text) + 25]
    sign = (-1 if q.sign < 0 else 0) or entities.direction(around) or q.sign or \
        statement.extra.get("direction") or 1
    periods, where = periods_of(statement, as_of, setting)
    readings = period_readings(periods, where, as_of)
    found = candidates(periods)
    sentence = statement.sentence.text
    currency = ("CNY" if YUAN_TERMS.search(sentence) else
                "USD" if DOLLAR_TERMS.search(sentence) else "")
    amounts = find_money(sentence)
    beside = amounts[0].unit if amounts else ""
    month_on_month = bool(MOM_RE.search(statement.quote))
    against = attached_comparison(statement.sentence, q.end, as_of, setting)
    if against is not None and not YOY_RE.search(statement.quote):
        compared = against.best
        if (not found or periods[0] is against) and compared[1] == "M" and not compared[2]:
            # "up 10% from July's" with no other period: the month after the one compared with
            year, month = int(compared[0][:4]), int(compared[0][5:7])
            found = [[f"{year + month // 12}-{month % 12 + 1:02d}", "M", False]]
            readings.append(f"No month is stated for the rate; read as the month after "
                            f"{against.text!r}.")
        main = found[0] if found else None
        if main is not None and compared[1] == "M" and main[1] == "M" and not main[2] and \
                _month_before(main[0]) == compared[0]:
            month_on_month = True
        elif main is None or compared[0] != f"{int(main[0][:4]) - 1}{main[0][4:]}":
            return Resolved("unresolved", {"reason": (
                f"A change against {against.text!r} ({label(*compared)}); the snapshot has "
                "rates on a year earlier, and on the month before from single months, but "
                "not this comparison.")}, "trade_value_yoy", "CHN", "RUS", flow.flow,
                main[0] if main else "", q.value, "pct", currency or beside)
    found = found or latest_year(as_of)
    params = {"flow": flow.flow if flow.flow != "balance" else "total", "reporter": "CHN",
              "partner": "RUS", "periods": found, "claimed": sign * q.value,
              "qualifier": q.qualifier, "precision": q.precision, "claimed_text": q.text,
              "currency": currency, "beside_amount": beside, "month_on_month": month_on_month,
              "readings": readings}
    return Resolved("stated_growth", params, "trade_value_mom" if month_on_month else
                    "trade_value_yoy", "CHN", "RUS", params["flow"], found[0][0],
                    sign * q.value, "pct", currency or beside, readings)


def _month_before(period: str) -> str:
    year, month = int(period[:4]), int(period[5:7])
    return f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"


def _share_or_volume(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    assert q is not None
    periods, where = periods_of(statement, as_of, setting)
    readings = period_readings(periods, where, as_of) if where not in ("clause", "sentence") \
        else []
    found = candidates(periods) or latest_year(as_of)
    base = {"claimed": q.value, "qualifier": q.qualifier, "precision": q.precision,
            "claimed_text": q.text, "periods": found, "readings": readings}
    shape = statement.shape
    if shape == "crude_share":
        params = {**base, "indicator": "partner_share", "reporter": "CHN", "partner": "RUS",
                  "flow": "import", "commodity": "2709", "unit": "pct",
                  "what": "Russia's share of China's crude oil imports"}
    elif shape == "commodity_share":
        flow = statement.extra.get("flow", "import")
        params = {**base, "indicator": "commodity_share", "reporter": "CHN", "partner": "RUS",
                  "flow": flow, "commodity": statement.extra["commodity"], "unit": "pct",
                  "what": f"The share of {statement.extra['commodity_name']} in China's "
                          f"{'imports from' if flow == 'import' else 'exports to'} Russia"}
    elif shape == "partner_share":
        # whose trade: "4% of China's total trade", "Russia's share of China's total trade, 4%"
        before = statement.quote[:q.start - statement.start]
        named = re.search(r"\bshare\s+of\s+(China|Russia)", before, re.IGNORECASE)
        whose = (entities.side_of(named.group(1)) if named else None) or entities.side_of(
            statement.quote[q.end - statement.start:]) or "RUS"
        other = "RUS" if whose == "CHN" else "CHN"
        params = {**base, "indicator": "partner_share", "reporter": whose, "partner": other,
                  "flow": "total", "commodity": "TOTAL", "unit": "pct",
                  "what": f"{'China' if other == 'CHN' else 'Russia'}'s share of "
                          f"{'Russia' if whose == 'RUS' else 'China'}'s trade"}
    elif shape == "crude_volume":
        params = {**base, "indicator": "trade_quantity", "reporter": "CHN", "partner": "RUS",
                  "flow": "import", "commodity": "2709", "unit": q.unit,
                  "what": "China's crude oil imports from Russia (volume)"}
    elif statement.extra.get("deliveries", True):  # pipeline gas delivered
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
                    params["partner"], params["flow"], found[0][0], q.value,
                    params["unit"], "", readings)


def _contract(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    assert q is not None
    periods, where = periods_of(statement, as_of, setting)
    gas = statement.extra.get("gas")
    params = {"indicator": "contract_value", "reporter": "RUS", "partner": "CHN",
              "flow": "export", "commodity": "271121" if gas else "2709", "unit": q.unit,
              "claimed": q.value, "qualifier": q.qualifier, "precision": q.precision,
              "claimed_text": q.text,
              "what": "The value of the Power of Siberia gas supply contract" if gas else
              "The value of a Russian oil supply contract"}
    if where in ("clause", "sentence"):
        params["periods"] = candidates(periods)
    else:
        params["any_period"] = True
    return Resolved("stated_value", params, "contract_value", "RUS", "CHN", "export",
                    params.get("periods", [[""]])[0][0], q.value, q.unit, q.unit)


def _multiple(statement: Statement, as_of: date) -> Resolved:
    extra = statement.extra
    years = extra.get("years") or (as_of.year - 1 - int(extra["since"]))
    params = {"reporter": "CHN", "partner": "RUS", "years": years, "supported_ratio": 1.5,
              "claimed_ratio": extra["ratio"], "ratio_qualifier": extra["qualifier"],
              "claimed_text": extra["words"]}
    return Resolved("growth_over_years", params, "trade_value", "CHN", "RUS", "total",
                    str(as_of.year - 1), extra["ratio"], "ratio", "USD",
                    [f"'{extra['words']}' read as the value of goods trade in US dollars, "
                     f"{years} years before {as_of.year - 1} against {as_of.year - 1}."])


def _ties(statement: Statement, as_of: date) -> Resolved:
    span = statement.extra["span"].lower()
    years = 10 if span in ("decade", "ten years") else int(re.sub(r"\D", "", span) or 10)
    params = {"reporter": "CHN", "partner": "RUS", "years": years, "supported_ratio": 1.5,
              "context": SHARE_CONTEXT}
    return Resolved("growth_over_years", params, "trade_value", "CHN", "RUS", "total",
                    str(as_of.year - 1), None, "USD", "USD",
                    ["'Ties' measured by the value of goods trade, the one dimension of "
                     "ties the data covers."])


def _reliance() -> Resolved:
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


def resolve(statement: Statement, as_of: date, setting: Setting | None = None) -> Resolved:
    """The query for one statement (see the module docstring)."""
    setting = setting or Setting(None, "", None)
    shape, q = statement.shape, statement.quantity
    if statement.extra.get("future") and shape != "target":
        before = statement.quote[:q.start - statement.start] if q else statement.quote
        words = " ".join(re.findall(r"[\w'’]+", before)[-4:])
        return not_checkable(FUTURE_REASON.format(words=f"'… {words}'"),
                             value=q.value if q else None, unit=q.unit if q else "")
    if statement.extra.get("services"):
        return Resolved("unresolved", {"reason": (
            "A figure for trade in services; the snapshot holds trade in goods only, so the "
            "data cannot settle it.")}, "trade_value", "CHN", "RUS", "total",
            value=q.value if q else None, unit=q.unit if q else "")
    if shape == "rank":
        return resolve_ranks.resolve_rank(statement, as_of, setting)
    if shape == "value":
        if q is not None and q.unit not in ("USD", "CNY"):
            return Resolved("unresolved", {"reason": (
                f"A sum in {q.unit}; the snapshot's China–Russia trade figures are in US "
                "dollars and yuan.")}, "trade_value")
        return _value(statement, as_of, setting)
    if shape == "growth":
        return _growth(statement, as_of, setting)
    if shape in ("crude_share", "commodity_share", "partner_share", "crude_volume", "pipeline"):
        return _share_or_volume(statement, as_of, setting)
    if shape in ("settlement", "settlement_words", "settlement_value", "payments_other"):
        return resolve_settlement.resolve_settlement(statement, as_of, setting)
    if shape == "target":
        return resolve_targets.resolve_target(statement, as_of, setting)
    if shape == "contract":
        return _contract(statement, as_of, setting)
    if shape == "multiple":
        return _multiple(statement, as_of)
    if shape == "ties":
        return _ties(statement, as_of)
    if shape == "reliance":
        return _reliance()
    if shape == "event":
        return Resolved("event_when", {k: statement.extra[k] for k in
                                       ("event_id", "claimed", "claimed_text")},
                        "event", period=statement.extra["claimed"])
    return Resolved("unresolved", {"reason": (
        "A figure about China–Russia economic ties that the snapshot does not measure "
        "(no indicator for it), so the data cannot settle it.")}, "other")
