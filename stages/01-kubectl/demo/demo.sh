#!/usr/bin/env bash
# Stage 1 demo: kubectl catches bad input on the client, before any request,
# and builds a Deployment locally with --dry-run=client.
#
# Usage: demo.sh BIN_DIR. Needs no API server: the kubeconfig below points at
# a port nothing listens on, so any request that slipped out would fail loudly.
set -uo pipefail
bin=${1:?usage: demo.sh BIN_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A kubeconfig for a server that is not there (port 1 on loopback).
cat >"$work/config" <<CFG
apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
    insecure-skip-tls-verify: true
contexts:
- name: demo
  context: {cluster: nowhere, user: student}
current-context: demo
users:
- name: student
  user: {token: demo-token}
CFG
export KUBECONFIG="$work/config" KUBECACHEDIR="$work/cache" HOME="$work"

rejected=0
# Commands are shown in bold on a terminal; piped into a file or a CI log,
# the escape codes would only be noise.
bold='' plain=''
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }
expect_rejected() {
  step "$*"
  # -v 6 would print every request; none may appear.
  if out=$("$@" -v 6 2>&1); then
    echo "$out"
    echo "demo: expected this command to fail" >&2
    exit 1
  fi
  echo "$out"
  if grep -Eq '(GET|POST|PUT|PATCH|DELETE) https://' <<<"$out"; then
    echo "demo: a request was sent before validation" >&2
    exit 1
  fi
  rejected=$((rejected + 1))
}

echo "== Talk 000 \"Client side validation\": bad input never leaves the client"
expect_rejected "$bin/kubectl" create deployment x --image='nginx 1.23.2-alpine' --dry-run=client
expect_rejected "$bin/kubectl" create deployment Nginx_1 --image=nginx --dry-run=client
expect_rejected "$bin/kubectl" create -f "$here/talk002-nginx.yaml"

echo
echo "== Talk 000 \"kubectl\": the Deployment kubectl would send, built locally"
step "$bin/kubectl create deployment nginx --image=nginx --replicas=3 --dry-run=client -o yaml"
yaml=$("$bin/kubectl" create deployment nginx --image=nginx --replicas=3 --dry-run=client -o yaml) || exit 1
echo "$yaml"
grep -q '^kind: Deployment$' <<<"$yaml" || { echo "demo: no Deployment printed" >&2; exit 1; }

echo
echo "stage 1 OK: $rejected bad inputs rejected with no request sent; dry-run Deployment printed ($(wc -l <<<"$yaml") lines of YAML)"
