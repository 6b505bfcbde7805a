"""Prefect flows: thin wrappers over pipeline/ that add scheduling, retries and observability."""
