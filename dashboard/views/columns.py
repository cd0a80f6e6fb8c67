"""The column groups a chart's rows (and so its CSV) are made of, always in this order, so that
every download reads the same way: what is measured, when, the value as shown and as published,
and where it comes from."""

from __future__ import annotations

# tier (official, wire, press, reprint) and original_publisher: every chart's rows and CSV say
# how good each source is, and the page's source lists and lines show it
SOURCE_COLUMNS = ["publisher", "title", "url", "date_published", "tier", "original_publisher"]
FLOW_OF = ["reporter", "partner", "flow"]
PERIOD = ["period", "freq", "cumulative", "period_label"]
SHOWN = ["value_shown", "unit_shown"]  # as the chart shows it: 240.1, "US$ bn"
VALUE = ["value", "unit"]  # in base units, as published: 2.401e11, "USD"
SOURCED = ["source_id", *SOURCE_COLUMNS]
# the columns saying at which stored rate a value was converted; blank: shown as published
RATE_BLANKS = {"rate": float("nan"), "rate_unit": "", "rate_period": "", "rate_source_id": "",
               "rate_publisher": ""}
PROVENANCE = ["status", "source_id", "derived_from", *SOURCE_COLUMNS, "note"]
