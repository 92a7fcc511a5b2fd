// Package admintarget is the generated binding of AdminTarget, a contract
// that makes the administrative changes an admin-event watcher looks for
// (see AdminTarget.sol). Regenerate it from the parent package.
package admintarget
