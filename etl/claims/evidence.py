"""Evidence selection: which rows a rule looks at, in which order, and the evidence table it
returns. Best evidence first: a figure stated in its currency before the pipeline's conversion
of another currency's figure (an estimate at an average rate); official statistics before news
agencies, news agencies before the press, the press before reprints (a computed figure has the
weakest tier of the documents it was computed from); then a source's status and the figure's
precision, then the most recent document."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import pandas as pd

from etl.claims.context import Context, converted, tier_rank
from etl.claims.model import EVIDENCE_COLUMNS
from etl.derive.common import QUALIFIER_RANK, STATUS_RANK
from etl.periods import end_month, label, sort_key, year_of
from etl.schema import OBSERVATION_COLUMNS


def select(frame: pd.DataFrame, **equal: Any) -> pd.DataFrame:
    """Rows where every given column equals its value (None and `label` are ignored)."""
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


def best_first(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Rows ordered best evidence first: figures stated in their currency before the pipeline's
    currency conversions, then tier, then status, then precision (exact before bounds), then
    the most recently published document."""
    if frame.empty:
        return frame
    published = ctx.published
    ordered = frame.assign(
        _converted=[converted(str(s), str(d or "")) for s, d in
                    zip(frame["source_id"], frame["derived_from"], strict=True)],
        _tier=[tier_rank(ctx.tier(row)) for _, row in frame.iterrows()],
        _status=frame["status"].map(STATUS_RANK).fillna(9),
        _qualifier=frame["qualifier"].map(QUALIFIER_RANK).fillna(9),
        _published=frame["source_id"].map(lambda sid: published.get(sid, "")),
    )
    ordered = ordered.sort_values(
        ["_converted", "_tier", "_status", "_qualifier", "_published", "source_id"],
        ascending=[True, True, True, True, False, True],
        kind="mergesort",
    )
    return ordered.drop(columns=["_converted", "_tier", "_status", "_qualifier", "_published"])


def best(frame: pd.DataFrame, by: list[str], ctx: Context) -> pd.DataFrame:
    """One row per group of `by`: the best evidence (see best_first)."""
    if frame.empty:
        return frame
    return best_first(frame, ctx).drop_duplicates(subset=by, keep="first")


def evidence(frame: pd.DataFrame, role: str) -> pd.DataFrame:
    """Rows as the evidence table (EVIDENCE_COLUMNS minus claim_id) with `role`."""
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


def stack(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(columns=OBSERVATION_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def find_event(ctx: Context, event_id: str) -> pd.Series | None:
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
