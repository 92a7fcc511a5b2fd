package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/nats-io/nats.go"
)

// natsFlags are the flags that reach an external NATS server: URL,
// credentials and TLS, shared by every command that connects.
type natsFlags struct {
	url, creds, nkey, ca, cert, key string
}

// register adds the flags to fs; url is the default of --nats and what
// names its meaning when empty.
func (n *natsFlags) register(fs *flag.FlagSet, url, urlHelp string) {
	fs.StringVar(&n.url, "nats", url, urlHelp)
	fs.StringVar(&n.creds, "nats-creds", "", "credentials file for --nats")
	fs.StringVar(&n.nkey, "nats-nkey", "", "nkey seed file for --nats")
	fs.StringVar(&n.ca, "nats-ca", "", "CA certificate file to verify the --nats server's TLS certificate")
	fs.StringVar(&n.cert, "nats-cert", "", "client TLS certificate file for --nats (with --nats-key)")
	fs.StringVar(&n.key, "nats-key", "", "client TLS key file for --nats (with --nats-cert)")
}

// options returns the connection options the flags ask for.
func (n *natsFlags) options() ([]nats.Option, error) {
	var opts []nats.Option
	if n.creds != "" {
		opts = append(opts, nats.UserCredentials(n.creds))
	}
	if n.ca != "" {
		opts = append(opts, nats.RootCAs(n.ca))
	}
	if (n.cert == "") != (n.key == "") {
		return nil, errors.New("--nats-cert and --nats-key go together")
	}
	if n.cert != "" {
		opts = append(opts, nats.ClientCert(n.cert, n.key))
	}
	if n.nkey != "" {
		opt, err := nats.NkeyOptionFromSeed(n.nkey)
		if err != nil {
			return nil, fmt.Errorf("--nats-nkey: %w", err)
		}
		opts = append(opts, opt)
	}
	return opts, nil
}
