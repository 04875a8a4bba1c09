"""Dash components as HTML, for the first view the server sends: the page as Dash will draw it, readable before
any script runs. Every text and attribute value is escaped; a prop that is not an HTML attribute is left out."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from dash.development.base_component import Component

HTML = "dash_html_components"
CORE = "dash_core_components"
VOID = frozenset({"area", "br", "col", "hr", "img", "input", "source", "track", "wbr"})
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "hrefLang": "hreflang",
           "colSpan": "colspan", "rowSpan": "rowspan", "accessKey": "accesskey", "srcSet": "srcset"}  # fmt: skip
ATTRIBUTES = frozenset({"id", "role", "href", "target", "rel", "download", "lang", "title", "scope", "src", "alt",
                        "width", "height", "type", "name", "value", "dir", "datetime", "media", "sizes"})  # fmt: skip
BOOLEAN = frozenset({"hidden", "open"})
UNITLESS = frozenset({"opacity", "z-index", "flex", "flex-grow", "flex-shrink", "order", "line-height", "font-weight"})
# dcc components with nothing to show before Dash runs; a graph is its box, the height it will have
SILENT = frozenset({"Location", "Store"})


def props(component: Component) -> dict[str, Any]:
    """The props a component was given."""
    return dict(component.to_plotly_json()["props"])


def walk(node: Any) -> Iterator[Component]:
    """Every component in a tree, parents first."""
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
    elif isinstance(node, Component):
        yield node
        yield from walk(getattr(node, "children", None))


def css(style: dict[str, Any]) -> str:
    """A React style object as CSS: ``{"minHeight": 420}`` -> ``min-height:420px``."""
    rules = []
    for name, value in style.items():
        prop = "".join(f"-{c.lower()}" if c.isupper() else c for c in name)
        shown = f"{value}px" if isinstance(value, (int, float)) and prop not in UNITLESS else str(value)
        rules.append(f"{prop}:{shown}")
    return ";".join(rules)


def attributes(given: dict[str, Any]) -> str:
    """The HTML attributes of a component's props, escaped; ids made of several parts (a dict) are Dash's own."""
    out = []
    for name, value in given.items():
        if value is None or name == "children" or (name == "id" and not isinstance(value, str)):
            continue
        if name in BOOLEAN:
            out.extend([f" {name}"] if value else [])
        elif name == "style" and isinstance(value, dict):
            out.append(f' style="{escape(css(value))}"')
        elif name in RENAMED or name in ATTRIBUTES or name.startswith(("aria-", "data-")):
            out.append(f' {RENAMED.get(name, name)}="{escape(str(value))}"')
    return "".join(out)


def markup(node: Any) -> str:
    """A tree of components (or text, or a list of them) as HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(markup(child) for child in node)
    if not isinstance(node, Component):
        return escape(str(node))
    given = props(node)
    inner = markup(given.get("children"))
    kind, namespace = node._type, node._namespace
    if namespace == HTML:
        tag = kind.lower()
        return f"<{tag}{attributes(given)}>" + ("" if tag in VOID else f"{inner}</{tag}>")
    if namespace == CORE and kind == "Link":
        return f"<a{attributes(given)}>{inner}</a>"
    if namespace == CORE and kind == "Graph":
        shown: dict[str, Any] = {name: given[name] for name in ("className", "style") if name in given}
        return f"<div{attributes(shown)}></div>"
    if namespace == CORE and kind in SILENT:
        return ""
    raise ValueError(f"no HTML for {namespace}.{kind}: draw it in the browser, or add it to pages/markup.py")
