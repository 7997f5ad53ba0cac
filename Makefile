# The two commands of the README: `make demo` grades the bundled examples, `make test` runs the tests
# (`make test-quick`, for inner loops, leaves out the corpus and the attacks).
# Each creates .venv when it is missing. torch and torchvision are pinned to the releases this
# course's machines carry on disk (pip takes them from local files; pyproject admits ranges).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/classic-grade: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "torch==2.14.1" "torchvision==0.29.1"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

.PHONY: venv demo test test-quick messages
venv: $(BIN)/classic-grade

demo: venv
	@for example in autograder/classic_grade/examples/*/*.py; do \
		assignment=$$(basename $$(dirname $$example)); \
		$(BIN)/classic-grade grade $$example --assignment $$assignment --all --reveal-hidden --device cpu || exit 1; \
	done

# Every test, the attacks included, in parallel processes, one per core (each with its own session
# zygote). The attacks' leftover scan counts only their own graders' processes, so they may run beside
# the rest; they share one process with the other timing-sensitive modules (tests/conftest.py).
ATTACKS := tests/test_adversarial.py

test: venv
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --durations=15

test-quick: venv
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --ignore=$(ATTACKS) --ignore=tests/test_corpus.py

# The message catalog (autograder/classic_grade/locale/): extract every msgid from the code and the
# rubric/spec data, merge into each language's .po, then list what still lacks a translation.
messages: venv
	$(BIN)/python -m classic_grade.message_catalog update
	$(BIN)/python -m classic_grade.message_catalog check || true
# The known-mistakes library (package data) from the corpus's MISTAKE lines; tests/test_name_the_mistake.py
# fails when the two drift apart.
.PHONY: mistakes
mistakes: venv
	$(BIN)/python -m classic_grade.mistakes.build
