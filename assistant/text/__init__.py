"""Text utilities shared by chunking, indexing and retrieval: numerals, tokenising, normalising."""
