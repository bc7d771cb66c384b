package pki_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// The first start generates the CA; the second loads the same one.
func ExampleEnsureCA() {
	dir, _ := os.MkdirTemp("", "pki-example")
	defer os.RemoveAll(dir)

	first, err := pki.EnsureCA(filepath.Join(dir, "pki"))
	if err != nil {
		fmt.Println(err)
		return
	}
	second, err := pki.EnsureCA(filepath.Join(dir, "pki"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(first.Cert.Subject, first.Cert.IsCA)
	fmt.Println("same serial:", first.Cert.SerialNumber.Cmp(second.Cert.SerialNumber) == 0)
	// Output:
	// CN=kubernetes true
	// same serial: true
}

// What the API server does on start, end to end: a CA, a serving
// certificate, an admin kubeconfig; then stage 1's client, reading that
// kubeconfig, is recognised by the server as kubernetes-admin in
// system:masters.
func Example() {
	dir, _ := os.MkdirTemp("", "pki-example")
	defer os.RemoveAll(dir)
	pkiDir := filepath.Join(dir, "pki")

	ca, err := pki.EnsureCA(pkiDir)
	if err != nil {
		fmt.Println(err)
		return
	}
	certFile, keyFile, err := ca.EnsureServingCert(pkiDir, pki.APIServerCertAndKeyBaseName, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	serving, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		subject := r.TLS.PeerCertificates[0].Subject
		fmt.Fprintf(w, "user=%s groups=%s", subject.CommonName, strings.Join(subject.Organization, ","))
	}))
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{serving},
		ClientCAs:    ca.Pool(),
		ClientAuth:   tls.RequireAndVerifyClientCert,
	}
	srv.StartTLS()
	defer srv.Close()

	cert, key, err := ca.IssueIdentity(pki.AdminIdentity())
	if err != nil {
		fmt.Println(err)
		return
	}
	path := filepath.Join(dir, "admin.kubeconfig")
	err = pki.WriteKubeconfig(path, pki.KubeconfigOptions{
		Server: srv.URL, CAPEM: ca.CertPEM, ClientCertPEM: cert, ClientKeyPEM: key,
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	cfg, err := kubeconfig.NewClientConfig(&kubeconfig.LoadingRules{ExplicitPath: path}, kubeconfig.Overrides{}).RESTConfig()
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := rest.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	body, err := client.Get(context.Background(), "/api")
	fmt.Println(string(body), err)
	// Output:
	// user=kubernetes-admin groups=system:masters <nil>
}

// Each control-plane part gets its own identity; the names are upstream's.
func ExampleNodeIdentity() {
	for _, id := range []pki.Identity{
		pki.AdminIdentity(),
		pki.NodeIdentity("worker-1"),
		pki.KubeSchedulerIdentity(),
		pki.KubeControllerManagerIdentity(),
		pki.KubeProxyIdentity(),
	} {
		fmt.Printf("CN=%s O=%v\n", id.CommonName, id.Organizations)
	}
	// Output:
	// CN=kubernetes-admin O=[system:masters]
	// CN=system:node:worker-1 O=[system:nodes]
	// CN=system:kube-scheduler O=[]
	// CN=system:kube-controller-manager O=[]
	// CN=system:kube-proxy O=[]
}
