package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/signals/keys"
)

// testCA is a certificate authority made for one test, its certificate
// written as PEM to certFile.
type testCA struct {
	cert     *x509.Certificate
	key      *ecdsa.PrivateKey
	certFile string
}

// newTestCA creates a self-signed CA and writes its certificate to
// dir/name.pem.
func newTestCA(t *testing.T, dir, name string) *testCA {
	t.Helper()
	key := newECKey(t)
	tmpl := &x509.Certificate{
		SerialNumber:          serialNumber(t),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("creating CA %s: %v", name, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	certFile := filepath.Join(dir, name+".pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	return &testCA{cert: cert, key: key, certFile: certFile}
}

// issue signs a certificate for a server (127.0.0.1 and localhost) or a
// client, and writes it and its key to dir/name.pem and dir/name-key.pem.
func (ca *testCA) issue(t *testing.T, dir, name string, forServer bool) (certFile, keyFile string) {
	t.Helper()
	key := newECKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: serialNumber(t),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if forServer {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1)}
		tmpl.DNSNames = []string{"localhost"}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatalf("issuing %s: %v", name, err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, name+".pem"), filepath.Join(dir, name+"-key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "PRIVATE KEY", keyDER)
	return certFile, keyFile
}

func newECKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func serialNumber(t *testing.T) *big.Int {
	t.Helper()
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func writePEM(t *testing.T, path, blockType string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// tlsPKI is everything the TLS tests connect with: the CA that signs the
// server and the client, an unrelated CA, and the certificates.
type tlsPKI struct {
	ca, otherCA               *testCA
	serverCert, serverKey     string
	clientCert, clientKey     string
	strangerCert, strangerKey string // a client certificate from otherCA
}

func newTLSPKI(t *testing.T) tlsPKI {
	t.Helper()
	dir := t.TempDir()
	p := tlsPKI{ca: newTestCA(t, dir, "ca"), otherCA: newTestCA(t, dir, "other-ca")}
	p.serverCert, p.serverKey = p.ca.issue(t, dir, "server", true)
	p.clientCert, p.clientKey = p.ca.issue(t, dir, "client", false)
	p.strangerCert, p.strangerKey = p.otherCA.issue(t, dir, "stranger", false)
	return p
}

// startNATS runs a nats-server in this process until the test ends.
func startNATS(t *testing.T, opts *server.Options) *server.Server {
	t.Helper()
	opts.NoLog, opts.NoSigs = true, true
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	t.Cleanup(srv.Shutdown)
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	return srv
}

// startTLSNATS runs a nats-server on loopback that requires TLS with the
// PKI's server certificate and, with verify, a client certificate signed
// by the PKI's CA.
func startTLSNATS(t *testing.T, p tlsPKI, verify bool) *server.Server {
	t.Helper()
	tc := &server.TLSConfigOpts{CertFile: p.serverCert, KeyFile: p.serverKey, Verify: verify, Timeout: 2}
	if verify {
		tc.CaFile = p.ca.certFile
	}
	tlsConfig, err := server.GenTLSConfig(tc)
	if err != nil {
		t.Fatal(err)
	}
	return startNATS(t, &server.Options{Host: "127.0.0.1", Port: -1, TLSConfig: tlsConfig, TLSVerify: verify, TLSTimeout: 2})
}

// tlsURL is the server's client address with the tls:// scheme.
func tlsURL(srv *server.Server) string { return "tls://" + srv.Addr().String() }

// connectWith builds the options the flags ask for and connects with them.
func connectWith(nf natsFlags) (*nats.Conn, error) {
	opts, err := nf.options()
	if err != nil {
		return nil, err
	}
	return nats.Connect(nf.url, opts...)
}

// roundTrip publishes on a subject the connection subscribes to and
// checks the message comes back through the server.
func roundTrip(t *testing.T, nc *nats.Conn) {
	t.Helper()
	sub, err := nc.SubscribeSync("infrarisk.tls.check")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Publish("infrarisk.tls.check", []byte("over tls")); err != nil {
		t.Fatal(err)
	}
	msg, err := sub.NextMsg(5 * time.Second)
	if err != nil {
		t.Fatalf("round trip: %v", err)
	}
	if string(msg.Data) != "over tls" {
		t.Errorf("round trip: got %q", msg.Data)
	}
}

// What a connection attempt must come to.
const (
	connects      = iota // connects, TLS is on, and a message makes a round trip
	unknownCA            // the client does not trust the server's certificate
	refusedByPeer        // the server refuses the client (no or untrusted certificate)
	flagsRejected        // options() refuses the flags before connecting
)

// TestNATSTLSOptions connects, through natsFlags.options, to a real
// nats-server that requires TLS, first authenticating only the server,
// then also the client (mutual TLS).
func TestNATSTLSOptions(t *testing.T) {
	p := newTLSPKI(t)
	serverAuth := startTLSNATS(t, p, false)
	mutual := startTLSNATS(t, p, true)

	tests := []struct {
		name  string
		flags natsFlags
		want  int
	}{
		{"server auth, CA given", natsFlags{url: serverAuth.ClientURL(), ca: p.ca.certFile}, connects},
		{"server auth, CA given, tls scheme", natsFlags{url: tlsURL(serverAuth), ca: p.ca.certFile}, connects},
		{"server auth, client certificate not asked for", natsFlags{url: tlsURL(serverAuth), ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey}, connects},
		{"server auth, no CA", natsFlags{url: serverAuth.ClientURL()}, unknownCA},
		{"server auth, no CA, tls scheme", natsFlags{url: tlsURL(serverAuth)}, unknownCA},
		{"server auth, unrelated CA", natsFlags{url: tlsURL(serverAuth), ca: p.otherCA.certFile}, unknownCA},
		{"mutual, CA and client certificate", natsFlags{url: tlsURL(mutual), ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey}, connects},
		{"mutual, CA and client certificate, nats scheme", natsFlags{url: mutual.ClientURL(), ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey}, connects},
		{"mutual, CA only", natsFlags{url: tlsURL(mutual), ca: p.ca.certFile}, refusedByPeer},
		{"mutual, client certificate from an unrelated CA", natsFlags{url: tlsURL(mutual), ca: p.ca.certFile, cert: p.strangerCert, key: p.strangerKey}, refusedByPeer},
		{"mutual, unrelated CA", natsFlags{url: tlsURL(mutual), ca: p.otherCA.certFile, cert: p.clientCert, key: p.clientKey}, unknownCA},
		{"cert without key", natsFlags{url: tlsURL(mutual), ca: p.ca.certFile, cert: p.clientCert}, flagsRejected},
		{"key without cert", natsFlags{url: tlsURL(mutual), ca: p.ca.certFile, key: p.clientKey}, flagsRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, optErr := tt.flags.options()
			if tt.want == flagsRejected {
				if optErr == nil || optErr.Error() != "--nats-cert and --nats-key go together" {
					t.Fatalf("options() error %v, want the --nats-cert/--nats-key error", optErr)
				}
				return
			}
			if optErr != nil {
				t.Fatalf("options(): %v", optErr)
			}
			nc, err := nats.Connect(tt.flags.url, opts...)
			if nc != nil {
				defer nc.Close()
			}
			switch tt.want {
			case connects:
				if err != nil {
					t.Fatalf("connect: %v", err)
				}
				if !nc.TLSRequired() {
					t.Error("connected, but the server does not require TLS")
				}
				if _, err := nc.TLSConnectionState(); err != nil {
					t.Errorf("connection is not TLS: %v", err)
				}
				roundTrip(t, nc)
			case unknownCA:
				var unknown x509.UnknownAuthorityError
				if !errors.As(err, &unknown) {
					t.Fatalf("connect error %v, want x509.UnknownAuthorityError", err)
				}
			case refusedByPeer:
				// The server's alert ("certificate required") may arrive as
				// a reset instead, as TLS 1.3 clients write before the
				// server has checked them: only the refusal is certain.
				if err == nil {
					t.Fatal("connected without an acceptable client certificate")
				}
				if errors.As(err, new(x509.UnknownAuthorityError)) {
					t.Errorf("connect error %v: the client refused the server, want the server to refuse the client", err)
				}
			}
		})
	}
}

// TestAckAdminOverMutualTLS runs `infrarisk ack-admin` with the TLS flags
// against a server that requires client certificates, where a collector's
// acceptor answers: the acknowledgement arrives and is answered; without
// --nats-cert and --nats-key the command cannot connect.
func TestAckAdminOverMutualTLS(t *testing.T) {
	p := newTLSPKI(t)
	srv := startTLSNATS(t, p, true)
	url := tlsURL(srv)

	dir := t.TempDir()
	seed, public, err := keys.New()
	if err != nil {
		t.Fatal(err)
	}
	seedFile := filepath.Join(dir, "operator.seed")
	if err := keys.WriteSeedFile(seedFile, seed); err != nil {
		t.Fatal(err)
	}
	trusted := filepath.Join(dir, "operators.yaml")
	if err := os.WriteFile(trusted, []byte("sources:\n  operator: "+public+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	acked := make(chan uint64, 1)
	acceptor, err := newAckAcceptor("ethereum", trusted, func(b uint64) { acked <- b }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	collector, err := connectWith(natsFlags{url: url, ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey})
	if err != nil {
		t.Fatal(err)
	}
	defer collector.Close()
	if _, err := collector.Subscribe(ackSubject("ethereum"), acceptor.handle); err != nil {
		t.Fatal(err)
	}
	if err := collector.Flush(); err != nil {
		t.Fatal(err)
	}

	args := []string{"ack-admin", "--chain", "ethereum", "--block", "42", "--key", seedFile, "--nats", url, "--nats-ca", p.ca.certFile}
	code, out, errOut := runCLI(t, "", append(args, "--nats-cert", p.clientCert, "--nats-key", p.clientKey)...)
	if code != exitOK || !strings.Contains(out, "ethereum: admin events up to block 42 acknowledged") {
		t.Fatalf("ack-admin over mutual TLS: exit %d\n%s%s", code, out, errOut)
	}
	select {
	case b := <-acked:
		if b != 42 {
			t.Errorf("acknowledged block %d, want 42", b)
		}
	default:
		t.Error("the acceptor answered but acknowledged nothing")
	}

	code, _, errOut = runCLI(t, "", args...)
	if code != exitError || !strings.Contains(errOut, "connecting to "+url) {
		t.Errorf("ack-admin without a client certificate: exit %d, stderr %q", code, errOut)
	}
	if len(acked) != 0 {
		t.Error("an acknowledgement arrived from a client without a certificate")
	}
}

// TestExampleTLSConfig runs engine/config/nats-server.conf with
// engine/config/nats-server-tls.conf included as that file documents, its
// certificate paths pointing at generated ones: a collector with its nkey
// and a client certificate reaches the engine; without the certificate,
// or without the nkey, it cannot connect.
func TestExampleTLSConfig(t *testing.T) {
	p := newTLSPKI(t)
	dir := t.TempDir()
	example, err := os.ReadFile("../../engine/config/nats-server-tls.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := string(example)
	for placeholder, path := range map[string]string{
		"/etc/nats/tls/server.pem":     p.serverCert,
		"/etc/nats/tls/server-key.pem": p.serverKey,
		"/etc/nats/tls/ca.pem":         p.ca.certFile,
	} {
		if !strings.Contains(conf, `"`+placeholder+`"`) {
			t.Fatalf("the example no longer names %s", placeholder)
		}
		conf = strings.ReplaceAll(conf, `"`+placeholder+`"`, `"`+path+`"`)
	}
	if err := os.WriteFile(filepath.Join(dir, "nats-server-tls.conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile("../../engine/config/nats-server.conf")
	if err != nil {
		t.Fatal(err)
	}
	confFile := filepath.Join(dir, "nats-server.conf")
	if err := os.WriteFile(confFile, append(base, "\ninclude ./nats-server-tls.conf\n"...), 0o600); err != nil {
		t.Fatal(err)
	}

	identity := func(name string) (seedFile string) {
		seed, public, err := keys.New()
		if err != nil {
			t.Fatal(err)
		}
		seedFile = filepath.Join(dir, name+".seed")
		if err := keys.WriteSeedFile(seedFile, seed); err != nil {
			t.Fatal(err)
		}
		t.Setenv("INFRARISK_"+strings.ToUpper(name)+"_NKEY", public)
		return seedFile
	}
	engineSeed, collectorSeed := identity("engine"), identity("collector")
	identity("consumer")

	opts, err := server.ProcessConfigFile(confFile)
	if err != nil {
		t.Fatal(err)
	}
	if opts.TLSConfig == nil || opts.TLSConfig.ClientAuth != tls.RequireAndVerifyClientCert {
		t.Fatal("the example does not make the server require and verify client certificates")
	}
	if opts.TLSTimeout <= 0 {
		t.Errorf("TLS timeout %g, want the example's", opts.TLSTimeout)
	}
	opts.Port, opts.StoreDir = -1, t.TempDir()
	srv := startNATS(t, opts)
	url := tlsURL(srv)

	engine, err := connectWith(natsFlags{url: url, nkey: engineSeed, ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey})
	if err != nil {
		t.Fatalf("engine with nkey and client certificate: %v", err)
	}
	defer engine.Close()
	signals, err := engine.SubscribeSync("infra.signal.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Flush(); err != nil {
		t.Fatal(err)
	}
	collector, err := connectWith(natsFlags{url: url, nkey: collectorSeed, ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey})
	if err != nil {
		t.Fatalf("collector with nkey and client certificate: %v", err)
	}
	defer collector.Close()
	if err := collector.Publish("infra.signal.ethereum", []byte("signal")); err != nil {
		t.Fatal(err)
	}
	if msg, err := signals.NextMsg(5 * time.Second); err != nil || string(msg.Data) != "signal" {
		t.Fatalf("engine did not receive the collector's message: %v", err)
	}

	if nc, err := connectWith(natsFlags{url: url, nkey: collectorSeed, ca: p.ca.certFile}); err == nil {
		nc.Close()
		t.Error("collector connected without a client certificate")
	}
	nc, err := connectWith(natsFlags{url: url, ca: p.ca.certFile, cert: p.clientCert, key: p.clientKey})
	if err == nil {
		nc.Close()
		t.Error("client certificate without an nkey connected")
	} else if !errors.Is(err, nats.ErrAuthorization) {
		t.Errorf("client certificate without an nkey: %v, want an authorization violation", err)
	}
}
