"""Shared fixtures: small real documents written for the tests, real models, real Chroma in tmp."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from assistant.config import EmbeddingSettings, Settings
from assistant.service import Assistant

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPO = Path(__file__).resolve().parents[1]

REGULATION = """# 某某镇人民代表大会工作条例

2021年5月20日 某某镇第十届人民代表大会第三次会议通过

2023年6月1日 某某镇第十届人民代表大会第五次会议 第一次修正

<!-- INFO END -->

## 第一章 总则

第一条 为了规范镇人民代表大会的工作，根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，制定本条例。

第二条 镇人民代表大会是基层地方国家权力机关。

## 第二章 会议

### 第一节 会议的举行

第三条 镇人民代表大会会议每年至少举行两次。会议由主席团召集。

遇有特殊情况，经主席团决定，可以提前或者推迟召开会议。

第四条 镇人民代表大会主席团在闭会期间履行下列职责：

（一）联系本级人民代表大会代表；

（二）组织代表开展视察和调研活动；

（三）听取和反映代表和群众对镇人民政府工作的建议、批评和意见；

（四）依照本条例第三条的规定召集会议。

第五条 代表五人以上联名，可以提出属于本级人民代表大会职权范围内的议案。依照本条例第四条提出的意见，由主席团交镇人民政府研究办理，并在三个月内答复。

### 第二节 罢免

第六条 镇人民代表大会举行会议的时候，主席团或者五分之一以上代表联名，可以提出对镇长、副镇长的罢免案。
"""

SPEECH = """同志们：
今年是本届镇人大任期的第三年。下面，我讲三点意见。
一、提高认识，做好代表工作
一是要抓好代表培训。镇人大每年至少举办两次代表集中培训，培训内容包括法律知识和履职技能。
二是要办好代表之家。全镇共建成五个代表之家，代表每月进站接待选民一次。
二、加强监督，推动民生实事落实
一是要听取镇政府关于垃圾分类工作的报告。二是要开展饮用水安全专题调研。
"""


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session: each text is embedded by the real model once, not per test."""
    return tmp_path_factory.mktemp("cache") / "embeddings.sqlite"


def make_settings(index_dir: Path, cache: Path, **overrides: object) -> Settings:
    return Settings(index_dir=index_dir, embedding=EmbeddingSettings(cache_path=cache), **overrides)  # type: ignore[arg-type]


# Tests of answers that m3e-small-int8's batch-dependent vectors happened to get right and float32's
# do not (eval/RESULTS.md step 57): kept failing on purpose, the defect described in each
NEAR_TIE_UNDER_FLOAT32 = pytest.mark.xfail(
    strict=True,
    reason="near ties: passed with m3e-small-int8's batch-dependent vectors, not with float32's",
)

SMALL = {"工作条例.md": REGULATION, "镇人大讲话.txt": SPEECH}


def write_dev_questions(path: Path, rows: Sequence[tuple[str, bool]], relevant: str) -> Path:
    """A questions file in eval/'s format: dev questions, answerable ones with a gold passage of
    工作条例 holding `relevant`."""
    lines = [
        json.dumps(
            {
                "id": f"q-{i}",
                "kind": "procedure" if ok else "unanswerable",
                "question": q,
                "relevant": [{"title": "工作条例", "contains": relevant}] if ok else [],
                "answerable": ok,
                "split": "dev",
            },
            ensure_ascii=False,
        )
        for i, (q, ok) in enumerate(rows)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_index(root: Path, cache: Path, files: dict[str, str] = SMALL, **overrides: object) -> Assistant:
    """A real index (real models, jieba, Chroma) of the given documents under root/index."""
    assistant = Assistant(make_settings(root / "index", cache, **overrides))
    report = assistant.ingest([write_corpus(root / "corpus", files)], progress=False)
    assert report.count("added") == len(files), report.results
    return assistant


@pytest.fixture
def settings(tmp_path: Path, embedding_cache: Path) -> Settings:
    return make_settings(tmp_path / "index", embedding_cache)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    folder = write_corpus(tmp_path / "corpus", SMALL)
    (folder / "通知.txt").write_bytes(
        "关于召开镇人民代表大会第六次会议的通知\n会议定于三月十日举行，请各位代表准时出席。\n".encode("gbk")
    )
    return folder


@pytest.fixture(scope="session")
def small_assistant(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Iterator[Assistant]:
    """A real index (real models, jieba, Chroma) over the small corpus, shared read-only."""
    assistant = build_index(tmp_path_factory.mktemp("small"), embedding_cache)
    yield assistant
    assistant.close()


def build_default(root: Path, cache: Path, extra: Iterable[Path] = ()) -> Assistant:
    """The default corpus as `make run` builds it (imported congress laws + the sample speech),
    with extra files copied in beside it as a user imports his own documents."""
    from assistant.sources.china_law import import_laws

    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("laws"))
    import_laws(corpus / "laws")
    for path in extra:
        shutil.copy(path, corpus / path.name)
    assistant = Assistant(make_settings(root / "index", cache))
    report = assistant.ingest([corpus], progress=False)
    assert not report.failed, report.failed
    return assistant


@pytest.fixture(scope="session")
def default_assistant(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Iterator[Assistant]:
    assistant = build_default(tmp_path_factory.mktemp("default"), embedding_cache)
    yield assistant
    assistant.close()


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED
