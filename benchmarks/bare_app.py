"""The baseline for bench_app: a bare Dash app with one graph, served the same way as the dashboard."""

from __future__ import annotations

import sys

import plotly.graph_objects as go
from dash import Dash, dcc

app = Dash(__name__)
app.layout = dcc.Graph(id="graph", figure=go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
