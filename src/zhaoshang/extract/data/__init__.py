"""Data files of the extractors (industries.json); a package so the files ship with wheels."""
