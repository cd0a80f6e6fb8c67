"""The command-line side of the article checker: read, check, print (thin I/O over check.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from etl.articles.check import check_article
from etl.articles.periods import find_article_date
from etl.articles.reading import read_input
from etl.articles.store import load_snapshot
from etl.claimreview import claimreview as claimreview_document
from etl.config import REPO_ROOT
from etl.errors import EtlError
from etl.store import read_manifest, read_table, serving_version


def parse_as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EtlError(f"--as-of {text!r}: expected a date as YYYY-MM-DD, e.g. 2025-05-07") \
            from None


def check_file(source: str, root: Path, as_of_text: str | None,
               claimreview: bool = False) -> dict[str, Any]:
    """check_article on a file or standard input; the date from --as-of, else the text, else
    today (`as_of_source` says which)."""
    as_of, where = parse_as_of(as_of_text), "--as-of"
    article = read_input(source)
    if as_of is None and article.date is not None:
        as_of, where = article.date, "the page's metadata"
    if as_of is None:
        as_of, where = find_article_date(article.text), "the article's dateline"
    if as_of is None:
        as_of, where = date.today(), "today (no date given or found)"
    result = check_article(article.text, load_snapshot(root), as_of)
    result = {"source": source, "as_of_source": where, "html": article.was_html, **result}
    if claimreview:
        meta = {"title": Path(source).name if source != "-" else "Article checked",
                "published": as_of.isoformat()}
        return claimreview_document(result, meta, date.today())
    return result


def print_check(result: dict[str, Any]) -> None:
    claims = result["claims"]
    print(f"as of {result['as_of']} ({result['as_of_source']}); snapshot "
          f"{result['data_version']}; {len(claims)} statement(s)")
    for claim in claims:
        print(f"\n[{claim['verdict']}] {claim['topic']}  chars {claim['start']}–{claim['end']}")
        print(f"  “{claim['quote']}”")
        print(f"  {claim['explanation']}")
        for caveat in claim["caveats"]:
            print(f"  - {caveat}")


def builtin_claimreview(root: Path, report: list[dict[str, Any]]) -> dict[str, Any]:
    """ClaimReview of the built-in article's claims, reviewed on the snapshot's build date."""
    version = serving_version(root, detail=False)[0]
    meta_rows = read_table("article_meta", version, root)
    meta = dict(zip(meta_rows["key"], meta_rows["value"], strict=True))
    built = str(read_manifest(version, root).get("built_at", ""))[:10]
    reviewed = date.fromisoformat(built) if built else date.today()
    return claimreview_document({"claims": report}, meta, reviewed, page="/")


def evaluation_folder(folder: str | None) -> Path:
    from etl.config import data_dir

    if folder:
        path = Path(folder)
    else:
        path = data_dir() / "evaluation"
        if not path.is_dir():
            path = REPO_ROOT / "data" / "evaluation"
    if not path.is_dir():
        raise EtlError(f"{path}: no such folder; give --folder with the labelled articles")
    return path


def print_evaluation(report: dict[str, Any], verbose: bool = False) -> None:
    f = report["figures"]
    print(f"articles: {f['articles']} ({f['off_topic_articles']} not about China–Russia trade)")
    print(f"labelled statements: {f['labelled']}, found: {f['found']}, matched: {f['matched']}")
    print(f"recall             {f['recall']:.3f}   (target >= 0.9)")
    print(f"precision          {f['precision']:.3f}   (target >= 0.9)")
    print(f"verdict agreement  {f['agreement']:.3f}   (target >= 0.85)")
    print(f"off-topic found    {f['off_topic_found']}       (target 0)")
    print("targets met" if report["targets_met"] else "TARGETS MISSED")
    if verbose:
        for item in report["misses"]:
            print(f"  missed   {item['article']}: {item['anchor']!r} ({item['topic']})")
        for item in report["extra"]:
            print(f"  extra    {item['article']}: {item['quote'][:80]!r} ({item['topic']})")
        for item in report["disagreements"]:
            print(f"  verdict  {item['article']}: {item['anchor']!r} label {item['label']} "
                  f"tool {item['tool']}: {item['explanation'][:160]}")
