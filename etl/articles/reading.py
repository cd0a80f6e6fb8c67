"""Read an article: a file or standard input, plain text or HTML (text extracted with
trafilatura). Offsets of the statements are into the text returned here, "as read"."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.errors import EtlError

MAX_BYTES = 5_000_000
_HTML = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b)",
                   re.IGNORECASE)


@dataclass(frozen=True)
class ArticleInput:
    text: str  # the article text; statement offsets index into it
    was_html: bool
    date: date | None  # the publication date found in the HTML metadata, if any


def looks_like_html(raw: str) -> bool:
    return bool(_HTML.match(raw)) or (raw.lstrip().startswith("<") and "</" in raw[:5000])


def extract_html(raw: str) -> tuple[str, date | None]:
    """The main text of an HTML page (paragraphs on their own lines) and its date."""
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False,
                               favor_recall=True)
    if not text:
        raise EtlError("the HTML input has no article text that could be extracted; pass the "
                       "article's text instead (a .txt file or standard input)")
    found = None
    meta = trafilatura.extract_metadata(raw)
    if meta is not None and meta.date:
        try:
            found = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            found = None
    return text, found


def decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EtlError(f"{where}: not UTF-8 text; save the article as UTF-8 plain text or "
                       "HTML and try again") from None


def from_text(raw: str) -> ArticleInput:
    if looks_like_html(raw):
        text, found = extract_html(raw)
        return ArticleInput(text, True, found)
    return ArticleInput(raw, False, None)


def read_input(source: str) -> ArticleInput:
    """`source` is a path, or '-' for standard input."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        where = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise EtlError(f"{source}: no such file; give the path of a text or HTML article, "
                           "or - to read standard input")
        data = path.read_bytes()[:MAX_BYTES + 1]
        where = str(path)
    if len(data) > MAX_BYTES:
        raise EtlError(f"{where}: larger than {MAX_BYTES // 1_000_000} MB; check one article "
                       "at a time")
    if not data.strip():
        raise EtlError(f"{where}: empty; give the text of an article")
    return from_text(decode(data, where))
