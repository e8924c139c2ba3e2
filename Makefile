# automode-operator: every developer and CI entry point. `make help` lists the targets.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug
SOLUTION := Operator.sln
CLI := src/AutoMode.Operator
RESULTS := artifacts/test-results
# Release path (README "Install"): VERSION is stamped into the binary and names the image tag v$(VERSION). By default
# it is the release (Directory.Build.props VersionPrefix) on the commit tagged v<that>, else <that>-dev.g<commit>.
# Computed once per make run (not at every reference), unless given: make image VERSION=1.2.3.
ifeq ($(origin VERSION),undefined)
VERSION := $(shell hack/version.sh)
endif
ifeq ($(origin REVISION),undefined)
REVISION := $(shell git rev-parse HEAD 2>/dev/null)
endif
REPOSITORY ?= ghcr.io/automode-operator/automode-operator
IMG ?= $(REPOSITORY):v$(VERSION)
# Comma-separated platforms for a multi-architecture image (docker buildx), e.g. linux/amd64,linux/arm64; empty builds
# for this machine's platform with plain docker build.
PLATFORMS ?=
IMAGE_BUILD_ARGS = --build-arg VERSION=$(VERSION) --build-arg REVISION=$(REVISION) -t $(IMG)
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

bench: bench-crds publish ## Benchmark against the loopback fake API server (or BENCH_KUBECONFIG); rewrites docs/benchmarks.md
	$(DOTNET) run --project tests/AutoMode.Benchmarks -c Release -- $(BENCH_ARGS)

# Against a real API server, the CRDs are checked before the minutes of building: kubectl names each missing one and
# make stops. (The bench checks them again itself: CrdPreflight.)
bench-crds:
	@if [ -n "$${BENCH_KUBECONFIG:-}" ]; then \
	  timeout 20 kubectl --kubeconfig "$$BENCH_KUBECONFIG" get crd workloadclasses.automode.io nodeclasses.eks.amazonaws.com \
	    nodepools.karpenter.sh nodeclaims.karpenter.sh -o name >/dev/null \
	  || { echo "make bench: the API server in BENCH_KUBECONFIG must be reachable and serve these four CRDs (crds/, ../shared/crds/upstream; README)" >&2; exit 3; }; fi

publish: ## Publish the operator as the image ships it (Release, ReadyToRun for this machine) into artifacts/publish
	$(DOTNET) publish $(CLI) -c Release -r $(RID) --self-contained false -p:PublishReadyToRun=true -p:Version=$(VERSION) -o artifacts/publish

# Not in `make help`: NativeAOT does not build today (IL2104/IL3053 after ~37 min; docs/benchmarks.md "NativeAOT").
publish-aot:
	$(DOTNET) publish $(CLI) -c Release -r linux-x64 -p:PublishAot=true -o artifacts/publish-aot

version: ## Print the version this tree builds (image tag v<version>)
	@echo $(VERSION)

image: ## Build the image IMG, tag v<version> (PLATFORMS=linux/amd64,linux/arm64 for buildx; needs a container engine)
ifeq ($(PLATFORMS),)
	docker build $(IMAGE_BUILD_ARGS) .
else
	@echo "Multi-platform: the image stays in the buildx cache; make push PLATFORMS=$(PLATFORMS) builds and pushes it."
	docker buildx build --platform $(PLATFORMS) $(IMAGE_BUILD_ARGS) .
endif

docker-build: image ## Alias of image

push: ## Push IMG (with PLATFORMS: build all platforms and push them as one multi-architecture image)
ifeq ($(PLATFORMS),)
	docker push $(IMG)
else
	docker buildx build --platform $(PLATFORMS) $(IMAGE_BUILD_ARGS) --push .
endif

image-steps: ## Run the Dockerfile's build steps without a container engine (CI; catches a broken image build)
	VERSION=$(VERSION) REVISION=$(REVISION) hack/image-steps.sh

# config/default as committed (the release image), or, when IMG or REPOSITORY is given, with the image $(IMG).
DEPLOY_DIR = $(if $(filter command line environment,$(origin IMG) $(origin REPOSITORY)),$$(hack/image-overlay.sh $(IMG)),config/default)

manifests: ## Print what deploy applies (IMG=<image:tag> or REPOSITORY=<image>: with your image)
	@kubectl kustomize $(DEPLOY_DIR)

deploy: ## Install CRD, RBAC and the operator into the cluster in KUBECONFIG (IMG=<image:tag> deploys your build)
	kubectl apply -k $(DEPLOY_DIR)

undeploy: ## Remove what deploy installed
	kubectl delete -k config/default --ignore-not-found

.PHONY: bench-crds help build render validate test format verify e2e e2e-fake bench publish publish-aot version image docker-build push \
  image-steps manifests deploy undeploy
