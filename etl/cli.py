"""python -m etl VERB ...: one obvious thing per verb; `--help` on each explains it.

Failures print one clear message to stderr (no traceback) and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl.config import data_dir
from etl.errors import EtlError

TABLES_HELP = (
    "observations, sources, events, claims, claim_evidence, trade_converted, "
    "quality_flags, partners, indicators"
)


def cmd_refresh(args: argparse.Namespace) -> int:
    from etl.refresh import run_refresh

    report = run_refresh(
        data_dir(), offline=args.offline, only=args.source, live=not args.curated_only
    )
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        for s in report.sources:
            line = f"  {s['source_id']:<10} {s['state']:<11} {s['rows']:>6} rows"
            if s.get("fetched_at"):
                line += f"  fetched {s['fetched_at']}"
            print(line)
            if s.get("error"):
                print(f"             {s['error']}")
        if report.ok:
            verb = "published" if report.published_new else "unchanged, still serving"
            print(f"snapshot {report.version} {verb}")
        else:
            print(f"refresh failed: {report.error}", file=sys.stderr)
        if report.exit_code == 3:
            print("some sources failed and kept their last good data (exit 3)", file=sys.stderr)
    return report.exit_code


def cmd_status(args: argparse.Namespace) -> int:
    from etl.refresh import status

    info = status(data_dir())
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print(f"version   {info['version']}")
    print(f"built at  {info['built_at']}")
    print("sources:")
    for s in info["sources"]:
        when = f"  fetched {s['fetched_at']}" if s.get("fetched_at") else ""
        print(f"  {s['source_id']:<10} {s['state']:<11} {s['rows']:>6} rows{when}")
        if s.get("error"):
            print(f"             {s['error']}")
    print("tables:   " + ", ".join(f"{k} ({v})" for k, v in info["tables"].items()))
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from etl.claims.report import claims_report

    report = claims_report(data_dir(), only=args.id)
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
        Path(args.output).write_bytes(payload)
        print(f"wrote {len(frame)} rows to {args.output}", file=sys.stderr)
    return 0


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
        "(comtrade, imf, cbr); the others reuse their last raw snapshots",
    )
    p.add_argument(
        "--curated-only",
        action="store_true",
        help="build from the curated data alone, ignoring live sources",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_refresh)

    p = verbs.add_parser(
        "status", help="show the current version, when it was built, and each source's state"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="machine-readable: an object with version, built_at, sources, tables",
    )
    p.set_defaults(func=cmd_status)

    p = verbs.add_parser(
        "claims", help="print each claim of the article with its verdict and explanation"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="a list of objects with id, quote, verdict, explanation, evidence, ...",
    )
    p.add_argument("--id", help="only this claim")
    p.set_defaults(func=cmd_claims)

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
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
