"""Rules for statements found in any article (etl/articles/): a stated figure, a growth rate, a
rank under each convention, a target, a share of payments. Same vocabulary and conventions as
the built-in rules; each explanation names the figure compared with, its source and its tier.
Shared helpers (tiers, best evidence first, tolerance) are in etl/claims/article_common.py;
ranks, targets and payments have their own modules.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.article_common import (
    best_first,
    cite_with_tier,
    compare,
    not_over,
    period_label,
    rows_for,
    tier,
    tiers,
    unresolved,
    what_of,
)
from etl.claims.article_payments import settlement_share
from etl.claims.article_ranks import stated_partner_rank, stated_rank
from etl.claims.article_targets import stated_target
from etl.claims.evidence import chronological, combine, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.rules import RULES, Context
from etl.claims.wording import upper_first
from etl.derive.common import fmt
from etl.periods import label, year_of

__all__ = ["best_first", "compare", "stated_growth", "stated_value", "tier", "tiers"]


def stated_value(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A figure for a period: a trade total or flow, a balance, a share, a volume."""
    claimed, unit = float(p["claimed"]), p.get("unit") or ""
    qualifier, precision = p.get("qualifier", "exact"), float(p.get("precision", 0))
    claimed_text = p.get("claimed_text") or fmt(claimed, unit)
    readings = list(p.get("readings", []))
    rows, found = rows_for(ctx, p)
    if rows.empty:
        period_words = ", ".join(label(*c) for c in p.get("periods", [])) or "any period"
        return unresolved(ctx, {"reason": (
            f"The snapshot has no figure for {what_of(ctx, p)} in {period_words}, so the "
            f"statement ({claimed_text}) cannot be settled with the bundled data."
            + not_over(ctx, p.get("periods") or [])
            + (" " + " ".join(readings) if readings else ""))})
    if p.get("any_period"):
        rows = chronological(rows).tail(1)
    ordered = best_first(ctx, rows)
    best = ordered.iloc[0]
    when = period_label(found, best)
    grade = compare(claimed, qualifier, precision, best["value"], unit)
    others = [(r, compare(claimed, qualifier, precision, r["value"], unit))
              for _, r in ordered.iloc[1:].iterrows() if r["value"] != best["value"]]
    caveats: list[str] = []
    alternatives: list[str] = []
    figure = (f"{what_of(ctx, p)}, {when}: {fmt(best['value'], unit)} "
              f"({cite_with_tier(ctx, best)})")
    mirror_rows = pd.DataFrame()
    if grade == "match":
        verdict, explanation = "supported", f"{figure}; the article's {claimed_text} matches."
    elif grade == "close":
        verdict = "supported_with_caveats"
        explanation = (f"{figure}; the article's {claimed_text} is close but not what the "
                       "source says.")
        agreeing = [r for r, g in others if g == "match"]
        if agreeing:
            # The article's figure is another source's, and the best source differs from it by
            # no more than a revision does: the figure is borne out; the difference is shown.
            r = agreeing[0]
            verdict = "supported"
            explanation = (f"{what_of(ctx, p)}, {when}: {fmt(r['value'], unit)} "
                           f"({cite_with_tier(ctx, r)}); the article's {claimed_text} matches. "
                           f"The best source gives {fmt(best['value'], unit)} "
                           f"({cite_with_tier(ctx, best)}), within "
                           f"{abs(best['value'] / r['value'] - 1) * 100:.1f}%; both are shown.")
            caveats.append(f"{upper_first(cite_with_tier(ctx, best))} gives "
                           f"{fmt(best['value'], unit)}, a little different from the "
                           f"{fmt(r['value'], unit)} the article gives.")
    else:
        verdict = "contradicted"
        explanation = f"{figure}, not {claimed_text}."
        agreeing = [r for r, g in others if g == "match"]
        if agreeing:
            verdict = "supported_with_caveats"
            r = agreeing[0]
            explanation = (f"{figure}; another source gives {fmt(r['value'], unit)} "
                           f"({cite_with_tier(ctx, r)}), which the article's {claimed_text} "
                           "matches. The sources disagree; both are shown.")
        elif p.get("mirror") and p.get("flow") in ("export", "import"):
            swapped = {"export": "import", "import": "export"}[p["flow"]]
            mirror_rows, _ = rows_for(ctx, p, flow=swapped)
            if not mirror_rows.empty:
                m = best_first(ctx, mirror_rows).iloc[0]
                if compare(claimed, qualifier, precision, m["value"], unit) == "match":
                    explanation += (f" The article's figure is {what_of(ctx, p, swapped)} "
                                    f"({fmt(m['value'], unit)}, {cite_with_tier(ctx, m)}): "
                                    "the flows are swapped.")
    if verdict != "contradicted":
        for r, g in others:
            if g == "off":
                caveats.append(f"Another source gives {fmt(r['value'], unit)} "
                               f"({cite_with_tier(ctx, r)}).")
    if p.get("record"):
        verdict, explanation = _judge_record(ctx, p, best, verdict, explanation, unit)
    conversion = p.get("conversion")
    if conversion:
        conv_rows, _ = rows_for(ctx, {**p, "unit": conversion["unit"]})
        if not conv_rows.empty:
            c = best_first(ctx, conv_rows).iloc[0]
            conv_grade = compare(float(conversion["value"]), "exact",
                                 float(conversion["precision"]), c["value"], conversion["unit"])
            if conv_grade != "match":
                converted = fmt(float(conversion["value"]), conversion["unit"])
                caveats.append(
                    f"The article's conversion, {converted}, differs from the source's own "
                    "figure in that currency, "
                    f"{fmt(c['value'], conversion['unit'])} ({cite_with_tier(ctx, c)}).")
                if verdict == "supported":
                    verdict = "supported_with_caveats"
            mirror_rows = pd.concat([mirror_rows, conv_rows]) if not mirror_rows.empty \
                else conv_rows
    if readings:
        caveats += readings
        if verdict == "supported" and p.get("readings_matter"):
            verdict = "supported_with_caveats"
    return Outcome(
        verdict, explanation,
        combine(evidence(rows, "evidence"), evidence(mirror_rows, "context")),
        "value_timeline", caveats, alternatives,
        convention_used=p.get("convention", "China's customs (GACC) figures, as reported"),
        headline=f"{what_of(ctx, p)}, {when}: {fmt(best['value'], unit)}",
        chart_params={"claimed": claimed},
    )


def _judge_record(ctx: Context, p: dict[str, Any], best: pd.Series, verdict: str,
                  explanation: str, unit: str) -> tuple[str, str]:
    """'A record': the value must exceed every earlier value of the same kind of period."""
    same = select(ctx.obs, indicator=p["indicator"], reporter=p["reporter"],
                  partner=p["partner"], flow=p.get("flow"), commodity=p.get("commodity"),
                  unit=unit, freq=best["freq"])
    same = same[(same["cumulative"] == best["cumulative"]) & same["value"].notna()]
    same = same[same["period"].str[4:] == str(best["period"])[4:]]
    earlier = same[same["period"].map(year_of) < year_of(best["period"])]
    if earlier.empty:
        return verdict, explanation + " No earlier figure is in the snapshot to test 'record'."
    top = best_first(ctx, earlier[earlier["value"] == earlier["value"].max()]).iloc[0]
    if top["value"] >= best["value"]:
        return "contradicted", (explanation + f" It was not a record: "
                                f"{label(top['period'], top['freq'], top['cumulative'])} was "
                                f"higher, {fmt(top['value'], unit)} ({cite_with_tier(ctx, top)}).")
    return verdict, explanation + (f" It is the highest in the snapshot (the previous high: "
                                   f"{fmt(top['value'], unit)} in "
                                   f"{label(top['period'], top['freq'], top['cumulative'])}).")


def _month_on_month(ctx: Context, p: dict[str, Any], currency: str) -> pd.DataFrame:
    """Growth on the month before, from single-month values (computed here, shown as such)."""
    period = next((c for c in p["periods"] if c[1] == "M" and not c[2]), None)
    if period is None:
        return pd.DataFrame()
    year, month = year_of(period[0]), int(period[0][5:7])
    previous = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
    values = select(ctx.obs, indicator="trade_value", reporter="CHN", partner="RUS",
                    flow=p["flow"], commodity="TOTAL", unit=currency, freq="M")
    values = values[~values["cumulative"] & values["value"].notna()]
    values = split_by_date(values, ctx.as_of)[0]
    now, before = (best_first(ctx, values[values["period"] == x]) for x in (period[0], previous))
    if now.empty or before.empty:
        return pd.DataFrame()
    a, b = now.iloc[0], before.iloc[0]
    row = a.copy()
    row["indicator"], row["unit"], row["currency"] = "trade_value_mom", "pct", currency
    row["value"] = (a["value"] / b["value"] - 1) * 100
    row["note"] = (f"computed here: {fmt(a['value'], currency)} in {label(period[0], 'M')} "
                   f"against {fmt(b['value'], currency)} in {label(previous, 'M')}")
    return pd.DataFrame([row, a, b])


def stated_growth(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A growth rate: on a year earlier (or the month before), in dollars or yuan."""
    claimed = float(p["claimed"])
    qualifier, precision = p.get("qualifier", "exact"), float(p.get("precision", 0.1))
    claimed_text = p.get("claimed_text") or f"{claimed:+g}%"
    stated_currency, beside = p.get("currency") or "", p.get("beside_amount") or ""
    currencies = [stated_currency] if stated_currency else []
    currencies += [c for c in (beside, "USD", "CNY") if c and c not in currencies]
    results = []
    for currency in currencies:
        if p.get("month_on_month"):
            rows = _month_on_month(ctx, p, currency)
            found = None
        else:
            rows, found = rows_for(ctx, {**p, "indicator": "trade_value_yoy", "unit": "pct",
                                          "currency": currency, "commodity": "TOTAL"})
        if rows.empty:
            continue
        best = best_first(ctx, rows).iloc[0] if not p.get("month_on_month") else rows.iloc[0]
        grade = compare(abs(claimed), qualifier, precision, abs(best["value"]), "pct")
        if (claimed < 0) != (best["value"] < 0) and abs(best["value"]) > precision / 2:
            grade = "off"
        results.append((currency, best, grade, rows, found))
    what = what_of(ctx, p)
    kind = "on the month before" if p.get("month_on_month") else "on a year earlier"
    if not results:
        return unresolved(ctx, {"reason": (
            f"The snapshot has no growth rate {kind} for {what} in "
            f"{', '.join(label(*c) for c in p['periods'])}; the statement ({claimed_text}) "
            "cannot be settled with the bundled data." + not_over(ctx, p["periods"]))})
    primary = results[0]
    currency, best, grade, rows, found = primary
    when = period_label(found, best)

    def figure(r: tuple) -> str:
        cur, row = r[0], r[1]
        return (f"{what} changed {row['value']:+.1f}% {kind} in {period_label(r[4], row)} in "
                f"{'yuan' if cur == 'CNY' else 'dollar'} terms ({cite_with_tier(ctx, row)})")

    caveats: list[str] = []
    reading = ("in yuan terms, as the article says" if stated_currency == "CNY" else
               "in dollar terms, as the article says" if stated_currency == "USD" else
               "in the currency of the amount beside it" if beside else
               "in dollar terms (no currency stated; yuan shown too)")
    other = [r for r in results[1:] if r[0] != currency]
    if grade == "match":
        verdict = "supported"
        explanation = f"{figure(primary)}; the article's {claimed_text} matches."
        if stated_currency == "CNY" and beside == "USD":
            verdict = "supported_with_caveats"
            caveats.append("The rate is in yuan terms but stands beside a dollar total; in "
                           "dollars the change differs" + (
                               f": {other[0][1]['value']:+.1f}%." if other else "."))
    else:
        matching = [r for r in other if r[2] == "match"]
        if matching and not stated_currency:
            m = matching[0]
            verdict = "supported_with_caveats"
            explanation = (f"{figure(m)}, which matches the article's {claimed_text}; but the "
                           f"article sets it beside a {'dollar' if beside == 'USD' else 'yuan'} "
                           f"figure, and in {'dollar' if currency == 'USD' else 'yuan'} terms "
                           f"the change was {best['value']:+.1f}%. A yuan growth rate beside "
                           "a dollar total mixes two measures."
                           if beside else f"{figure(m)}; the article's {claimed_text} matches "
                           f"that reading, not dollar terms ({best['value']:+.1f}%).")
            reading = f"in {'yuan' if m[0] == 'CNY' else 'dollar'} terms"
        elif matching:
            # the article says which currency, and the figure is the other currency's
            m = matching[0]
            verdict = "contradicted"
            explanation = (f"{figure(primary)}, not {claimed_text}: the article's "
                           f"{claimed_text} is the change in "
                           f"{'yuan' if m[0] == 'CNY' else 'dollar'} terms "
                           f"({m[1]['value']:+.1f}%, {cite_with_tier(ctx, m[1])}), not in the "
                           f"{'dollar' if currency == 'USD' else 'yuan'} terms it states.")
        elif grade == "close":
            verdict = "supported_with_caveats"
            explanation = (f"{figure(primary)}; the article's {claimed_text} is close but not "
                           "what the source says.")
        else:
            verdict = "contradicted"
            explanation = f"{figure(primary)}, not {claimed_text}."
    caveats += list(p.get("readings", []))
    all_rows = pd.concat([r[3] for r in results], ignore_index=True)
    return Outcome(
        verdict, explanation, evidence(all_rows, "evidence"), "value_timeline", caveats, [],
        convention_used=f"growth {kind}, read {reading}",
        headline=f"{what}, {when}: {best['value']:+.1f}% {kind}",
        chart_params={"claimed": claimed},
    )


# Registered in the shared registry, one line each, so every verdict goes through RULES.
RULES["stated_value"] = stated_value
RULES["stated_growth"] = stated_growth
RULES["stated_rank"] = stated_rank
RULES["stated_partner_rank"] = stated_partner_rank
RULES["stated_target"] = stated_target
RULES["settlement_share"] = settlement_share
RULES["unresolved"] = unresolved
