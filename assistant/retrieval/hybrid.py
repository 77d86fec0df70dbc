"""Hybrid retrieval: BM25 ∥ dense (one list per embedder) ∥ article look-up, fused, filtered; a
message asking several questions is also searched question by question, the rankings taken in turn."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.config import RetrievalSettings
from assistant.index.store import Index, Snapshot
from assistant.retrieval.bank import BankView, QuestionBank, Suggestion
from assistant.retrieval.bodies import bodies
from assistant.retrieval.filters import Filters
from assistant.retrieval.fusion import rrf, zscore
from assistant.retrieval.levels import asked_levels, level_match
from assistant.retrieval.lookup import LawResolver, asks_article_only, named_part
from assistant.retrieval.prose_parts import placed_parts
from assistant.retrieval.ranker import (
    ANSWER_FEATURES,
    PLACE_FEATURES,
    LinearRanker,
    candidate_features,
    feature_names,
)
from assistant.text.normalize import NormalizedQuery, QueryNormalizer
from assistant.text.parts import asked_after_telling, sub_questions
from assistant.text.shorthand import counted_shorthands, described, listed_items
from assistant.types import DocKind, Hit

BANK = "bank"  # the name the question bank's suggestion carries in Hit.ranks and Hit.scores
# Words that place a question in a speech or work report rather than in the statutes; what a
# leader said at a meeting is a speech (「上回主席会上领导说…要盯住哪几类重点问题」)
PROSE_CUES = ("讲话", "报告里", "报告中", "领导说", "领导讲", "领导提", "领导要求")
# Words of a year's work or of the district, which the speech is full of: a cue too, but a weak one,
# since the situation a deputy tells before asking for a legal basis has them as often (「镇政府去年
# 没上人代会就花了一大笔钱…能引用哪条法律？」: 8 of 8 such dev questions had their answer in a law);
# not 区里 of 选区里 or 社区里
TIME_CUES = re.compile(r"今年|去年|明年|全区|(?<![选社小园景城])区里")


def asks_about_prose(nq: NormalizedQuery) -> bool:
    """Whether the question places its answer in a speech or work report, not in the statutes."""
    if any(cue in nq.original for cue in PROSE_CUES):
        return True
    return not nq.wants_statutes and bool(TIME_CUES.search(nq.original))


# words naming the kind of document the answer is in, as a law's name names the law: 「讲话里说…」
# 「讲话要求…」, not 讲话 as speaking (「代表在会上讲话会被追究吗？」)
NAMED_KINDS = {
    DocKind.SPEECH: re.compile(r"^讲话|讲话(?:里|中|稿|提到|提出|说|要求|指出|强调|对|只|也|所|分别|未)"),
}

BM25 = "bm25"
TOPICAL_HITS = 3  # the abstention rules judge this many passages of Candidates.topical
# A message's questions searched one by one, at most: each costs a search (about 27 ms), and a
# message of 1,000 characters may hold a hundred question marks.
MAX_SEARCHED_QUESTIONS = 4
# Documents whose article a question naming no law asks for are listed, at most (Candidates.unnamed_article)
UNNAMED_LISTED = 5
STATUTES = tuple(kind for kind in DocKind if kind.statute)  # the kinds a legal basis is in


@dataclass
class Candidates:
    """Per-retriever evidence for one query, before fusion (also read by the answerer)."""

    query: NormalizedQuery
    tokens: list[str]  # of both wordings (NormalizedQuery.both)
    synonyms: list[set[str]] = field(default_factory=list)  # NormalizedQuery.synonym_tokens
    ranked: dict[str, list[int]] = field(default_factory=dict)  # retriever -> chunk positions, best first
    scores: dict[str, dict[int, float]] = field(default_factory=dict)  # retriever -> position -> raw score
    matched: dict[str, dict[int, int]] = field(default_factory=dict)  # embedder -> position -> best key
    # articles named in the question, the 题注 of a law whose history it asks, and the passage
    # listing the items of a shorthand whose meaning it asks (「四个机关是什么」)
    pinned: list[int] = field(default_factory=list)
    # the other passages of a part of a speech the question names by its place (「讲话第三部分…」,
    # prose_parts; its first is pinned): after the pinned, before the rest, in their order of score
    placed: list[int] = field(default_factory=list)
    # (款, 项) the question names right after an article (「第十二条第四项」: (0, 4)); 0: not named
    part: tuple[int, int] = (0, 0)
    # articles named in the question that the law named does not have: (doc_id, number)
    missing_articles: list[tuple[str, int]] = field(default_factory=list)
    # an article asked for with no law named (「第十二条是什么内容？」): its number and every document
    # holding it, closest to townships first; its first UNNAMED_LISTED are pinned
    unnamed_article: tuple[int, tuple[str, ...]] | None = None
    named_docs: list[str] = field(default_factory=list)
    # laws the question asks about that the index does not hold (LawResolver.unindexed_laws)
    unindexed_laws: list[str] = field(default_factory=list)
    # laws whose number of articles the question asks (LawResolver.counted_documents)
    counted_docs: list[str] = field(default_factory=list)
    hinted_kinds: tuple[DocKind, ...] = ()  # 「今年」「讲话里」: the question is about a speech or report
    named_kinds: tuple[DocKind, ...] = ()  # 「讲话里…」: the kind of document the question names
    levels: frozenset[str] = frozenset()  # 乡镇/县级/全国 the question asks about (levels.asked_levels)
    bodies: frozenset[str] = frozenset()  # 常务委员会, 主席团, …: whose rule it asks (retrieval.bodies)
    # what was searched: the caller's filters, or statutes only for a legal-basis question
    filters: Filters = field(default_factory=Filters)
    allowed: np.ndarray | None = None  # the passages those filters let through (None: all)
    # the question bank's pick for this query, within the filters (chunk id and the vote), wherever
    # it was placed (HybridRetriever._with_suggestion)
    suggested: tuple[str, Suggestion] | None = None
    # cosine of the nearest bank question to this one, whether or not the bank suggests anything
    # (None: no bank, none of its questions' passages in this index, or a search that never asked
    # it: a named article)
    bank_nearest: float | None = None
    # the top passages ranked without the answer-type and place evidence (ranker.ANSWER_FEATURES,
    # ranker.PLACE_FEATURES), when it counted: the abstention rules judge whether the passages on
    # the topic state the fact (TOPICAL_HITS of them, and one more)
    topical: list[Hit] = field(default_factory=list)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # embedder -> the question's vector


class HybridRetriever:
    """search(query, k, filters) -> hits, best first. `use` picks component retrievers
    (for baselines): "bm25" and/or embedder names; look-up can be switched off."""

    def __init__(
        self,
        index: Index,
        settings: RetrievalSettings,
        normalizer: QueryNormalizer | None = None,
        use: Sequence[str] | None = None,
        lookup: bool = True,
        laws: Collection[str] = (),
        bank: QuestionBank | None = None,
    ) -> None:
        """`laws`: full names of the laws that exist (sources.china_law.current_law_names), to tell
        a question about a law the index lacks from one about nothing the index holds. `bank`:
        known questions whose passages are suggested (retrieval.bank); used when its embedder is."""
        self.index = index
        self.settings = settings
        self.normalizer = normalizer or QueryNormalizer()
        self.use = tuple(use) if use is not None else (BM25, *index.settings.embedding.backends)
        self.lookup = lookup
        self.laws = tuple(laws)
        self.bank = bank if bank is not None and bank.embedder in self.use else None
        self._resolver: tuple[int, LawResolver] | None = None
        self._linear: tuple[LinearRanker | None] | None = None

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        hits, _ = self.search_with_evidence(query, k, filters)
        return hits

    def search_with_evidence(
        self, query: str, k: int = 5, filters: Filters | None = None
    ) -> tuple[list[Hit], Candidates]:
        snap = self.index.snapshot()
        filters = filters or Filters()
        cands = self.candidates(snap, query, filters)
        hits = self._fuse(snap, cands, k)
        asked = sub_questions(cands.query.original)
        if not asked and (after_telling := asked_after_telling(cands.query.original)):
            asked = [after_telling]  # what is asked after a situation told first
        if asked:  # one search of the whole message ranks what its first question asks first
            asked = list(dict.fromkeys(asked))[:MAX_SEARCHED_QUESTIONS]
            found = []
            for q in asked:
                sub = self.candidates(snap, q, filters)
                # a question naming no level is about the message's: 「常委会批决算的时候还要听哪个
                # 报告？」 after 「区政府的决算草案几月份报区人大常委会批？」 is the county's, not the NPC's
                sub.levels = sub.levels or cands.levels
                found.append(self._fuse(snap, sub, k))
            hits = interleaved([hits, *found], k, keep=len(cands.pinned))
        return self._with_suggestion(snap, cands, hits, k), cands

    # --- candidates -------------------------------------------------------------------------
    def candidates(self, snap: Snapshot, query: str, filters: Filters) -> Candidates:
        nq = self.normalizer.normalize(query)
        prose = asks_about_prose(nq)
        if nq.wants_statutes and not filters.kinds and not prose:
            filters = replace(filters, kinds=STATUTES)  # a legal basis is in a law or regulation
        tokenize = self.index.tokenizer.tokens
        cands = Candidates(nq, tokenize(nq.both), nq.synonym_tokens(tokenize), filters=filters)
        if not snap.chunks:
            return cands
        allowed = cands.allowed = filters.mask(snap.chunks) if not filters.empty else None
        mask = allowed  # what the rankings may hold: no 题注 (dates and 会议 match many a question)
        if snap.provisions is not None:
            mask = snap.provisions if allowed is None else allowed & snap.provisions
        n = self.settings.candidates
        if BM25 in self.use:
            self._bm25(snap, cands, mask, n)
        dense = [name for name in self.use if name != BM25]
        if dense:
            cands.vectors = self.index.embed_queries(self._dense_text(nq), dense)
            for name, vector in cands.vectors.items():
                self._dense(snap, cands, name, vector, mask, filters, n)
        resolver = self.law_resolver(snap)
        cands.named_docs = resolver.named_documents(nq.original) or resolver.named_documents(nq.canonical)
        cands.unindexed_laws = resolver.unindexed_laws(nq.original)
        cands.counted_docs = resolver.counted_documents(nq.original)
        cands.levels = asked_levels(nq.original)
        cands.bodies = bodies(nq.canonical)
        if prose:
            cands.hinted_kinds = (DocKind.SPEECH, DocKind.REPORT)
        cands.named_kinds = tuple(kind for kind, named in NAMED_KINDS.items() if named.search(nq.original))
        if self.lookup:
            cands.pinned, cands.missing_articles = self._pinned(snap, resolver, nq, filters, allowed)
            if not cands.pinned and not cands.named_docs:
                cands.unnamed_article = self._unnamed_article(snap, resolver, nq, allowed)
                if cands.unnamed_article is not None:
                    number, docs = cands.unnamed_article
                    cands.pinned = [snap.articles[(doc_id, number)][0] for doc_id in docs[:UNNAMED_LISTED]]
            cands.part = named_part(nq.original) if cands.pinned else (0, 0)
        cands.pinned += self._listing(snap, cands, nq.original)
        if self.lookup and not cands.pinned and not cands.named_docs:  # 「讲话第三部分…」: that part first
            placed = placed_parts(nq.original, snap.chunks, mask)
            cands.pinned, cands.placed = placed[:1], placed[1:]
        return cands

    def _dense_text(self, nq: NormalizedQuery) -> str:
        return nq.canonical if self.settings.dense_query == "canonical" else nq.content

    @staticmethod
    def _listing(snap: Snapshot, cands: Candidates, question: str) -> list[int]:
        """The candidates that spell out a numbered shorthand the question asks the meaning of by
        listing its items (text.shorthand): ranked on their words, 代表法第四条 came 96th of 99 for
        「讲话里说的“四个机关”是什么？」, below every passage that names 四个机关 without saying them."""
        asked = counted_shorthands(question)
        if not asked:
            return []
        listing: dict[int, list[str]] = {}
        for pos in dict.fromkeys(p for ranked in cands.ranked.values() for p in ranked):
            text = snap.chunks[pos].text
            found = [items for count, noun in asked if (items := listed_items(text, count, noun))]
            if found and pos not in cands.pinned:
                listing[pos] = found[0]
        # items that describe come first; one passage, or a list of kinds would join a definition
        best = sorted(listing, key=lambda pos: not described(listing[pos]))
        return best[:1]

    def _bm25(self, snap: Snapshot, cands: Candidates, mask: np.ndarray | None, n: int) -> None:
        scores = snap.bm25.scores(cands.tokens, cands.synonyms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        top = [int(i) for i in np.argsort(-scores)[:n] if scores[i] > 0]
        cands.ranked[BM25] = top
        cands.scores[BM25] = {i: float(scores[i]) for i in top}

    def _dense(
        self,
        snap: Snapshot,
        cands: Candidates,
        name: str,
        vector: np.ndarray,
        mask: np.ndarray | None,
        filters: Filters,
        n: int,
    ) -> None:
        if len(snap.chunks) <= self.settings.exact_max_passages:
            found = self.index.exact_keys(name, snap).nearest(vector, n, mask)
        else:
            found = self._approximate(snap, name, vector, mask, filters, n)
        cands.ranked[name] = [pos for pos, _, _ in found]
        cands.scores[name] = {pos: sim for pos, _, sim in found}
        cands.matched[name] = {pos: key for pos, key, _ in found}

    def _approximate(
        self, snap: Snapshot, name: str, vector: np.ndarray, mask: np.ndarray | None, filters: Filters, n: int
    ) -> list[tuple[int, int, float]]:
        """Chroma's HNSW: the n passages with the best of the keys it returns, as in
        ExactKeys.nearest (position, key number, cosine)."""
        allowed = (
            {c.doc_id for c, ok in zip(snap.chunks, mask, strict=True) if ok} if mask is not None else set()
        )
        pool = max(n * 3, self.settings.dense_pool)  # keys, several per chunk
        matches = self.index.vectors[name].query(vector, pool, filters.chroma_where(allowed))
        best: dict[int, float] = {}
        key: dict[int, int] = {}
        for m in matches:
            pos = snap.position.get(m.chunk_id)  # unknown ids: vectors of an uncommitted document
            if pos is not None and (mask is None or mask[pos]) and m.similarity > best.get(pos, -1.0):
                best[pos] = m.similarity
                key[pos] = m.key_number
        return [(p, key[p], best[p]) for p in sorted(best, key=lambda p: -best[p])[:n]]

    def law_resolver(self, snap: Snapshot) -> LawResolver:
        """The law names and article numbers of the indexed titles, rebuilt when they change."""
        if self._resolver is None or self._resolver[0] != snap.generation:
            self._resolver = (snap.generation, LawResolver(snap.titles, self.laws))
        return self._resolver[1]

    def _pinned(
        self,
        snap: Snapshot,
        resolver: LawResolver,
        nq: NormalizedQuery,
        filters: Filters,
        mask: np.ndarray | None,
    ) -> tuple[list[int], list[tuple[str, int]]]:
        """The passages of the articles the question names, then the 题注 of each law whose own
        history it asks (「代表法是哪一年通过的？」); and the named articles that their law does
        not have (「代表法第九十九条」: 代表法 ends long before)."""
        only_doc = filters.doc_ids[0] if len(filters.doc_ids) == 1 else None
        pinned: list[int] = []
        missing: list[tuple[str, int]] = []
        for ref in resolver.article_refs(nq.original) or resolver.article_refs(nq.canonical):
            doc_id = ref.doc_id or only_doc
            if doc_id is None:
                continue
            found = snap.articles.get((doc_id, ref.article_no), [])
            if not found and snap.article_counts.get(doc_id) and (doc_id, ref.article_no) not in missing:
                missing.append((doc_id, ref.article_no))
            for pos in found:
                if (mask is None or mask[pos]) and pos not in pinned:
                    pinned.append(pos)
        asked = resolver.history_documents(nq.original) or resolver.history_documents(nq.canonical)
        for doc_id in asked:
            pinned += [pos for pos in snap.headers.get(doc_id, []) if (mask is None or mask[pos])]
        return pinned, missing

    @staticmethod
    def _unnamed_article(
        snap: Snapshot, resolver: LawResolver, nq: NormalizedQuery, mask: np.ndarray | None
    ) -> tuple[int, tuple[str, ...]] | None:
        """The article a question asks for naming no law and no topic (「第十二条是什么内容？」),
        with the documents holding it (none: no document has that many articles), those whose
        passages speak most of townships first: a township chair's 第十二条 is more likely
        地方组织法's or 选举法's than 立法法's. None for any other question: one with a topic
        (「第十二条规定的代表工作委员会干什么？」) is ranked on it, as are the articles of every law;
        「第十二条、第十三条」 asks for no one article."""
        if not (asks_article_only(nq.original) or asks_article_only(nq.canonical)):
            return None
        refs = resolver.article_refs(nq.original) or resolver.article_refs(nq.canonical)
        numbers = {ref.article_no for ref in refs if ref.doc_id is None}
        if len(numbers) != 1:
            return None
        number = numbers.pop()
        # each document holding the article, with the position of its first passage
        holding = {
            doc_id: found[0] for doc_id in snap.titles if (found := snap.articles.get((doc_id, number)))
        }
        docs = [doc_id for doc_id, pos in holding.items() if mask is None or mask[pos]]
        if holding and not docs:  # the filters leave out every law that has it: searched as it stands
            return None
        share = snap.township_share
        return number, tuple(sorted(docs, key=lambda doc_id: -share[doc_id]))

    # --- the question bank ------------------------------------------------------------------
    def bank_view(self, snap: Snapshot) -> BankView | None:
        """The question bank for this snapshot (located, and any question the shipped vectors lack
        encoded, on first use; Assistant.warm_up asks for it before the first question)."""
        if self.bank is None or not self.settings.bank:
            return None
        return self.bank.view(snap, self.index.embedders[self.bank.embedder], self.bank_wording)

    def bank_wording(self, question: str) -> str:
        """A bank question as the dense search words a question (how its vector is encoded)."""
        return self._dense_text(self.normalizer.normalize(question))

    def _with_suggestion(self, snap: Snapshot, cands: Candidates, hits: list[Hit], k: int) -> list[Hit]:
        """The bank's passage at rank bank_rank when the hits above it do not hold it (it moves up
        from further down, or comes in from outside them), or first when the nearest questions all
        but agree on it (bank_lead_*) and it is of the laws or places the question names, if any
        (「我们浙江这边…」 asks 浙江's regulation, not 地方组织法's article the bank's questions
        asked of); never above a named article, only where the search's filters allow it, scored
        as the hit it displaces."""
        s = self.settings
        if self.bank is None or len(cands.pinned) >= s.bank_rank:
            return hits
        vector = cands.vectors.get(self.bank.embedder)
        view = self.bank_view(snap)
        if vector is None or view is None or not view.entries:
            return hits
        sims = self.bank.similarities(vector, view)
        cands.bank_nearest = float(sims.max())
        found = self.bank.suggest(vector, view, sims)
        if found is None or not (cands.allowed is None or cands.allowed[found.position]):
            return hits
        chunk = snap.chunks[found.position]
        cands.suggested = (chunk.chunk_id, found)
        leads = (
            found.similarity >= s.bank_lead_similarity
            and found.share >= s.bank_lead_share
            and (not cands.named_docs or chunk.doc_id in cands.named_docs)
        )
        at = len(cands.pinned) if leads else s.bank_rank - 1
        if k <= at or len(hits) < at or any(h.chunk.chunk_id == chunk.chunk_id for h in hits[:at]):
            return hits
        rest = [h for h in hits[at:] if h.chunk.chunk_id != chunk.chunk_id]
        score = min(h.score for h in hits[max(at - 1, 0) : at + 1]) if hits else 0.0
        # the answer reads what the retrievers matched in it
        shown = self._hit(snap, cands, found.position, score, bank=found.similarity)
        return [*hits[:at], shown, *rest][:k]

    def vouched(self, cands: Candidates, hits: Sequence[Hit]) -> bool:
        """Whether the nearest bank questions agree, and closely, on the first passage shown
        (bank_vouch_*: all of them, at cosine 0.95): then it answers the question, however weak the
        retrievers' evidence for it (eval/RESULTS.md step 217). Never for a question naming an
        article: that article answers it, or the answer says it does not."""
        s = self.settings
        if cands.suggested is None or not hits or cands.pinned:
            return False
        chunk_id, found = cands.suggested
        return (
            hits[0].chunk.chunk_id == chunk_id
            and found.similarity >= s.bank_vouch_similarity
            and found.share >= s.bank_vouch_share
        )

    # --- fusion -----------------------------------------------------------------------------
    def _fuse(self, snap: Snapshot, cands: Candidates, k: int) -> list[Hit]:
        ranker = self._ranker() if self.settings.fusion == "learned" else None
        if ranker is None:
            return self._hits(snap, cands, self._classic(snap, cands), k)
        fused, topical = self._learned(snap, cands, ranker)
        if topical is not None:
            # one more than are judged: the answer's first passage counts when it comes next
            # (Assistant.evidence)
            cands.topical = self._hits(snap, cands, topical, TOPICAL_HITS + 1)
        return self._hits(snap, cands, fused, k)

    def _classic(self, snap: Snapshot, cands: Candidates) -> dict[str, float]:
        """z-score or reciprocal rank fusion, plus bonuses for a named law, kind cue and level."""
        s = self.settings
        if s.fusion == "zscore":
            fused = zscore(
                {n: {str(p): v for p, v in sc.items()} for n, sc in cands.scores.items()}, s.weights
            )
            unit = 1.0  # one standard deviation
        else:
            fused = rrf({n: [str(p) for p in r] for n, r in cands.ranked.items()}, s.weights, s.rrf_k)
            unit = 1.0 / (s.rrf_k + 1)  # what a first rank in one list is worth
        self._bonuses(snap, cands, fused, unit)
        return fused

    def _bonuses(self, snap: Snapshot, cands: Candidates, fused: dict[str, float], unit: float) -> None:
        s = self.settings
        for key in fused:
            chunk = snap.chunks[int(key)]
            if chunk.doc_id in cands.named_docs or chunk.kind in cands.hinted_kinds:
                fused[key] += unit * s.named_law_weight
            if cands.levels:
                fused[key] += unit * s.level_weight * level_match(cands.levels, snap.levels[int(key)])

    def _hits(self, snap: Snapshot, cands: Candidates, fused: dict[str, float], k: int) -> list[Hit]:
        order = [int(key) for key in sorted(fused, key=lambda key: -fused[key])]
        top_score = max(fused.values(), default=1.0)
        placed = cands.placed
        if placed:  # in their order of score; one no retriever found, last
            rank = {pos: i for i, pos in enumerate(order)}
            placed = sorted(placed, key=lambda pos: rank.get(pos, len(order)))
        first = list(dict.fromkeys([*cands.pinned, *placed]))
        taken = set(first)
        ordered = first + [p for p in order if p not in taken]
        hits = []
        for pos in ordered[:k]:
            score = top_score + 1.0 if pos in cands.pinned else fused.get(str(pos), 0.0)
            hits.append(self._hit(snap, cands, pos, float(score)))
        return hits

    @staticmethod
    def _hit(snap: Snapshot, cands: Candidates, pos: int, score: float, bank: float | None = None) -> Hit:
        """A passage with what each retriever said of it (rank, score, the key it matched); `bank`:
        the similarity of the bank question that suggested it (its rank there is 0)."""
        ranks = {n: r.index(pos) for n, r in cands.ranked.items() if pos in r}
        scores = {n: sc[pos] for n, sc in cands.scores.items() if pos in sc}
        if bank is not None:
            ranks[BANK], scores[BANK] = 0, bank
        matched = {n: mk[pos] for n, mk in cands.matched.items() if pos in mk}
        return Hit(chunk=snap.chunks[pos], score=score, ranks=ranks, scores=scores, matched=matched)

    # --- learned fusion ---------------------------------------------------------------------
    def _ranker(self) -> LinearRanker | None:
        if self._linear is None:
            self._linear = (LinearRanker.bundled(),)
        return self._linear[0]

    def feature_matrix(self, snap: Snapshot, cands: Candidates) -> tuple[list[int], np.ndarray, list[str]]:
        """Every candidate position with its features (also used to fit the ranker)."""
        positions = list(dict.fromkeys([*cands.pinned, *(p for r in cands.ranked.values() for p in r)]))
        idf = {
            t: snap.bm25.idf_of(t) for t in dict.fromkeys(self.index.tokenizer.tokens(cands.query.content))
        }
        names = feature_names(self.use)
        x = candidate_features(
            snap, cands, positions, self.use, cands.query.content, idf, self.index.tokenizer.tokens
        )
        return positions, x, names

    def _learned(
        self, snap: Snapshot, cands: Candidates, ranker: LinearRanker
    ) -> tuple[dict[str, float], dict[str, float] | None]:
        """The fused scores, and the scores without the answer-type and place evidence when any
        candidate has some."""
        if not cands.pinned and not any(cands.ranked.values()):
            return {}, None
        positions, x, names = self.feature_matrix(snap, cands)
        fused = {str(p): float(v) for p, v in zip(positions, ranker.score(x, names), strict=True)}
        left_out = (*ANSWER_FEATURES, *PLACE_FEATURES)
        if not x[:, [names.index(n) for n in left_out]].any():
            return fused, None
        topical = ranker.score(x, names, leave_out=left_out)
        return fused, {str(p): float(v) for p, v in zip(positions, topical, strict=True)}


def interleaved(rankings: Sequence[list[Hit]], k: int, keep: int = 0) -> list[Hit]:
    """The first ranking's top `keep` (the articles a message names), then the rankings' hits in
    turn, first of each, second of each…, each passage once, k in all. A merged hit's score is at
    most the one above it, so the scores shown still fall down the list."""
    merged: list[Hit] = list(rankings[0][:keep])
    seen = {hit.chunk.chunk_id for hit in merged}
    for depth in range(max(map(len, rankings), default=0)):
        for ranking in rankings:
            if depth < len(ranking) and ranking[depth].chunk.chunk_id not in seen:
                hit = ranking[depth]
                if merged and hit.score > merged[-1].score:
                    hit = replace(hit, score=merged[-1].score)
                merged.append(hit)
                seen.add(hit.chunk.chunk_id)
    return merged[:k]
