"""The data contract: the columns and vocabularies of every published table.

One long ("tidy") table of observations; everything else is derived from it. See DESIGN.md
("The data contract") for the meaning of each column; this module is its executable form.
"""

from __future__ import annotations

import re

from etl.vocabulary import standard

# --- observations ---------------------------------------------------------------------------
# Column order is the order of the published table and of CSV exports.
OBSERVATION_COLUMNS: list[str] = [
    "indicator",  # what is measured: trade_value, settlement_share, partner_rank, fx_rate, ...
    "reporter",  # ISO 3166 alpha-3, or a code from data/mappings/partners.csv ("" if n/a)
    "partner",  # same vocabulary; WLD = the world
    "flow",  # export | import | total | balance | ""
    "commodity",  # TOTAL, an HS code ("27", "2709", "271121") or a named group code
    "currency",  # the currency a share/rate/growth is *about* (RUB+CNY, USD, CNY...) or ""
    "period",  # 2024 | 2024-H1 | 2024-Q1 | 2024-03 | 2024-03-15 (format follows freq)
    "freq",  # A | H | Q | M | D
    "cumulative",  # True: year-to-date from January to the end of `period`
    "value",  # float in base units (USD, not USD bn); NaN only for qualitative statements
    "unit",  # USD CNY RUB EUR pct pp rank t b/d bcm bcm/yr persons ...
    "qualifier",  # exact | approx | lower_bound | upper_bound
    "basis",  # the convention a rank or share assumes (see BASES), or ""
    "valuation",  # FOB | CIF | "" (China reports exports FOB and imports CIF)
    "status",  # a status of data/mappings/vocabulary.csv: official, sourced, sourced_approx,
    #            sourced_secondary, sourced_ambiguous, unverified, derived, qualitative
    "source_id",  # key into the sources table
    "derived_from",  # for derived rows: the source_ids (";"-separated) it was computed from
    "note",  # caveats: yuan terms, provisional, conversion, discrepancies
    "quote",  # the words the value was copied from (empty for API rows)
    "speaker",  # who said it, for officials' statements ("" for statistical tables)
]

# The key of one measurement: the same thing measured by two sources is two rows (both kept).
OBSERVATION_KEY: list[str] = [
    "indicator",
    "reporter",
    "partner",
    "flow",
    "commodity",
    "currency",
    "period",
    "freq",
    "cumulative",
    "unit",
    "basis",
    "source_id",
]

SOURCE_COLUMNS: list[str] = [
    "source_id",
    "publisher",  # the outlet or institution that published the document
    "title",
    "url",
    "date_published",  # YYYY, YYYY-MM or YYYY-MM-DD as known
    "date_accessed",  # when the document or API was read ("" if the research pack did not say)
    "licence",
    "citation",  # a ready-to-paste citation line
    "original_publisher",  # whose figures the document reports (e.g. GACC via TASS)
    "kind",  # press | official_statement | statistical_table | api | reference_work | derived
    "tier",  # official | wire | press | reprint (data/mappings/vocabulary.csv); "" if derived
]

EVENT_COLUMNS: list[str] = [
    "event_id",
    "label",
    "start",  # YYYY-MM-DD
    "end",  # YYYY-MM-DD (same as start for one-day events)
    "actor",  # who did or proposed it
    "detail",
    "status",
    "source_id",
    "quote",
    "note",
]

FLOWS = {"export", "import", "total", "balance", ""}
FREQS = {"A", "H", "Q", "M", "D"}
QUALIFIERS = set(standard().codes("qualifier"))
STATUSES = set(standard().codes("status"))
TIERS = set(standard().codes("tier"))
VALUATIONS = {"FOB", "CIF", ""}
SOURCE_KINDS = {
    "press",
    "official_statement",
    "statistical_table",
    "api",
    "reference_work",
    "derived",
    "analysis",
}

# Ranking conventions. A rank without its convention is not a fact (DESIGN.md, domain facts).
# Code -> meaning, from the one vocabulary (data/mappings/vocabulary.csv).
BASES: dict[str, str] = standard().meanings("convention")
RANK_CONVENTIONS = ("countries_only", "incl_hk_tw", "blocs_as_units")

PERIOD_PATTERNS = {
    "A": re.compile(r"^\d{4}$"),
    "H": re.compile(r"^\d{4}-H[12]$"),
    "Q": re.compile(r"^\d{4}-Q[1-4]$"),
    "M": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "D": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
}

TEXT_COLUMNS = [c for c in OBSERVATION_COLUMNS if c not in ("value", "cumulative")]
