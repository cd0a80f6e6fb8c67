"""How the checks work, for the data page: how a verdict is reached, what the ranking
conventions mean, how sources are graded and what "derived" means. The words for each code come
from the project's one vocabulary (the snapshot's `vocabulary` table: etl/vocabulary.py)."""

from __future__ import annotations

from dash import html

from etl.vocabulary import standard


def _terms(group: str, codes: list[str] | None = None) -> html.Dl:
    vocabulary = standard()
    labels, meanings = vocabulary.labels(group), vocabulary.meanings(group)
    chosen = [c for c in (codes or vocabulary.codes(group)) if c and c in labels]
    return html.Dl([part for code in chosen
                    for part in (html.Dt(labels[code]), html.Dd(meanings.get(code, "")))],
                   className="terms")


def methodology() -> html.Section:
    return html.Section(
        [
            html.H2("How the checks work"),
            html.H3("Verdicts"),
            html.P(
                "Each statement of the article is tested by a written rule against the figures "
                "in this snapshot. The rule picks the evidence (the best kind of source first, "
                "see below), compares it with what the article says, and returns one of the "
                "verdicts below with a sentence saying why. Nobody types a verdict in: a new "
                "snapshot can change one, and the change is then visible on the page. A "
                "statement is judged on the data for the periods before the article was "
                "written; later figures are shown as “since then” and do not change it."
            ),
            _terms("verdict"),
            html.H3("Conventions for ranking partners"),
            html.P(
                "Whether a country is someone's second or fifth trading partner depends on who "
                "counts as a partner. Every rank on this site says which convention it uses, "
                "and a statement that does not say is checked under each."
            ),
            _terms("convention", ["countries_only", "incl_hk_tw", "blocs_as_units", "mixed",
                                  "unspecified"]),
            html.H3("Sources and how they are graded"),
            html.P(
                "A source is one document or one database query, with its publisher, title, "
                "address and dates. Each is graded by what it is, and the rules prefer the "
                "higher grade when two disagree; where only the press or a copy gives a "
                "figure, the explanation says so."
            ),
            _terms("tier"),
            html.H3("What “derived” means"),
            html.P(
                "Some figures are computed by this project rather than published: a single "
                "month as the difference of two year-to-date totals, a balance as exports "
                "minus imports, a growth rate, a conversion at a stored exchange rate, a rank "
                "counted from a table of partners, a share. Each is a row marked “derived”: its "
                "derived_from column names the rows it was computed from and its note shows "
                "the arithmetic, so anyone can redo it from the CSV. Where two sources give "
                "different figures for the same thing, both are kept and the gap is listed "
                "under “Figures that disagree”."
            ),
        ],
        id="methodology",
        className="methodology",
    )
