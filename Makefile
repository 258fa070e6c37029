# The two commands of the README:
#   make serve   build everything from the demo sources and serve the site on localhost:1313
#   make test    run every test
# Others:
#   make site    build the deployable site into public/
#   make data    validate the sources and write data/report/
#   make bench   run the benchmarks and print their figures: Go's, then each
#                phase at BENCH_YEARS (1,3,10) years of a synthetic provider
#   make fuzz    run each fuzz target for FUZZTIME (10s)
#   make google  import Google's published figures (../shared/real-data/google)
#                into tmp/google-sources and build the site from them
#
# SOURCES picks the folder of workbooks: make site SOURCES=/path/to/sources

GO      ?= go
HUGO    := $(GO) tool hugo
# The scales of make bench, in years of quarters of a big synthetic provider.
BENCH_YEARS ?= 1,3,10
SOURCES ?= sources
PORT    ?= 1313

.PHONY: serve site data validate verify test test-deps test-go fuzz test-browser test-browser-google bench deps clean google github

# The npm packages the build needs (scripts/npm-deps.sh; the test tools only
# for make test).
deps:
	@scripts/npm-deps.sh build

# Everything make test needs beyond Go and Node: the npm test tools, and
# Debian's chromium and libreoffice-calc where they are missing.
test-deps:
	@scripts/install-test-deps.sh

# DRAFTS=1 includes the periods report.toml marks as drafts, under a banner
# (deploy previews); without it they are left out entirely.
DRAFTS ?=

data: deps
	$(GO) run ./generator build -sources $(SOURCES) $(if $(DRAFTS),-drafts)

validate: deps
	$(GO) run ./generator validate -sources $(SOURCES)

# generated/hugo-server.toml (written by the build) gives Hugo's server the
# alias /downloads/latest/ of the newest release, as _redirects does on the host.
serve: deps data
	$(HUGO) server --config hugo.toml,generated/hugo-server.toml --bind 127.0.0.1 --port $(PORT) --disableFastRender

# BASE_URL is the address the site is served at, for its canonical links,
# Open Graph tags, feed, sitemap and citation; Netlify passes the one it
# deploys to (netlify.toml). Left empty, hugo.toml's localhost address.
BASE_URL ?=

site: deps data
	$(HUGO) --gc --minify --cleanDestinationDir -d public $(if $(BASE_URL),--baseURL $(BASE_URL))

test: test-deps test-go fuzz test-browser test-browser-google

# Hugo is compiled first (about two minutes on a fresh machine), so that the
# end-to-end tests that run it do not spend their time limit compiling it.
test-go: deps
	$(GO) vet ./...
	$(HUGO) version
	$(GO) test -timeout 20m ./...

# Every fuzz target (func FuzzXxx in a _test.go file) in turn, for FUZZTIME
# each: go test fuzzes one target per run. Their seed corpora
# (testdata/fuzz/FuzzXxx) also run in every go test. A failing input is
# written under the package's testdata/fuzz: commit it with the fix.
# Minimizing is off: in a run this short it would take most of the time
# (a workbook is large), and a failing input is kept as found.
FUZZTIME ?= 10s

fuzz: deps
	GO=$(GO) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

# Browser tests of the built site, then Lighthouse (scores printed and kept
# in test-results/lighthouse.txt); needs Debian's chromium, which
# make test-deps installs. LIGHTHOUSE=0 skips Lighthouse.
test-browser: deps
	SOURCES=$(SOURCES) scripts/browser-tests.sh

# The layout at four widths and axe-core again, on the site of Google's
# published figures (../shared/real-data/google, never copied into the
# project): real data has shapes the demo has not. Skipped where the data
# is absent, except in CI.
test-browser-google: deps
	@if [ -f $(GOOGLE_DATA)/google-global-user-data-requests.csv ]; then \
	  GOOGLE_DATA=$(GOOGLE_DATA) scripts/browser-tests.sh tests/browser/layout.test.mjs tests/browser/a11y-light.test.mjs; \
	elif [ -n "$$CI" ]; then \
	  echo "test-browser-google: no Google data in $(GOOGLE_DATA)"; exit 1; \
	else \
	  echo "test-browser-google: skipped, no Google data in $(GOOGLE_DATA)"; \
	fi

# Google's Transparency Report download, imported with its documented mapping
# (docs/importing.md); GOOGLE_DATA picks another copy of the files.
GOOGLE_DATA ?= ../shared/real-data/google

google: deps
	@test -f $(GOOGLE_DATA)/google-global-user-data-requests.csv || { echo "make google: no Google data in $(GOOGLE_DATA); set GOOGLE_DATA=path/to/the/google/folder"; exit 1; }
	$(GO) run ./generator import -mapping examples/mappings/google.toml -o tmp/google-sources $(GOOGLE_DATA)/*.csv
	$(MAKE) site SOURCES=tmp/google-sources

# GitHub's transparency data, by year, imported with its documented mapping;
# GITHUB_DATA picks another copy of the folder.
GITHUB_DATA ?= ../shared/real-data/github/requests_to_disclose_user_information

github: deps
	@test -f $(GITHUB_DATA)/requests_received_and_disclosed.csv || { echo "make github: no GitHub data in $(GITHUB_DATA); set GITHUB_DATA=path/to/requests_to_disclose_user_information"; exit 1; }
	$(GO) run ./generator import -mapping examples/mappings/github.toml -o tmp/github-sources $(GITHUB_DATA)/*.csv $(GITHUB_DATA)/by_calendar_year_half/*.csv
	$(MAKE) site SOURCES=tmp/github-sources

# Rebuild the site from the sources and compare public/ with it, every table
# cell, text and download (the browser tests verify the site they test too).
verify: deps
	$(GO) run ./generator verify -sources $(SOURCES) public

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./generator/bench -years $(BENCH_YEARS)

clean:
	rm -rf public resources/_gen data/report generated

# Publish the latest release of the downloads into releases/KEY/, where it is
# committed and never changes (docs/downloads.md).
.PHONY: release
release: deps
	$(GO) run ./generator release -sources $(SOURCES)
