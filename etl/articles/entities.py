"""Who trades with whom, in which direction, from either side's point of view.

China's customs (GACC) is the main source after 2022, so a flow is stated in China's terms:
"Russia's exports to China" are China's imports from Russia (`reporter=CHN, partner=RUS,
flow=import`); "Russia's surplus with China" is a negative China–Russia balance. Names of other
partners come from the snapshot's `partners` table (its aliases), so the vocabulary is the data's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

CHINA = r"China|Chinese|Beijing|PRC"
RUSSIA = r"Russia|Russian|Moscow|Kremlin|Russian\s+Federation"
CHINA_RE = re.compile(rf"\b(?:{CHINA})\b", re.IGNORECASE)
RUSSIA_RE = re.compile(rf"\b(?:{RUSSIA})\b", re.IGNORECASE)
BILATERAL_RE = re.compile(
    r"\b(?:bilateral|two-way|the two (?:countries|sides|neighbours|neighbors|nations|economies)|"
    r"between the two|both countries|mutual trade)\b",
    re.IGNORECASE,
)
SIDE = {"CHN": CHINA, "RUS": RUSSIA}
_POSS = r"(?:'s|’s|'|’)?"
_EXPORT = r"exports?|shipments?|sales|supplies|deliveries"
_IMPORT = r"imports?|purchases?|buying"

# (pattern, whose flow, which flow) — the side named first is the one doing the exporting.
FLOW_PATTERNS: list[tuple[re.Pattern[str], str]] = []


def _flow(pattern: str, flow: str) -> None:
    FLOW_PATTERNS.append((re.compile(pattern, re.IGNORECASE), flow))


# China-side exporting = China's exports; Russia-side exporting = China's imports.
_flow(rf"\b(?:{CHINA}){_POSS}\s+(?:\w+\s+){{0,2}}(?:{_EXPORT})\b(?:\s+\w+){{0,3}}\s+to\s+(?:{RUSSIA})",
      "export")
_flow(rf"\b(?:{RUSSIA}){_POSS}\s+(?:\w+\s+){{0,2}}(?:{_EXPORT})\b(?:\s+\w+){{0,3}}\s+to\s+(?:{CHINA})",
      "import")
_flow(rf"\b(?:{CHINA}){_POSS}\s+(?:\w+\s+){{0,2}}(?:{_IMPORT})\b(?:\s+\w+){{0,3}}\s+from\s+(?:{RUSSIA})",
      "import")
_flow(rf"\b(?:{RUSSIA}){_POSS}\s+(?:\w+\s+){{0,2}}(?:{_IMPORT})\b(?:\s+\w+){{0,3}}\s+from\s+(?:{CHINA})",
      "export")
_flow(rf"\b(?:{_EXPORT})\b(?:\s+\w+){{0,3}}\s+(?:from\s+(?:{CHINA})\s+)?to\s+(?:{RUSSIA})",
      "export")
_flow(rf"\b(?:{_EXPORT})\b(?:\s+\w+){{0,3}}\s+(?:from\s+(?:{RUSSIA})\s+)?to\s+(?:{CHINA})",
      "import")
_flow(rf"\b(?:{_IMPORT})\b(?:\s+\w+){{0,3}}\s+from\s+(?:{RUSSIA})", "import")
_flow(rf"\b(?:{_IMPORT})\b(?:\s+\w+){{0,3}}\s+from\s+(?:{CHINA})", "export")
_flow(rf"\b(?:{CHINA})\s+(?:exported|shipped|sold|sent)\b", "export")
_flow(rf"\b(?:{RUSSIA})\s+(?:exported|shipped|sold|sent|supplied|delivered)\b", "import")
_flow(rf"\b(?:{CHINA})\s+(?:imported|bought|purchased)\b", "import")
_flow(rf"\b(?:{RUSSIA})\s+(?:imported|bought|purchased)\b", "export")
_flow(rf"\b(?:Chinese)\s+(?:{_EXPORT})\b", "export")
_flow(rf"\b(?:Russian)\s+(?:{_EXPORT})\b", "import")
_flow(rf"\b(?:Chinese)\s+(?:{_IMPORT})\b", "import")
_flow(rf"\b(?:Russian)\s+(?:{_IMPORT})\b", "export")

BALANCE_RE = re.compile(r"\b(?P<kind>surplus|deficit|trade balance|balance)\b", re.IGNORECASE)
TOTAL_RE = re.compile(
    r"\b(?:trade|turnover|trade volume|commerce|two-way trade|trade flows?|bilateral trade)\b",
    re.IGNORECASE,
)
EXPORT_WORD_RE = re.compile(rf"\b(?:{_EXPORT})\b", re.IGNORECASE)
IMPORT_WORD_RE = re.compile(rf"\b(?:{_IMPORT})\b", re.IGNORECASE)

UP_RE = re.compile(
    r"\b(?:rose|rise|rising|risen|grew|grow|growing|grown|growth|increased?|increasing|"
    r"climbed|climb|jumped|jump|surged|surge|expanded|expand|gained|up|higher|advanced|"
    r"soared|added|more)\b",
    re.IGNORECASE,
)
DOWN_RE = re.compile(
    r"\b(?:fell|fall|falling|fallen|declined?|declining|decreased?|decreasing|dropped|drop|"
    r"slid|slipped|shrank|shrink|shrunk|contracted|contract|contraction|down|lower|slumped|"
    r"plunged|plunge|tumbled|sank|eased|lost)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Flow:
    """A flow in China's terms, and the words it was read from (for the explanation)."""

    flow: str  # export (China's exports to Russia), import, total, balance
    sign: int  # for a balance: +1 China's surplus, -1 Russia's surplus (China's deficit)
    words: str
    stated: bool  # False when the flow was not named and `total` was assumed


def side_of(words: str) -> str | None:
    if re.search(rf"\b(?:{CHINA})\b", words, re.IGNORECASE):
        return "CHN"
    if re.search(rf"\b(?:{RUSSIA})\b", words, re.IGNORECASE):
        return "RUS"
    return None


def read_flow(clause: str) -> Flow:
    """The flow a clause speaks of, in China's terms."""
    balance = BALANCE_RE.search(clause)
    if balance:
        before = clause[max(0, balance.start() - 60):balance.start()]
        after = clause[balance.end():balance.end() + 40]
        holder = None
        for m in re.finditer(rf"\b(?:{CHINA}|{RUSSIA})\b", before, re.IGNORECASE):
            holder = side_of(m.group(0))  # the side nearest before "surplus"
        if holder is None:
            m = re.search(rf"\b(?:in|for)\s+(?:{CHINA}|{RUSSIA})", after, re.IGNORECASE)
            holder = side_of(m.group(0)) if m else None
        if holder is None:
            holder = "CHN"
        deficit = balance.group("kind").lower() == "deficit"
        sign = (1 if holder == "CHN" else -1) * (-1 if deficit else 1)
        return Flow("balance", sign, balance.group(0), True)
    for pattern, flow in FLOW_PATTERNS:
        m = pattern.search(clause)
        if m:
            return Flow(flow, 1, m.group(0), True)
    if EXPORT_WORD_RE.search(clause) and not IMPORT_WORD_RE.search(clause):
        return Flow("export", 1, "exports", False)
    if IMPORT_WORD_RE.search(clause) and not EXPORT_WORD_RE.search(clause):
        return Flow("import", 1, "imports", False)
    return Flow("total", 1, "trade", bool(TOTAL_RE.search(clause)))


def direction(words: str) -> int:
    """+1 for 'rose', -1 for 'fell', 0 when no direction word is there."""
    up, down = UP_RE.search(words), DOWN_RE.search(words)
    if up and down:
        return 1 if up.start() > down.start() else -1  # the word nearest the number wins
    return 1 if up else -1 if down else 0


def other_partners(partners: pd.DataFrame) -> dict[str, re.Pattern[str]]:
    """code -> a pattern of its names, for every partner in the snapshot other than China and
    Russia (countries, territories, blocs)."""
    found = {}
    for code, aliases, kind in zip(partners["code"], partners["aliases"], partners["kind"],
                                   strict=True):
        if code in ("CHN", "RUS", "WLD") or kind not in ("country", "territory", "bloc"):
            continue
        names = [a.strip() for a in str(aliases).split(";") if a.strip() and "(" not in a]
        names = [n for n in names if len(n) > 2 or n.isupper()]
        if names:
            found[code] = re.compile(
                r"\b(?:the\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b"
            )
    return found
