"""Index: catalog + Chroma vectors + BM25, with incremental, crash-safe ingest."""
