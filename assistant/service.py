"""The one object that owns an opened index, its retriever and answerer. The CLI, the API, the
tools and the evaluation all go through it; heavy parts load lazily, once."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from assistant.answering.citations import build_citations
from assistant.answering.conversation import Turn, last_question
from assistant.answering.evidence import (
    SUBJECT_IDF,
    AbstentionModel,
    Evidence,
    best_similarities,
    coverage,
    known_or_reworded,
    other_bodies,
    part_asking,
    shorthand,
    states_type,
    unknown_names,
)
from assistant.answering.extractive import (
    ARTICLE_COUNT,
    LAW_NOT_INDEXED,
    NO_AMENDMENTS_LISTED,
    NO_SUCH_ARTICLE,
    PART_NOT_FOUND,
    QUOTE_ELSEWHERE,
    QUOTE_NOT_HELD,
    TOPIC_NOT_FOUND,
    ExtractiveAnswerer,
    abstention,
    named_silent,
    unnamed_article,
)
from assistant.answering.llm import FALLBACK_NOTICE, UNSUPPORTED_NOTICE, LLMAnswerer, LLMError
from assistant.answering.question_prior import QuestionPrior
from assistant.config import Settings
from assistant.errors import InvalidInput, NotFound
from assistant.index.catalog import DocumentInfo
from assistant.index.ingest import FileResult, Ingester, IngestReport
from assistant.index.lock import write_lock
from assistant.index.store import Index
from assistant.retrieval.bank import QuestionBank, bundled_entries, bundled_vectors
from assistant.retrieval.filters import Filters
from assistant.retrieval.hybrid import TOPICAL_HITS, Candidates, HybridRetriever
from assistant.retrieval.levels import LEVEL_WORDS
from assistant.retrieval.lookup import asks_article_only, short_name
from assistant.sources.china_law import current_law_names, where_quoted
from assistant.text.answer_types import QUALIFIERS, SAID_MANY_WAYS, answer_type, required_type, without_asking
from assistant.text.follow_up import resolve
from assistant.text.normalize import QueryNormalizer, concepts, without_choices
from assistant.text.numerals import int_to_cn
from assistant.text.parts import asking_parts
from assistant.text.proposals import right_to_propose
from assistant.text.quotes import holds, pairs, quoted_source
from assistant.text.tokenize import is_bigram
from assistant.types import Answer, Citation, DocKind, Hit

log = logging.getLogger(__name__)

# the words of an amendment; in a question with 几次/多少次 (「选举法修改过几次？」), it asks the
# amendments a 题注 lists, if it lists any
_AMENDED = ("修正", "修订", "修改")
_ASKS_AMENDMENTS = re.compile("|".join((*_AMENDED, "几次", "多少次", "变化", "变动")))
MAX_QUERY_CHARS = 1000
MAX_K = 50
# passages shown with an abstention (Answer.related)
RELATED_PASSAGES = 3
WARM_UP_QUERY = "人民代表大会"


@dataclass(frozen=True, slots=True)
class Passage:
    """A cited passage with the text around it, for showing it in context."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    source: str
    before: str
    text: str
    after: str
    before_truncated: bool  # the document goes on before `before`
    after_truncated: bool


class Assistant:
    """Owns one index. Thread-safe for concurrent readers; writes are serialised."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._write_lock = threading.Lock()
        self._checked = False

    @cached_property
    def index(self) -> Index:
        return Index(self.settings)

    @cached_property
    def normalizer(self) -> QueryNormalizer:
        return QueryNormalizer()

    @cached_property
    def retriever(self) -> HybridRetriever:
        r = self.settings.retrieval
        bank = (
            QuestionBank(
                bundled_entries(),
                r.bank_embedder,
                r.bank_neighbours,
                r.bank_min_similarity,
                r.bank_min_share,
                shipped=bundled_vectors(),
            )
            if r.bank
            else None
        )
        return HybridRetriever(
            self.index, self.settings.retrieval, self.normalizer, laws=current_law_names(), bank=bank
        )

    @cached_property
    def answerer(self) -> ExtractiveAnswerer:
        tokens = self.index.tokenizer.tokens
        return ExtractiveAnswerer(
            self.settings.answer, tokens, lambda t: self.index.snapshot().bm25.idf_of(t)
        )

    # --- writing ----------------------------------------------------------------------------
    def ingest(self, paths: Sequence[Path], prune: bool = False, progress: bool = True) -> IngestReport:
        with self._write_lock:
            return Ingester(self.index).ingest_paths(paths, prune=prune, progress=progress)

    def add_document(self, name: str, data: bytes, source: str, kind: DocKind | None = None) -> FileResult:
        with self._write_lock:
            return Ingester(self.index).ingest_bytes(name, data, source, kind)

    def remove_document(self, doc_id: str) -> FileResult:
        self._open_for_reading()
        with self._write_lock:
            return Ingester(self.index).remove(doc_id)

    # --- reading ----------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        hits, _ = self.search_with_evidence(query, k, filters)
        return hits

    def search_with_evidence(
        self, query: str, k: int = 5, filters: Filters | None = None
    ) -> tuple[list[Hit], Candidates]:
        query = without_choices(self.validate_query(query))
        if not 1 <= k <= MAX_K:
            raise InvalidInput(f"k 必须在 1 到 {MAX_K} 之间（收到 {k}）")
        self._open_for_reading()
        return self.retriever.search_with_evidence(query, k, filters)

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        return self.ask_with_evidence(question, filters)[0]

    def ask_with_evidence(self, question: str, filters: Filters | None = None) -> tuple[Answer, Evidence]:
        # a multiple-choice item is answered from its stem (the options name what it is not about)
        answer, evidence, hits = self._extractive(without_choices(question), filters)
        answer = replace(answer, question=question.strip())
        if self.llm is None or answer.abstained:
            return answer, evidence
        return self._llm_answer(answer, hits[: self.settings.answer.max_citations + 2]), evidence

    def _extractive(self, question: str, filters: Filters | None) -> tuple[Answer, Evidence, list[Hit]]:
        hits, cands = self.search_with_evidence(
            question, max(5, self.settings.answer.max_citations + 2), filters
        )
        evidence = self.evidence(cands, hits)
        counted = self._article_count(question.strip(), cands.counted_docs)
        if counted is not None:
            return counted, replace(evidence, confidence=1.0), hits
        if cands.unnamed_article is not None:
            number, holding = cands.unnamed_article
            listed = hits[: len(cands.pinned)]
            answer = unnamed_article(question.strip(), f"第{_numeral(number)}条", listed, len(holding))
            return answer, replace(evidence, confidence=answer.confidence), hits
        # a quote said to be from a law the index holds (「“…”，这话出自选举法第几条？」) is looked for
        # there, as worded from memory as it may be
        quote = "" if cands.named_docs else quoted_source(question)
        if quote and not self._holds(quote):  # whatever was found, it is not where the quote is from
            return self._quote_not_held(question.strip(), quote), replace(evidence, confidence=0.0), hits
        unindexed = (
            LAW_NOT_INDEXED.format(title="》《".join(cands.unindexed_laws)) if cands.unindexed_laws else ""
        )
        if unindexed and not cands.named_docs:  # whatever was found, it is not what that law says
            return (
                Answer(question.strip(), unindexed, True, (), confidence=0.0),
                replace(evidence, confidence=0.0),
                hits,
            )
        threshold = self.settings.answer.abstain_threshold
        if threshold is None:
            threshold = self.abstention.threshold
        if evidence.vouched:  # questions asked before agree on the first passage
            threshold = 0.0
        answer = self.answerer.answer(
            question.strip(), cands.tokens, hits, evidence, threshold, cands.synonyms, cands.part
        )
        if answer.abstained and evidence.pinned:  # the article named does not state the fact asked
            answer = named_silent(question.strip(), hits[: evidence.pinned], evidence.confidence)
        part = evidence.unanswered_part
        # said unless the answer, drawing on passages beyond the top three, states it after all
        if part and not answer.abstained and not states_type(evidence.answer_type, [answer.answer], part):
            answer = replace(answer, notice=PART_NOT_FOUND.format(part=part))
        elif not (evidence.pinned or answer.abstained or asking_parts(question)[1:]):
            # one thing asked: an answer stating no fact of its kind (the rules' coarse kind, or the
            # finer one the sentences were chosen for: 多长时间开一次 a period or a frequency; also
            # a kind the rules do not require of the top passages, 保存多少年) is withheld
            kinds = {evidence.answer_type, answer_type(cands.query.original)} - {"", *SAID_MANY_WAYS}
            if kinds and not any(states_type(kind, [answer.answer], cands.query.original) for kind in kinds):
                answer = abstention(question.strip(), evidence.confidence)
        prior = self.question_prior
        if not answer.abstained and prior is not None and prior.withholds(evidence.prior):
            # a kind of question the documents seldom answer, though the passages are on its topic
            answer = abstention(question.strip(), evidence.confidence)
        if answer.abstained and not answer.citations:
            answer = replace(answer, related=self._nearest(cands, hits))
        unlisted = _amendments_unlisted(question, hits[: evidence.pinned])
        if unlisted and not answer.abstained:
            answer = _with_notices(answer, answer.notice, unlisted)
        absent = self._absent_articles(cands.missing_articles)
        if unindexed and not answer.abstained:  # an indexed law it names is answered
            answer = _with_notices(answer, answer.notice, unindexed)
        if absent and cands.pinned:  # another article it names exists: answered, the wrong number said
            answer = _with_notices(answer, absent, answer.notice)
        elif absent:  # whatever the search found, it is not the article asked for
            answer = Answer(question.strip(), absent, True, (), confidence=0.0)
            evidence = replace(evidence, confidence=0.0)
        elif answer.abstained and cands.query.wants_statutes:
            return self._right_to_propose(question, cands, filters) or (answer, evidence, hits)
        return answer, evidence, hits

    def _nearest(self, cands: Candidates, hits: Sequence[Hit]) -> tuple[Citation, ...]:
        """With an abstention, the first passages found that share a word with the question: a
        question in words no statute uses is withheld with its article often first (eval/RESULTS.md,
        step 208), and the reader can judge it; a question the documents have no word of
        (「明天的天气预报怎么样？」) gets none."""
        tokens = self.index.tokenizer.tokens
        words = {t for t in cands.tokens if len(t) > 1 and not is_bigram(t)}
        near = [
            h for h in hits[:RELATED_PASSAGES] if words & set(tokens(h.chunk.heading + "\n" + h.chunk.text))
        ]
        return build_citations(near)

    def _right_to_propose(
        self, question: str, cands: Candidates, filters: Filters | None
    ) -> tuple[Answer, Evidence, list[Hit]] | None:
        """A deputy asking the legal basis of a proposal on a topic the documents say nothing about
        (「我想提建议加强农村养老服务，有什么法律依据？」) still gets the right to propose (代表法
        第二十四条), with a notice that the topic has no basis here; None when the question names no
        such proposal or the documents do not give that right either."""
        asked = cands.query.proposal
        if asked is None:
            return None
        answer, evidence, hits = self._extractive(right_to_propose(asked.kind), filters)
        if answer.abstained:
            return None
        notice = TOPIC_NOT_FOUND.format(topic=asked.topic, kind=asked.kind)
        return replace(answer, question=question.strip(), notice=notice), evidence, hits

    def _article_count(self, question: str, doc_ids: Sequence[str]) -> Answer | None:
        """「知识库中的《…监督法》共六十五条，最后一条是第六十五条[1]。」 for each law whose number of
        articles the question asks, its last article cited; None when it asks none."""
        snap = self.index.snapshot()
        last = [
            Hit(snap.chunks[snap.articles[(doc_id, count)][0]], 1.0)
            for doc_id in doc_ids
            if (count := snap.article_counts.get(doc_id)) and snap.articles.get((doc_id, count))
        ]
        if not last:
            return None
        said = "".join(
            ARTICLE_COUNT.format(
                title=hit.chunk.title,
                count=_numeral(hit.chunk.article_no),
                article=hit.chunk.article,
                n=i + 1,
            )
            for i, hit in enumerate(last)
        )
        return Answer(question, said, False, build_citations(last), confidence=1.0)

    def _holds(self, quote: str) -> bool:
        """Whether a document holds the quoted sentence, near enough (text.quotes.holds)."""
        quoted = pairs(quote)
        return any(holds(chunk.text, quoted) for chunk in self.index.snapshot().chunks)

    @staticmethod
    def _quote_not_held(question: str, quote: str) -> Answer:
        """An abstention saying the quote is in no document, and which law of the bundled database
        holds it, if one does: a deputy quoting a law to cite it learns where to find it."""
        said = QUOTE_NOT_HELD.format(quote=quote)
        where = "、".join(f"《{law}》{article}" for law, article in where_quoted(quote))
        if where:
            said += QUOTE_ELSEWHERE.format(where=where)
        return Answer(question, said, True, (), confidence=0.0)

    def _absent_articles(self, missing: Sequence[tuple[str, int]]) -> str:
        """「知识库中的《…》没有第九十九条（共六十五条）…」 for each article named that its law lacks."""
        if not missing:
            return ""
        snap = self.index.snapshot()  # a document removed since the search is not named
        return "".join(
            NO_SUCH_ARTICLE.format(
                title=snap.titles[doc_id],
                article=_numeral(number),
                count=_numeral(snap.article_counts[doc_id]),
            )
            for doc_id, number in missing
            if doc_id in snap.article_counts
        )

    def chat(self, turns: Sequence[Turn], filters: Filters | None = None) -> tuple[Answer, str]:
        """Answer the last user turn, resolved against the earlier ones (「那罢免呢？」)."""
        question, earlier = last_question(turns)
        cleaned = [self.normalizer.clean(q) for q in earlier if q.strip()]
        resolved = self._law_carried(resolve(self.validate_query(question), cleaned), cleaned)
        answer = self.ask(resolved, filters)
        return replace(answer, question=question), resolved

    def _law_carried(self, question: str, earlier: Sequence[str]) -> str:
        """「第十二条呢？」 after 「选举法是哪年通过的？」 asks for 选举法's 第十二条: an article asked
        for with no law named takes the law the question before named, if it named one."""
        if not earlier or not asks_article_only(self.normalizer.normalize(question).canonical):
            return question
        self._open_for_reading()
        snap = self.index.snapshot()
        resolver = self.retriever.law_resolver(snap)
        named = resolver.named_documents(earlier[-1])  # indexed documents, all in snap.titles
        if resolver.named_documents(question) or not named:
            return question
        return short_name(snap.titles[named[-1]]) + question

    @cached_property
    def llm(self) -> LLMAnswerer | None:
        """The LLM answerer when RENDA_LLM_BASE_URL is set; None keeps everything extractive."""
        if not self.settings.llm.base_url:
            return None
        return LLMAnswerer(self.settings.llm, self.index.tokenizer.tokens)

    def _llm_answer(self, extractive: Answer, hits: Sequence[Hit]) -> Answer:
        assert self.llm is not None
        try:
            written = self.llm.answer(extractive.question, hits)
        except LLMError as exc:
            log.warning("LLM answer failed, returning the extractive one: %s", exc)
            notice = UNSUPPORTED_NOTICE if "no supported sentence" in str(exc) else FALLBACK_NOTICE
            # a part the passages do not answer (PART_NOT_FOUND) is still said
            return _with_notices(extractive, notice, extractive.notice)
        return replace(written, confidence=extractive.confidence, notice=written.notice or extractive.notice)

    @cached_property
    def abstention(self) -> AbstentionModel:
        return AbstentionModel.bundled(self.settings.embedding.backends)

    @cached_property
    def question_prior(self) -> QuestionPrior | None:
        # fitted beside the question bank, whose answerable questions worded alike it leaves alone:
        # without the bank it would judge the chairs' first questions it never saw (任期几年)
        if not (self.settings.answer.question_prior and self.settings.retrieval.bank):
            return None
        return QuestionPrior.bundled(self.settings.embedding.backends)

    def evidence(self, cands: Candidates, hits: Sequence[Hit]) -> Evidence:
        """Everything the abstention decision rests on, with the resulting confidence."""
        snap = self.index.snapshot()
        tokens = self.index.tokenizer.tokens
        question = concepts(cands.tokens, cands.synonyms)
        kind = required_type(cands.query.original)
        # judged on the top passages ranked on the topic alone (HybridRetriever: Candidates.topical)
        ranked = cands.topical or list(hits)
        # a question asking several things may find each in a passage of its own
        judged = ranked[: TOPICAL_HITS + len(asking_parts(cands.query.original)[1:])]
        texts = [h.chunk.text for h in judged]
        term, spelled = shorthand(cands.query.original, texts)
        # what a question asking for a fact is about: its rare terms, without the asking words,
        # taken from each form (the statute wording lengthens 一年…几次 past what the pattern spans);
        # not its level (县, 市辖区) nor a qualifier (至少), which the stating sentence seldom repeats
        asked_about = (
            [
                t
                for said in {cands.query.content, cands.query.canonical}
                for t in tokens(without_asking(kind, said))
            ]
            if kind
            else []
        )
        # not a colloquial word the normaliser put in statute wording (人大常委会, 批下来): rare
        # because statutes never say it, it would hold every statute sentence to a word none uses;
        # nor a character bigram, which spans words (市制 of 设区的市制定) as often as it names one;
        # nor a word of one character, rare in statutes for being colloquial (去, 办 of 「转给镇政府去办
        # 了…多长时间得给代表回话」), not for naming the topic
        replaced = cands.query.replaced_tokens(tokens)
        reworded = {said for said, _ in cands.query.synonyms}
        rare = {t for t in asked_about if snap.bm25.idf_of(t) >= SUBJECT_IDF and not is_bigram(t)}
        subject = {t for t in rare - replaced if len(t) > 1 and t not in LEVEL_WORDS and t not in QUALIFIERS}
        # a colloquial word the documents do use names the topic as well as the rest, where some
        # term already holds the sentence to it: the speech's 「月进站、季回家、年述职」 answers
        # 「讲话对代表多长时间进一次站、啥时候述职有什么说法？」 though 述职 was put in statute wording
        if subject:
            subject |= {t for t in rare & replaced if snap.bm25.knows(t)}
        # in a question asking several things, what the part asking for the fact is about
        part = part_asking(cands.query.original, kind) if kind else ""
        if part:
            subject &= set(tokens(self.normalizer.normalize(part).both))
        # the passage the answer opens with is judged beside them when the topic alone ranks it
        # right under them: the article stating 「多一人至三人」 for 副乡长 came fourth, under three
        # on nominating (one ranked fifth was lifted by the 二十日前 it states, not by its topic)
        after = {h.chunk.chunk_id for h in ranked[TOPICAL_HITS : TOPICAL_HITS + 1]}
        first = [h.chunk.text for h in hits[:1] if h.chunk.chunk_id in after]
        named = {snap.chunks[pos].chunk_id for pos in cands.pinned}
        pinned = next((i for i, hit in enumerate(hits) if hit.chunk.chunk_id not in named), len(hits))
        # an article the question names is the answer, so it must state the fact asked: 「预算法第五十
        # 条说…要报县政府备案，最迟批准后多少天内报？」 is not answered by 「应当及时」
        # (anywhere in it: the article is the answer whichever sentence states it)
        if pinned and not part:
            type_found = states_type(kind, [h.chunk.text for h in hits[:pinned]], cands.query.original)
        else:
            type_found = states_type(kind, texts + first, cands.query.original, subject, tokens, cands.bodies)
        ev = Evidence(
            confidence=0.0,
            top_score=judged[0].score if judged and not pinned else 0.0,
            coverage=coverage(question, judged, snap.bm25.idf_of, tokens),
            unknown_names=unknown_names(
                self.index.tokenizer.proper_names(cands.query.original)
                + other_bodies(cands.query.original, cands.bodies),
                known_or_reworded(snap.bm25.knows, reworded),
            ),
            answer_type=kind,
            type_found=type_found,
            similarities=best_similarities(judged, [n for n in self.retriever.use if n != "bm25"]),
            pinned=pinned,
            shorthand=term,
            spelled_out=spelled,
            # the one part of a several-part question asking for the fact not stated (`part` is ""
            # for a question asking one thing or asking no kind of fact)
            unanswered_part="" if type_found else part,
        )
        if pinned:
            confidence = 0.0 if ev.features()["type_missing"] else 1.0
        else:
            confidence = self.abstention.confidence(ev.features()) if hits else 0.0
        vouched = self.retriever.vouched(cands, hits)
        prior = self.question_prior
        # not where something more specific decides: an article named, the bank vouching, or a
        # question worded like an answerable one asked before (the kind is then no guide); nor on
        # an index holding none of the bank's passages (a user's own documents): it was fitted on
        # the default corpus's questions, with the bank beside it
        near = cands.bank_nearest
        asked_before = near is None or near >= self.settings.retrieval.bank_vouch_similarity
        weighed = hits and not (pinned or vouched or asked_before)
        score = prior.score(cands.vectors, confidence) if prior is not None and weighed else None
        return replace(ev, confidence=confidence, vouched=vouched, prior=score)

    def documents(self) -> list[DocumentInfo]:
        if not self.index.exists():
            return []
        return self.index.catalog.documents()

    def passage(self, chunk_id: str, context: int = 300) -> Passage:
        """A chunk with up to `context` characters of its document on each side."""
        self._open_for_reading()
        snap = self.index.snapshot()
        pos = snap.position.get(chunk_id)
        if pos is None:
            raise NotFound(f"段落不存在：{chunk_id}")
        chunk = snap.chunks[pos]
        text = self.index.catalog.document_text(chunk.doc_id) or ""
        before = text[max(0, chunk.start - context) : chunk.start]
        after = text[chunk.end : chunk.end + context]
        return Passage(
            chunk.chunk_id,
            chunk.doc_id,
            chunk.title,
            chunk.section,
            chunk.source,
            before,
            chunk.text,
            after,
            before_truncated=chunk.start > context,
            after_truncated=chunk.end + context < len(text),
        )

    def validate_query(self, query: str) -> str:
        if not isinstance(query, str) or not query.strip():
            raise InvalidInput("问题不能为空")
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidInput(f"问题过长（{len(query)} 字），请控制在 {MAX_QUERY_CHARS} 字以内")
        cleaned = self.normalizer.clean(query)
        if not cleaned.strip():
            raise InvalidInput("问题中没有可识别的文字")
        return cleaned

    def _open_for_reading(self) -> None:
        """Check the index once; finish what an interrupted writer left, unless one is at work."""
        if self._checked:
            return
        self.index.check_manifest(create=False)
        if self.index.catalog.pending():
            with write_lock(self.index.directory, blocking=False) as acquired:
                if acquired:
                    Ingester(self.index).recover()
        self._checked = True

    def warm_up(self) -> None:
        """Load what the first question needs (the index snapshot with its BM25 matrix, the
        embedding models, jieba, Chroma, the law-name resolver, the answer models), so that it is
        answered at warm speed. Never calls the LLM. One step after the other: every step holds
        the GIL nearly all the time, and the snapshot's SQLite reads, which drop it on every row,
        took 4 s instead of 0.6 s on all 352 laws when run beside the model imports."""
        self._open_for_reading()
        self.retriever.bank_view(self.index.snapshot())
        self._extractive(WARM_UP_QUERY, None)  # its dense searches load every embedding model

    def close(self) -> None:
        if "index" in self.__dict__:
            self.index.close()


def _amendments_unlisted(question: str, named: Sequence[Hit]) -> str:
    """The notice for a question on a law's amendments answered from a 题注 that lists none (an
    imported law's header gives its current version only): quoting it would read as if the
    law had never been amended."""
    headers = bool(named) and all(hit.chunk.is_header for hit in named)
    if not headers or not _ASKS_AMENDMENTS.search(question):
        return ""
    if any(word in hit.chunk.text for hit in named for word in _AMENDED):
        return ""
    return NO_AMENDMENTS_LISTED.format(title=named[0].chunk.title)


def _with_notices(answer: Answer, *notices: str) -> Answer:
    """The answer with these notices, in this order, the empty ones left out."""
    return replace(answer, notice=" ".join(filter(None, notices)))


def _numeral(number: int) -> str:
    """An article number as statutes write it (九十九), or in digits beyond their range."""
    return int_to_cn(number) if 0 < number < 10000 else str(number)
