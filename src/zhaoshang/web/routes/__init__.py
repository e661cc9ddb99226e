"""Page and API routers; every module with a ``router`` is included by the app."""
