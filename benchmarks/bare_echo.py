"""The baseline for benchmarks/load.py: a bare Dash app with one echo callback, for gunicorn (bare_echo:server)."""

from dash import Dash, Input, Output, dcc, html

app = Dash(__name__)
app.layout = html.Div([dcc.Input(id="text", value="hello"), html.Div(id="echo")])


@app.callback(Output("echo", "children"), Input("text", "value"))
def echo(value: str) -> str:
    return value


server = app.server
