package main

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/mockaggregator"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/uptimefeed"
	"github.com/infrarisk/infrarisk/signals/dex/contracts/pool"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

const venueTestConfig = `
heartbeat: 1s
validity: 10s
warmup: 1m
chains: [{name: arbitrum, layer: l2, native_usd: 3200}]
venues:
  - {name: uni-weth-usdc, chain: arbitrum, type: pool}
  - {name: arb-bridge-weth, chain: arbitrum, type: bridge}
markets:
  - name: ETH-ARB
    chain: arbitrum
    pool: uni-weth-usdc
    bridge: arb-bridge-weth
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
`

// trader is an account of the simulated chain that signs its own
// transactions, so that several can wait for one block.
type trader struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce uint64
}

// newTrader funds a fresh account from the chain's own.
func newTrader(t *testing.T, chain *evmtest.Chain) *trader {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tr := &trader{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
	ctx := context.Background()
	nonce, err := chain.Client.PendingNonceAt(ctx, chain.Auth.From)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(evmtest.ChainID), Nonce: nonce, GasTipCap: big.NewInt(params.GWei),
		GasFeeCap: big.NewInt(100 * params.GWei), Gas: 21000, To: &tr.addr, Value: new(big.Int).Lsh(big.NewInt(1), 80)})
	signed, err := chain.Auth.Signer(chain.Auth.From, tx)
	if err != nil {
		t.Fatal(err)
	}
	if err := chain.Client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	chain.Mine(signed)
	return tr
}

// send queues a call from tr with a priority fee of tipGwei: the block
// builder orders by fee, and by nonce within one sender.
func (tr *trader) send(t *testing.T, chain *evmtest.Chain, to common.Address, data []byte, tipGwei int64) *types.Transaction {
	t.Helper()
	tx, err := types.SignNewTx(tr.key, types.LatestSignerForChainID(big.NewInt(evmtest.ChainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(evmtest.ChainID), Nonce: tr.nonce, GasTipCap: big.NewInt(tipGwei * params.GWei),
		GasFeeCap: big.NewInt(100 * params.GWei), Gas: 500_000, To: &to, Data: data,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := chain.Client.SendTransaction(context.Background(), tx); err != nil {
		t.Fatal(err)
	}
	tr.nonce++
	return tx
}

// sealTogether waits until the pool holds every queued transaction of the
// traders, seals one block, and checks they all landed in it.
func sealTogether(t *testing.T, chain *evmtest.Chain, txs []*types.Transaction, traders ...*trader) {
	t.Helper()
	ctx := context.Background()
	for _, tr := range traders {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			n, err := chain.Client.PendingNonceAt(ctx, tr.addr)
			if err != nil {
				t.Fatal(err)
			}
			if n >= tr.nonce {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("transactions never reached the pool")
			}
		}
	}
	chain.Sim.Commit()
	head := chain.Head().Number
	for _, tx := range txs {
		r, err := chain.Client.TransactionReceipt(ctx, tx.Hash())
		if err != nil || r.BlockNumber.Cmp(head) != 0 || r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("transaction %s not in block %v: %v", tx.Hash(), head, err)
		}
	}
}

// TestADrainedPoolAndASandwichedLiquidationMoveTheEngine: `collect` on a
// simulated L2 with a Uniswap v2-style pool (the venue uni-weth-usdc) and a
// bridge vault (arb-bridge-weth) publishes into a running engine whose
// market sells into that pool and holds collateral behind that bridge. With
// the pool deep the market has its healthy bonus and close factor; after
// 99.5% of the liquidity is burnt and a liquidation is sandwiched in one
// block, the bonus rises and the close factor falls, and the reasons name
// the pool. Then 30% of the bridge's backing leaves: maintenance rises by
// the haircut, and the reasons name the bridge.
func TestPoolAndBridgeTroubleMoveTheEngine(t *testing.T) {
	chain := evmtest.New(t, true)
	mock := mockaggregator.NewMockAggregatorV3()
	uptime := uptimefeed.NewSequencerUptimeFeed()
	pairABI := pool.NewTestPool()
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	usdc := big.NewInt(1_000_000)
	units := func(n int64, unit *big.Int) *big.Int { return new(big.Int).Mul(big.NewInt(n), unit) }
	feed, _ := chain.Deploy(mockaggregator.MockAggregatorV3MetaData.Bin, mock.PackConstructor(8, "ETH / USD"))
	ref, _ := chain.Deploy(mockaggregator.MockAggregatorV3MetaData.Bin, mock.PackConstructor(8, "ETH / USD reference"))
	seq, _ := chain.Deploy(uptimefeed.SequencerUptimeFeedMetaData.Bin, nil)
	pair, _ := chain.Deploy(pool.TestPoolMetaData.Bin, nil)
	vaultABI := vault.NewBridgeVault()
	bridgeVault, _ := chain.Deploy(vault.BridgeVaultMetaData.Bin, nil)
	chain.Send(bridgeVault, vaultABI.PackDeposit(units(1000, eth)))
	now := uint64(time.Now().Unix())
	for _, f := range []common.Address{feed, ref} {
		chain.Send(f, mock.PackUpdateAnswer(big.NewInt(2000_00000000), new(big.Int).SetUint64(now), new(big.Int).SetUint64(now)))
	}
	chain.Send(seq, uptime.PackUpdateStatus(false, now-7200))
	// 20,000 ETH against $40M: far deeper than any liquidation.
	chain.Send(pair, pairABI.PackMint(units(20_000, eth), units(40_000_000, usdc)))
	attacker, liquidator := newTrader(t, chain), newTrader(t, chain)
	chain.WaitForClock()

	rig := startCollectRig(t, chain, venueTestConfig, "ETH-ARB", false,
		"poll: 200ms\nfeeds:\n  - {name: ETH/USD, address: \""+feed.Hex()+"\", heartbeat: 1h, reference: \""+ref.Hex()+"\"}\nsequencer: \""+seq.Hex()+"\"\n"+
			"pools:\n  - {name: uni-weth-usdc, address: \""+pair.Hex()+"\", base_decimals: 18, quote_decimals: 6, liquidators: [\""+liquidator.addr.Hex()+"\"]}\n"+
			"bridges:\n  - {name: arb-bridge-weth, address: \""+bridgeVault.Hex()+"\", decimals: 18}\n")
	next := func(ok func(update.Update) bool) update.Update { return rig.next(60*time.Second, ok) }
	param := func(u update.Update, name string) float64 {
		d, _ := u.Param(name)
		return d.InexactFloat64()
	}
	deep := next(func(u update.Update) bool {
		return u.Regime == "normal" && param(u, "close_factor") == 0.5
	})

	// Drain: burn 99.5% of the liquidity ($200k of quote left).
	chain.Send(pair, pairABI.PackBurn(units(19_900, eth), units(39_800_000, usdc), chain.Auth.From))
	// Sandwich the liquidator in one block: the attacker buys ahead of it
	// (the highest fee), the liquidator sells its ETH the same way, the
	// attacker sells back after (its next nonce, the lowest fee).
	txs := []*types.Transaction{
		attacker.send(t, chain, pair, pairABI.PackSwap0For1(eth, attacker.addr), 3),
		liquidator.send(t, chain, pair, pairABI.PackSwap0For1(eth, liquidator.addr), 2),
		attacker.send(t, chain, pair, pairABI.PackSwap1For0(units(1000, usdc), attacker.addr), 1),
	}
	sealTogether(t, chain, txs, attacker, liquidator)

	drained := next(func(u update.Update) bool {
		return param(u, "liquidation_bonus") > param(deep, "liquidation_bonus") && param(u, "close_factor") < param(deep, "close_factor")
	})
	t.Logf("bonus %s → %s, close factor %s → %s", deep.Params["liquidation_bonus"], drained.Params["liquidation_bonus"],
		deep.Params["close_factor"], drained.Params["close_factor"])
	var named, sandwich bool
	for _, r := range drained.Reasons {
		named = named || strings.Contains(r.Text, "pool uni-weth-usdc")
		sandwich = sandwich || strings.Contains(r.Text, "sandwich")
	}
	if !named || !sandwich {
		t.Errorf("the reasons do not name the pool and the sandwich: %+v", drained.Reasons)
	}

	// A run on the bridge: 300 of its 1000 leave. The haircut is
	// 0.5 × 0.3 = 15% (liquidity.DefaultBridgeConfig), on maintenance.
	before := param(drained, "maintenance_multiplier")
	chain.Send(bridgeVault, vaultABI.PackWithdraw(chain.Auth.From, units(300, eth)))
	run := next(func(u update.Update) bool { return param(u, "maintenance_multiplier") > before })
	t.Logf("maintenance %s → %s", drained.Params["maintenance_multiplier"], run.Params["maintenance_multiplier"])
	if got := param(run, "maintenance_multiplier"); got < before*1.15-1e-4 {
		t.Errorf("maintenance %g after a 30%% run, want at least %g × 1.15", got, before)
	}
	var bridgeNamed bool
	for _, r := range run.Reasons {
		bridgeNamed = bridgeNamed || strings.Contains(r.Text, "bridge arb-bridge-weth")
	}
	if !bridgeNamed {
		t.Errorf("the reasons do not name the bridge: %+v", run.Reasons)
	}
}
