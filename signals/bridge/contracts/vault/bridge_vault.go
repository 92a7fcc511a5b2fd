// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package vault

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// BridgeVaultMetaData contains all meta data concerning the BridgeVault contract.
var BridgeVaultMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"EnforcedPause\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ExpectedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"locked\",\"type\":\"uint256\"}],\"name\":\"InsufficientLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Paused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Unpaused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"paused\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalLocked\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unpause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "BridgeVault",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b031916331790556104338061002d5f395ff3fe608060405234801561000f575f5ffd5b506004361061007a575f3560e01c80638456cb59116100585780638456cb59146100ba5780638da5cb5b146100c2578063b6b55f25146100ec578063f3fef3a3146100ff575f5ffd5b80633f4ba83a1461007e57806356891412146100885780635c975abb1461009e575b5f5ffd5b610086610112565b005b6001546040519081526020015b60405180910390f35b5f54600160a01b900460ff166040519015158152602001610095565b6100866101ae565b5f546100d4906001600160a01b031681565b6040516001600160a01b039091168152602001610095565b6100866100fa366004610371565b610246565b61008661010d366004610388565b6102be565b5f546001600160a01b031633146101435760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f54600160a01b900460ff1661016c57604051638dfc202b60e01b815260040160405180910390fd5b5f805460ff60a01b191690556040513381527f5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa906020015b60405180910390a1565b5f546001600160a01b031633146101da5760405163245aecd360e01b815233600482015260240161013a565b5f54600160a01b900460ff16156102045760405163d93c066560e01b815260040160405180910390fd5b5f805460ff60a01b1916600160a01b1790556040513381527f62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258906020016101a4565b5f54600160a01b900460ff16156102705760405163d93c066560e01b815260040160405180910390fd5b8060015f82825461028191906103d1565b909155505060405181815233907f2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c49060200160405180910390a250565b5f54600160a01b900460ff16156102e85760405163d93c066560e01b815260040160405180910390fd5b60015481111561031957600154604051636ccf73e960e01b815261013a918391600401918252602082015260400190565b8060015f82825461032a91906103ea565b90915550506040518181526001600160a01b038316907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a25050565b5f60208284031215610381575f5ffd5b5035919050565b5f5f60408385031215610399575f5ffd5b82356001600160a01b03811681146103af575f5ffd5b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156103e4576103e46103bd565b92915050565b818103818111156103e4576103e46103bd56fea26469706673582212209bfb8b2a4e372176db39e1fe2145d8d4d357e6fee20783542d8e24c47759a73264736f6c634300081c0033",
}

// BridgeVault is an auto generated Go binding around an Ethereum contract.
type BridgeVault struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *BridgeVault) GetABI() abi.ABI {
	return c.abi
}

// NewBridgeVault creates a new instance of BridgeVault.
func NewBridgeVault() *BridgeVault {
	parsed, err := BridgeVaultMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &BridgeVault{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *BridgeVault) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6b55f25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit(uint256 amount) returns()
func (bridgeVault *BridgeVault) PackDeposit(amount *big.Int) []byte {
	enc, err := bridgeVault.abi.Pack("deposit", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6b55f25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit(uint256 amount) returns()
func (bridgeVault *BridgeVault) TryPackDeposit(amount *big.Int) ([]byte, error) {
	return bridgeVault.abi.Pack("deposit", amount)
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (bridgeVault *BridgeVault) PackOwner() []byte {
	enc, err := bridgeVault.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (bridgeVault *BridgeVault) TryPackOwner() ([]byte, error) {
	return bridgeVault.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (bridgeVault *BridgeVault) UnpackOwner(data []byte) (common.Address, error) {
	out, err := bridgeVault.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pause() returns()
func (bridgeVault *BridgeVault) PackPause() []byte {
	enc, err := bridgeVault.abi.Pack("pause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pause() returns()
func (bridgeVault *BridgeVault) TryPackPause() ([]byte, error) {
	return bridgeVault.abi.Pack("pause")
}

// PackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paused() view returns(bool)
func (bridgeVault *BridgeVault) PackPaused() []byte {
	enc, err := bridgeVault.abi.Pack("paused")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paused() view returns(bool)
func (bridgeVault *BridgeVault) TryPackPaused() ([]byte, error) {
	return bridgeVault.abi.Pack("paused")
}

// UnpackPaused is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c975abb.
//
// Solidity: function paused() view returns(bool)
func (bridgeVault *BridgeVault) UnpackPaused(data []byte) (bool, error) {
	out, err := bridgeVault.abi.Unpack("paused", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTotalLocked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x56891412.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalLocked() view returns(uint256)
func (bridgeVault *BridgeVault) PackTotalLocked() []byte {
	enc, err := bridgeVault.abi.Pack("totalLocked")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalLocked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x56891412.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalLocked() view returns(uint256)
func (bridgeVault *BridgeVault) TryPackTotalLocked() ([]byte, error) {
	return bridgeVault.abi.Pack("totalLocked")
}

// UnpackTotalLocked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x56891412.
//
// Solidity: function totalLocked() view returns(uint256)
func (bridgeVault *BridgeVault) UnpackTotalLocked(data []byte) (*big.Int, error) {
	out, err := bridgeVault.abi.Unpack("totalLocked", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unpause() returns()
func (bridgeVault *BridgeVault) PackUnpause() []byte {
	enc, err := bridgeVault.abi.Pack("unpause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unpause() returns()
func (bridgeVault *BridgeVault) TryPackUnpause() ([]byte, error) {
	return bridgeVault.abi.Pack("unpause")
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3fef3a3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(address to, uint256 amount) returns()
func (bridgeVault *BridgeVault) PackWithdraw(to common.Address, amount *big.Int) []byte {
	enc, err := bridgeVault.abi.Pack("withdraw", to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3fef3a3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(address to, uint256 amount) returns()
func (bridgeVault *BridgeVault) TryPackWithdraw(to common.Address, amount *big.Int) ([]byte, error) {
	return bridgeVault.abi.Pack("withdraw", to, amount)
}

// BridgeVaultDeposited represents a Deposited event raised by the BridgeVault contract.
type BridgeVaultDeposited struct {
	From   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const BridgeVaultDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (BridgeVaultDeposited) ContractEventName() string {
	return BridgeVaultDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed from, uint256 amount)
func (bridgeVault *BridgeVault) UnpackDepositedEvent(log *types.Log) (*BridgeVaultDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridgeVault.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeVaultDeposited)
	if len(log.Data) > 0 {
		if err := bridgeVault.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridgeVault.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeVaultPaused represents a Paused event raised by the BridgeVault contract.
type BridgeVaultPaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const BridgeVaultPausedEventName = "Paused"

// ContractEventName returns the user-defined event name.
func (BridgeVaultPaused) ContractEventName() string {
	return BridgeVaultPausedEventName
}

// UnpackPausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Paused(address account)
func (bridgeVault *BridgeVault) UnpackPausedEvent(log *types.Log) (*BridgeVaultPaused, error) {
	event := "Paused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridgeVault.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeVaultPaused)
	if len(log.Data) > 0 {
		if err := bridgeVault.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridgeVault.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeVaultUnpaused represents a Unpaused event raised by the BridgeVault contract.
type BridgeVaultUnpaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const BridgeVaultUnpausedEventName = "Unpaused"

// ContractEventName returns the user-defined event name.
func (BridgeVaultUnpaused) ContractEventName() string {
	return BridgeVaultUnpausedEventName
}

// UnpackUnpausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unpaused(address account)
func (bridgeVault *BridgeVault) UnpackUnpausedEvent(log *types.Log) (*BridgeVaultUnpaused, error) {
	event := "Unpaused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridgeVault.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeVaultUnpaused)
	if len(log.Data) > 0 {
		if err := bridgeVault.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridgeVault.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeVaultWithdrawn represents a Withdrawn event raised by the BridgeVault contract.
type BridgeVaultWithdrawn struct {
	To     common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const BridgeVaultWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (BridgeVaultWithdrawn) ContractEventName() string {
	return BridgeVaultWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed to, uint256 amount)
func (bridgeVault *BridgeVault) UnpackWithdrawnEvent(log *types.Log) (*BridgeVaultWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridgeVault.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeVaultWithdrawn)
	if len(log.Data) > 0 {
		if err := bridgeVault.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridgeVault.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (bridgeVault *BridgeVault) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], bridgeVault.abi.Errors["EnforcedPause"].ID.Bytes()[:4]) {
		return bridgeVault.UnpackEnforcedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridgeVault.abi.Errors["ExpectedPause"].ID.Bytes()[:4]) {
		return bridgeVault.UnpackExpectedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridgeVault.abi.Errors["InsufficientLocked"].ID.Bytes()[:4]) {
		return bridgeVault.UnpackInsufficientLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridgeVault.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return bridgeVault.UnpackNotOwnerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// BridgeVaultEnforcedPause represents a EnforcedPause error raised by the BridgeVault contract.
type BridgeVaultEnforcedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EnforcedPause()
func BridgeVaultEnforcedPauseErrorID() common.Hash {
	return common.HexToHash("0xd93c0665d6c96d04a8f174024fc4ddd66c250604aff22bbec808de86dd3637e3")
}

// UnpackEnforcedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EnforcedPause()
func (bridgeVault *BridgeVault) UnpackEnforcedPauseError(raw []byte) (*BridgeVaultEnforcedPause, error) {
	out := new(BridgeVaultEnforcedPause)
	if err := bridgeVault.abi.UnpackIntoInterface(out, "EnforcedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeVaultExpectedPause represents a ExpectedPause error raised by the BridgeVault contract.
type BridgeVaultExpectedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ExpectedPause()
func BridgeVaultExpectedPauseErrorID() common.Hash {
	return common.HexToHash("0x8dfc202bcfe9a735b559bee70674422512bc5c30f687046ae8778315fb81da44")
}

// UnpackExpectedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ExpectedPause()
func (bridgeVault *BridgeVault) UnpackExpectedPauseError(raw []byte) (*BridgeVaultExpectedPause, error) {
	out := new(BridgeVaultExpectedPause)
	if err := bridgeVault.abi.UnpackIntoInterface(out, "ExpectedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeVaultInsufficientLocked represents a InsufficientLocked error raised by the BridgeVault contract.
type BridgeVaultInsufficientLocked struct {
	Requested *big.Int
	Locked    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientLocked(uint256 requested, uint256 locked)
func BridgeVaultInsufficientLockedErrorID() common.Hash {
	return common.HexToHash("0x6ccf73e94105091fcf5fa5b42e5a622fc5ce15ea5b9895336c0265a0fff84588")
}

// UnpackInsufficientLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientLocked(uint256 requested, uint256 locked)
func (bridgeVault *BridgeVault) UnpackInsufficientLockedError(raw []byte) (*BridgeVaultInsufficientLocked, error) {
	out := new(BridgeVaultInsufficientLocked)
	if err := bridgeVault.abi.UnpackIntoInterface(out, "InsufficientLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeVaultNotOwner represents a NotOwner error raised by the BridgeVault contract.
type BridgeVaultNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func BridgeVaultNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (bridgeVault *BridgeVault) UnpackNotOwnerError(raw []byte) (*BridgeVaultNotOwner, error) {
	out := new(BridgeVaultNotOwner)
	if err := bridgeVault.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}
