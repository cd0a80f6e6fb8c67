"""The pages, registered explicitly by the app factory (no folder scanning, no import-time side
effects). Each page module exposes `layout(**query)` and, if it has controls,
`register_callbacks(app)`."""

from __future__ import annotations

import dash

from dashboard.pages import article

# (label, path) in navigation order; later pages add themselves here.
NAV: list[tuple[str, str]] = [("The article, checked", "/")]

PAGES = [
    (
        article,
        {
            "path": "/",
            "name": "The article, checked",
            "title": "The article, checked — China–Russia ties",
        },
    ),
]


def register_pages(app: dash.Dash) -> None:
    for module, options in PAGES:
        dash.register_page(module.__name__, layout=module.layout, **options)
        if hasattr(module, "register_callbacks"):
            module.register_callbacks(app)
