package bridge

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
)

// revertOf sends calldata to the vault in a transaction, expecting it to
// revert (the gas estimate runs it), and returns the vault's custom error.
func revertOf(t *testing.T, c *chain, v common.Address, calldata []byte) any {
	t.Helper()
	_, err := bind.Transact(c.vault.Instance(c.Client, v), c.Auth, calldata)
	return customError(t, c, err)
}

// customError decodes the vault's custom error from a reverted call's
// error.
func customError(t *testing.T, c *chain, err error) any {
	t.Helper()
	var de rpc.DataError
	if !errors.As(err, &de) {
		t.Fatalf("%v, want a revert with data", err)
	}
	s, _ := de.ErrorData().(string)
	data := common.FromHex(s)
	if len(data) < 4 {
		t.Fatalf("revert data %q, want a custom error", s)
	}
	e, err := c.vault.UnpackError(data)
	if err != nil {
		t.Fatalf("revert data %q: %v", s, err)
	}
	return e
}

func TestBridgeVaultRefusesWhatABridgeMustNot(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	c.deposit(v, 1000)
	c.pause(v)

	if e, ok := revertOf(t, c, v, c.vault.PackWithdraw(common.HexToAddress("0xb0b"), big.NewInt(1))).(*vault.BridgeVaultEnforcedPause); !ok {
		t.Errorf("withdraw while paused: %#v, want EnforcedPause", e)
	}
	if e, ok := revertOf(t, c, v, c.vault.PackDeposit(big.NewInt(1))).(*vault.BridgeVaultEnforcedPause); !ok {
		t.Errorf("deposit while paused: %#v, want EnforcedPause", e)
	}
	if e, ok := revertOf(t, c, v, c.vault.PackPause()).(*vault.BridgeVaultEnforcedPause); !ok {
		t.Errorf("pause while paused: %#v, want EnforcedPause", e)
	}
	if got := c.totalLocked(v); got.Int64() != 1000 {
		t.Errorf("totalLocked %v after the refused calls, want 1000", got)
	}

	c.unpause(v)
	if e, ok := revertOf(t, c, v, c.vault.PackUnpause()).(*vault.BridgeVaultExpectedPause); !ok {
		t.Errorf("unpause while not paused: %#v, want ExpectedPause", e)
	}
	e, ok := revertOf(t, c, v, c.vault.PackWithdraw(common.HexToAddress("0xb0b"), big.NewInt(1001))).(*vault.BridgeVaultInsufficientLocked)
	if !ok || e.Requested.Int64() != 1001 || e.Locked.Int64() != 1000 {
		t.Errorf("withdraw of more than locked: %#v, want InsufficientLocked(1001, 1000)", e)
	}
	// Only the owner pauses: an eth_call from anyone else reverts.
	stranger := common.HexToAddress("0x5742")
	_, err := bind.Call(c.vault.Instance(c.Client, v), &bind.CallOpts{From: stranger}, c.vault.PackPause(), func([]byte) (any, error) { return nil, nil })
	if e, ok := customError(t, c, err).(*vault.BridgeVaultNotOwner); !ok || e.Caller != stranger {
		t.Errorf("pause by a stranger: %#v, want NotOwner(%s)", e, stranger.Hex())
	}
	c.withdraw(v, 1000)
	if got := c.totalLocked(v); got.Sign() != 0 {
		t.Errorf("totalLocked %v after withdrawing everything, want 0", got)
	}
}
