"""The pages, registered explicitly by the app factory (no folder scanning, no import-time side
effects). Each page module exposes `layout(**query)`; a page with controls is described by its
`SPEC` (dashboard.pages.pagekit.PageSpec), whose one callback is registered here; a page with
callbacks of its own (the article check) registers them with its `register(app)`."""

from __future__ import annotations

import dash

from dashboard.pages import (
    article,
    check,
    currencies,
    energy,
    explorer,
    not_found,
    pagekit,
    partners,
    sources,
)

# (label, path) in navigation order.
NAV: list[tuple[str, str]] = [
    ("The article, checked", "/"),
    ("Trade explorer", explorer.PATH),
    ("Partners", partners.PATH),
    ("Currencies", currencies.PATH),
    ("Energy", energy.PATH),
    ("Data & sources", sources.PATH),
    ("Check an article", check.PATH),
]


def _page(module, path: str, name: str) -> tuple:
    return (module, {"path": path, "name": name, "title": f"{name} — China–Russia ties"})


PAGES = [
    _page(article, "/", "The article, checked"),
    _page(explorer, explorer.PATH, "Trade explorer"),
    _page(partners, partners.PATH, "Partners"),
    _page(currencies, currencies.PATH, "Currencies and settlement"),
    _page(energy, energy.PATH, "Energy"),
    _page(sources, sources.PATH, "Data and sources"),
    _page(check, check.PATH, "Check an article"),
]


def register_pages(app: dash.Dash) -> None:
    for module, options in PAGES:
        dash.register_page(module.__name__, layout=module.layout, **options)
        if hasattr(module, "SPEC"):
            pagekit.register(app, module.SPEC)
        elif hasattr(module, "register"):  # a page with a callback of its own (the article)
            module.register(app)
    # Dash's router shows the page registered as "not_found_404" for any other path (the app
    # answers those with HTTP 404: dashboard.app.not_found_status)
    dash.register_page("not_found_404", layout=not_found.layout, path="/not-found",
                       title=not_found.TITLE, name="Page not found")
