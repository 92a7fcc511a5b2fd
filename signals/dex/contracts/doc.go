// Package contracts holds the Go binding of the part of Uniswap v2's pair
// interface the pool collector reads (IUniswapV2Pair: getReserves and the
// Mint, Burn, Swap and Sync events), and, in a package of its own, the
// Solidity test contract of its tests with its ABI, bytecode and abigen v2
// binding:
//
//   - pool: TestPool, a constant-product pool shaped like Uniswap v2's pair
//     that holds no tokens. mint, burn, swap0For1 and swap1For0 move its
//     reserves and emit the pair's events in the pair's order (Sync, then
//     Mint, Burn or Swap), swaps paying out what Uniswap v2's getAmountOut
//     (v2-periphery) gives (a 0.3% fee). Token0 is the base asset, token1
//     the quote asset.
//
// The test contract's binding lives in its own package because abigen v2
// names the output struct of a multi-value method after the method alone
// (GetReservesOutput), so two bindings with getReserves in one package
// would not compile.
//
// The bindings are generated; go generate here needs Go and npm: it
// compiles the sources with solc 0.8.28 (solcjs, optimizer on), then runs
// abigen --v2. A test regenerates every binding from the committed .abi
// and .bin files with abigen's own code and fails on any difference, so no
// compiler is needed to check them.
package contracts

//go:generate npx --yes solc@0.8.28 --bin --abi --optimize --base-path . --output-dir build IUniswapV2Pair.sol pool/TestPool.sol
//go:generate mv build/IUniswapV2Pair_sol_IUniswapV2Pair.abi IUniswapV2Pair.abi
//go:generate mv build/pool_TestPool_sol_TestPool.abi pool/TestPool.abi
//go:generate mv build/pool_TestPool_sol_TestPool.bin pool/TestPool.bin
//go:generate rm -r build
//go:generate go run github.com/ethereum/go-ethereum/cmd/abigen --v2 --abi IUniswapV2Pair.abi --pkg contracts --type UniswapV2Pair --out uniswap_v2_pair.go
//go:generate go run github.com/ethereum/go-ethereum/cmd/abigen --v2 --abi pool/TestPool.abi --bin pool/TestPool.bin --pkg pool --type TestPool --out pool/test_pool.go
