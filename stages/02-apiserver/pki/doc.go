// Package pki is the API server's small certificate authority: the key
// pairs and certificates that make the connection between a client and the
// server TLS in both directions, and the kubeconfig files that carry them to
// the clients.
//
//	ca, err := pki.EnsureCA(dataDir + "/pki")          // ca.crt, ca.key
//	crt, key, err := ca.EnsureServingCert(dataDir+"/pki", pki.APIServerCertAndKeyBaseName, nil)
//	cert, keyPEM, err := ca.IssueIdentity(pki.AdminIdentity()) // CN=kubernetes-admin, O=system:masters
//	err = pki.WriteKubeconfig(dataDir+"/admin.kubeconfig", pki.KubeconfigOptions{
//		Server: "https://127.0.0.1:6443", CAPEM: ca.CertPEM,
//		ClientCertPEM: cert, ClientKeyPEM: keyPEM,
//	})
//	signer, err := pki.EnsureServiceAccountKey(dataDir + "/pki") // sa.key, sa.pub
//
// It implements the two authentication steps of talk 000: "Server side
// authentication" lists client certificates first among what the server
// accepts, and "Client authentication" has kubectl take its credentials,
// a client certificate among them, from $KUBECONFIG. Both need one
// authority that both sides trust. The server proves who it is with the
// serving certificate (ExtKeyUsage ServerAuth, SANs for every name a
// client dials); a client proves who it is with a certificate whose common
// name becomes the user name and whose organizations become the groups
// (ExtKeyUsage ClientAuth). Verify and (*CA).Pool are what the server's
// client-certificate authenticator checks against.
//
// Every Ensure function is idempotent: the first start generates, the next
// ones load and check what is on disk. Files are written to a temporary
// name and renamed, and generation runs under a lock on the directory, so
// two servers starting at once on one data directory end up with one CA.
// Private keys are mode 0600 and the directories this package creates 0700.
//
// Keys are ECDSA P-256. Upstream kubeadm uses RSA 2048 by default (its
// ClusterConfiguration.encryptionAlgorithm also offers ECDSA-P256 and
// ECDSA-P384). P-256 wins here because a key is generated in well under a
// millisecond, where an RSA 2048 key takes tens to hundreds of
// milliseconds and varies a lot, a cost every test that starts a server
// would pay; the keys and signatures are also much smaller. Keys written by
// kubeadm (RSA, PKCS #1 or PKCS #8) still load, so an existing
// /etc/kubernetes/pki can be pointed at.
//
// What upstream kubeadm does differently: it keeps separate CAs for etcd
// and for the front proxy, signs the API server's serving certificate for
// the node's name and address and the first service IP (10.96.0.1), gives
// newer admin certificates O=kubeadm:cluster-admins (bound to cluster-admin
// through a ClusterRoleBinding, so the binding can be removed) and keeps
// O=system:masters for the break-glass super-admin.conf, and renews
// certificates with `kubeadm certs renew` rather than on start.
package pki
