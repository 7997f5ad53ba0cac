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

.PHONY: venv demo test test-quick messages zoo-counts
venv: $(BIN)/classic-grade

demo: venv
	@for example in autograder/classic_grade/examples/*/*.py; do \
		assignment=$$(basename $$(dirname $$example)); \
		$(BIN)/classic-grade grade $$example --assignment $$assignment --all --reveal-hidden --device cpu || exit 1; \
	done

# Every test but the attacks in parallel processes, one per core (each with its own session zygote),
# the timing-sensitive modules in one of them (tests/conftest.py); then the attacks, among themselves
# only, also one process per core. Their leftover scan counts only their own graders' processes (each
# has its own uid slot, cgroups and subreaper), so two attacks side by side do not see each other; but
# their tight limits (3 s requests, process counts) are set for a machine where nothing else grades
# heavily: beside the corpus tests, a fork bomb's neighbour can take the processes its attack expects
# to run out of. (Side by side they took 137-153 s on two cores under load 4, against 236 s in a row.)
ATTACKS := tests/test_adversarial.py

test: venv
	@status=0; \
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --ignore=$(ATTACKS) --durations=15 || status=1; \
	$(BIN)/python -m pytest -q -n auto $(ATTACKS) --durations=5 || status=1; \
	exit $$status

test-quick: venv
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --ignore=$(ATTACKS) --ignore=tests/test_corpus.py

# The zoo's counts shipped with the package (read while the zoo's sources and torch are those they
# were counted from; tests/test_zoo_table_speed.py says when to run this).
zoo-counts: venv
	$(BIN)/python -m classic_grade.zoo_counts

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
