"""Retrieval systems compared side by side: the product, its parts alone, and LangChain defaults.

Every system answers search(question, k) -> list[Retrieved] on the same index data and embedder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.evaluation.metrics import Retrieved
from assistant.index.store import Index
from assistant.retrieval.hybrid import BM25, HybridRetriever
from assistant.service import Assistant


@dataclass
class System:
    name: str
    search: Callable[[str, int], list[Retrieved]]


def product_system(assistant: Assistant) -> System:
    def search(q: str, k: int) -> list[Retrieved]:
        return [Retrieved(h.chunk.title, h.chunk.text) for h in assistant.search(q, k)]

    return System("hybrid (product)", search)


def component_system(assistant: Assistant, name: str, parts: tuple[str, ...]) -> System:
    retriever = HybridRetriever(
        assistant.index, assistant.settings.retrieval, assistant.normalizer, use=parts, lookup=False
    )

    def search(q: str, k: int) -> list[Retrieved]:
        return [Retrieved(h.chunk.title, h.chunk.text) for h in retriever.search(q, k)]

    return System(name, search)


def langchain_defaults_system(index: Index, workdir: Path, embedder_name: str) -> System:
    """RecursiveCharacterTextSplitter(500, 50) + the same embedder + Chroma similarity search,
    built from the same documents as the index (and rebuilt only when they change)."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.index.vectors import open_client
    from assistant.retrieval.langchain import EmbeddingsAdapter

    docs = index.catalog.documents()
    fingerprint = hashlib.sha256("|".join(sorted(d.doc_id for d in docs)).encode()).hexdigest()[:16]
    name = f"lc-defaults-{embedder_name}-{fingerprint}".replace(":", "-").replace("/", "-")[:60]
    client = open_client(workdir)
    store = Chroma(
        collection_name=name,
        embedding_function=EmbeddingsAdapter(index.embedders[embedder_name]),
        client=client,
    )
    if store._collection.count() == 0:
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        texts, metas = [], []
        for d in docs:
            for piece in splitter.split_text(index.catalog.document_text(d.doc_id) or ""):
                texts.append(piece)
                metas.append({"title": d.title})
        for i in range(0, len(texts), 500):
            store.add_texts(texts[i : i + 500], metadatas=metas[i : i + 500])

    def search(q: str, k: int) -> list[Retrieved]:
        return [Retrieved(str(d.metadata["title"]), d.page_content) for d in store.similarity_search(q, k=k)]

    return System(f"LangChain defaults (500/50, {embedder_name})", search)


def product_and_parts(assistant: Assistant) -> list[System]:
    """The product, BM25 alone and each embedder alone: the systems on the index's own chunks."""
    systems = [product_system(assistant), component_system(assistant, "BM25 only", (BM25,))]
    for name in assistant.settings.embedding.backends:
        systems.append(component_system(assistant, f"dense only ({name})", (name,)))
    return systems


def all_systems(assistant: Assistant, baselines: bool) -> list[System]:
    if not baselines:
        return [product_system(assistant)]
    workdir = assistant.index.directory / "baselines"
    embedder = assistant.settings.embedding.backends[0]
    return [*product_and_parts(assistant), langchain_defaults_system(assistant.index, workdir, embedder)]
