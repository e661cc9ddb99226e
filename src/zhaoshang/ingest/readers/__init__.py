"""One module per input format; each registers itself with :mod:`zhaoshang.ingest.registry`."""
