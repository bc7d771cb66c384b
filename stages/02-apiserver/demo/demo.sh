#!/usr/bin/env bash
# Stage 2 demo: the stage-1 kubectl against a real API server over etcd.
#
# Usage: demo.sh BIN_DIR. Starts BIN_DIR/kube-apiserver on a free loopback
# port with a fresh data directory, creates and reads a Deployment with
# BIN_DIR/kubectl (talk 004, step 2 "save objects"), shows that discovery is
# asked once and then cached (talk 000, "API discovery", "-v 6"), reads the
# object's key and revision back from etcd itself, shows the request chain
# (a user with no role refused, then allowed to read by an RBAC binding; a
# pod refused by admission until its service account exists), and stops
# the server.
set -uo pipefail
bin=${1:?usage: demo.sh BIN_DIR}
work=$(mktemp -d)
data="$work/data"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "demo: $*" >&2
  if [[ -f "$work/apiserver.log" ]]; then
    echo "--- last lines of the API server's log ---" >&2
    tail -n 20 "$work/apiserver.log" >&2
  fi
  exit 1
}
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
command -v curl >/dev/null || fail "curl is needed to ask /readyz and etcd directly"

echo "== Talk 003 \"API server\": start kube-apiserver over an embedded etcd"
step "$bin/kube-apiserver --data-dir $data --secure-port 0 &"
"$bin/kube-apiserver" --data-dir "$data" --secure-port 0 >"$work/apiserver.log" 2>&1 &
pid=$!

# The address file appears once the listener has its port (and
# admin.kubeconfig is complete); /readyz passes once the namespaces exist.
for _ in $(seq 1 600); do
  [[ -s "$data/address" ]] && break
  kill -0 "$pid" 2>/dev/null || fail "kube-apiserver exited before serving"
  sleep 0.1
done
[[ -s "$data/address" ]] || fail "no $data/address after 60s"
addr=$(<"$data/address")
echo "serving on https://$addr (written to $data/address)"

step "curl --cacert $data/pki/ca.crt 'https://$addr/readyz?verbose'"
ready=""
for _ in $(seq 1 300); do
  if ready=$(curl -fsS --cacert "$data/pki/ca.crt" "https://$addr/readyz?verbose" 2>/dev/null); then break; fi
  ready=""
  sleep 0.1
done
[[ -n "$ready" ]] || fail "/readyz did not pass within 30s"
echo "$ready"

export KUBECONFIG="$data/admin.kubeconfig" KUBECACHEDIR="$work/cache" HOME="$work"
kubectl() { "$bin/kubectl" "$@"; }

echo
echo "== Talk 004, step 2 \"save objects\": kubectl creates, the server stores in etcd"
step "kubectl create deployment nginx --image=nginx"
kubectl create deployment nginx --image=nginx || fail "create failed"
step "kubectl get deployments"
table=$(kubectl get deployments) || fail "get failed"
echo "$table"
grep -q '^NAME  *READY  *UP-TO-DATE  *AVAILABLE  *AGE$' <<<"$table" || fail "unexpected table header"
step "kubectl get deployment nginx -o yaml"
yaml=$(kubectl get deployment nginx -o yaml) || fail "get -o yaml failed"
echo "$yaml"
grep -q 'type: RollingUpdate' <<<"$yaml" || fail "the server did not default spec.strategy"

echo
echo "== Talk 000 \"API discovery\" and \"-v 6\": discovery is fetched once, then cached"
discovery_requests() { grep -cE '/apis?\?timeout=' <<<"$1"; }
step "rm -rf \$KUBECACHEDIR   # forget the discovery the commands above cached"
rm -rf "$KUBECACHEDIR"
step "kubectl get deployments -v 6   # cold cache"
cold=$(kubectl get deployments -v 6 2>&1) || fail "get -v 6 failed"
echo "$cold"
step "kubectl get deployments -v 6   # warm cache"
warm=$(kubectl get deployments -v 6 2>&1) || fail "get -v 6 failed"
echo "$warm"
ncold=$(discovery_requests "$cold")
nwarm=$(discovery_requests "$warm")
[[ "$ncold" -gt 0 && "$nwarm" -eq 0 ]] || fail "expected discovery requests on the cold run only, got $ncold then $nwarm"

echo
echo "== Talk 003 \"etcd\": the object as etcd holds it"
rv=$(kubectl get deployment nginx -o jsonpath='{.metadata.resourceVersion}') || fail "get resourceVersion failed"
key=/registry/deployments/default/nginx
etcd=$(grep -o 'embedded etcd serving on \[http://127\.0\.0\.1:[0-9]*' "$work/apiserver.log" | grep -o 'http://.*' | head -n 1)
[[ -n "$etcd" ]] || fail "the log names no embedded etcd address"
step "curl $etcd/v3/kv/range -d '{\"key\": \"<base64 of $key>\"}'"
range=$(curl -fsS "$etcd/v3/kv/range" -d "{\"key\":\"$(printf '%s' "$key" | base64 -w0)\"}") || fail "etcd range request failed"
stored_key=$(grep -o '"key":"[^"]*"' <<<"$range" | head -n 1 | cut -d'"' -f4 | base64 -d)
mod_rev=$(grep -o '"mod_revision":"[0-9]*"' <<<"$range" | head -n 1 | cut -d'"' -f4)
echo "key:          $stored_key"
echo "mod_revision: $mod_rev   (kubectl's metadata.resourceVersion: $rv)"
[[ "$stored_key" == "$key" ]] || fail "etcd has no object under $key"
[[ "$mod_rev" == "$rv" ]] || fail "resourceVersion $rv is not the etcd revision $mod_rev"

echo
echo "== Talk 000 \"Server side authentication\", \"Authorization chain\": who asks, and may they?"
step "kubeadm kubeconfig user --data-dir $data --client-name jane --out jane.kubeconfig"
"$bin/kubeadm" kubeconfig user --data-dir "$data" --client-name jane --out "$work/jane.kubeconfig" || fail "kubeadm failed"
jane() { KUBECONFIG="$work/jane.kubeconfig" "$bin/kubectl" "$@"; }
step "KUBECONFIG=jane.kubeconfig kubectl get deployments   # a certificate, but no role"
out=$(jane get deployments 2>&1) && fail "jane listed deployments without a role"
echo "$out"
grep -q 'User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"' <<<"$out" || fail "unexpected refusal: $out"
step "kubectl create -f - <<< 'ClusterRoleBinding jane-view: ClusterRole view to User jane'"
kubectl create -f - <<'YAML' || fail "create clusterrolebinding failed"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: jane-view
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: jane}]
YAML
step "KUBECONFIG=jane.kubeconfig kubectl get deployments   # view may read"
for _ in $(seq 1 50); do out=$(jane get deployments 2>&1) && break; sleep 0.1; done
echo "$out"
grep -q '^nginx ' <<<"$out" || fail "jane cannot read deployments with view: $out"
step "KUBECONFIG=jane.kubeconfig kubectl create deployment web --image=nginx   # but not write"
out=$(jane create deployment web --image=nginx 2>&1) && fail "jane created a deployment with view only"
echo "$out"
grep -q 'User "jane" cannot create resource "deployments"' <<<"$out" || fail "unexpected refusal: $out"

echo
echo "== Talk 000 \"Admission controllers\": plugins change or refuse a write before etcd"
pod='{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"nginx"}]}}'
step "kubectl create -f pod.json   # no service account 'default' yet (stage 3 creates them)"
out=$(kubectl create -f - <<<"$pod" 2>&1) && fail "the pod was admitted without its service account"
echo "$out"
grep -q 'serviceaccount "default" not found' <<<"$out" || fail "unexpected refusal: $out"
step "kubectl create serviceaccount default && kubectl create -f pod.json"
kubectl create serviceaccount default || fail "create serviceaccount failed"
for _ in $(seq 1 50); do out=$(kubectl create -f - <<<"$pod" 2>&1) && break; sleep 0.1; done
echo "$out"
step "kubectl get pod web -o jsonpath='{.spec.volumes[0].name} {.spec.containers[0].volumeMounts[0].mountPath}'"
mount=$(kubectl get pod web -o jsonpath='{.spec.volumes[0].name} {.spec.containers[0].volumeMounts[0].mountPath}') || fail "get pod failed"
echo "$mount"
grep -q '^kube-api-access-.* /var/run/secrets/kubernetes.io/serviceaccount$' <<<"$mount" || fail "the ServiceAccount plugin did not mount the token: $mount"

step "kubectl delete deployment nginx"
kubectl delete deployment nginx || fail "delete failed"

step "kill -TERM $pid"
kill -TERM "$pid"
wait "$pid"
status=$?
pid=""
[[ "$status" -eq 0 ]] || fail "kube-apiserver exited with $status on SIGTERM"
[[ ! -e "$data/address" ]] || fail "$data/address left behind after shutdown"
echo "stopped cleanly"

echo
echo "stage 2 OK: deployment default/nginx stored in etcd under $key at revision $rv; discovery requests: $ncold cold, $nwarm warm;"
echo "  jane refused, then allowed to read by RBAC; a pod refused, then admitted with its token mounted; server stopped cleanly"
