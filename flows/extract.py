"""The extraction flow: plan, one task per batch, summary artifact. Logic lives in pipeline.run."""
from __future__ import annotations

from prefect import flow, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import run


@task(retries=2, retry_delay_seconds=[5, 30])
def process_batch(paths: list[str], out: str) -> dict:
    return run.process_batch(paths, out)


# One worker: spaCy work is CPU-bound (threads gain nothing under the GIL) and the pipeline object
# is shared per process. For more than one core or machine, run with a Dask cluster (--dask).
@flow(name="reportfacts-extract", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=True)
def extract_flow(raw: str = "raw", out: str = "extracted", batch_size: int = 50) -> dict:
    planned = run.plan(raw, out, batch_size)
    futures = process_batch.map(planned["batches"], unmapped(out))
    summary = run.summary(out, planned, [f.result() for f in futures])
    create_table_artifact(
        key="extract-summary",
        table=[summary],
        description=f"reportfacts run over {raw} into {out}",
    )
    return summary


def with_dask(address: str):
    """The same flow on a dask.distributed cluster (pip install '.[dask]')."""
    from prefect_dask import DaskTaskRunner

    return extract_flow.with_options(task_runner=DaskTaskRunner(address=address))


def serve(raw: str, out: str, cron: str, batch_size: int = 50) -> None:
    """Serve the flow as a deployment on a cron schedule (needs `prefect server start`)."""
    extract_flow.serve(
        name="reportfacts-scheduled",
        cron=cron,
        parameters={"raw": raw, "out": out, "batch_size": batch_size},
    )
