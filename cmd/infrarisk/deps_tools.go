//go:build tools

// This file pins modules that the service packages (NATS transport, EVM
// collectors) are built on, so go.mod and go.sum name exact versions before
// those packages import them. The "tools" build tag keeps it out of every
// normal build.
package main

import (
	_ "github.com/ethereum/go-ethereum/ethclient"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/nats-io/nats.go"
)
