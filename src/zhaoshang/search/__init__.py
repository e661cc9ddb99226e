"""Chinese full-text search over report sentences, on SQLite FTS5 or PostgreSQL.

Public API: ``indexer.ensure_schema / index_report / remove_report / rebuild`` and
``service.search`` → ``SearchResult`` (``SearchHit``s, exact total, facets), ``service.all_matches``;
``query.QueryError`` for bad queries.

Design in one paragraph: every sentence is indexed twice over the same folded text (NFKC,
lower case, traditional → simplified, one character at a time so offsets survive).  The bigram
layer (every adjacent pair of characters) makes any query of two or more characters an exact
phrase lookup — recall never depends on segmentation, and 2-character words are one token.
The word layer (rjieba ``cut_for_search`` with gazetteer, metric and extracted names) only
ranks: a query that is one word gets a bonus where the text has it as a word.  Synonyms expand
query words to groups kept in ``data/synonyms.json``.  Snippets and highlights are computed
from our own offsets, never the engine's.  ``tokens`` and the two ``backend_*`` modules say why.
"""
