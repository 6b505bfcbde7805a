"""The command line: `python -m pipeline <command>` (console script `reportfacts`).

This is the one module under pipeline/ that may reach Prefect, and only through flows/ (for
`run` and `serve`); `extract`, `evaluate` and `schema` use the plain library.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from rich.console import Console
from rich.table import Table

console = Console(stderr=True)


def _prefect_env() -> None:
    """Settings a local, offline Prefect run needs (no telemetry; room for a slow start)."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def show_summary(summary: dict, seconds: float) -> None:
    table = Table(title=f"reportfacts run ({seconds:.1f} s)", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in summary.items():
        table.add_row(key, str(value))
    console.print(table)
    if summary.get("failed"):
        console.print(f"[yellow]{summary['failed']} document(s) failed: see the errors table[/]")


def cmd_extract(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from pipeline import run

    start = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("documents", total=None)
        summary = run.extract(args.raw, args.out, args.batch_size,
                              on_batch=lambda i, n: progress.advance(task, n))
    show_summary(summary, time.perf_counter() - start)
    print(json.dumps(summary))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.extract import extract_flow, with_dask

    flow = with_dask(args.dask) if args.dask else extract_flow
    start = time.perf_counter()
    summary = flow(raw=args.raw, out=args.out, batch_size=args.batch_size)
    show_summary(summary, time.perf_counter() - start)
    print(json.dumps(summary))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.extract import serve

    serve(raw=args.raw, out=args.out, cron=args.cron, batch_size=args.batch_size)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from schemas.records import MODELS

    tables = {name: model.model_json_schema() for name, model in MODELS.items()
              if not args.table or name == args.table}
    if not tables:
        console.print(f"[red]no table {args.table!r}; tables: {', '.join(MODELS)}[/]")
        return 2
    print(json.dumps(tables, indent=2))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline import evaluate

    return evaluate.main(args.rest)  # the evaluator parses its own options


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reportfacts", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    def with_io(cmd: argparse.ArgumentParser) -> argparse.ArgumentParser:
        cmd.add_argument("--raw", default="raw", help="folder of input documents (default: raw)")
        cmd.add_argument("--out", default="extracted", help="output root (default: extracted)")
        cmd.add_argument("--batch-size", type=int, default=50, help="documents per task (default: 50)")
        return cmd

    run = with_io(sub.add_parser("run", help="run the Prefect flow in-process (embedded local API)"))
    run.add_argument("--dask", metavar="ADDRESS", help="a dask.distributed scheduler, e.g. tcp://host:8786")
    run.set_defaults(fn=cmd_run)
    with_io(sub.add_parser("extract", help="the same work with the plain library, no Prefect")).set_defaults(fn=cmd_extract)
    serve = with_io(sub.add_parser("serve", help="serve the flow as a deployment on a cron schedule"))
    serve.add_argument("--cron", default="0 6 * * *", help="cron schedule (default: daily 06:00)")
    serve.set_defaults(fn=cmd_serve)
    schema = sub.add_parser("schema", help="print the JSON Schema of every table")
    schema.add_argument("table", nargs="?", help="only this table")
    schema.set_defaults(fn=cmd_schema)
    ev = sub.add_parser("evaluate", help="score extraction against gold annotations", add_help=False)
    ev.set_defaults(fn=cmd_evaluate)
    return p


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args, rest = cli.parse_known_args(argv)
    if args.command == "evaluate":
        args.rest = rest
    elif rest:
        cli.error(f"unrecognized arguments: {' '.join(rest)}")
    if getattr(args, "raw", None) and not os.path.exists(args.raw):
        cli.error(f"--raw {args.raw}: no such file or folder")
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
