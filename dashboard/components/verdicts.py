"""A verdict as a badge: its icon and label carry the meaning, its colour only repeats it."""

from __future__ import annotations

from dash import html

VERDICT_STYLE = {
    # verdict: (icon, css class); the icon and the label carry the meaning, not the colour alone
    "supported": ("✓", "verdict-supported"),
    "supported_with_caveats": ("≈", "verdict-caveats"),
    "contradicted": ("✗", "verdict-contradicted"),
    "attributed": ("❝", "verdict-attributed"),
    "unresolved": ("…", "verdict-unresolved"),
    "not_checkable": ("?", "verdict-unchecked"),
}


def verdict_badge(verdict: str, label: str) -> html.Span:
    icon, css = VERDICT_STYLE.get(verdict, ("•", "verdict-unchecked"))
    return html.Span(
        [html.Span(icon, className="verdict-icon", **{"aria-hidden": "true"}), label],
        className=f"verdict {css}",
        **{"data-verdict": verdict},
    )
