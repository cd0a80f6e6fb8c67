"""Read and check data/claims.yaml and the article it quotes."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from etl.claims.model import Article, Claim
from etl.claims.rules import RULES, required_params
from etl.errors import ClaimsError

CLAIM_FIELDS = {"id", "topic", "quote", "speaker", "rule", "params", "convention"}


def normalise(text: str) -> str:
    """Whitespace and apostrophe variants aside, a quote must match the article exactly."""
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def read_article(meta: dict[str, Any], data_root: Path) -> Article:
    for key in ("title", "publisher", "text_file", "published"):
        if not meta.get(key):
            raise ClaimsError(f"claims file: article.{key} is required")
    path = data_root / meta["text_file"]
    if not path.exists():
        raise ClaimsError(f"claims file: article text {path} not found (article.text_file)")
    text = path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    roles, furniture = read_furniture(furniture_path(path), paragraphs)
    return Article(
        title=meta["title"],
        publisher=meta["publisher"],
        author=meta.get("author", ""),
        homepage=meta.get("homepage", ""),
        url=meta.get("url", "") or "",
        published=date.fromisoformat(str(meta["published"])),
        date_note=meta.get("date_note", ""),
        text=text,
        paragraphs=paragraphs,
        roles=roles,
        furniture=furniture,
    )


FURNITURE_SUFFIX = ".furniture.csv"
FURNITURE_COLUMNS = ("text", "role", "furniture", "reason")


def furniture_path(text_path: Path) -> Path:
    """The sidecar beside an article text that marks its lines that are not the article's own
    (site name, photo captions, labels): data, so the raw text stays as scraped."""
    return text_path.with_name(text_path.name + FURNITURE_SUFFIX)


def read_furniture(path: Path, paragraphs: list[str]) -> tuple[list[str], list[bool]]:
    """(role, furniture?) per paragraph. Every sidecar row must match exactly one paragraph
    (whitespace aside); paragraphs it does not list are the article's body."""
    roles, furniture = ["body"] * len(paragraphs), [False] * len(paragraphs)
    if not path.exists():
        return roles, furniture
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in FURNITURE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ClaimsError(f"{path}: missing column(s) {', '.join(missing)}; expected "
                              f"{', '.join(FURNITURE_COLUMNS)}")
        rows = list(reader)
    normalised = [normalise(p) for p in paragraphs]
    for line, row in enumerate(rows, start=2):
        hits = [i for i, p in enumerate(normalised) if p == normalise(row["text"])]
        if len(hits) != 1:
            found = "no paragraph" if not hits else f"{len(hits)} paragraphs"
            raise ClaimsError(
                f"{path}, line {line}: {row['text']!r} matches {found} of the article text; "
                "each row must repeat one line of the text exactly (fix the row or the text)")
        flag = row["furniture"].strip().lower()
        if flag not in ("true", "false"):
            raise ClaimsError(f"{path}, line {line}: furniture must be true or false, "
                              f"got {row['furniture']!r}")
        roles[hits[0]], furniture[hits[0]] = row["role"].strip() or "body", flag == "true"
    return roles, furniture


def locate(quote: str, article: Article) -> tuple[int, int]:
    wanted = normalise(quote)
    for index, paragraph in enumerate(article.paragraphs):
        offset = normalise(paragraph).find(wanted)
        if offset >= 0:
            return index, offset
    raise ClaimsError(
        f"claims file: quote not found in the article: {quote!r}. Copy it verbatim from "
        f"{article.publisher}'s text (data/article/)."
    )


def load_claims(path: Path) -> tuple[Article, list[Claim]]:
    if not path.exists():
        raise ClaimsError(f"claims file {path} not found; restore it with git checkout")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ClaimsError(f"claims file {path} is not valid YAML: {exc}") from None
    if not isinstance(document, dict) or "article" not in document or "claims" not in document:
        raise ClaimsError(f"claims file {path}: expected top-level keys 'article' and 'claims'")
    article = read_article(document["article"], path.parent)
    claims: list[Claim] = []
    seen: set[str] = set()
    for number, entry in enumerate(document["claims"], start=1):
        where = f"claims file {path.name}, claim #{number} ({entry.get('id', 'no id')})"
        missing = sorted(CLAIM_FIELDS - set(entry))
        if missing:
            raise ClaimsError(f"{where}: missing field(s) {', '.join(missing)}")
        if entry["id"] in seen:
            raise ClaimsError(f"{where}: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        rule = entry["rule"]
        if rule not in RULES:
            raise ClaimsError(
                f"{where}: unknown rule {rule!r}; known: {', '.join(RULES)}"
            )
        params = entry["params"] or {}
        lacking = [p for p in required_params(rule) if p not in params]
        if lacking:
            raise ClaimsError(f"{where}: rule {rule} needs params {', '.join(lacking)}")
        paragraph, offset = locate(entry["quote"], article)
        if article.furniture and article.furniture[paragraph]:
            raise ClaimsError(
                f"{where}: the quote is in a line marked as page furniture "
                f"({article.roles[paragraph]}), not the article's own text; quote the article "
                "or fix its furniture sidecar")
        claims.append(
            Claim(
                id=entry["id"],
                topic=entry["topic"],
                quote=entry["quote"],
                speaker=entry["speaker"],
                rule=rule,
                params=params,
                convention=entry["convention"] or "",
                paragraph=paragraph,
                offset=offset,
            )
        )
    claims.sort(key=lambda c: (c.paragraph, c.offset))
    return article, claims
