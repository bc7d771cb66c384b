# kubeworkbook: rebuild Kubernetes one working piece at a time.
#
#   make demo      the story so far: every finished stage's demo, in order
#   make test      every test of every stage (what CI runs)
#   make stage-N   stage N's tests, then its demo
#   make build     binaries into bin/
#   make bench     benchmarks, printed as ratios against a baseline
#   make compat    upstream kubectl, client-go, kube-scheduler and kube-controller-manager
#                  against our binaries (stage 2+)
#   make clean     remove build output and run directories

GO        ?= go
BIN       := $(CURDIR)/bin
RUN_DIR   ?= $(CURDIR)/run
# Two cores on the course machines: keep the go tool from oversubscribing them.
GOTESTFLAGS ?= -p 2 -count=1
export GOFLAGS := -buildvcs=false

STAGES    := 1 2
CMDS      := $(notdir $(wildcard cmd/*))

.PHONY: all build test bench demo clean vet fmt compat lab-1 lab-1-check $(addprefix stage-,$(STAGES)) $(addprefix demo-,$(STAGES))

all: build

build:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ $(addprefix ./cmd/,$(CMDS))

test: build
	$(GO) vet ./...
	$(GO) test $(GOTESTFLAGS) ./...
	@# The labs' tests must pass against their reference solutions.
	$(GO) test $(GOTESTFLAGS) -tags 'lab solution' ./labs/...

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# ---- stage 1: kubectl --------------------------------------------------------
stage-1: build
	$(GO) test $(GOTESTFLAGS) ./shared/... ./stages/01-kubectl/... ./cmd/kubectl/...
	@$(MAKE) --no-print-directory demo-1

demo-1: build
	@bash stages/01-kubectl/demo/demo.sh $(BIN)

lab-1:
	$(GO) test -count=1 -tags lab ./labs/01-kubectl/...

lab-1-check:
	$(GO) test -count=1 -tags 'lab solution' ./labs/01-kubectl/...

# ---- stage 2: the API server ------------------------------------------------
stage-2: build
	$(GO) test $(GOTESTFLAGS) ./stages/02-apiserver/... ./cmd/kube-apiserver/... ./cmd/kubeadm/...
	@$(MAKE) --no-print-directory demo-2

demo-2: build
	@bash stages/02-apiserver/demo/demo.sh $(BIN)

# ---- everything --------------------------------------------------------------
demo: build
	@for s in $(STAGES); do $(MAKE) --no-print-directory demo-$$s || exit 1; done

bench: build
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./stages/01-kubectl/... \
		./stages/02-apiserver/storage/ ./stages/02-apiserver/watchcache/ ./stages/02-apiserver/server/

# ---- compatibility: real clients nobody here wrote ----------------------------
# test/compat is its own Go module: the upstream kubectl, kube-scheduler and
# kube-controller-manager are built from their Go modules (k8s.io/kubectl,
# k8s.io/kubernetes) and pointed at our server. Cold, on 2 cores: about 2
# minutes for kubectl, then 2-3 minutes for each component; warm, seconds.
# Only the test package (.) is tested: `go test ./...` would compile the
# mains' packages again without -trimpath and CGO_ENABLED=0, for nothing.
UPSTREAM_VERSION := v1.37.2
UPSTREAM_LDFLAGS := $(foreach p,k8s.io/client-go/pkg/version k8s.io/component-base/version,\
	-X $(p).gitVersion=$(UPSTREAM_VERSION) -X $(p).gitMajor=1 -X $(p).gitMinor=37)
COMPAT_BIN := $(CURDIR)/test/compat/bin
COMPAT_CMDS := kubectl kube-scheduler kube-controller-manager

$(COMPAT_BIN)/%: test/compat/go.mod test/compat/go.sum test/compat/cmd/%/main.go
	cd test/compat && CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(UPSTREAM_LDFLAGS)' -o $@ ./cmd/$*

compat: build $(addprefix $(COMPAT_BIN)/,$(COMPAT_CMDS))
	cd test/compat && OUR_KUBECTL=$(BIN)/kubectl OUR_APISERVER=$(BIN)/kube-apiserver OUR_KUBEADM=$(BIN)/kubeadm \
		UPSTREAM_KUBECTL=$(COMPAT_BIN)/kubectl UPSTREAM_KUBE_SCHEDULER=$(COMPAT_BIN)/kube-scheduler \
		UPSTREAM_KUBE_CONTROLLER_MANAGER=$(COMPAT_BIN)/kube-controller-manager \
		$(GO) test $(GOTESTFLAGS) .

clean:
	rm -rf $(BIN) $(RUN_DIR) $(COMPAT_BIN)
	$(GO) clean -testcache
