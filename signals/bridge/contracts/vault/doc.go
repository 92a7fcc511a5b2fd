// Package vault is the generated binding of BridgeVault, a minimal
// pausable bridge vault whose deposits, withdrawals and pauses a test
// makes (see BridgeVault.sol). Regenerate it from the parent package.
package vault
