"""LangChain adapters at the edge: our retriever as a BaseRetriever, our embedders as Embeddings."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.embedding import Embedder
from assistant.retrieval.filters import Filters
from assistant.types import Hit


def hit_to_document(hit: Hit) -> LCDocument:
    c = hit.chunk
    return LCDocument(
        page_content=c.text,
        id=c.chunk_id,
        metadata={
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "title": c.title,
            "kind": c.kind.value,
            "section": c.section,
            "article": c.article,
            "revision": c.revision_label,
            "source": c.source,
            "start": c.start,
            "end": c.end,
            "score": hit.score,
        },
    )


class RendaRetriever(BaseRetriever):
    """The hybrid retriever for LangChain chains: `RendaRetriever(searcher=assistant, k=5)`.
    `searcher` is anything with search(query, k, filters) -> list[Hit] (Assistant, HybridRetriever)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: Any
    k: int = 5
    filters: Filters = Filters()

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        return [hit_to_document(h) for h in self.searcher.search(query, self.k, self.filters)]


class EmbeddingsAdapter(Embeddings):
    """An Embedder as LangChain Embeddings (used by the LangChain-defaults baseline)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
