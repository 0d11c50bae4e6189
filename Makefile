# Two commands do all the set-up: `make run` (the chat) and `make test` (the whole suite).
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export TRANSFORMERS_VERBOSITY := error

.PHONY: run test ingest chromium bench eval

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Reinstalled only when pyproject.toml changes: a second `make test` starts at once.
$(VENV)/.deps-run: pyproject.toml | $(PY)
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

$(VENV)/.deps-dev: pyproject.toml $(VENV)/.deps-run
	$(PIP) install -e '.[dev]'
	touch $@

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

ingest: $(VENV)/.deps-run
	$(VENV)/bin/medcite ingest

# a file that fails to ingest is reported above; the chat still starts over everything else
run: $(VENV)/.deps-run
	-$(VENV)/bin/medcite ingest
	$(VENV)/bin/streamlit run app/web/streamlit_app.py --server.address 127.0.0.1 --server.port 8501 \
	  --server.headless true --browser.gatherUsageStats false

test: $(VENV)/.deps-dev chromium
	$(PY) -m pytest -q

bench: $(VENV)/.deps-run
	$(VENV)/bin/medcite bench ingest
	$(VENV)/bin/medcite bench query

eval: ingest
	$(VENV)/bin/medcite eval eval/sets/core.jsonl --report reports/core.md --html reports/core.html
