# Every user-facing command of the platform. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ENV   ?= dev
STACK ?= $(ENV)
GO    ?= go
BIN   := bin/platform
# Engine parallelism for preview/up/destroy. Empty: the deploy-time model's suggestion
# for STACK (`platform deploy-parallelism`), since Pulumi's default of 4 x CPUs can
# serialize a multi-region create on a small runner. See README "Cost and deploy-time
# estimates". Override with `make up PARALLEL=32`.
PARALLEL ?=
# set_parallel sets the shell variable p to PARALLEL, or to the model's suggestion.
set_parallel = p="$(PARALLEL)"; [ -n "$$p" ] || p=$$($(BIN) deploy-parallelism --env $(STACK)) || exit 2

# Switches (ALLOW, DRY_RUN, …) mean what they say: 1, true, yes (any case) turn them
# on; 0, false, no or empty turn them off; anything else stops make with an error
# naming the switch. $(call switch,NAME) is "1" when on, "" when off.
switch_on  := 1 true yes TRUE YES True Yes
switch_off := 0 false no FALSE NO False No
switch = $(strip $(if $(filter $(switch_on),$(strip $($(1)))),1,$(if $(filter-out $(switch_off),$(strip $($(1)))),$(error $(1)=$($(1)) is not a switch: use 1/true/yes or 0/false/no))))

# Exit status: make exits 2 whenever a command fails, whatever the command's own
# status; it prints that status ("make: *** [Makefile:NN: plan] Error 1"). Scripts and
# CI that need 0/1/2 (ok / policy violation or blocked review / bad input) run
# bin/platform directly (README "Exit status").

.PHONY: help build plan policy policy-list review test bench lint fmt vet tidy preview up destroy clean env-request env-list

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build the platform CLI (bin/platform) and the Pulumi program
	$(GO) build -o $(BIN) ./cmd/platform
	$(GO) build -o bin/game-platform .

plan: ## offline plan of ENV (default dev): summary, policies, capacity, cost, deploy time; TREE=1 adds every resource
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(BIN) plan --env $(ENV) $(if $(call switch,TREE),--tree)

policy: ## run the policy pack on a freshly generated offline plan of ENV (fails on a mandatory violation)
	@$(GO) build -o $(BIN) ./cmd/platform
	@mkdir -p .plans
	@# The plan's own verdict (exit 1) is not repeated: policy check reports it next.
	@$(BIN) plan --env $(ENV) --out .plans/$(ENV).plan.json > /dev/null 2> .plans/$(ENV).plan.err; rc=$$?; \
	if [ $$rc -gt 1 ]; then cat .plans/$(ENV).plan.err >&2; rm -f .plans/$(ENV).plan.err; exit $$rc; fi; rm -f .plans/$(ENV).plan.err
	@$(BIN) policy check --plan .plans/$(ENV).plan.json

policy-list: ## every policy with its description and enforcement level per tier
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(BIN) policy list

review: ## pull-request review comment: BASE=base.plan.json HEAD=head.plan.json (or PREVIEW=preview.json); FORMAT=json, ALLOW=1 (allow destructive)
	@if [ -z "$(HEAD)$(PREVIEW)" ]; then echo "usage: make review BASE=base.plan.json HEAD=head.plan.json  (or PREVIEW=pulumi-preview.json)"; exit 2; fi
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(BIN) review $(if $(BASE),--base $(BASE)) $(if $(HEAD),--head $(HEAD)) $(if $(PREVIEW),--preview $(PREVIEW)) $(if $(FORMAT),--format $(FORMAT)) $(if $(call switch,ALLOW),--allow-destructive)

vet: ## go vet
	$(GO) vet ./...

# The race detector runs on every package that starts goroutines and on every package
# that does not link the azure-native SDK; scripts/test-packages says why and which.
# scripts/test runs every test on every run, reusing test binaries whose inputs did
# not change (docs/benchmarks.md, "Test suite time"). TESTFLAGS='-test.run=X -test.v'.
test: ## gofmt check, go vet + the whole test suite (race detector where goroutines start)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed (make fmt):"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@GO='$(GO)' TESTFLAGS='$(value TESTFLAGS)' scripts/test

# Studio environment requests (README "Studio environment requests"). DRY_RUN=1 prints
# the file instead of writing it.
FILE ?=
env-request: ## validate, size, allocate and price a studio request, write its environment: FILE=environments/requests/<name>.yaml [DRY_RUN=1]
	@[ -n "$(FILE)" ] || { echo "usage: make env-request FILE=environments/requests/<name>.yaml [DRY_RUN=1]" >&2; exit 2; }
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(BIN) env request $(FILE) $(if $(call switch,DRY_RUN),--dry-run)

env-list: ## every environment: tier, studio, game, regions, owners, monthly cost, expiry
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(BIN) env list

# Benchmarks: plan time and allocations for 1-32 regions, the 6-region prod plan, policy
# evaluation per resource, the cost and critical-path computations. Output is
# benchstat-compatible; BENCHCOUNT=10 gives benchstat enough samples to compare runs.
BENCHCOUNT ?= 3
BENCHPKGS  ?= ./internal/offline/engine
bench: ## benchmarks (benchstat format): plan time vs regions, policy, cost, critical path; see docs/benchmarks.md
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) $(BENCHPKGS)

lint: ## gofmt check (and golangci-lint when installed)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@if command -v golangci-lint >/dev/null; then golangci-lint run ./...; else echo "golangci-lint not installed; gofmt only"; fi

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')

tidy: ## go mod tidy
	$(GO) mod tidy

preview: ## real `pulumi preview` of STACK with the policy pack (needs the Pulumi CLI and Azure login)
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(set_parallel); set -x; \
	pulumi preview --stack $(STACK) --policy-pack policies --parallel $$p --diff

up: ## real `pulumi up` of STACK with the policy pack; --parallel from the deploy-time model unless PARALLEL is set
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(set_parallel); set -x; \
	pulumi up --stack $(STACK) --policy-pack policies --parallel $$p

destroy: ## real `pulumi destroy` of STACK (protected prod resources refuse, by design)
	@$(GO) build -o $(BIN) ./cmd/platform
	@$(set_parallel); set -x; \
	pulumi destroy --stack $(STACK) --parallel $$p

clean: ## remove build outputs
	rm -rf bin
