"""python -m etl VERB ...: one obvious thing per verb; `--help` on each explains it.

Failures print one clear message to stderr (no traceback) and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from etl.config import data_dir
from etl.errors import EtlError

TABLES_HELP = (
    "observations, sources, events, claims, claim_evidence, trade_converted, "
    "quality_flags, corrections, vocabulary, partners, indicators, hs_chapters, product_labels, "
    "article, article_meta"
)


def cmd_refresh(args: argparse.Namespace) -> int:
    from etl.diff import summary_line
    from etl.refresh import run_refresh

    report = run_refresh(data_dir(), offline=args.offline, only=args.source,
                         live=not args.curated_only, force=args.force, wait=args.wait,
                         keep=args.keep)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
        return report.exit_code
    for s in report.sources:
        line = f"  {s['source_id']:<10} {s['state']:<11} {s['rows']:>6} rows"
        if s.get("fetched_at"):
            line += f"  fetched {s['fetched_at']}"
        print(line)
        if s.get("error"):
            print(f"             {s['error']}")
    if report.busy:
        print(f"refresh skipped: {report.error}", file=sys.stderr)
    elif report.ok:
        verb = "published" if report.published_new else "unchanged (nothing new), still serving"
        print(f"snapshot {report.version} {verb}")
        if report.repaired:
            print(f"repaired: {report.repaired}")
        if report.diff:
            print(f"changes: {summary_line(report.diff)}")
        if report.pruned:
            print(f"removed old versions: {', '.join(report.pruned)}")
    else:
        print(f"refresh failed: {report.error}", file=sys.stderr)
    if report.exit_code == 3:
        print("some sources failed and kept their last good data (exit 3)", file=sys.stderr)
    return report.exit_code


def cmd_status(args: argparse.Namespace) -> int:
    from etl.refresh import status

    info = status(data_dir())
    code = 0 if info["ok"] else 1  # a damaged snapshot is worth a non-zero exit (cron, checks)
    if args.json:
        print(json.dumps(info, indent=2, default=str))
        return code
    if info["problem"]:
        print(f"DAMAGED: {info['problem']}", file=sys.stderr)
    print(f"version   {info['version']}")
    print(f"built at  {info['built_at']}")
    print("sources:")
    for s in info["sources"]:
        when = f"  fetched {s['fetched_at']}" if s.get("fetched_at") else ""
        stale = f"  STALE since {s['stale_since']}" if s.get("stale_since") else ""
        print(f"  {s['source_id']:<10} {s['state']:<11} {s['rows']:>6} rows{when}{stale}")
        if s.get("error"):
            print(f"             {s['error']}")
    print("tables:   " + ", ".join(f"{k} ({v})" for k, v in info["tables"].items()))
    if info["last_diff"]:
        d = info["last_diff"]
        print(f"last change: {d['added']} added, {d['changed']} changed, {d['removed']} removed")
    if info["runs"]:
        print("recent runs:")
        for run in info["runs"]:
            print(f"  {run.get('started_at')}  {run.get('outcome', '?'):<10} "
                  f"exit {run.get('exit_code')}  {run.get('version') or ''}")
    return code


def cmd_diff(args: argparse.Namespace) -> int:
    from etl.diff import diff_observations, summary_line
    from etl.store import current_version, list_versions, read_manifest, read_table

    root = data_dir()
    versions = list_versions(root)
    new = args.new or current_version(root)
    if new is None:
        raise EtlError("no snapshot has been published yet; run `python -m etl refresh`")
    old = args.old or read_manifest(new, root).get("previous")
    if old is None:
        raise EtlError(f"{new} is the first version; nothing to compare it with. Versions: "
                       f"{', '.join(versions)}")
    for v in (old, new):
        if v not in versions:
            raise EtlError(f"no version {v!r}; versions on disk: {', '.join(versions)}")
    diff = diff_observations(read_table("observations", old, root),
                             read_table("observations", new, root))
    if args.json:
        print(json.dumps({"old": old, "new": new, **diff}, indent=2, default=str))
        return 0
    print(f"{old} -> {new}: {summary_line(diff)}")
    for item in diff["new_periods"][:20]:
        print(f"  new: {item['indicator']} {item['reporter']}→{item['partner']} {item['flow']} "
              f"{item['commodity']} ({item['freq']}): {', '.join(item['periods'])}")
    for rev in diff["revisions"][:30]:
        print(f"  revised: {rev['indicator']} {rev['reporter']}→{rev['partner']} {rev['flow']} "
              f"{rev['period']} [{rev['source_id']}]: {rev['old']:,.6g} -> {rev['new']:,.6g} "
              f"{rev['unit']}")
    for row in diff["removed_rows"][:20]:
        print(f"  removed: {row['indicator']} {row['reporter']}→{row['partner']} {row['flow']} "
              f"{row['period']} [{row['source_id']}]")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    import logging

    from etl.scheduler import run_schedule

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return run_schedule(data_dir(), cron=args.cron, interval=args.interval,
                        run_now=args.run_now, max_runs=args.max_runs, offline=args.offline)


def cmd_claims(args: argparse.Namespace) -> int:
    from etl.claims.report import claims_report

    report = claims_report(data_dir(), only=args.id)
    if args.claimreview:
        from etl.articles.commands import builtin_claimreview

        print(json.dumps(builtin_claimreview(data_dir(), report), indent=2, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for claim in report:
        print(f"[{claim['verdict']}] {claim['id']}")
        print(f"  “{claim['quote']}” ({claim['speaker']})")
        print(f"  {claim['explanation']}")
        for caveat in claim["caveats"]:
            print(f"  - {caveat}")
        for alternative in claim["alternatives"]:
            print(f"  ~ {alternative}")
        print()
    return 0


def cmd_check_article(args: argparse.Namespace) -> int:
    from etl.articles.commands import check_file, print_check

    result = check_file(args.file, data_dir(), args.as_of, claimreview=args.claimreview)
    if args.json or args.claimreview:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_check(result)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from etl.articles.commands import evaluation_folder, print_evaluation
    from etl.articles.evaluation import evaluate_folder
    from etl.articles.store import load_snapshot

    report = evaluate_folder(evaluation_folder(args.folder), load_snapshot(data_dir()))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_evaluation(report, verbose=args.verbose)
    return 0 if report["targets_met"] or not args.strict else 1


def cmd_export(args: argparse.Namespace) -> int:
    from etl.export import filter_rows, to_csv_bytes
    from etl.store import read_table

    frame = filter_rows(
        read_table(args.table, version=args.version, root=data_dir()), args.where or []
    )
    payload = to_csv_bytes(frame)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(payload)
    else:
        write_output(Path(args.output), payload)
        print(f"wrote {len(frame)} rows to {args.output}", file=sys.stderr)
    return 0


def write_output(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` whole or not at all (a temporary file beside it, renamed)."""
    if path.is_dir():
        raise EtlError(f"-o {path}: is a folder; give a file name, e.g. -o {path / 'table.csv'}")
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary.parent.is_dir():
            temporary.unlink(missing_ok=True)
        raise EtlError(
            f"-o {path}: cannot write it ({exc.strerror or exc}); give a path in an existing "
            "folder you can write to, or leave -o out to write to stdout"
        ) from None


def cmd_parse(args: argparse.Namespace) -> int:
    from etl.export import to_csv_bytes
    from etl.sources import REGISTRY, parse_file

    if args.source not in REGISTRY:
        raise EtlError(f"unknown source {args.source!r}; known: {', '.join(sorted(REGISTRY))}")
    path = Path(args.file)
    if not path.exists():
        raise EtlError(f"{path}: no such file")
    frame = parse_file(args.source, path)
    if args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        sys.stdout.buffer.write(to_csv_bytes(frame))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="China–Russia trade fact-check pipeline: refresh the data, inspect it, "
        "export it. Data folder: $ETL_DATA_DIR or ./data.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser(
        "refresh",
        help="build and publish a new snapshot from the curated data and the live sources",
        description="Collect the live sources (or reuse their last good raw "
        "snapshots), validate everything, derive the tables, evaluate the "
        "claims and publish a new version if anything changed. Exit 0: done; "
        "1: nothing published (previous snapshot keeps serving); 3: published "
        "but some source failed and kept its last good data.",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="do not touch the network; reuse the last raw snapshots",
    )
    p.add_argument(
        "--source",
        metavar="NAME",
        help="refresh only this live source "
        "(comtrade, imf, cbr, ecb); the others reuse their last raw snapshots",
    )
    p.add_argument(
        "--curated-only",
        action="store_true",
        help="build from the curated data alone, ignoring live sources",
    )
    p.add_argument("--force", action="store_true",
                   help="fetch every source now, even those not due by their cadence, and "
                   "publish even if a table loses more than 10%% of its rows")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another refresh is running, wait this long for it (default: exit "
                   "75 at once)")
    p.add_argument("--keep", type=int, default=10, metavar="N",
                   help="keep the newest N versions on disk (default 10; the current and the "
                   "previous are always kept)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_refresh)

    p = verbs.add_parser(
        "status", help="show the current version, when it was built, and each source's state",
        description="Check the serving snapshot's files against the checksums recorded when it "
        "was published, then show its version, build time, each source's state and the recent "
        "runs. Exit 1 if it is damaged (the newest intact version is named; `refresh` repairs).",
    )
    p.add_argument("--json", action="store_true",
                   help="machine-readable: an object with version, built_at, sources, tables")
    p.set_defaults(func=cmd_status)

    p = verbs.add_parser(
        "claims", help="print each claim of the article with its verdict and explanation"
    )
    p.add_argument("--json", action="store_true",
                   help="a list of objects with id, quote, verdict, explanation, evidence, ...")
    p.add_argument("--id", help="only this claim")
    p.add_argument("--claimreview", action="store_true",
                   help="print the verdicts as schema.org ClaimReview JSON-LD instead")
    p.set_defaults(func=cmd_claims)

    p = verbs.add_parser(
        "check-article",
        help="find the China–Russia trade, payments and energy statements of any article and "
        "judge each against the current snapshot",
        description="Read FILE (plain text or HTML; - for standard input), find its checkable "
        "statements, resolve each to the snapshot's data and give a verdict with the same "
        "rules as the built-in claims. Offsets (start, end) index the text as read (for HTML, "
        "the extracted text). An article about something else gives an empty list.",
    )
    p.add_argument("file", metavar="FILE", help="the article: a path, or - for standard input")
    p.add_argument("--json", action="store_true",
                   help="an object with as_of, data_version and claims (quote, start, end, "
                   "topic, metric, ..., verdict, explanation, evidence)")
    p.add_argument("--as-of", metavar="DATE", dest="as_of",
                   help="the article's date, YYYY-MM-DD (default: found in the text, else "
                   "today); data for later periods does not count")
    p.add_argument("--claimreview", action="store_true",
                   help="print the verdicts as schema.org ClaimReview JSON-LD")
    p.set_defaults(func=cmd_check_article)

    p = verbs.add_parser(
        "evaluate",
        help="score the article checker on the labelled test articles (recall, precision, "
        "verdict agreement, off-topic statements)",
        description="Run check-article on every article of the evaluation folder and compare "
        "with its labels. Targets: recall >= 0.9, precision >= 0.9, verdict agreement >= "
        "0.85, no statement found in an article not about China–Russia trade.",
    )
    p.add_argument("--folder", metavar="DIR",
                   help="articles with labels (default: data/evaluation in the data folder)")
    p.add_argument("--json", action="store_true", help="the figures and every mismatch as JSON")
    p.add_argument("--verbose", action="store_true", help="list every miss and disagreement")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    p.set_defaults(func=cmd_evaluate)

    p = verbs.add_parser(
        "export",
        help="write a published table as CSV",
        description=f"Write TABLE of the current snapshot as CSV (stdout by "
        f"default). Tables: {TABLES_HELP}. Formula-like text cells are "
        f"neutralised with a leading apostrophe; numbers stay numbers.",
    )
    p.add_argument("table", metavar="TABLE", help=TABLES_HELP)
    p.add_argument(
        "--where",
        action="append",
        metavar="COLUMN=VALUE",
        help="keep rows where COLUMN equals VALUE (repeatable; all must hold)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--version", help="a published version other than the current one")
    p.set_defaults(func=cmd_export)

    p = verbs.add_parser(
        "parse", help="parse one raw response file of a live source and print the harmonised rows"
    )
    p.add_argument("source", metavar="SOURCE", help="comtrade, imf or cbr")
    p.add_argument("file", metavar="FILE", help="a raw response body (as saved under data/raw)")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=cmd_parse)

    p = verbs.add_parser("diff", help="what changed between two published versions",
                         description="New rows (new periods), revised values with the old and "
                         "new value, and removed rows. Default: the current version against the "
                         "one before it.")
    p.add_argument("old", nargs="?", metavar="OLD", help="older version (default: the previous)")
    p.add_argument("new", nargs="?", metavar="NEW", help="newer version (default: the current)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diff)

    p = verbs.add_parser("schedule", help="refresh on a schedule until stopped (SIGTERM/SIGINT)",
                         description="Run refreshes on a cron schedule (default '0 6 * * *', "
                         "06:00 UTC daily) or a fixed interval. Refreshes never overlap (a lock "
                         "file also covers other processes); SIGTERM/SIGINT stop after the "
                         "refresh in progress.")
    p.add_argument("--cron", metavar="EXPR", help="cron expression, UTC (e.g. '0 6 * * *')")
    p.add_argument("--interval", type=float, metavar="SECONDS", help="fixed interval instead")
    p.add_argument("--run-now", action="store_true", help="also refresh once at start")
    p.add_argument("--max-runs", type=int, metavar="N", help="stop after N refreshes")
    p.add_argument("--offline", action="store_true", help="never touch the network")
    p.set_defaults(func=cmd_schedule)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except EtlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the data folder or an output the verb needed: say which and why
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error: cannot use{where}: {exc.strerror or exc}; check that it exists and that "
              "this user may read and write it", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
