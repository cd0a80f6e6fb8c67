"""The reference: a minimal Dash app whose one callback returns a 300-point figure. Measured in
the same run as the real app, it gives the framework's floor on this machine."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

app = Dash(__name__)
app.layout = html.Div([
    dcc.Dropdown(id="series", options=[{"label": str(i), "value": i} for i in range(10)],
                 value=0),
    dcc.Graph(id="chart"),
])


@app.callback(Output("chart", "figure"), Input("series", "value"))
def draw(series: int) -> go.Figure:
    rng = np.random.default_rng(series or 0)
    x = np.arange(300)
    return go.Figure(go.Scatter(x=x, y=rng.normal(size=300).cumsum(), mode="lines"))


server = app.server

PAYLOAD = {
    "output": "chart.figure",
    "outputs": {"id": "chart", "property": "figure"},
    "inputs": [{"id": "series", "property": "value", "value": 3}],
    "changedPropIds": ["series.value"],
    "state": [],
}
