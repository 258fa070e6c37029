# The two commands of the README:
#   make serve   build everything from the demo sources and serve the site on localhost:1313
#   make test    run every test
# Others:
#   make site    build the deployable site into public/
#   make data    validate the sources and write data/report/
#   make bench   run the benchmarks and print their figures
#
# SOURCES picks the folder of workbooks: make site SOURCES=/path/to/sources

GO      ?= go
HUGO    := $(GO) tool hugo
SOURCES ?= sources
PORT    ?= 1313

.PHONY: serve site data validate test test-go bench deps clean

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.package-lock.json

data:
	$(GO) run ./generator build -sources $(SOURCES)

validate:
	$(GO) run ./generator validate -sources $(SOURCES)

serve: deps data
	$(HUGO) server --bind 127.0.0.1 --port $(PORT) --disableFastRender

site: deps data
	$(HUGO) --gc --minify --cleanDestinationDir -d public

test: test-go

test-go: deps
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf public resources/_gen data/report
