"""reportfacts: UK police documents to research-grade data. Plain library; no Prefect here."""
__version__ = "0.1.0"
