# RACE Planner: every command installs what it needs first (see scripts/setup.sh).
SHELL := bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: serve test build size bench setup clean

## serve: build and serve the app locally with live reload, at http://127.0.0.1:8080/
serve:
	scripts/setup.sh build
	@mkdir -p test-results screenshots e2e-site target  # Trunk's watcher wants its ignored folders to exist
	@echo "RACE Planner: open http://127.0.0.1:8080/ (Ctrl+C stops the server)"
	trunk serve

## test: every check (format, lint, native tests, browser tests, end-to-end tests)
test:
	scripts/test.sh

## build: the release build in dist/ (PUBLIC_URL=/race-planner/ for a project site)
build:
	scripts/setup.sh build
	source scripts/release-env.sh && trunk build --release --public-url $(or $(PUBLIC_URL),/)

## size: the release bytes a visit downloads (raw and gzip), checked against the budget in size-budget.txt
size: build
	scripts/size.sh

## bench: size and speed of the release build next to a blank page and a bare Leptos page (headless
## Chromium, Lighthouse, the engine natively and in wasm); writes bench/results.json and docs/performance.md
bench:
	scripts/bench.sh

clean:
	rm -rf dist e2e-site test-results playwright-report screenshots
	cargo clean
