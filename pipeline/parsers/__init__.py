"""Document-kind parsers, found through the `reportfacts.parsers` entry-point group."""
