"""人大履职助手: offline retrieval over People's Congress documents with cited answers."""

__version__ = "0.1.0"
