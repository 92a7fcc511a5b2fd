// Package embedded runs a nats-server inside the engine's process, with
// JetStream on and its store in a data folder: the default for `infrarisk
// serve` and for tests, so nothing outside the binary is needed. Other
// processes (collectors, margin systems, the CLI) connect to it like any
// NATS server, at ClientURL.
package embedded

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Options configure the server. The zero value listens on 127.0.0.1 at a
// random port with the store in a temporary folder chosen by the server.
type Options struct {
	// Host and Port to listen on; Port −1 picks a free port, 0 means the
	// NATS default 4222.
	Host string
	Port int
	// StoreDir holds JetStream's files; a restart on the same folder keeps
	// the streams and key-value buckets.
	StoreDir string
	// ServerName names the server in logs and JetStream metadata.
	ServerName string
	// ReadyTimeout bounds the wait for the server to accept connections;
	// zero means 10 s.
	ReadyTimeout time.Duration
}

// ErrNotReady is returned when the server does not accept connections in
// time.
var ErrNotReady = errors.New("embedded: nats-server not ready for connections")

// ErrOpenBind is returned by Start for a host that is not a loopback
// address: the embedded server has no authentication, so anyone who could
// reach it could publish signals and read or forge what it carries.
var ErrOpenBind = errors.New("embedded: refusing to listen beyond loopback without authentication")

// loopback reports whether host names only this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Start starts a server and waits until it accepts connections. The caller
// owns it: Shutdown and WaitForShutdown stop it. It listens on loopback
// only (ErrOpenBind otherwise): for other machines, run a NATS server with
// authentication and point the engine at it.
func Start(opts Options) (*server.Server, error) {
	if opts.Host == "" {
		opts.Host = "127.0.0.1"
	}
	if !loopback(opts.Host) {
		return nil, fmt.Errorf("%w: %q is not a loopback address; listen on 127.0.0.1 or ::1, or run an external NATS server with authentication and give its URL (--nats)", ErrOpenBind, opts.Host)
	}
	if opts.ReadyTimeout == 0 {
		opts.ReadyTimeout = 10 * time.Second
	}
	if opts.ServerName == "" {
		opts.ServerName = "infrarisk"
	}
	so := &server.Options{
		ServerName: opts.ServerName,
		Host:       opts.Host,
		Port:       opts.Port,
		JetStream:  true,
		NoSigs:     true,
		NoLog:      true,
	}
	if opts.StoreDir != "" {
		dir, err := filepath.Abs(opts.StoreDir)
		if err != nil {
			return nil, fmt.Errorf("embedded: store dir %q: %w", opts.StoreDir, err)
		}
		so.StoreDir = dir
	}
	s, err := server.NewServer(so)
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(opts.ReadyTimeout) {
		s.Shutdown()
		return nil, fmt.Errorf("%w within %s on %s:%d", ErrNotReady, opts.ReadyTimeout, opts.Host, opts.Port)
	}
	return s, nil
}
