// Data directory: what the server keeps under --data-dir, and the two
// files it writes there for its clients.
//
// Interface:
//   - The names: DataDir/etcd, DataDir/pki, DataDir/admin.kubeconfig,
//     DataDir/address (AdminKubeconfigFile, AddressFile, ...).
//   - servingTLS(cfg): the CA and serving certificate (generated on the
//     first start, reused after), as a tls.Config.
//   - writeClientFiles: the admin kubeconfig and the address file, written
//     once the listener's port is known.
//
// Talk 000, "Server side authentication" and "Client authentication":
// the server proves who it is with the serving certificate, and a client
// proves who it is with a certificate from the same CA; admin.kubeconfig
// carries the CA and an admin certificate (CN=kubernetes-admin,
// O=system:masters) to both kubectls.
package server

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// Names inside --data-dir.
const (
	// EtcdDir holds the embedded etcd's data (unless --etcd-servers).
	EtcdDir = "etcd"
	// PKIDir holds ca.crt/ca.key and apiserver.crt/apiserver.key.
	PKIDir = "pki"
	// AdminKubeconfigFile is the kubeconfig of the cluster admin,
	// rewritten on every start with the server's current URL.
	AdminKubeconfigFile = "admin.kubeconfig"
	// AddressFile holds "host:port" while the server runs, so a script
	// that started it with --secure-port 0 can find it.
	AddressFile = "address"
)

// servingTLS loads or creates the CA and the serving certificate under
// DataDir/pki and returns the listener's TLS configuration. The serving
// certificate covers loopback and the in-cluster names, plus the bind
// address when it is a specific IP.
//
// Client certificates are requested but not required or checked here:
// the request chain's x509 authenticator checks them (chain.go), a
// request with a token and no certificate must get through, and a
// handshake that failed over a bad certificate would answer with a TLS
// alert instead of the 401 Status a client can read.
func servingTLS(cfg *Config) (*tls.Config, *pki.CA, error) {
	dir := filepath.Join(cfg.DataDir, PKIDir)
	ca, err := pki.EnsureCA(dir)
	if err != nil {
		return nil, nil, err
	}
	var hosts []string
	if ip := net.ParseIP(cfg.BindAddress); ip != nil && !ip.IsUnspecified() {
		hosts = append(hosts, ip.String())
	}
	certFile, keyFile, err := ca.EnsureServingCert(dir, pki.APIServerCertAndKeyBaseName, hosts)
	if err != nil {
		return nil, nil, err
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, nil, fmt.Errorf("load serving certificate %s: %w", certFile, err)
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequestClientCert,
		// Sent to clients as the acceptable issuers, so a client with
		// several certificates picks one this CA signed.
		ClientCAs:  ca.Pool(),
		MinVersion: tls.VersionTLS12,
	}, ca, nil
}

// clientHost is the address clients dial for a listener on addr: the
// loopback address when the server listens on all addresses.
func clientHost(listenAddr *net.TCPAddr) string {
	ip := listenAddr.IP
	switch {
	case ip.IsUnspecified() && ip.To4() != nil:
		ip = net.IPv4(127, 0, 0, 1)
	case ip.IsUnspecified():
		ip = net.IPv6loopback
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(listenAddr.Port))
}

// writeClientFiles writes DataDir/admin.kubeconfig for the server at
// https://addr, with a fresh admin certificate, and then DataDir/address,
// so a script that waits for the address file finds the kubeconfig
// complete.
func writeClientFiles(dataDir, addr string, ca *pki.CA) error {
	certPEM, keyPEM, err := ca.IssueIdentity(pki.AdminIdentity())
	if err != nil {
		return fmt.Errorf("issue admin certificate: %w", err)
	}
	err = pki.WriteKubeconfig(filepath.Join(dataDir, AdminKubeconfigFile), pki.KubeconfigOptions{
		Server: "https://" + addr, CAPEM: ca.CertPEM, ClientCertPEM: certPEM, ClientKeyPEM: keyPEM,
	})
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dataDir, AddressFile), []byte(addr+"\n"))
}

// writeFileAtomic replaces path with data through a temporary file, so a
// reader never sees half of it.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// UserKubeconfig returns a kubeconfig for the user id, with a client
// certificate signed by the CA under dataDir/pki and the server address
// from dataDir/address (server when it is set). It is what `kubeadm
// kubeconfig user` prints: the way a node, a component or a person gets
// credentials this server's x509 authenticator accepts.
func UserKubeconfig(dataDir, server string, id pki.Identity, validity time.Duration) ([]byte, error) {
	if id.CommonName == "" {
		return nil, fmt.Errorf("the client name is empty; give the user name, such as system:node:worker-1")
	}
	if server == "" {
		addr, err := os.ReadFile(filepath.Join(dataDir, AddressFile))
		if err != nil {
			return nil, fmt.Errorf("find the server address (start kube-apiserver --data-dir %s first, or give --server): %w", dataDir, err)
		}
		server = "https://" + strings.TrimSpace(string(addr))
	}
	caDir := filepath.Join(dataDir, PKIDir)
	if _, err := os.Stat(filepath.Join(caDir, pki.CACertName)); err != nil {
		return nil, fmt.Errorf("no CA in %s (start kube-apiserver --data-dir %s once to create it): %w", caDir, dataDir, err)
	}
	ca, err := pki.EnsureCA(caDir)
	if err != nil {
		return nil, err
	}
	certPEM, keyPEM, err := ca.IssueClientCert(id.CommonName, id.Organizations, validity)
	if err != nil {
		return nil, fmt.Errorf("issue a certificate for %s: %w", id.CommonName, err)
	}
	return pki.KubeconfigBytes(pki.KubeconfigOptions{
		Server: server, CAPEM: ca.CertPEM, ClientCertPEM: certPEM, ClientKeyPEM: keyPEM,
	})
}
