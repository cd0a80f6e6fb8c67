"""The rules that turn data into verdicts. One function per kind of statement; each returns an
Outcome whose explanation is written from the numbers it found, never typed in.

Every rule judges a claim as of the article's date: the reference period is the last full
calendar year before it. Data for later periods is reported as "since then" and does not change
the verdict.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from etl.claims.model import EVIDENCE_COLUMNS, Outcome
from etl.derive.common import QUALIFIER_RANK, fmt, preference_order, preferred
from etl.periods import end_month, label, sort_key, year_of
from etl.schema import BASES, OBSERVATION_COLUMNS

CONVENTION_PHRASE = {
    "countries_only": "counting countries only",
    "incl_hk_tw": "counting Hong Kong and Taiwan as partners",
    "blocs_as_units": "counting the EU and ASEAN as single partners",
    "mixed": "under a mixed convention",
    "unspecified": "with no convention stated",
}


@dataclass(frozen=True)
class Context:
    obs: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame  # indexed by source_id
    as_of: date
    names: dict[str, str] = field(default_factory=dict)

    @property
    def reference_year(self) -> int:
        return self.as_of.year - 1

    @property
    def published(self) -> dict[str, str]:
        return self.sources["date_published"].to_dict()

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def cite(self, row: pd.Series) -> str:
        """'TASS, 2026-01-14' or, for a computed figure, the document it was computed from."""
        sid = row["source_id"]
        if sid.startswith("derived-") and row.get("derived_from"):
            first = str(row["derived_from"]).split(";")[0]
            return f"computed from {self.cite(pd.Series({'source_id': first}))}"
        if sid not in self.sources.index:
            return sid
        source = self.sources.loc[sid]
        when = source["date_published"]
        return f"{source['publisher']}{', ' + when if when else ''}"


# --- helpers -----------------------------------------------------------------------------------
def select(frame: pd.DataFrame, **equal: Any) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in equal.items():
        if value is None or column in ("label",):
            continue
        mask &= frame[column] == value
    return frame[mask]


def period_end(period: str, freq: str) -> date:
    if freq == "D":
        return date.fromisoformat(period)
    year, month = year_of(period), end_month(period, freq)
    return date(year, month, calendar.monthrange(year, month)[1])


def chronological(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    keys = [
        sort_key(p, f, c)
        for p, f, c in zip(frame["period"], frame["freq"], frame["cumulative"], strict=True)
    ]
    return frame.iloc[sorted(range(len(frame)), key=lambda i: keys[i])]


def split_by_date(frame: pd.DataFrame, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows about periods ending before the article, and rows about later periods."""
    if frame.empty:
        return frame, frame
    ends = [period_end(p, f) for p, f in zip(frame["period"], frame["freq"], strict=True)]
    before = pd.Series([e <= as_of for e in ends], index=frame.index)
    return frame[before], frame[~before]


def evidence(frame: pd.DataFrame, role: str) -> pd.DataFrame:
    columns = [c for c in EVIDENCE_COLUMNS if c != "claim_id"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    out = frame[OBSERVATION_COLUMNS].copy()
    out["role"] = role
    out["period_end"] = [
        period_end(p, f).isoformat() for p, f in zip(out["period"], out["freq"], strict=True)
    ]
    out["label"] = [
        label(p, f, c)
        for p, f, c in zip(out["period"], out["freq"], out["cumulative"], strict=True)
    ]
    return out[columns]


def combine(*parts: pd.DataFrame) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return evidence(pd.DataFrame(columns=OBSERVATION_COLUMNS), "evidence")
    return pd.concat(parts, ignore_index=True)


def ordinal(n: float) -> str:
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bound_word(qualifier: str) -> str:
    return {"lower_bound": "more than ", "upper_bound": "at most ", "approx": "about "}.get(
        qualifier, ""
    )


def value_text(row: pd.Series) -> str:
    if pd.isna(row["value"]):
        return f"“{row['quote']}”" if row["quote"] else "(no figure)"
    if row["unit"] == "rank":
        return rank_text(row)
    return bound_word(row["qualifier"]) + fmt(row["value"], row["unit"])


def rank_text(row: pd.Series) -> str:
    """'5th', 'in the top 5' (at most 5th), '6th or lower' (at least 6th)."""
    if row["qualifier"] == "upper_bound":
        return f"in the top {row['value']:.0f}"
    if row["qualifier"] == "lower_bound":
        return f"{ordinal(row['value'])} or lower"
    return ordinal(row["value"])


def when(row: pd.Series) -> str:
    """'in 2024', 'in Jan–Aug 2023', 'on 17 May 2024'."""
    text = label(row["period"], row["freq"], row["cumulative"])
    return f"on {text}" if row["freq"] == "D" else f"in {text}"


def short_speaker(row: pd.Series) -> str:
    """The speaker up to the first comma outside parentheses: 'Andrei Belousov (First Deputy
    PM), Intergovernmental Commission...' -> 'Andrei Belousov (First Deputy PM)'."""
    text, depth = str(row["speaker"]), 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            return text[:i].strip()
    return text.strip()


def sentence_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def context_sentences(
    ctx: Context, queries: list[dict], start_year: int | None = None
) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """For each query: its earliest and latest values before the article, in one sentence."""
    sentences, before_rows, after_rows = [], [], []
    for query in queries:
        rows = select(ctx.obs, **{k: v for k, v in query.items() if k != "label"})
        rows = rows[rows["value"].notna()]
        before, after = split_by_date(rows, ctx.as_of)
        if start_year is not None:
            before = before[before["period"].map(year_of) >= start_year - 1]
        if before.empty:
            continue
        ordered = chronological(preferred(before, ["period", "freq", "cumulative"], ctx.published))
        first, last = ordered.iloc[0], ordered.iloc[-1]
        if first["period"] == last["period"]:
            sentences.append(
                f"{query['label']}: {value_text(last)} {when(last)} ({ctx.cite(last)})"
            )
        else:
            sentences.append(
                f"{query['label']}: {value_text(first)} {when(first)} → "
                f"{value_text(last)} {when(last)}"
            )
        before_rows.append(before)
        after_rows.append(after)
    return sentences, _stack(before_rows), _stack(after_rows)


def _stack(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(columns=OBSERVATION_COLUMNS)
    return pd.concat(parts, ignore_index=True)


# --- rules -------------------------------------------------------------------------------------
def partner_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, claimed = p["reporter"], p["partner"], int(p["claimed_rank"])
    convention = p["claimed_convention"]
    ranks = select(
        ctx.obs,
        indicator="partner_rank",
        reporter=reporter,
        partner=partner,
        flow="total",
        commodity="TOTAL",
    )
    ranks = ranks[ranks["value"].notna()]
    before, after = split_by_date(ranks, ctx.as_of)
    annual = before[before["freq"] == "A"]
    whose = f"{ctx.name(reporter)}'s"
    if annual.empty:
        return Outcome(
            "not_checkable",
            f"The snapshot has no ranking of {ctx.name(partner)} among {whose} trading partners.",
            evidence(ranks, "evidence"),
            "rank_timeline",
        )

    def latest_under(basis: str) -> pd.Series | None:
        rows = annual[annual["basis"] == basis]
        if rows.empty:
            return None
        year = rows["period"].max()
        rows = rows[rows["period"] == year]
        return preference_order(
            rows.assign(_q=rows["qualifier"].map(QUALIFIER_RANK))
            .sort_values("_q", kind="mergesort")
            .drop(columns="_q"),
            ctx.published,
        ).iloc[0]

    def consistent(row: pd.Series) -> bool:
        """Does the claimed rank lie inside what the row allows? An upper bound ("in the top
        5") allows ranks 1..5; a lower bound ("6th or lower") allows 6 and beyond."""
        if row["qualifier"] == "upper_bound":
            return claimed <= row["value"]
        if row["qualifier"] == "lower_bound":
            return claimed >= row["value"]
        return row["value"] == claimed

    main = latest_under(convention)
    caveats: list[str] = []
    if main is None:
        main = latest_under("unspecified")
        if main is None:
            return Outcome(
                "not_checkable",
                f"No ranking {CONVENTION_PHRASE[convention]} is in the snapshot.",
                evidence(ranks, "evidence"),
                "rank_timeline",
            )
        caveats.append("The ranking found does not state its convention.")
    year = main["period"]
    if int(year) < ctx.reference_year:
        caveats.append(
            f"The latest ranking {CONVENTION_PHRASE[main['basis']]} before the "
            f"article is for {year}; none for {ctx.reference_year} is in the snapshot."
        )
    alternatives, agreeing = [], []
    for basis in ("countries_only", "incl_hk_tw", "blocs_as_units"):
        if basis == main["basis"]:
            continue
        other = latest_under(basis)
        if other is None:
            continue
        phrase = (
            f"{CONVENTION_PHRASE[basis]}, {ctx.name(partner)} ranked "
            f"{rank_text(other)} in {other['period']} ({ctx.cite(other)})"
        )
        (agreeing if consistent(other) else alternatives).append(phrase)
    holds = consistent(main)
    if main["qualifier"] in ("upper_bound", "lower_bound"):
        caveats.append(f"The source gives only a bound ({rank_text(main)}), not an exact rank.")
    statement = (
        f"{ctx.name(partner)} ranked {rank_text(main)} among {whose} trading "
        f"partners in {year} {CONVENTION_PHRASE[main['basis']]} ({ctx.cite(main)})"
    )
    if holds:
        verdict = "supported_with_caveats" if (alternatives or caveats) else "supported"
        explanation = f"{statement}, as the article says."
        if alternatives:
            explanation += (
                " The rank depends on who counts as a partner: " + "; ".join(alternatives) + "."
            )
    else:
        verdict = "contradicted"
        explanation = f"{statement}, not {ordinal(claimed)} as the article says."
        if agreeing:
            explanation += " Only " + "; ".join(agreeing) + "."
    if p.get("became_after"):
        tops = chronological(before[(before["value"] == 1)])
        if not tops.empty and year_of(tops.iloc[0]["period"]) < int(p["became_after"]):
            first = tops.iloc[0]
            caveats.append(
                f"{ctx.name(partner)} was already {whose} largest trading partner in "
                f"{first['period']} ({ctx.cite(first)}), before "
                f"{p.get('became_after_label', p['became_after'])}: "
                f"it did not become the top partner because of the sanctions."
            )
            if verdict == "supported":
                verdict = "supported_with_caveats"
    sentences, context_before, context_after = context_sentences(ctx, p.get("context", []))
    if sentences:
        explanation += " " + "; ".join(sentences) + "."
    since = chronological(after[after["freq"] == "A"])
    if not since.empty:
        caveats.append(
            "Since the article: "
            + "; ".join(
                f"{ctx.name(partner)} {rank_text(r)} in {r['period']} "
                f"{CONVENTION_PHRASE.get(r['basis'], '')} ({ctx.cite(r)})"
                for _, r in since.iterrows()
            )
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(after, "since"),
            evidence(context_before, "context"),
            evidence(context_after, "since"),
        ),
        "rank_timeline",
        caveats,
        [f"Counting differently: {a}." for a in alternatives],
        convention_used=BASES[main["basis"]],
        headline=f"{ctx.name(partner)}: {rank_text(main)} among {whose} partners in {year}, "
        f"{CONVENTION_PHRASE[main['basis']]}",
    )


def attributed_statement(ctx: Context, p: dict[str, Any]) -> Outcome:
    filters = {k: p.get(k) for k in ("reporter", "partner", "currency")}
    rows = select(ctx.obs, indicator=p["indicator"], **filters)
    rows = rows[rows["status"] != "derived"]
    statements = rows[rows["speaker"] != ""]
    statistics = rows[(rows["speaker"] == "") & rows["value"].notna()]
    before, after = split_by_date(chronological(statements), ctx.as_of)
    claimed = float(p["claimed_value"])
    claimed_text = p.get("claimed_text", f"{claimed:g}")

    def said(row: pd.Series) -> str:
        return f"{short_speaker(row)} {when(row)}: {value_text(row)}"

    if p.get("claimed_text"):  # a threshold such as 'nearly all' = at least claimed
        matches = before[(before["value"] >= claimed)]
    else:
        matches = before[(before["value"] == claimed)]
    if before.empty:
        verdict = "not_checkable"
        explanation = f"No statement on {p['what']} is in the snapshot."
    elif not matches.empty:
        verdict = "attributed"
        first = matches.iloc[0]
        explanation = (
            f"The figure is an official's statement, not a published statistic: "
            f"{said(first)} ({ctx.cite(first)})."
        )
        if p.get("claimed_text") and len(matches) > 1:
            last = matches.iloc[-1]
            explanation = (
                f"Officials have said {claimed_text} ({claimed:g}% or more) in "
                f"{len(matches)} statements since "
                f"{label(first['period'], first['freq'])}, none of them a published "
                f"statistic: first {said(first)} ({ctx.cite(first)}); most recently "
                f"before the article {said(last)} ({ctx.cite(last)})."
            )
    else:
        verdict = "contradicted" if before["value"].max() < claimed - 2 else "attributed"
        explanation = (
            f"No official statement found gives {claimed_text}: "
            + "; ".join(said(r) for _, r in before.tail(3).iterrows())
            + "."
        )
    caveats: list[str] = []
    if not before.empty:
        latest = before.iloc[-1]
        if matches.empty or latest.name != matches.index[-1]:
            caveats.append(
                f"The latest statement before the article: {said(latest)} ({ctx.cite(latest)})."
            )
    old_stats = chronological(split_by_date(statistics, ctx.as_of)[0])
    if not old_stats.empty:
        last = old_stats.iloc[-1]
        caveats.append(
            f"The last published figure for exactly this measure is for "
            f"{label(last['period'], last['freq'], last['cumulative'])}: "
            f"{value_text(last)} ({ctx.cite(last)})."
        )
    if p.get("statistics_note"):
        caveats.append(p["statistics_note"])
    proxy_sentences, proxy_before, proxy_after = context_sentences(ctx, p.get("proxies", []))
    if proxy_sentences:
        caveats.append("The nearest published statistics: " + "; ".join(proxy_sentences) + ".")
    if not after.empty:
        caveats.append(
            "Since the article: " + "; ".join(said(r) for _, r in after.iterrows()) + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(after, "since"),
            evidence(statistics, "context"),
            evidence(proxy_before, "context"),
            evidence(proxy_after, "since"),
        ),
        "statements",
        caveats,
        [],
        headline=f"Statements on {p['what']}, and the nearest statistics",
        chart_params={"claimed": claimed},
        convention_used="statements by officials; statistics shown beside them",
    )


def composition_share(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, flow = p["reporter"], p["partner"], p["flow"]
    mirror = {"import": "export", "export": "import"}[flow]
    shares = pd.concat(
        [
            select(
                ctx.obs,
                indicator="commodity_share",
                reporter=reporter,
                partner=partner,
                flow=flow,
                commodity=p["commodity"],
            ),
            select(
                ctx.obs,
                indicator="commodity_share",
                reporter=partner,
                partner=reporter,
                flow=mirror,
                commodity=p["commodity"],
            ),
        ]
    )
    detail = select(
        ctx.obs,
        indicator="commodity_share",
        reporter=reporter,
        partner=partner,
        flow=flow,
        commodity=p.get("detail_commodity"),
    )
    if not p.get("detail_commodity"):
        # select() ignores a None filter: without a detail commodity, every share would pass
        # for "crude oil alone"
        detail = detail.iloc[0:0]
    before, after = split_by_date(chronological(shares), ctx.as_of)
    detail_before, detail_after = split_by_date(chronological(detail), ctx.as_of)
    threshold = float(p["more_than"])
    if before.empty:
        return Outcome(
            "not_checkable",
            "No figure for the commodity's share is in the snapshot.",
            evidence(shares, "evidence"),
            "share_timeline",
        )
    latest = before.iloc[-1]
    holds = latest["value"] > threshold or (
        latest["qualifier"] == "lower_bound" and latest["value"] >= threshold
    )
    when = label(latest["period"], latest["freq"], latest["cumulative"])
    explanation = (
        f"Energy made up {value_text(latest)} of what {ctx.name(reporter)} bought "
        f"from {ctx.name(partner)} in {when} ({ctx.cite(latest)})"
        + (", the latest such figure before the article." if holds else ".")
    )
    caveats, alternatives = [], []
    if year_of(latest["period"]) < ctx.reference_year:
        caveats.append(
            f"No energy share for {ctx.reference_year} is in the snapshot; the latest "
            f"is for {when}."
        )
    if "coal" in latest["note"].lower():
        caveats.append("These energy figures include coal, not only oil and gas.")
    if not detail_before.empty:
        crude = detail_before.iloc[-1]
        caveats.append(
            f"Crude oil alone was {value_text(crude)} of {ctx.name(reporter)}'s "
            f"{flow}s from {ctx.name(partner)} in "
            f"{label(crude['period'], crude['freq'], crude['cumulative'])} "
            f"({ctx.cite(crude)})."
        )
    supplier_rows, gas_rows = pd.DataFrame(), pd.DataFrame()
    if p.get("supplier_share"):
        supplier_rows = select(ctx.obs, **p["supplier_share"])
        s_before = chronological(split_by_date(supplier_rows, ctx.as_of)[0])
        if not s_before.empty:
            s = s_before.iloc[-1]
            alternatives.append(
                f"Read as “China relies mainly on Russia for its oil”, the statement does not "
                f"hold: Russia supplied {value_text(s)} of China's crude imports in "
                f"{label(s['period'], s['freq'])} ({ctx.cite(s)}) — its largest supplier, but "
                f"far from most of it."
            )
    if p.get("gas"):
        gas_rows = select(ctx.obs, **p["gas"])
        g_before = chronological(split_by_date(gas_rows, ctx.as_of)[0])
        if not g_before.empty:
            g = g_before.iloc[-1]
            caveats.append(
                f"Pipeline gas (Power of Siberia) deliveries reached {value_text(g)} "
                f"in {g['period']} ({ctx.cite(g)})."
            )
    verdict = ("supported_with_caveats" if caveats else "supported") if holds else "contradicted"
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(detail_before, "evidence"),
            evidence(after, "since"),
            evidence(detail_after, "since"),
            evidence(split_by_date(supplier_rows, ctx.as_of)[0], "context")
            if not supplier_rows.empty
            else pd.DataFrame(),
            evidence(split_by_date(gas_rows, ctx.as_of)[0], "context")
            if not gas_rows.empty
            else pd.DataFrame(),
        ),
        "share_timeline",
        caveats,
        alternatives,
        convention_used=(
            f"share of {ctx.name(reporter)}'s {flow}s from {ctx.name(partner)} by value"
        ),
        headline=f"Energy: {value_text(latest)} of {ctx.name(reporter)}'s {flow}s from "
        f"{ctx.name(partner)} ({when})",
        chart_params={"threshold": threshold},
    )


def growth_over_years(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, years = p["reporter"], p["partner"], int(p["years"])
    values = select(
        ctx.obs,
        indicator="trade_value",
        reporter=reporter,
        partner=partner,
        flow="total",
        commodity="TOTAL",
        unit="USD",
        freq="A",
    )
    values = values[values["qualifier"].isin(["exact", "approx"])]
    best = preferred(values, ["period"], ctx.published)
    best = best.assign(year=best["period"].astype(int)).sort_values("year")
    end_year = ctx.reference_year
    window = best[(best["year"] >= end_year - years) & (best["year"] <= end_year)]
    if window.empty or window["year"].max() != end_year:
        return Outcome(
            "not_checkable",
            f"No total for {end_year} is in the snapshot.",
            evidence(best, "evidence"),
            "value_timeline",
        )
    start, end = window.iloc[0], window.iloc[-1]
    ratio = end["value"] / start["value"]
    verdict = (
        "supported"
        if ratio >= float(p["supported_ratio"])
        else "supported_with_caveats"
        if ratio > 1
        else "contradicted"
    )
    explanation = (
        f"China's trade with Russia went from {fmt(start['value'], 'USD')} in "
        f"{start['period']} to {fmt(end['value'], 'USD')} in {end['period']} "
        f"({ratio:.1f}×; {ctx.cite(end)})."
    )
    caveats = []
    if int(start["period"]) > end_year - years:
        caveats.append(
            f"No total for {end_year - years} is in the snapshot; the window starts in "
            f"{start['period']}."
        )
    falls = []
    previous = None
    for _, row in window.iterrows():
        if previous is not None and row["value"] < previous["value"]:
            falls.append(f"{row['period']} ({(row['value'] / previous['value'] - 1) * 100:+.1f}%)")
        previous = row
    if falls:
        caveats.append("Trade fell in some years: " + sentence_list(falls) + ".")
    sentences, context_before, context_after = context_sentences(
        ctx, p.get("context", []), start_year=end_year - years
    )
    if sentences:
        explanation += " " + "; ".join(sentences) + "."
    caveats.append(
        "Trade is one measure of ties; diplomatic and military ties are not in the data."
    )
    later = best[best["year"] > end_year]
    if not later.empty:
        caveats.append(
            "Since the article: "
            + "; ".join(
                f"{r['period']}: {fmt(r['value'], 'USD')} ({ctx.cite(r)})"
                for _, r in later.iterrows()
            )
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(best[best["year"] <= end_year].drop(columns="year"), "evidence"),
            evidence(later.drop(columns="year"), "since"),
            evidence(context_before, "context"),
            evidence(context_after, "since"),
        ),
        "value_timeline",
        caveats,
        [],
        convention_used="China's customs (GACC) totals in US dollars, as reported",
        headline=f"China–Russia trade {start['period']}–{end['period']}: {ratio:.1f}×",
    )


def count_threshold(ctx: Context, p: dict[str, Any]) -> Outcome:
    rows = select(ctx.obs, indicator=p["indicator"], period=p["period"])
    rows = rows[rows["value"].notna()]
    context = pd.concat(
        [select(ctx.obs, indicator=i) for i in p.get("context_indicators", [])]
        or [pd.DataFrame(columns=OBSERVATION_COLUMNS)]
    )
    if rows.empty:
        return Outcome(
            "not_checkable", "No count is in the snapshot.", evidence(context, "context"), "counts"
        )
    best = preferred(rows, ["indicator"], ctx.published).iloc[0]
    holds = best["value"] > float(p["more_than"])
    explanation = (
        f"{best['value']:.0f} — {best['note'].split(';')[0]} ({ctx.cite(best)}): "
        + ("more than" if holds else "not more than")
        + f" {p['more_than']}."
    )
    caveats = [
        f"{r['note'].split(';')[0]}: {value_text(r)} ({ctx.cite(r)})"
        for _, r in context.iterrows()
        if r["period"] >= "2025"
    ]
    return Outcome(
        "supported" if holds else "contradicted",
        explanation,
        combine(evidence(rows, "evidence"), evidence(context, "context")),
        "counts",
        caveats,
        [],
        convention_used="",
        headline=f"{best['value']:.0f} marched: {'more' if holds else 'not more'} than "
        f"{p['more_than']}",
        chart_params={"threshold": float(p["more_than"])},
    )


def _event(ctx: Context, event_id: str) -> pd.Series | None:
    rows = ctx.events[ctx.events["event_id"] == event_id]
    return None if rows.empty else rows.iloc[0]


def event_evidence(events: list[pd.Series], role: str = "evidence") -> pd.DataFrame:
    rows = [
        {
            **{c: "" for c in OBSERVATION_COLUMNS},
            "indicator": "event",
            "period": e["start"],
            "freq": "D",
            "cumulative": False,
            "value": float("nan"),
            "unit": "",
            "qualifier": "exact",
            "status": e["status"],
            "source_id": e["source_id"],
            "note": e["label"] + (f"; {e['detail']}" if e["detail"] else ""),
            "quote": e["quote"],
            "speaker": e["actor"],
            "role": role,
            "period_end": e["end"],
            "label": e["label"],
        }
        for e in events
    ]
    return pd.DataFrame(rows, columns=[c for c in EVIDENCE_COLUMNS if c != "claim_id"])


def weekday(day: str) -> str:
    return calendar.day_name[date.fromisoformat(day).weekday()]


def event_dates(ctx: Context, p: dict[str, Any]) -> Outcome:
    event = _event(ctx, p["event_id"])
    if event is None:
        return Outcome(
            "not_checkable",
            f"The event {p['event_id']} is not in the snapshot.",
            event_evidence([]),
            "events",
        )
    checks = []
    for side in ("start", "end"):
        actual = event[side]
        if p.get(side):
            checks.append((f"{side} date", str(p[side]), actual))
        if p.get(f"{side}_weekday"):
            checks.append((f"{side} day", p[f"{side}_weekday"], weekday(actual)))
    wrong = [
        f"the article says {claimed} for the {what}, the record says {actual}"
        for what, claimed, actual in checks
        if claimed != actual
    ]
    span = f"{weekday(event['start'])} {label(event['start'], 'D')}" + (
        ""
        if event["end"] == event["start"]
        else f" to {weekday(event['end'])} {label(event['end'], 'D')}"
    )
    explanation = f"{event['label']}: {span} ({ctx.cite(event)})."
    if wrong:
        explanation += " But " + "; ".join(wrong) + "."
    return Outcome(
        "contradicted" if wrong else "supported",
        explanation,
        event_evidence([event]),
        "events",
        [],
        [],
        convention_used="weekdays computed from the recorded dates",
        headline=f"{event['label']}: {span}",
    )


def event_actor(ctx: Context, p: dict[str, Any]) -> Outcome:
    found = [e for e in (_event(ctx, i) for i in p["event_ids"]) if e is not None]
    before = [e for e in found if date.fromisoformat(e["start"]) <= ctx.as_of]
    after = [e for e in found if date.fromisoformat(e["start"]) > ctx.as_of]
    if not before:
        return Outcome(
            "not_checkable",
            "No such proposal before the article is in the snapshot.",
            event_evidence(found),
            "events",
        )
    claimed = p["claimed_actor"]
    sole = [e for e in before if e["actor"].strip() == claimed]
    shared = [e for e in before if claimed in e["actor"] and e["actor"].strip() != claimed]
    first = before[0]
    explanation = f"{first['label']} ({label(first['start'], 'D')}; {ctx.cite(first)})."
    caveats = []
    if sole:
        verdict = "supported"
    elif shared:
        verdict = "supported_with_caveats"
        caveats.append(f"The proposal was not {claimed}'s alone: {shared[0]['actor']}.")
    else:
        verdict = "contradicted"
    if after:
        caveats.append(
            "After the article: "
            + "; ".join(f"{e['label']} ({label(e['start'], 'D')})" for e in after)
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(event_evidence(before), event_evidence(after, "since")),
        "events",
        caveats,
        [],
        convention_used="who made the proposal, from joint statements",
        headline="Who proposed a 30-day ceasefire, and when",
    )


def not_checkable(ctx: Context, p: dict[str, Any]) -> Outcome:
    return Outcome("not_checkable", p["reason"], event_evidence([]), "none")


RULES: dict[str, Callable[[Context, dict[str, Any]], Outcome]] = {
    "partner_rank": partner_rank,
    "attributed_statement": attributed_statement,
    "composition_share": composition_share,
    "growth_over_years": growth_over_years,
    "count_threshold": count_threshold,
    "event_dates": event_dates,
    "event_actor": event_actor,
    "not_checkable": not_checkable,
}
