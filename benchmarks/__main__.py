"""python -m benchmarks [--only NAME ...]: run the benchmarks, print a table of figures with
their references and targets, and write benchmarks/results.json."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import articles, large_input, memory, pipeline, serving, startup
from benchmarks.common import Result

SUITES = {
    "refresh": pipeline.refresh,
    "parse": pipeline.parsing,
    "export": pipeline.export,
    "large": large_input.run,  # a 50 MB curated file: validation linear, memory bounded
    "coldstart": startup.cold_start,
    "serving": serving.run,  # callbacks, page load, memory, and the same at scale
    "memory": memory.run,  # worker memory once the caches are full
    "articles": articles.run,  # the article checker: evaluation figures, 1,000-word timing
}


def table(results: list[Result]) -> str:
    lines = [f"{'benchmark':<58} {'value':>10} {'reference':>10} {'ratio':>6}  {'target':<26} ok",
             "-" * 118]
    for r in results:
        ref = f"{r.reference_value:,.3g}" if r.reference_value is not None else ""
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        ok = {True: "yes", False: "NO", None: ""}[r.passed]
        lines.append(f"{r.name[:58]:<58} {r.value:>8,.3g} {r.unit:<2}{ref:>9} {ratio:>6}  "
                     f"{r.target[:26]:<26} {ok}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=sorted(SUITES), help="run these only")
    parser.add_argument("--output", default=str(Path(__file__).parent / "results.json"))
    args = parser.parse_args(argv)
    results: list[Result] = []
    started = time.perf_counter()
    for name in args.only or SUITES:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results += SUITES[name]()
    print(table(results))
    for r in results:
        if r.note:
            print(f"  {r.name}: {r.note}")
    Path(args.output).write_text(json.dumps({
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "seconds": round(time.perf_counter() - started, 1),
        "results": [r.to_dict() for r in results],
    }, indent=2), encoding="utf-8")
    failed = [r.name for r in results if r.passed is False]
    print(f"\n{len(results) - len(failed)} of {len(results)} figures within target"
          + (f"; missed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
