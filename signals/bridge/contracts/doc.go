// Package contracts holds the Solidity test contract of the bridge
// collector, with its ABI, bytecode and abigen v2 binding in a package of
// its own, as the other collectors' test contracts are:
//
//   - vault: BridgeVault, a minimal pausable bridge vault holding the
//     backing of one wrapped asset (deposit, withdraw, totalLocked, and
//     OpenZeppelin Pausable's Paused and Unpaused events and paused view).
//
// The binding is generated; go generate here needs Go and npm: it compiles
// the source with solc 0.8.28 (solcjs, optimizer on), then runs abigen
// --v2. A test regenerates the binding from the committed .abi and .bin
// files with abigen's own code and fails on any difference, so no compiler
// is needed to check it.
package contracts

//go:generate npx --yes solc@0.8.28 --bin --abi --optimize --base-path . --output-dir build vault/BridgeVault.sol
//go:generate mv build/vault_BridgeVault_sol_BridgeVault.abi vault/BridgeVault.abi
//go:generate mv build/vault_BridgeVault_sol_BridgeVault.bin vault/BridgeVault.bin
//go:generate rm -r build
//go:generate go run github.com/ethereum/go-ethereum/cmd/abigen --v2 --abi vault/BridgeVault.abi --bin vault/BridgeVault.bin --pkg vault --type BridgeVault --out vault/bridge_vault.go
