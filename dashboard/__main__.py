"""python -m dashboard: serve the dashboard on the bundled snapshot (no network needed)."""

from __future__ import annotations

import argparse
import logging
import sys

from werkzeug.serving import WSGIRequestHandler

from dashboard.headers import SERVER_NAME
from etl.errors import EtlError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Serve the dashboard. Builds a snapshot from the bundled data first if none "
        "is published. For production use gunicorn: gunicorn -w 2 'dashboard.app:server'.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="Dash debug mode (reloader, dev tools, tracebacks in the browser); off by default",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from dashboard.app import create_app

    try:
        app = create_app(warm=True)
    except EtlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=args.debug, request_handler=QuietHandler)
    return 0


class QuietHandler(WSGIRequestHandler):
    """The development server's handler, without "Server: Werkzeug/x Python/y": a page need
    not tell the world which server software and Python it runs."""

    def version_string(self) -> str:
        return SERVER_NAME


if __name__ == "__main__":
    sys.exit(main())
