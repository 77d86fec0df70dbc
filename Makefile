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

.PHONY: setup index run serve test lint eval bench clean

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

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) indexes/default corpus/laws
