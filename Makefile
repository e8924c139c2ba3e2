# automode-operator: every developer and CI entry point. `make help` lists the targets.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug
SOLUTION := Operator.sln
CLI := src/AutoMode.Operator
RESULTS := artifacts/test-results
IMG ?= ghcr.io/automode-operator/automode-operator:dev
# This machine's runtime identifier, for the ReadyToRun build (the image builds its own per target architecture).
RID ?= linux-$(shell uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## Build everything (warnings are errors)
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION)

render: ## Render every sample with no cluster: NodeClass + NodePool (+ IAM policy) as YAML
	$(DOTNET) run --project $(CLI) -c $(CONFIGURATION) -- render -f config/samples

validate: ## Validate every sample (and show the invalid ones failing)
	$(DOTNET) run --project $(CLI) -c $(CONFIGURATION) -- validate -f config/samples
	@echo "config/samples/invalid/ must fail, each file at the path its '# expect:' line names:"
	@if $(DOTNET) run --no-build --project $(CLI) -c $(CONFIGURATION) -- validate -R -f config/samples/invalid; then \
	  echo "error: config/samples/invalid/ passed validation"; exit 1; fi

test: ## Run the tests (unit, fake API server, fake AWS); prints "N passed, N failed"
	@rm -rf $(RESULTS)
	@set -o pipefail; $(DOTNET) test $(SOLUTION) -c $(CONFIGURATION) --logger trx --results-directory $(RESULTS) ; status=$$?; \
	  .ci/test-summary.sh $(RESULTS); exit $$status

format: ## Format the code
	$(DOTNET) format $(SOLUTION)

verify: ## Formatting gate, CRD/type drift test, clean tree
	$(DOTNET) format $(SOLUTION) --verify-no-changes
	$(DOTNET) test tests/AutoMode.Core.Tests -c $(CONFIGURATION) --filter "FullyQualifiedName~Crd"
	git diff --exit-code

e2e: ## End-to-end tests against the cluster in KUBECONFIG (README "End-to-end tests"); skipped without one
	OPERATOR_E2E=1 $(DOTNET) test tests/AutoMode.E2E.Tests -c $(CONFIGURATION) --logger "console;verbosity=detailed"

e2e-fake: ## The e2e tests against a loopback stand-in cluster (proves the test code, not the operator on a cluster)
	tests/AutoMode.E2E.Tests/FakeCluster/run-against-fake.sh

bench: publish ## Benchmark against the loopback fake API server (or BENCH_KUBECONFIG); rewrites docs/benchmarks.md
	$(DOTNET) run --project tests/AutoMode.Benchmarks -c Release -- $(BENCH_ARGS)

publish: ## Publish the operator as the image ships it (Release, ReadyToRun for this machine) into artifacts/publish
	$(DOTNET) publish $(CLI) -c Release -r $(RID) --self-contained false -p:PublishReadyToRun=true -o artifacts/publish

publish-aot: ## NativeAOT publish into artifacts/publish-aot
	$(DOTNET) publish $(CLI) -c Release -r linux-x64 -p:PublishAot=true -o artifacts/publish-aot

docker-build: ## Build the container image (needs a Docker engine)
	docker build -t $(IMG) .

deploy: ## Install CRD, RBAC and the operator into the cluster in KUBECONFIG
	kubectl apply -k config/default

undeploy: ## Remove what deploy installed
	kubectl delete -k config/default --ignore-not-found

.PHONY: help build render validate test format verify e2e e2e-fake bench publish publish-aot docker-build deploy undeploy
