# reportdesk — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean translations screenshots dist dist-check

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Qt Linguist: resources/translations/*.ts -> .qm (English UI, Vietnamese Qt buttons)
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) translations
	$(VENV)/bin/reportdesk

lint: $(STAMP)
	$(VENV)/bin/lint-imports

test: $(STAMP) translations
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 -q

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/editor_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/atmt_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/wayback_screenshots.py

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

# One-folder build: dist/reportdesk/ (reportdesk-gui = the window, reportdesk = the command line)
$(VENV)/bin/pyinstaller: | $(STAMP)
	$(PY) -m pip install --quiet "pyinstaller>=6.5"

dist: $(STAMP) translations | $(VENV)/bin/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/reportdesk

# runs the built programs: --version, demo headless, the window offscreen (scripts/check_dist.sh)
dist-check:
	scripts/check_dist.sh dist/reportdesk

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
