# 人大履职助手 — `make run` sets everything up and answers from the default corpus;
# `make test` sets everything up and runs the whole test suite (what CI runs).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INDEX  ?= indexes/default
# Everything the default job needs ships inside installed packages: never ask a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

# The provincial regulations a user would import beside the default corpus (../shared, not shipped)
SHARED_LAWS ?= ../shared/corpus/laws
REGULATIONS := 北京市乡镇人民代表大会组织条例 县级以下人大代表直接选举若干规定 山东省乡镇人民代表大会工作若干规定 \
	河南省乡镇人民代表大会主席团工作条例 浙江省乡镇人民代表大会工作条例 浙江省县乡两级人民代表大会代表选举实施细则 \
	重庆市乡镇人民代表大会工作条例

.PHONY: setup index run serve test lint eval eval-imported bench clean

$(STAMP): requirements.txt requirements-nodeps.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first: the CPU wheel from local disk (a later resolver would pull a CUDA build)
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -r requirements.txt -r requirements-dev.txt
	# their declared dependencies pin an old pydantic / unrelated packages
	$(BIN)/pip install --no-deps -r requirements-nodeps.txt
	$(BIN)/pip install --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

index: setup
	$(BIN)/renda import-laws
	$(BIN)/renda ingest corpus --index $(INDEX)

run: index
	$(BIN)/renda ask "乡镇人大开会一年开几次？" --index $(INDEX)
	@echo
	@echo "启动网页与 API：http://127.0.0.1:8000/ （Ctrl+C 停止）"
	$(BIN)/renda serve --index $(INDEX)

serve: setup
	$(BIN)/renda serve --index $(INDEX)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup
	scripts/install-browser.sh
	$(MAKE) lint
	$(BIN)/pytest

eval: index
	$(BIN)/renda eval --index $(INDEX)

# the default corpus with the regulations imported, and the questions asked of them
eval-imported: setup
	$(BIN)/renda import-laws
	$(BIN)/renda ingest corpus $(foreach r,$(REGULATIONS),$(SHARED_LAWS)/$(r).md) --index indexes/imported
	$(BIN)/renda eval --index indexes/imported --questions eval/questions_imported.jsonl --no-baselines

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) indexes/default indexes/imported corpus/laws
