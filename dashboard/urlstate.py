"""The one URL-state parser: whatever a visitor sends -> each parameter a page reads, once, as
clean text. It never raises.

Query state arrives in three shapes — Dash's page router passes `layout(**query)` (a value is a
string, or a list when the parameter is repeated), Flask gives a MultiDict for downloads, and a
page's callback sends its controls' values (strings, lists, numbers, null, or anything else a
client makes up). All of them go through `page_query` before a page's `parse` sees them:

- only the names the page reads are kept (unknown parameters are dropped, so they can neither
  reach the page nor make a request look new to a cache);
- a repeated parameter counts once, by its last value (what the page's own links never do);
- lists of values (a checklist) are joined with commas; null is absent; numbers become text;
  anything else (an object) is ignored;
- control characters (NUL included) are removed, whitespace is trimmed, and a value is cut to
  MAX_VALUE characters, so nothing unbounded is ever echoed back;
- broken percent-encoding was already replaced with U+FFFD by the decoder and stays harmless.

`canonical_search` renders the same state as a query string in a fixed order: equal states give
equal strings (the response cache keys on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlencode

MAX_VALUE = 200  # characters kept of one value: far more than any option or filter needs
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: Any) -> str | None:
    """One value as bounded, printable text; None if there is none (or it is not text-like)."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, list | tuple):
        parts = [clean(v) for v in value if not isinstance(v, list | tuple | dict)]
        text = ",".join(p for p in parts if p)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str | int | float):
        text = str(value)
    else:
        return None
    return CONTROL.sub("", text[: MAX_VALUE * 4]).strip()[:MAX_VALUE]


def last(value: Any) -> Any:
    """A repeated parameter (a list of query values) counts by its last value."""
    if isinstance(value, list | tuple):
        return value[-1] if value else None
    return value


def page_query(query: Mapping[str, Any] | None, names: Iterable[str],
               *, repeated: bool = True) -> dict[str, str]:
    """The parameters in `names` that `query` gives, each once, as clean text.

    `repeated=True` (URLs): a list is a repeated parameter, and its last value counts.
    `repeated=False` (control values from a callback): a list is the control's own value, e.g.
    a checklist's choices, and is joined with commas."""
    out: dict[str, str] = {}
    if not isinstance(query, Mapping):
        return out
    getlist = getattr(query, "getlist", None)  # a Flask MultiDict hides repeats behind get()
    for name in names:
        value = getlist(name) if getlist else query.get(name)
        if getlist is not None and not value:
            continue
        text = clean(last(value) if repeated else value)
        if text is not None:
            out[name] = text
    return out


def parse_search(search: Any, names: Iterable[str]) -> dict[str, str]:
    """A raw query string ('?a=1&b=2', as a browser's location.search) -> `page_query`, read
    exactly as Dash's page router reads it before calling a page's layout."""
    if not isinstance(search, str) or not search.startswith("?"):
        return {}
    return page_query(parse_qs(search[1:], keep_blank_values=True), names)


def names_of(page_module: Any) -> tuple[str, ...]:
    """The parameters a page module reads: its controls' names (pages built on
    dashboard.pagekit) or its own PARAMS."""
    spec = getattr(page_module, "SPEC", None)
    if spec is not None:
        return tuple(control.name for control in spec.controls)
    return tuple(getattr(page_module, "PARAMS", ()))


@cache
def names_by_path() -> dict[str, tuple[str, ...]]:
    """Each page's path ('/', '/explorer', ...) -> the parameters it reads."""
    from dashboard.pages import PAGES

    return {options["path"]: names_of(module) for module, options in PAGES}


@cache
def names_by_page() -> dict[str, tuple[str, ...]]:
    """Each page with controls, by its name in /download/<page>/ -> the parameters it reads."""
    from dashboard.pages import PAGES

    return {module.SPEC.page: names_of(module) for module, _ in PAGES if hasattr(module, "SPEC")}


def canonical_search(state: Mapping[str, str], names: Iterable[str]) -> str:
    """`state` (as `page_query` returns it) as a query string, in the order of `names`."""
    ordered = [(name, state[name]) for name in names if name in state]
    return "?" + urlencode(ordered) if ordered else ""
