"""Tools built on the assistant: a quiz builder for trainers and 代表建议 drafting for deputies.
Every item and paragraph they produce cites a verbatim passage of the index."""

from assistant.tools.writer import TextWriter, WriterFailed

__all__ = ["TextWriter", "WriterFailed"]
