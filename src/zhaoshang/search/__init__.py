"""Chinese full-text search over report sentences, on SQLite FTS5 or PostgreSQL.

Public API: ``indexer.ensure_schema / index_report / remove_report / rebuild`` and
``service.search`` → ``SearchResult`` (``SearchHit``s, total, facets); ``QueryError`` for bad
queries.  See ``tokens`` for why two token layers (bigrams for recall, words for ranking).
"""
