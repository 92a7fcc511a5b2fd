// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package uptimefeed

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

// SequencerUptimeFeedMetaData contains all meta data concerning the SequencerUptimeFeed contract.
var SequencerUptimeFeedMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint80\",\"name\":\"roundId\",\"type\":\"uint80\"}],\"name\":\"NoDataPresent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"description\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint80\",\"name\":\"roundId\",\"type\":\"uint80\"}],\"name\":\"getRoundData\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"},{\"internalType\":\"int256\",\"name\":\"\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"latestRound\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"latestRoundData\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"},{\"internalType\":\"int256\",\"name\":\"\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"int256\",\"name\":\"answer\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"startedAt\",\"type\":\"uint256\"}],\"name\":\"setAnswer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"down\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"startedAt\",\"type\":\"uint64\"}],\"name\":\"updateStatus\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"version\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "SequencerUptimeFeed",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36105c58061005a5f395ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c80638da5cb5b116100635780638da5cb5b146101465780639a6fc8f514610170578063ed8378f5146101b7578063f2fde38b146101ca578063feaf968c146101dd575f5ffd5b8063313ce5671461009f57806354fd4d50146100b2578063668a0f02146100c15780637284e416146100f2578063860f138314610131575b5f5ffd5b6040515f81526020015b60405180910390f35b604051600181526020016100a9565b5f546100da90600160a01b90046001600160501b031681565b6040516001600160501b0390911681526020016100a9565b604080518082018252601f81527f4c322053657175656e63657220557074696d6520537461747573204665656400602082015290516100a9919061046a565b61014461013f36600461049f565b61022e565b005b5f54610158906001600160a01b031681565b6040516001600160a01b0390911681526020016100a9565b61018361017e3660046104bf565b61026d565b604080516001600160501b03968716815260208101959095528401929092526060830152909116608082015260a0016100a9565b6101446101c53660046104ec565b610310565b6101446101d8366004610533565b61035d565b6101835f8054600160a01b90046001600160501b0316808252600160208181526040938490208451606081018652815480825293820154928101839052600290910154940184905291939092908490565b5f546001600160a01b0316331461025f5760405163245aecd360e01b81523360048201526024015b60405180910390fd5b61026982826103e2565b5050565b5f808080806001600160501b038616158061029c57505f546001600160501b03600160a01b9091048116908716115b156102c55760405163ebb8bb1f60e01b81526001600160501b0387166004820152602401610256565b505050506001600160501b0382165f90815260016020818152604092839020835160608101855281548082529382015492810183905260029091015493018390529394909392508490565b5f546001600160a01b0316331461033c5760405163245aecd360e01b8152336004820152602401610256565b6102698261034a575f61034d565b60015b8267ffffffffffffffff166103e2565b5f546001600160a01b031633146103895760405163245aecd360e01b8152336004820152602401610256565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b5f8054600160a01b90046001600160501b031690601461040183610559565b82546101009290920a6001600160501b03818102199093169183160217909155604080516060810182529485526020808601948552428683019081525f8054600160a01b9004909416845260019182905291909220945185559251908401555051600290910155565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f5f604083850312156104b0575f5ffd5b50508035926020909101359150565b5f602082840312156104cf575f5ffd5b81356001600160501b03811681146104e5575f5ffd5b9392505050565b5f5f604083850312156104fd575f5ffd5b8235801515811461050c575f5ffd5b9150602083013567ffffffffffffffff81168114610528575f5ffd5b809150509250929050565b5f60208284031215610543575f5ffd5b81356001600160a01b03811681146104e5575f5ffd5b5f6001600160501b0382166001600160501b03810361058657634e487b7160e01b5f52601160045260245ffd5b6001019291505056fea2646970667358221220a3f9010b402944a63a31b07de07cecea66fbfe9ebda1b934055ddabffb169f4964736f6c634300081c0033",
}

// SequencerUptimeFeed is an auto generated Go binding around an Ethereum contract.
type SequencerUptimeFeed struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SequencerUptimeFeed) GetABI() abi.ABI {
	return c.abi
}

// NewSequencerUptimeFeed creates a new instance of SequencerUptimeFeed.
func NewSequencerUptimeFeed() *SequencerUptimeFeed {
	parsed, err := SequencerUptimeFeedMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SequencerUptimeFeed{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SequencerUptimeFeed) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() pure returns(uint8)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackDecimals() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() pure returns(uint8)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackDecimals() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() pure returns(uint8)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackDecimals(data []byte) (uint8, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackDescription is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7284e416.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function description() pure returns(string)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackDescription() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("description")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDescription is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7284e416.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function description() pure returns(string)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackDescription() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("description")
}

// UnpackDescription is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7284e416.
//
// Solidity: function description() pure returns(string)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackDescription(data []byte) (string, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("description", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackGetRoundData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a6fc8f5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoundData(uint80 roundId) view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackGetRoundData(roundId *big.Int) []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("getRoundData", roundId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRoundData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a6fc8f5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRoundData(uint80 roundId) view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackGetRoundData(roundId *big.Int) ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("getRoundData", roundId)
}

// GetRoundDataOutput serves as a container for the return parameters of contract
// method GetRoundData.
type GetRoundDataOutput struct {
	Arg0 *big.Int
	Arg1 *big.Int
	Arg2 *big.Int
	Arg3 *big.Int
	Arg4 *big.Int
}

// UnpackGetRoundData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9a6fc8f5.
//
// Solidity: function getRoundData(uint80 roundId) view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackGetRoundData(data []byte) (GetRoundDataOutput, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("getRoundData", data)
	outstruct := new(GetRoundDataOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Arg0 = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Arg1 = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Arg2 = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.Arg3 = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.Arg4 = abi.ConvertType(out[4], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackLatestRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x668a0f02.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function latestRound() view returns(uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackLatestRound() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("latestRound")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLatestRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x668a0f02.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function latestRound() view returns(uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackLatestRound() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("latestRound")
}

// UnpackLatestRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x668a0f02.
//
// Solidity: function latestRound() view returns(uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackLatestRound(data []byte) (*big.Int, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("latestRound", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackLatestRoundData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfeaf968c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function latestRoundData() view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackLatestRoundData() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("latestRoundData")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLatestRoundData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfeaf968c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function latestRoundData() view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackLatestRoundData() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("latestRoundData")
}

// LatestRoundDataOutput serves as a container for the return parameters of contract
// method LatestRoundData.
type LatestRoundDataOutput struct {
	Arg0 *big.Int
	Arg1 *big.Int
	Arg2 *big.Int
	Arg3 *big.Int
	Arg4 *big.Int
}

// UnpackLatestRoundData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfeaf968c.
//
// Solidity: function latestRoundData() view returns(uint80, int256, uint256, uint256, uint80)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackLatestRoundData(data []byte) (LatestRoundDataOutput, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("latestRoundData", data)
	outstruct := new(LatestRoundDataOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Arg0 = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Arg1 = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Arg2 = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.Arg3 = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.Arg4 = abi.ConvertType(out[4], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackOwner() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("owner")
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
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackOwner() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackOwner(data []byte) (common.Address, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSetAnswer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x860f1383.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setAnswer(int256 answer, uint256 startedAt) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) PackSetAnswer(answer *big.Int, startedAt *big.Int) []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("setAnswer", answer, startedAt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetAnswer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x860f1383.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setAnswer(int256 answer, uint256 startedAt) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackSetAnswer(answer *big.Int, startedAt *big.Int) ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("setAnswer", answer, startedAt)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("transferOwnership", newOwner)
}

// PackUpdateStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed8378f5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateStatus(bool down, uint64 startedAt) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) PackUpdateStatus(down bool, startedAt uint64) []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("updateStatus", down, startedAt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed8378f5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateStatus(bool down, uint64 startedAt) returns()
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackUpdateStatus(down bool, startedAt uint64) ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("updateStatus", down, startedAt)
}

// PackVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54fd4d50.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function version() pure returns(uint256)
func (sequencerUptimeFeed *SequencerUptimeFeed) PackVersion() []byte {
	enc, err := sequencerUptimeFeed.abi.Pack("version")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54fd4d50.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function version() pure returns(uint256)
func (sequencerUptimeFeed *SequencerUptimeFeed) TryPackVersion() ([]byte, error) {
	return sequencerUptimeFeed.abi.Pack("version")
}

// UnpackVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x54fd4d50.
//
// Solidity: function version() pure returns(uint256)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackVersion(data []byte) (*big.Int, error) {
	out, err := sequencerUptimeFeed.abi.Unpack("version", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// SequencerUptimeFeedOwnershipTransferred represents a OwnershipTransferred event raised by the SequencerUptimeFeed contract.
type SequencerUptimeFeedOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const SequencerUptimeFeedOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (SequencerUptimeFeedOwnershipTransferred) ContractEventName() string {
	return SequencerUptimeFeedOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackOwnershipTransferredEvent(log *types.Log) (*SequencerUptimeFeedOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sequencerUptimeFeed.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SequencerUptimeFeedOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := sequencerUptimeFeed.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sequencerUptimeFeed.abi.Events[event].Inputs {
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
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], sequencerUptimeFeed.abi.Errors["NoDataPresent"].ID.Bytes()[:4]) {
		return sequencerUptimeFeed.UnpackNoDataPresentError(raw[4:])
	}
	if bytes.Equal(raw[:4], sequencerUptimeFeed.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return sequencerUptimeFeed.UnpackNotOwnerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SequencerUptimeFeedNoDataPresent represents a NoDataPresent error raised by the SequencerUptimeFeed contract.
type SequencerUptimeFeedNoDataPresent struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoDataPresent(uint80 roundId)
func SequencerUptimeFeedNoDataPresentErrorID() common.Hash {
	return common.HexToHash("0xebb8bb1f8d4de0f0821f5945577601602168acc75e6fe1a6e35b47478aefe56e")
}

// UnpackNoDataPresentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoDataPresent(uint80 roundId)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackNoDataPresentError(raw []byte) (*SequencerUptimeFeedNoDataPresent, error) {
	out := new(SequencerUptimeFeedNoDataPresent)
	if err := sequencerUptimeFeed.abi.UnpackIntoInterface(out, "NoDataPresent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SequencerUptimeFeedNotOwner represents a NotOwner error raised by the SequencerUptimeFeed contract.
type SequencerUptimeFeedNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func SequencerUptimeFeedNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (sequencerUptimeFeed *SequencerUptimeFeed) UnpackNotOwnerError(raw []byte) (*SequencerUptimeFeedNotOwner, error) {
	out := new(SequencerUptimeFeedNotOwner)
	if err := sequencerUptimeFeed.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}
