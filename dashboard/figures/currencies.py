"""Figures of the currencies page (pure: a Chart in, a figure dict out): settlement shares
with officials' statements beside them, and exchange rates by kind."""

from __future__ import annotations

from dashboard.chart import Chart
from dashboard.figures import style

STATEMENT = style.colour(3)


def short_name(series: str) -> str:
    """Legend names short enough for a phone: "Roubles and yuan, all partners" -> "RUB+CNY, all"."""
    words = {
        "Roubles and yuan": "RUB+CNY",
        "Roubles": "RUB",
        "Yuan": "CNY",
        "Dollars and euros": "USD+EUR",
        "all partners": "all partners",
        " (published)": "",
    }
    for long, short in words.items():
        series = series.replace(long, short)
    return series


def settlement(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    stats = frame[frame["role"] == "statistic"]
    for i, (series, rows) in enumerate(stats.groupby("series", sort=False)):
        published_china = rows["partner"].iloc[0] == "CHN"
        color = style.colour(i if i < 3 else i + 1)
        dash = ["solid", "dash", "dot", "dashdot"][i % 4]
        fig["data"].append(style.scatter(rows, short_name(series), color, size=7,
                                         mode="markers" if published_china else "lines+markers",
                                         line={"color": color, "width": 1.5, "dash": dash}))
    said = frame[(frame["role"] == "statement") & frame["value_shown"].notna()]
    compared = said[said["compared_value"].notna()]
    if not compared.empty:
        xs, ys = [], []
        pairs = zip(style.x_dates(compared), compared["value_shown"], compared["compared_value"],
                    strict=True)
        for when, a, b in pairs:
            xs += [when, when, None]
            ys += [a, b, None]
        fig["data"].append(
            style.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                name="Gap to nearest figure",
                line={"color": "#555", "width": 1, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    if not said.empty:
        fig["data"].append(style.scatter(
            said, "Statements (Russia–China)", STATEMENT, size=12, outline=1.5,
            symbol=[s.replace("circle", "diamond") for s in style.symbols(said)],
            names=list(said["series"] + " — " + said["speaker"].str.slice(0, 50)),
        ))
    wordy = frame[(frame["role"] == "statement") & frame["value_shown"].isna()]
    if not wordy.empty:
        # a statement without a figure sits above the axis's top, where no share can be
        fig["data"].append(style.scatter(wordy, "Statement, no figure", style.colour(4),
                                         y=[102] * len(wordy), size=12, symbol="star",
                                         names=wordy["speaker"]))
    style.update_axes(fig, "y", range=[0, 106])
    style.update_axes(fig, "x", type="date")
    return style.finish(fig, chart, version)


FX_STYLE = {
    "Annual average": (0, "lines+markers", "hv"),
    "Monthly average": (1, "markers", "linear"),
    "Bank of Russia official rate, daily": (2, "lines", "linear"),
    "Rate of the day quoted in the press": (4, "markers", "linear"),
}


def fx(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    for series, rows in frame.groupby("series", sort=False):
        index, mode, shape = FX_STYLE.get(series, (5, "markers", "linear"))
        color = style.colour(index)
        fig["data"].append(style.scatter(
            rows, series, color, mode=mode, size=7, symbol="diamond" if index == 4 else "circle",
            line={"color": color, "width": 2 if mode != "lines" else 1, "shape": shape},
        ))
    style.update_axes(fig, "x", type="date")
    return style.finish(fig, chart, version)


FIGURES = {"settlement": settlement, "fx": fx}
