"""Pieces every page's views share: joining rows to their sources, the source line, period
labels, choosing one row among several sources, and shaping a chart's rows.

Everything here is a pure function of frames, so each view is tested on a few hand-made rows.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from dashboard.chart import TABLE, Chart
from dashboard.views.columns import SOURCE_COLUMNS
from etl.derive.common import preferred
from etl.periods import label, sort_key, year_of
from etl.vocabulary import tier_words

COUNTRY = {"CHN": "China", "RUS": "Russia"}
OTHER_SIDE = {"CHN": "RUS", "RUS": "CHN"}
SOURCE_LIMIT = 4  # documents named in a chart's source line; the CSV lists them all


def attach_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each row with its source's publisher, title, URL and date of publication."""
    base = frame.drop(columns=[c for c in SOURCE_COLUMNS if c in frame.columns])
    known = [c for c in SOURCE_COLUMNS if c in sources.columns]  # snapshots before tiers
    joined = base.merge(sources[["source_id", *known]], on="source_id", how="left")
    for column in SOURCE_COLUMNS:
        if column not in joined.columns:
            joined[column] = ""
    for column in SOURCE_COLUMNS:
        joined[column] = joined[column].astype("str").where(joined[column].notna(), "")
    return joined


COMPUTED = "computed by this project from the sources listed in the data"
CITED = ("source_id", "publisher", "date_published", "tier", "original_publisher")  # _cite reads
_RECORDS: dict[int, tuple[weakref.ref, dict[str, dict]]] = {}


def document_records(documents: pd.DataFrame | None) -> dict[str, dict]:
    """The sources table (indexed by source_id) as one record per document, made once per
    table: a chart's source line looks documents up by id on every request."""
    if documents is None:
        return {}
    held = _RECORDS.get(id(documents))
    if held is not None and held[0]() is documents:
        return held[1]
    unique = documents[~documents.index.duplicated()]
    records = {sid: doc for sid, doc in unique.to_dict("index").items() if sid}
    key = id(documents)
    _RECORDS[key] = (weakref.ref(documents, lambda _gone: _RECORDS.pop(key, None)), records)
    return records


def _cite(source_id: str, doc: dict) -> str:
    """"publisher (date, tier)": the document, when it was published, how good a source it is."""
    tier = tier_words(str(doc.get("tier") or ""), str(doc.get("original_publisher") or ""))
    when = doc.get("date_published") or "date not recorded"
    return f"{doc.get('publisher') or source_id} ({when}{', ' + tier if tier else ''})"


def source_line(rows: pd.DataFrame, documents: pd.DataFrame | None = None) -> str:
    """"Sources: publisher (date); ..." for under a chart: each document once, in row order.
    A figure this project computed cites the documents it was computed from (`documents`: the
    sources table), after the documents of the published figures."""
    if rows.empty or "source_id" not in rows:
        return ""
    published: list[str] = []
    computed: list[str] = []
    derived = rows["source_id"].astype("str").str.startswith("derived-")
    first = (~derived & ~rows["source_id"].duplicated()).to_numpy()
    columns = {c: rows[c].to_numpy()[first].tolist() for c in CITED if c in rows}
    for values in zip(*columns.values(), strict=True):
        row = dict(zip(columns, values, strict=True))
        published.append(_cite(row["source_id"], row))
    origins = rows.loc[derived, "derived_from"] if "derived_from" in rows else []
    cited = document_records(documents)
    for sid in dict.fromkeys(s for text in origins for s in str(text).split(";") if s):
        if sid in cited and not sid.startswith("derived-"):
            computed.append(_cite(sid, cited[sid]))
    published = list(dict.fromkeys(published))
    resolved = bool(computed)
    computed = [c for c in dict.fromkeys(computed) if c not in published]
    shown = published[:SOURCE_LIMIT]
    cited = computed[: SOURCE_LIMIT - len(shown)]
    hidden = len(published) + len(computed) - len(shown) - len(cited)
    if cited:
        shown.append("computed by this project from " + ", ".join(cited))
    elif derived.any() and not resolved:
        shown.append(COMPUTED)
    more = f" and {hidden} more (see the CSV)" if hidden else ""
    return "Sources: " + "; ".join(shown) + more


def period_label(period: str, freq: str, cumulative: bool = False) -> str:
    try:
        return label(period, freq, bool(cumulative))
    except (ValueError, IndexError, KeyError):
        return period


def period_labels(rows: pd.DataFrame) -> list[str]:
    """"2024", "Mar 2024", "Jan–Aug 2024" for each row (by period, freq and cumulative)."""
    cumulative = rows["cumulative"] if "cumulative" in rows else [False] * len(rows)
    periods = zip(rows["period"], rows["freq"], cumulative, strict=True)
    return [period_label(p, f, c) for p, f, c in periods]


def frame_of(rows: pd.DataFrame, columns: Sequence[str], **values: Any) -> pd.DataFrame:
    """A chart's rows: `columns` in this order, each taken from `values` when given there (a
    scalar, a list, or a Series in the order of `rows`), else copied from `rows`; a missing
    `period_label` is computed."""
    rows = rows.reset_index(drop=True)
    data: dict[str, Any] = {}
    for column in columns:
        if column in values:
            value = values[column]
            data[column] = value.reset_index(drop=True) if isinstance(value, pd.Series) else value
        elif column == "period_label" and column not in rows:
            data[column] = period_labels(rows)
        else:
            data[column] = rows[column]
    return pd.DataFrame(data, index=rows.index)


def drawn(key: str, kind: str, rows: pd.DataFrame, title: str, *,
          documents: pd.DataFrame | None = None, **fields: Any) -> Chart:
    """A chart of these rows with their source line (citing, for figures this project computed,
    the `documents` they come from), in the unit they are shown in (when they share one);
    `fields` are the Chart's other fields."""
    rows = rows.reset_index(drop=True)
    if "unit" not in fields and "unit_shown" in rows and rows["unit_shown"].nunique() == 1:
        fields["unit"] = rows["unit_shown"].iloc[0]
    return Chart(key=key, kind=kind, rows=rows, title=title,
                 sources=source_line(rows, documents), **fields)


def documents(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources table indexed by source_id, for citing what a computed figure comes from."""
    return sources.set_index("source_id").reindex(columns=SOURCE_COLUMNS, fill_value="")


def table(key: str, rows: pd.DataFrame, title: str, *, empty: str, columns: Sequence[str]
          ) -> Chart:
    """A chart that is shown as a table of these rows (`empty` says why when there are none)."""
    return Chart(key=key, kind=TABLE, rows=rows.reset_index(drop=True), title=title,
                 empty=empty if rows.empty else "", table_columns=tuple(columns))


def no_rows(key: str, kind: str, columns: Sequence[str], title: str, empty: str,
            notes: Sequence[str] = ()) -> Chart:
    """A chart with nothing to draw, and a sentence saying why."""
    return Chart(key=key, kind=kind, rows=pd.DataFrame(columns=list(columns)), title=title,
                 empty=empty, notes=tuple(notes))


def chronological(frame: pd.DataFrame, *first: str) -> pd.DataFrame:
    """Rows ordered by `first` columns, then by period in time order."""
    if frame.empty:
        return frame.reset_index(drop=True)
    cumulative = frame["cumulative"] if "cumulative" in frame else [False] * len(frame)
    keys = [
        sort_key(p, f, bool(c))
        for p, f, c in zip(frame["period"], frame["freq"], cumulative, strict=True)
    ]
    ordered = frame.assign(_key=keys).sort_values([*first, "_key"], kind="mergesort")
    return ordered.drop(columns="_key").reset_index(drop=True)


def in_order(frame: pd.DataFrame, column: str, order: Sequence[str]) -> pd.DataFrame:
    """Rows chronological within each value of `column`, the values in the order given."""
    rank = {value: i for i, value in enumerate(order)}
    return chronological(frame.assign(_o=frame[column].map(rank)), "_o").drop(columns="_o")


def best_rows(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per group of `by`, chosen as the pipeline does (etl.derive.common): official
    statistics first, then press-reported figures, then approximate ones, then derived; exact
    before bounds; the most recently published document wins."""
    if frame.empty:
        return frame
    published = (
        dict(zip(frame["source_id"], frame["date_published"], strict=True))
        if "date_published" in frame
        else {}
    )
    # `preferred` ranks on the few columns the preference reads and takes the chosen rows
    # once: sorting every column of these wide frames was most of a chart's cost
    return preferred(frame, by, published)


def year_range(periods: Iterable[str], default: int) -> tuple[int, int]:
    """The first and last year of these periods (both `default` if there are none)."""
    years = sorted({year_of(p) for p in periods if p})
    return (years[0], years[-1]) if years else (default, default)


def in_years(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    if frame.empty:
        return frame
    years = frame["period"].str.slice(0, 4).astype(int)
    return frame[(years >= start) & (years <= end)]


def text(value: Any) -> str:
    """A cell as text ("" for missing)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)
