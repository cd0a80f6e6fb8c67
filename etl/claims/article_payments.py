"""A share of payments in a currency, found in an article: an official's statement or a
published statistic.

With `statistic` (a past share with its period and no speaker), the share is compared with the
statistic for that period, as any stated figure is. Otherwise — or where the snapshot has no such
statistic — payments between Russia and China are traced to the officials who stated a share
(`attributed_statement`), the one the sentence names first; a share of Russia's payments with
everyone that no statistic gives is unresolved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from etl.claims.article_common import rows_for, unresolved
from etl.claims.model import Outcome
from etl.claims.rules import RULES, Context
from etl.claims.rules.statements import attributed_statement


def _surnames(speaker: str) -> list[str]:
    words = re.findall(r"[A-Z][a-z’'-]+", speaker)
    titles = {"President", "Prime", "Minister", "Deputy", "Finance", "Foreign", "First",
              "Russian", "Chinese", "Kremlin", "Spokesman", "Officials"}
    return [w for w in words if w not in titles]


def settlement_share(ctx: Context, p: dict[str, Any]) -> Outcome:
    statistic = p.get("statistic")
    if statistic:
        said = (ctx.obs["indicator"] == statistic["indicator"]) & (
            ctx.obs["speaker"].fillna("") != "")
        statistics = replace(ctx, obs=ctx.obs[~said])  # published figures only
        rows, _ = rows_for(statistics, statistic)
        if not rows.empty:
            return RULES["stated_value"](statistics, statistic)
    if p.get("partner") != "CHN":
        return unresolved(ctx, {"reason": (
            f"The snapshot has no statistic of {p['what']} for that period, and officials' "
            "statements on payments are about Russia and China only.")})
    return attributed_statement(ctx, {**p, "speaker_names": _surnames(p.get("speaker", ""))})
