"""Rules for statements found in any article (etl/articles/): a stated figure, a growth rate, a
rank under each convention, a target. Same vocabulary and conventions as the built-in rules;
each explanation names the figure compared with, its source and its tier.

Tolerance follows the writer: a figure is read to the precision it was written with ("about
$245 billion" is 244.5–245.5 bn or within 3%), "more than" and "nearly" are bounds, and a
figure off by a little more than its rounding (within 2%) is "supported with caveats".
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from etl.claims.context import converted, evidence_tier
from etl.claims.evidence import chronological, combine, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.rules import RULES, Context
from etl.claims.wording import rank_text
from etl.derive.common import QUALIFIER_RANK, STATUS_RANK, fmt
from etl.periods import label, year_of
from etl.vocabulary import convention_phrase, ordinal, standard

TIER_ORDER = standard().ranks("tier")  # official 0, wire 1, press 2, reprint 3
# A sources table without `tier` (a snapshot built before it existed, a test fixture): the
# source's kind says roughly the same thing.
KIND_TIER = {"statistical_table": "official", "api": "official", "press": "press",
             "analysis": "press", "reference_work": "reprint"}
APPROX_BAND = 0.03  # "about": within 3%
CLOSE_BAND = 0.02  # exact figure a little off its rounding: supported with caveats
NEARLY_BAND = 0.05  # "nearly 250": 237.5–250
PCT_CLOSE = 0.5  # percentage points


def _tier_table(ctx: Context) -> dict[str, str]:
    """source_id -> tier: the sources table's `tier`; where it has none, the source's kind
    stands in for it (the pipeline's own methods, kind `derived`, have none)."""
    sources = ctx.sources
    kinds = sources["kind"] if "kind" in sources.columns else [""] * len(sources)
    stated = sources["tier"] if "tier" in sources.columns else [""] * len(sources)
    return {
        sid: (str(t) if isinstance(t, str) and t else
              "" if k == "derived" else KIND_TIER.get(str(k), "press"))
        for sid, k, t in zip(sources.index, kinds, stated, strict=True)
    }


def _document_id(source_id: str, derived_from: str) -> str:
    """The document behind a row: its source, or for a computed row its first input that is a
    document (not another computation)."""
    if source_id.startswith("derived-") and derived_from:
        inputs = derived_from.split(";")
        return next((i for i in inputs if not i.startswith("derived-")), inputs[0])
    return source_id


def _row_tier(table: dict[str, str], source_id: str, derived_from: str, status: str) -> str:
    """The shared rule (etl.claims.context.evidence_tier): a computed figure (the pipeline's,
    or a curated row of status `derived`) has the weakest tier of the documents it was
    computed from."""
    is_computed = bool(derived_from) and (source_id.startswith("derived-") or status == "derived")
    return evidence_tier(table, source_id, derived_from, is_computed) or "unknown"


def tiers(ctx: Context, rows: pd.DataFrame) -> pd.Series:
    table = _tier_table(ctx)
    return pd.Series([_row_tier(table, str(s), str(d or ""), str(st))
                      for s, d, st in zip(rows["source_id"], rows["derived_from"],
                                          rows["status"], strict=True)],
                     index=rows.index, dtype=object)


def tier(ctx: Context, row: pd.Series) -> str:
    return _row_tier(_tier_table(ctx), str(row["source_id"]), str(row.get("derived_from") or ""),
                     str(row.get("status") or ""))


def best_first(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """Best evidence first, as etl/claims/evidence.py orders it: a figure stated in its currency
    before a conversion, then tier, then the project's usual preference (sourced over derived,
    exact over bounds, the most recent document). The frames here are a handful of rows, so the
    ranks are applied row-wise, which is much faster than sorting a frame."""
    if len(rows) <= 1:
        return rows
    table, published = _tier_table(ctx), ctx.published
    keys = [
        (converted(str(sid), str(d or "")),
         TIER_ORDER.get(_row_tier(table, str(sid), str(d or ""), str(status)), 4),
         STATUS_RANK.get(status, 9), QUALIFIER_RANK.get(qualifier, 9),
         _descending(published.get(sid, "") or ""), str(sid))
        for sid, d, status, qualifier in zip(rows["source_id"], rows["derived_from"],
                                             rows["status"], rows["qualifier"], strict=True)
    ]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return rows.iloc[order]


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(ch) for ch in text) + (1,)


def cite_with_tier(ctx: Context, row: pd.Series) -> str:
    """'TASS, 2024-09-10; tier: press'; a computed figure names the document it starts from."""
    sid = str(row["source_id"])
    if sid.startswith("derived-"):
        document = _document_id(sid, str(row.get("derived_from") or ""))
        cited = f"computed from {ctx.cite(pd.Series({'source_id': document}))}"
    else:
        cited = ctx.cite(row)
    return f"{cited}; tier: {tier(ctx, row)}"


def compare(claimed: float, qualifier: str, precision: float, actual: float,
            unit: str) -> str:
    """'match', 'close' or 'off': how a stated figure stands to the data."""
    rounding = precision / 2 + abs(claimed) * 1e-9
    scale = max(abs(claimed), 1e-12)
    diff = actual - claimed
    close = PCT_CLOSE if unit in ("pct", "pp") else scale * CLOSE_BAND
    if qualifier == "approx":
        band = max(rounding, (PCT_CLOSE if unit in ("pct", "pp") else scale * APPROX_BAND))
        return "match" if abs(diff) <= band else "close" if abs(diff) <= 2 * band else "off"
    if qualifier == "nearly":
        low = claimed - (PCT_CLOSE * 2 if unit in ("pct", "pp") else scale * NEARLY_BAND)
        return "match" if low <= actual <= claimed + rounding else (
            "close" if low - close <= actual <= claimed + close else "off")
    if qualifier == "lower_bound":
        return "match" if actual > claimed - rounding else "close" if actual > claimed - close \
            else "off"
    if qualifier == "at_least":
        return "match" if actual >= claimed - rounding else "close" if actual >= claimed - \
            close else "off"
    if qualifier == "upper_bound":
        return "match" if actual < claimed + rounding else "close" if actual < claimed + close \
            else "off"
    if abs(diff) <= rounding:
        return "match"
    return "close" if abs(diff) <= rounding + close else "off"


def _rows_for(ctx: Context, p: dict[str, Any], flow: str | None = None) -> tuple[
        pd.DataFrame, tuple[str, str, bool] | None]:
    base = select(ctx.obs, indicator=p["indicator"], reporter=p["reporter"],
                  partner=p["partner"], flow=flow or p.get("flow"),
                  commodity=p.get("commodity"), unit=p.get("unit"),
                  currency=p.get("currency"))
    base = base[base["value"].notna()]
    if p.get("any_period"):
        before = split_by_date(base, ctx.as_of)[0]
        return before, None
    for period, freq, cumulative in p["periods"]:
        rows = base[(base["period"] == period) & (base["freq"] == freq)
                    & (base["cumulative"] == bool(cumulative))]
        if not rows.empty:
            return rows, (period, freq, bool(cumulative))
    return base.iloc[0:0], None


def _what(ctx: Context, p: dict[str, Any], flow: str | None = None) -> str:
    flow = flow or p.get("flow", "")
    what = p.get("what")
    if what:
        return what
    china, russia = ctx.name("CHN"), ctx.name("RUS")
    return {
        "export": f"{china}'s exports to {russia}",
        "import": f"{china}'s imports from {russia} ({russia}'s exports to {china})",
        "total": f"{china}–{russia} trade",
        "balance": f"{china}'s trade balance with {russia}",
    }.get(flow, p.get("indicator", ""))


def _period_label(found: tuple[str, str, bool] | None, row: pd.Series) -> str:
    if found is None:
        return label(row["period"], row["freq"], row["cumulative"])
    return label(*found)


def unresolved(ctx: Context, p: dict[str, Any]) -> Outcome:
    return Outcome("unresolved", p["reason"], evidence(ctx.obs.iloc[0:0], "evidence"), "none")


def stated_value(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A figure for a period: a trade total or flow, a balance, a share, a volume."""
    claimed, unit = float(p["claimed"]), p.get("unit") or ""
    qualifier, precision = p.get("qualifier", "exact"), float(p.get("precision", 0))
    claimed_text = p.get("claimed_text") or fmt(claimed, unit)
    readings = list(p.get("readings", []))
    rows, found = _rows_for(ctx, p)
    if rows.empty:
        period_words = ", ".join(label(*c) for c in p.get("periods", [])) or "any period"
        return unresolved(ctx, {"reason": (
            f"The snapshot has no figure for {_what(ctx, p)} in {period_words}, so the "
            f"statement ({claimed_text}) cannot be settled with the bundled data."
            + (" " + " ".join(readings) if readings else ""))})
    if p.get("any_period"):
        rows = chronological(rows).tail(1)
    ordered = best_first(ctx, rows)
    best = ordered.iloc[0]
    when = _period_label(found, best)
    grade = compare(claimed, qualifier, precision, best["value"], unit)
    others = [(r, compare(claimed, qualifier, precision, r["value"], unit))
              for _, r in ordered.iloc[1:].iterrows() if r["value"] != best["value"]]
    caveats: list[str] = []
    alternatives: list[str] = []
    figure = (f"{_what(ctx, p)}, {when}: {fmt(best['value'], unit)} "
              f"({cite_with_tier(ctx, best)})")
    mirror_rows = pd.DataFrame()
    if grade == "match":
        verdict, explanation = "supported", f"{figure}; the article's {claimed_text} matches."
    elif grade == "close":
        verdict = "supported_with_caveats"
        explanation = (f"{figure}; the article's {claimed_text} is close but not what the "
                       "source says.")
        agreeing = [r for r, g in others if g == "match"]
        if agreeing:  # the article's figure is another (weaker) source's: say which
            r = agreeing[0]
            explanation = (f"{figure}; another source gives {fmt(r['value'], unit)} "
                           f"({cite_with_tier(ctx, r)}), which the article's {claimed_text} "
                           "matches. The sources disagree; both are shown.")
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
            mirror_rows, _ = _rows_for(ctx, p, flow=swapped)
            if not mirror_rows.empty:
                m = best_first(ctx, mirror_rows).iloc[0]
                if compare(claimed, qualifier, precision, m["value"], unit) == "match":
                    explanation += (f" The article's figure is {_what(ctx, p, swapped)} "
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
        conv_rows, _ = _rows_for(ctx, {**p, "unit": conversion["unit"]})
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
        headline=f"{_what(ctx, p)}, {when}: {fmt(best['value'], unit)}",
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
            rows, found = _rows_for(ctx, {**p, "indicator": "trade_value_yoy", "unit": "pct",
                                          "currency": currency, "commodity": "TOTAL"})
        if rows.empty:
            continue
        best = best_first(ctx, rows).iloc[0] if not p.get("month_on_month") else rows.iloc[0]
        grade = compare(abs(claimed), qualifier, precision, abs(best["value"]), "pct")
        if (claimed < 0) != (best["value"] < 0) and abs(best["value"]) > precision / 2:
            grade = "off"
        results.append((currency, best, grade, rows, found))
    what = _what(ctx, p)
    kind = "on the month before" if p.get("month_on_month") else "on a year earlier"
    if not results:
        return unresolved(ctx, {"reason": (
            f"The snapshot has no growth rate {kind} for {what} in "
            f"{', '.join(label(*c) for c in p['periods'])}; the statement ({claimed_text}) "
            "cannot be settled with the bundled data.")})
    primary = results[0]
    currency, best, grade, rows, found = primary
    when = _period_label(found, best)

    def figure(r: tuple) -> str:
        cur, row = r[0], r[1]
        return (f"{what} changed {row['value']:+.1f}% {kind} in {_period_label(r[4], row)} in "
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
        elif grade == "close":
            verdict = "supported_with_caveats"
            explanation = (f"{figure(primary)}; the article's {claimed_text} is close but not "
                           "what the source says.")
        else:
            verdict = "contradicted"
            explanation = f"{figure(primary)}, not {claimed_text}."
    all_rows = pd.concat([r[3] for r in results], ignore_index=True)
    return Outcome(
        verdict, explanation, evidence(all_rows, "evidence"), "value_timeline", caveats, [],
        convention_used=f"growth {kind}, read {reading}",
        headline=f"{what}, {when}: {best['value']:+.1f}% {kind}",
        chart_params={"claimed": claimed},
    )


def stated_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A rank that `partner_rank` does not cover: among crude suppliers, or 'in the top N'."""
    claimed, mode = int(p["claimed_rank"]), p.get("mode", "exact")
    ranks = select(ctx.obs, indicator="partner_rank", reporter=p["reporter"],
                   partner=p["partner"], flow=p.get("flow", "total"),
                   commodity=p.get("commodity", "TOTAL"))
    ranks = ranks[ranks["value"].notna()]
    as_of = date(int(p["year"]) + 1, 1, 1) if p.get("year") else ctx.as_of
    before = split_by_date(ranks, as_of)[0]
    annual = before[before["freq"] == "A"]
    whose = f"{ctx.name(p['reporter'])}'s"
    among = p.get("among", "trading partners")
    if annual.empty:
        return unresolved(ctx, {"reason": (
            f"The snapshot has no annual ranking of {ctx.name(p['partner'])} among {whose} "
            f"{among}.")})

    def holds(row: pd.Series) -> bool:
        bound = row["qualifier"]
        if mode == "top":
            return row["value"] <= claimed if bound != "lower_bound" else False
        if bound == "upper_bound":
            return claimed <= row["value"]
        if bound == "lower_bound":
            return claimed >= row["value"]
        return row["value"] == claimed

    latest_year = annual["period"].max()
    latest = best_first(ctx, annual[annual["period"] == latest_year])
    by_basis = latest.drop_duplicates("basis")
    wanted = p.get("convention") or ""
    main = by_basis[by_basis["basis"] == wanted]
    main = (main if not main.empty else by_basis).iloc[0]
    claim_words = f"in the top {claimed}" if mode == "top" else ordinal(claimed)
    basis_words = convention_phrase(main["basis"]) or (f"by {main['basis']}" if main["basis"]
                                                       else "")
    statement = (f"{ctx.name(p['partner'])} ranked {rank_text(main)} among {whose} {among} in "
                 f"{latest_year}{' ' + basis_words if basis_words else ''} "
                 f"({cite_with_tier(ctx, main)})")
    others = [r for _, r in by_basis.iterrows() if r["basis"] != main["basis"]]
    disagree = [r for r in others if not holds(r)]
    caveats = []
    if int(latest_year) < as_of.year - 1:
        caveats.append(f"The latest ranking before the article is for {latest_year}.")
    if holds(main):
        verdict = "supported_with_caveats" if (disagree or caveats) else "supported"
        explanation = f"{statement}: {claim_words}, as the article says."
    else:
        verdict = "contradicted"
        explanation = f"{statement}, not {claim_words} as the article says."
    for r in disagree:
        caveats.append(f"{convention_phrase(r['basis']) or r['basis']}: "
                       f"{rank_text(r)} ({cite_with_tier(ctx, r)}).")
    return Outcome(
        verdict, explanation, combine(evidence(before, "evidence")), "rank_timeline", caveats,
        [], convention_used=basis_words or "as the source ranks",
        headline=f"{ctx.name(p['partner'])}: {rank_text(main)} among {whose} {among}, "
                 f"{latest_year}",
    )


def stated_target(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A trade target ('$200 billion by 2024'): the first year the total reached it, against the
    year it was set for and what the article says about reaching it."""
    target, year = float(p["claimed"]), int(p["target_year"])
    claim = p.get("claim", "reached")
    totals = select(ctx.obs, indicator="trade_value", reporter="CHN", partner="RUS",
                    flow="total", commodity="TOTAL", unit="USD", freq="A")
    totals = totals[totals["value"].notna()]
    totals = split_by_date(totals, ctx.as_of)[0]
    best = chronological(best_first(ctx, totals).drop_duplicates("period"))
    reached = best[best["value"] >= target]
    caveats = ["The target itself (when and by whom it was set) is not in the snapshot; only "
               "the trade totals are checked."]
    if reached.empty:
        last = best.iloc[-1] if not best.empty else None
        holds = claim == "missed"
        explanation = (f"China–Russia trade has not reached {fmt(target, 'USD')} in any year "
                       "before the article" + (f"; the latest total is {fmt(last['value'], 'USD')}"
                                               f" in {last['period']} ({cite_with_tier(ctx, last)})"
                                               if last is not None else "") + ".")
    else:
        first = reached.iloc[0]
        first_year = int(first["period"])
        explanation = (f"Trade first reached {fmt(target, 'USD')} in {first_year}: "
                       f"{fmt(first['value'], 'USD')} ({cite_with_tier(ctx, first)})")
        prior = best[best["period"].astype(int) < first_year]
        if not prior.empty:
            pr = prior.iloc[-1]
            explanation += f", after {fmt(pr['value'], 'USD')} in {pr['period']}"
        explanation += f"; the target was set for {year}."
        if claim == "early":
            holds = first_year < year
        elif claim == "missed":
            holds = first_year > year
        elif claim == "reached_in":
            holds = first_year == int(p["reached_year"])
        else:
            holds = first_year <= year
    verdict = "supported" if holds else "contradicted"
    return Outcome(verdict, explanation, evidence(best, "evidence"), "value_timeline", caveats,
                   [], convention_used="China's customs (GACC) annual totals in US dollars",
                   headline=f"Trade against the {fmt(target, 'USD')} target",
                   chart_params={"threshold": target})


# Registered in the shared registry, one line each, so every verdict goes through RULES.
RULES["stated_value"] = stated_value
RULES["stated_growth"] = stated_growth
RULES["stated_rank"] = stated_rank
RULES["stated_target"] = stated_target
RULES["unresolved"] = unresolved
