"""Scoring extraction against hand-labelled gold.

:mod:`.score` holds the pure matching and P/R/F1 functions; :mod:`.runner` reads gold
and report files, runs the pipeline and formats the result for ``zhaoshang evaluate``.
"""
