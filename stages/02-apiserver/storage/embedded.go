// Embedded etcd: the API server's own etcd, running in its process.
//
// Interface:
//   - StartEmbedded(ctx, dataDir, EmbedOptions) starts one etcd member on
//     127.0.0.1 and waits until it serves.
//   - StartCluster(ctx, dataDir, n, EmbedOptions) starts n members that
//     form one cluster over loopback (tests of --etcd-servers and of
//     several API servers sharing one etcd).
//   - Embedded.Endpoints() gives the client URLs for Dial; Close stops the
//     member, CloseCluster all members of a cluster.
//
// etcd is the control plane's only state (talk 003, "etcd": the
// replicated key-value store holding every API object); everything else
// can be rebuilt from it. Kubernetes normally runs it as separate
// processes; kubeworkbook embeds go.etcd.io/etcd/server/v3/embed so that
// `kube-apiserver --data-dir DIR` is all a student starts. Nothing here
// listens beyond loopback.
package storage

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// DefaultCompactionInterval is how often an embedded etcd discards
// history older than itself: upstream kube-apiserver compacts every five
// minutes (--etcd-compaction-interval). A watch or list at a revision
// older than that fails with ErrExpired.
const DefaultCompactionInterval = 5 * time.Minute

// defaultReadyTimeout bounds the wait for a member to elect a leader.
const defaultReadyTimeout = time.Minute

// EmbedOptions configure an embedded etcd member. The zero value starts a
// single-member cluster on free loopback ports.
type EmbedOptions struct {
	// Name is the member's name; "" means "default", etcd's own default.
	Name string
	// ClientPort and PeerPort are the loopback ports for clients and for
	// the other members; 0 picks a free one.
	ClientPort, PeerPort int
	// InitialCluster is etcd's --initial-cluster, "name=peerURL,...",
	// naming every member of a new cluster including this one; "" makes a
	// cluster of this member alone. Ignored when dataDir already holds a
	// member, which rejoins the cluster it belonged to.
	InitialCluster string
	// ClusterToken tells clusters apart when they are bootstrapped on the
	// same ports; "" uses etcd's default.
	ClusterToken string
	// CompactionInterval is the period of automatic compaction; 0 means
	// DefaultCompactionInterval and a negative value turns it off.
	CompactionInterval time.Duration
	// TickInterval is raft's heartbeat interval, and a tenth of the
	// election timeout; 0 means etcd's 100ms. A new member waits up to one
	// election timeout before it elects itself, so tests of a single
	// member shorten it.
	TickInterval time.Duration
	// UnsafeNoFsync skips fsync: faster, and loses data on a crash. For
	// tests only.
	UnsafeNoFsync bool
	// Verbose logs etcd's info messages; by default only errors appear,
	// on stderr.
	Verbose bool
	// ReadyTimeout bounds the wait for the member to serve; 0 means one
	// minute.
	ReadyTimeout time.Duration
}

// Embedded is a running etcd member. Its methods are safe for concurrent
// use.
type Embedded struct {
	etcd *embed.Etcd
	// logLevel is etcd's log level; Close raises it to silence the errors
	// etcd logs about its own listeners closing.
	logLevel  zap.AtomicLevel
	name      string
	clientURL string
	peerURL   string
	closeOnce sync.Once
}

// StartEmbedded starts an etcd member storing its data in dataDir (created
// if missing) and returns once it serves clients, or fails with the reason
// it could not. If ctx ends first, the member is stopped and ctx's error
// returned.
func StartEmbedded(ctx context.Context, dataDir string, opts EmbedOptions) (*Embedded, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("start embedded etcd in %s: %w", dataDir, err)
	}
	picksPorts := opts.ClientPort == 0 || opts.PeerPort == 0
	for attempt := 1; ; attempt++ {
		e, err := startMember(dataDir, opts)
		if err == nil {
			err = e.waitReady(ctx, opts.ReadyTimeout)
		}
		if err == nil {
			return e, nil
		}
		// A port picked by freePorts may have been taken by another
		// process before etcd bound it; pick again. Members of a larger
		// cluster cannot, as the others know their peer port.
		if !picksPorts || opts.InitialCluster != "" || !errors.Is(err, syscall.EADDRINUSE) || attempt == 3 {
			return nil, fmt.Errorf("start embedded etcd in %s: %w", dataDir, err)
		}
	}
}

// StartCluster starts n members named member0 ... member<n-1>, with data
// in dataDir/member<i>, forming one new cluster on free loopback ports. It
// returns when all of them serve; the caller closes them (CloseCluster).
// The cluster is bootstrapped anew: dataDir must not hold an earlier one,
// whose members would remember other ports.
func StartCluster(ctx context.Context, dataDir string, n int, opts EmbedOptions) ([]*Embedded, error) {
	if n < 1 {
		return nil, fmt.Errorf("start etcd cluster: need at least one member, got %d", n)
	}
	for attempt := 1; ; attempt++ {
		members, err := startCluster(ctx, dataDir, n, opts)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) || attempt == 3 {
			return members, err
		}
		// The members that did start wrote a bootstrap for the old ports.
		for i := range n {
			if err := os.RemoveAll(filepath.Join(dataDir, fmt.Sprintf("member%d", i))); err != nil {
				return nil, fmt.Errorf("start etcd cluster: %w", err)
			}
		}
	}
}

func startCluster(ctx context.Context, dataDir string, n int, opts EmbedOptions) ([]*Embedded, error) {
	ports, err := freePorts(2 * n)
	if err != nil {
		return nil, fmt.Errorf("start etcd cluster: %w", err)
	}
	peers := make([]string, n)
	for i := range n {
		peers[i] = fmt.Sprintf("member%d=%s", i, loopbackURL(ports[2*i+1]))
	}
	token := make([]byte, 8)
	_, _ = rand.Read(token)

	// Start every member before waiting for any: a member becomes ready
	// only once a majority of the cluster is up.
	members := make([]*Embedded, 0, n)
	closeAll := func() { CloseCluster(members) }
	for i := range n {
		o := opts
		o.Name = fmt.Sprintf("member%d", i)
		o.ClientPort, o.PeerPort = ports[2*i], ports[2*i+1]
		o.InitialCluster = strings.Join(peers, ",")
		o.ClusterToken = "kubeworkbook-" + hex.EncodeToString(token)
		m, err := startMember(filepath.Join(dataDir, o.Name), o)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("start etcd cluster member %s: %w", o.Name, err)
		}
		members = append(members, m)
	}
	for _, m := range members {
		if err := m.waitReady(ctx, opts.ReadyTimeout); err != nil {
			closeAll()
			return nil, fmt.Errorf("start etcd cluster member %s: %w", m.name, err)
		}
	}
	return members, nil
}

// startMember configures and launches one member without waiting for it.
func startMember(dataDir string, opts EmbedOptions) (*Embedded, error) {
	clientPort, peerPort := opts.ClientPort, opts.PeerPort
	if clientPort == 0 || peerPort == 0 {
		ports, err := freePorts(2)
		if err != nil {
			return nil, err
		}
		clientPort, peerPort = cmp.Or(clientPort, ports[0]), cmp.Or(peerPort, ports[1])
	}
	clientURL, peerURL := loopbackURL(clientPort), loopbackURL(peerPort)

	cfg := embed.NewConfig()
	cfg.Name = cmp.Or(opts.Name, cfg.Name)
	cfg.Dir = dataDir
	cfg.ListenClientUrls = []url.URL{*clientURL}
	cfg.AdvertiseClientUrls = []url.URL{*clientURL}
	cfg.ListenPeerUrls = []url.URL{*peerURL}
	cfg.AdvertisePeerUrls = []url.URL{*peerURL}
	cfg.InitialCluster = cmp.Or(opts.InitialCluster, cfg.InitialClusterFromName(cfg.Name))
	cfg.InitialClusterToken = cmp.Or(opts.ClusterToken, cfg.InitialClusterToken)
	switch interval := opts.CompactionInterval; {
	case interval == 0:
		cfg.AutoCompactionRetention = DefaultCompactionInterval.String()
	case interval > 0:
		cfg.AutoCompactionRetention = interval.String()
	} // negative: etcd's default retention "0", no compaction
	cfg.AutoCompactionMode = embed.CompactorModePeriodic
	if opts.TickInterval > 0 {
		cfg.TickMs = uint(opts.TickInterval.Milliseconds())
		cfg.ElectionMs = 10 * cfg.TickMs
	}
	cfg.UnsafeNoFsync = opts.UnsafeNoFsync
	cfg.Logger = "zap"
	cfg.LogLevel = "error"
	if opts.Verbose {
		cfg.LogLevel = "info"
	}
	logLevel := zap.NewAtomicLevelAt(zap.ErrorLevel)
	if opts.Verbose {
		logLevel.SetLevel(zap.InfoLevel)
	}
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(newLogger(logLevel))

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	return &Embedded{etcd: e, logLevel: logLevel, name: cfg.Name, clientURL: clientURL.String(), peerURL: peerURL.String()}, nil
}

// waitReady waits until the member serves clients, and stops it if it
// fails, ctx ends or timeout passes first.
func (e *Embedded) waitReady(ctx context.Context, timeout time.Duration) error {
	if timeout <= 0 {
		timeout = defaultReadyTimeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var err error
	select {
	case <-e.etcd.Server.ReadyNotify():
		return nil
	case err = <-e.etcd.Err():
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = fmt.Errorf("member %s not ready after %s (is a majority of its cluster running?)", e.name, timeout)
	}
	e.Close()
	return err
}

// Name returns the member's name.
func (e *Embedded) Name() string { return e.name }

// Endpoints returns the member's client URL, as Dial and the API server's
// --etcd-servers take it.
func (e *Embedded) Endpoints() []string { return []string{e.clientURL} }

// PeerURL returns the URL the other members of its cluster reach it at.
func (e *Embedded) PeerURL() string { return e.peerURL }

// Close stops the member, waiting until its goroutines and listeners are
// gone. Calling it again does nothing. It always returns nil; the error
// result lets Embedded be used as an io.Closer.
func (e *Embedded) Close() error {
	e.closeOnce.Do(func() {
		if e.logLevel.Level() > zap.InfoLevel {
			// etcd reports each listener it closes as a failed "serving";
			// a quiet member stays quiet while it stops.
			e.logLevel.SetLevel(zap.FatalLevel)
		}
		e.etcd.Close()
	})
	return nil
}

// CloseCluster closes the members of one cluster: the followers together,
// then the leader. Closing a leader first would make it hand leadership to
// a member that may itself be stopping, and wait seconds for an answer;
// closing the followers one by one costs each its one-second drain of peer
// connections.
func CloseCluster(members []*Embedded) {
	var leaders []*Embedded
	var wg sync.WaitGroup
	for _, m := range members {
		if m.isLeader() {
			leaders = append(leaders, m)
			continue
		}
		wg.Go(func() { m.Close() })
	}
	wg.Wait()
	for _, m := range leaders {
		m.Close()
	}
}

// isLeader reports whether the member currently leads its cluster.
func (e *Embedded) isLeader() bool {
	return e.etcd.Server.Leader() == e.etcd.Server.MemberID()
}

// freePorts returns n distinct loopback ports that were free a moment ago.
// All listeners stay open until the last port is chosen, so the ports
// differ from each other.
func freePorts(n int) ([]int, error) {
	ports := make([]int, n)
	for i := range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("pick a free loopback port: %w", err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports, nil
}

// loopbackURL is http://127.0.0.1:port.
func loopbackURL(port int) *url.URL {
	return &url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
}
