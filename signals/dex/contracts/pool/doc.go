// Package pool is the generated binding of TestPool, a constant-product
// pool shaped like Uniswap v2's pair whose reserves a test moves (see
// TestPool.sol). Regenerate it from the parent package.
package pool
