"""`python -m etl schedule`: refresh on a schedule and keep going for months.

APScheduler runs the job (cron expression or fixed interval). Refreshes never overlap: in this
process the job has max_instances=1 and coalesces missed runs; across processes the refresh lock
makes a second one wait or skip. SIGTERM and SIGINT stop the scheduler after the refresh in
progress finishes, so a stop never leaves a half-written version (and publication is atomic in
any case).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from etl.errors import EtlError
from etl.refresh import RefreshReport, run_refresh

log = logging.getLogger("etl.schedule")
DEFAULT_CRON = "0 6 * * *"  # daily at 06:00 UTC


def make_trigger(cron: str | None, interval: float | None) -> CronTrigger | IntervalTrigger:
    if cron and interval:
        raise EtlError("give either --cron or --interval, not both")
    if interval is not None:
        if interval <= 0:
            raise EtlError(f"--interval {interval}: must be a positive number of seconds")
        return IntervalTrigger(seconds=interval, timezone=UTC)
    expression = cron or DEFAULT_CRON
    try:
        return CronTrigger.from_crontab(expression, timezone=UTC)
    except ValueError as exc:
        raise EtlError(f"--cron {expression!r}: not a valid cron expression ({exc}); e.g. "
                       "'0 6 * * *' for 06:00 UTC daily") from None


def summarise(report: RefreshReport) -> str:
    failing = [f"{s['source_id']} {s['state']}: {s['error']}" for s in report.sources
               if s["state"] in ("stale", "failed")]
    head = f"refresh {report.outcome} (exit {report.exit_code}), version {report.version}"
    if report.error:
        head += f"; {report.error.splitlines()[0]}"
    return head + ("".join(f"\n  {f}" for f in failing))


def run_schedule(root: Path, *, cron: str | None = None, interval: float | None = None,
                 run_now: bool = False, max_runs: int | None = None, offline: bool = False,
                 refresh: Callable[..., RefreshReport] = run_refresh,
                 install_signals: bool = True) -> int:
    """Block, refreshing on the trigger, until SIGTERM/SIGINT (or `max_runs` refreshes)."""
    trigger = make_trigger(cron, interval)
    scheduler = BlockingScheduler(timezone=UTC)
    runs: list[RefreshReport] = []
    stopping = threading.Event()

    def job() -> None:
        # A refresh already running elsewhere makes this one wait up to 10 minutes, then skip.
        report = refresh(root, offline=offline, wait=600.0)
        runs.append(report)
        (log.info if report.exit_code == 0 else log.warning)(summarise(report))
        if max_runs is not None and len(runs) >= max_runs:
            stopping.set()
            threading.Thread(target=scheduler.shutdown, kwargs={"wait": False}).start()

    options: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600,
                               "id": "refresh"}
    if run_now:
        options["next_run_time"] = datetime.now(UTC)
    scheduler.add_job(job, trigger, **options)

    def stop(signum: int, _frame: Any) -> None:
        log.info("received %s: stopping after the refresh in progress, if any",
                 signal.Signals(signum).name)
        stopping.set()
        scheduler.shutdown(wait=True)

    if install_signals:
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    log.info("scheduler started: %s", trigger)
    scheduler.start()
    log.info("scheduler stopped after %d refresh(es)", len(runs))
    return 0 if all(r.exit_code in (0, 75) for r in runs) else 3
