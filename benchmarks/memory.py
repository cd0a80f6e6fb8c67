"""Benchmark: worker memory once its caches are full. Gunicorn (2 workers) on the bundled
snapshot gets every page once, then a flood of distinct states — real combinations of every
page's parameters, then the same with unknown and hostile parameters — far more than the
caches hold. The caches are bounded in bytes (dashboard/lru.py), so a worker's peak must stay
under the README's 300 MB however many distinct states visitors ask for."""

from __future__ import annotations

import itertools
import random
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import Result, copy_data, free_port, gunicorn, serve
from benchmarks.serving import PAGES, replay, worker_peak_rss
from etl.refresh import run_refresh

ROUTER = ".._pages_content.children..._pages_store.data.."
STATES = {
    "/explorer": {"view": ["trade", "commodities", "sources"], "currency": ["USD", "CNY", "RUB"],
                  "freq": ["A", "M"], "start": [str(y) for y in range(2000, 2025, 3)],
                  "flows": ["export,import", "total", "balance", "export"]},
    "/partners": {"reporter": ["CHN", "RUS"], "basis": ["countries_only", "incl_hk_tw",
                                                         "blocs_as_units"],
                  "table": [str(y) for y in range(2015, 2025)]},
    "/currencies": {"pair": ["rub_cny", "rub_usd", "cny_usd"],
                    "start": [str(y) for y in range(2010, 2025)]},
    "/energy": {"measure": ["tonnes", "barrels", "value"],
                "start": [str(y) for y in range(2010, 2025)]},
    "/data": {"q": ["", "tass", "gacc", "customs", "bank", "ria", "xinhua", "reuters"],
              "sort": ["publisher", "date_published"], "order": ["asc", "desc"]},
}


def router(path: str, search: str) -> dict[str, Any]:
    return {"path": "/_dash-update-component", "body": {
        "output": ROUTER,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.search"], "state": []}}


def flood(seed: int = 15) -> list[dict[str, Any]]:
    """Every combination of the parameters above, then as many with noise around them."""
    rng = random.Random(seed)
    payloads = []
    for path, options in STATES.items():
        names = list(options)
        for values in itertools.product(*options.values()):
            payloads.append(router(path, "?" + "&".join(f"{n}={v}" for n, v in
                                                      zip(names, values, strict=True))))
    noisy = []
    for payload in rng.sample(payloads, min(len(payloads), 1500)):
        search = payload["body"]["inputs"][1]["value"]
        junk = "".join(rng.choices("abcdefghij%=&", k=rng.randint(5, 400)))
        noisy.append(router(payload["body"]["inputs"][0]["value"],
                            f"{search}&utm={rng.random()}&q2={junk}"))
    for i in range(300):
        noisy.append(router("/", f"?claim={'x' * rng.randint(1, 3000)}{i}"))
    return payloads + noisy


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        root = copy_data(Path(folder) / "bundled")
        assert run_refresh(root, offline=True).ok
        port = free_port()
        with serve(gunicorn("dashboard.app:server", port), port,
                   env={"ETL_DATA_DIR": str(root)}, health="/health") as proc:
            base = f"http://127.0.0.1:{port}"
            pages = [router(path, "") for path in PAGES]
            replay(base, pages, 2, len(pages) * 2)
            served = worker_peak_rss(proc.pid)
            states = flood()
            _, errors = replay(base, states, 4, len(states) // 4)
            flooded = worker_peak_rss(proc.pid)
    return [
        Result("memory: peak RSS of a worker, every page served", served, "MB",
               target="< 300 MB", passed=served < 300, note="bundled snapshot, gunicorn -w 2"),
        Result("memory: same after a flood of distinct states", flooded, "MB",
               target="< 300 MB", passed=flooded < 300 and errors == 0,
               note=f"{len(states):,} distinct page states (real and noisy) against 2 workers, "
               f"{errors} errors; caches bounded in bytes"),
    ]
