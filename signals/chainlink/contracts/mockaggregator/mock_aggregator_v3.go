// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package mockaggregator

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

// MockAggregatorV3MetaData contains all meta data concerning the MockAggregatorV3 contract.
var MockAggregatorV3MetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"decimals_\",\"type\":\"uint8\"},{\"internalType\":\"string\",\"name\":\"description_\",\"type\":\"string\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint80\",\"name\":\"roundId\",\"type\":\"uint80\"}],\"name\":\"NoDataPresent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"description\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint80\",\"name\":\"roundId\",\"type\":\"uint80\"}],\"name\":\"getRoundData\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"},{\"internalType\":\"int256\",\"name\":\"\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"latestRound\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"latestRoundData\",\"outputs\":[{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"},{\"internalType\":\"int256\",\"name\":\"\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"uint80\",\"name\":\"\",\"type\":\"uint80\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint80\",\"name\":\"roundId\",\"type\":\"uint80\"},{\"internalType\":\"int256\",\"name\":\"answer\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"startedAt\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"updatedAt\",\"type\":\"uint256\"},{\"internalType\":\"uint80\",\"name\":\"answeredInRound\",\"type\":\"uint80\"}],\"name\":\"setRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"int256\",\"name\":\"answer\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"startedAt\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"updatedAt\",\"type\":\"uint256\"}],\"name\":\"updateAnswer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"version\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "MockAggregatorV3",
	Bin: "0x60a060405234801561000f575f5ffd5b50604051610a0d380380610a0d83398101604081905261002e9161009b565b60ff82166080525f61004082826101e8565b50600180546001600160a01b031916339081179091556040515f907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a350506102a2565b634e487b7160e01b5f52604160045260245ffd5b5f5f604083850312156100ac575f5ffd5b825160ff811681146100bc575f5ffd5b60208401519092506001600160401b038111156100d7575f5ffd5b8301601f810185136100e7575f5ffd5b80516001600160401b0381111561010057610100610087565b604051601f8201601f19908116603f011681016001600160401b038111828210171561012e5761012e610087565b604052818152828201602001871015610145575f5ffd5b8160208401602083015e5f602083830101528093505050509250929050565b600181811c9082168061017857607f821691505b60208210810361019657634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156101e357805f5260205f20601f840160051c810160208510156101c15750805b601f840160051c820191505b818110156101e0575f81556001016101cd565b50505b505050565b81516001600160401b0381111561020157610201610087565b6102158161020f8454610164565b8461019c565b6020601f821160018114610247575f83156102305750848201515b5f19600385901b1c1916600184901b1784556101e0565b5f84815260208120601f198516915b828110156102765787850151825560209485019460019092019101610256565b508482101561029357868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b6080516107546102b95f395f60bb01526107545ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c80638da5cb5b116100635780638da5cb5b146101405780639a6fc8f51461016b578063ddcfcbd6146101b2578063f2fde38b146101c5578063feaf968c146101d8575f5ffd5b8063299e23bc1461009f578063313ce567146100b457806354fd4d50146100ea578063668a0f02146100f95780637284e4161461012b575b5f5ffd5b6100b26100ad3660046105c0565b610238565b005b60405160ff7f00000000000000000000000000000000000000000000000000000000000000001681526020015b60405180910390f35b604051600481526020016100e1565b60015461011390600160a01b90046001600160501b031681565b6040516001600160501b0390911681526020016100e1565b6101336102f6565b6040516100e1919061060c565b600154610153906001600160a01b031681565b6040516001600160a01b0390911681526020016100e1565b61017e610179366004610641565b610385565b604080516001600160501b03968716815260208101959095528401929092526060830152909116608082015260a0016100e1565b6100b26101c0366004610661565b61043c565b6100b26101d336600461068a565b61051d565b600180546001600160501b03600160a01b90910481165f818152600260208181526040928390208351608081018552815480825297820154928101839052928101549383018490526003015490941660609091018190529193929161017e565b6001546001600160a01b0316331461026a5760405163245aecd360e01b81523360048201526024015b60405180910390fd5b6001805469ffffffffffffffffffff60a01b1916600160a01b6001600160501b03978816908102919091178255604080516080810182529687526020808801968752878201958652938816606088019081525f928352600294859052912095518655935190850155905190830155516003909101805469ffffffffffffffffffff191691909216179055565b60605f8054610304906106b0565b80601f0160208091040260200160405190810160405280929190818152602001828054610330906106b0565b801561037b5780601f106103525761010080835404028352916020019161037b565b820191905f5260205f20905b81548152906001019060200180831161035e57829003601f168201915b5050505050905090565b5f808080806001600160501b03861615806103b557506001546001600160501b03600160a01b9091048116908716115b156103de5760405163ebb8bb1f60e01b81526001600160501b0387166004820152602401610261565b505050506001600160501b038281165f90815260026020818152604092839020835160808101855281548082526001830154938201849052938201549481018590526003909101549094166060909401849052949590949350909190565b6001546001600160a01b031633146104695760405163245aecd360e01b8152336004820152602401610261565b60018054600160a01b90046001600160501b0316906014610489836106e8565b82546101009290920a6001600160501b0381810219909316918316021790915560408051608081018252958652602080870195865286820194855260018054600160a01b90048416606089018181525f9182526002938490529390209751885595519587019590955592519385019390935550516003909201805469ffffffffffffffffffff191692909116919091179055565b6001546001600160a01b0316331461054a5760405163245aecd360e01b8152336004820152602401610261565b6001546040516001600160a01b038084169216907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a3600180546001600160a01b0319166001600160a01b0392909216919091179055565b80356001600160501b03811681146105bb575f5ffd5b919050565b5f5f5f5f5f60a086880312156105d4575f5ffd5b6105dd866105a5565b9450602086013593506040860135925060608601359150610600608087016105a5565b90509295509295909350565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f60208284031215610651575f5ffd5b61065a826105a5565b9392505050565b5f5f5f60608486031215610673575f5ffd5b505081359360208301359350604090920135919050565b5f6020828403121561069a575f5ffd5b81356001600160a01b038116811461065a575f5ffd5b600181811c908216806106c457607f821691505b6020821081036106e257634e487b7160e01b5f52602260045260245ffd5b50919050565b5f6001600160501b0382166001600160501b03810361071557634e487b7160e01b5f52601160045260245ffd5b6001019291505056fea26469706673582212205e5ec511ab4d98fb5cbeb055c66ccc6485dec4402479e09e08e02a92112c215964736f6c634300081c0033",
}

// MockAggregatorV3 is an auto generated Go binding around an Ethereum contract.
type MockAggregatorV3 struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *MockAggregatorV3) GetABI() abi.ABI {
	return c.abi
}

// NewMockAggregatorV3 creates a new instance of MockAggregatorV3.
func NewMockAggregatorV3() *MockAggregatorV3 {
	parsed, err := MockAggregatorV3MetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &MockAggregatorV3{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *MockAggregatorV3) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint8 decimals_, string description_) returns()
func (mockAggregatorV3 *MockAggregatorV3) PackConstructor(decimals_ uint8, description_ string) []byte {
	enc, err := mockAggregatorV3.abi.Pack("", decimals_, description_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (mockAggregatorV3 *MockAggregatorV3) PackDecimals() []byte {
	enc, err := mockAggregatorV3.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (mockAggregatorV3 *MockAggregatorV3) TryPackDecimals() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (mockAggregatorV3 *MockAggregatorV3) UnpackDecimals(data []byte) (uint8, error) {
	out, err := mockAggregatorV3.abi.Unpack("decimals", data)
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
// Solidity: function description() view returns(string)
func (mockAggregatorV3 *MockAggregatorV3) PackDescription() []byte {
	enc, err := mockAggregatorV3.abi.Pack("description")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDescription is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7284e416.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function description() view returns(string)
func (mockAggregatorV3 *MockAggregatorV3) TryPackDescription() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("description")
}

// UnpackDescription is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7284e416.
//
// Solidity: function description() view returns(string)
func (mockAggregatorV3 *MockAggregatorV3) UnpackDescription(data []byte) (string, error) {
	out, err := mockAggregatorV3.abi.Unpack("description", data)
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
func (mockAggregatorV3 *MockAggregatorV3) PackGetRoundData(roundId *big.Int) []byte {
	enc, err := mockAggregatorV3.abi.Pack("getRoundData", roundId)
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackGetRoundData(roundId *big.Int) ([]byte, error) {
	return mockAggregatorV3.abi.Pack("getRoundData", roundId)
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
func (mockAggregatorV3 *MockAggregatorV3) UnpackGetRoundData(data []byte) (GetRoundDataOutput, error) {
	out, err := mockAggregatorV3.abi.Unpack("getRoundData", data)
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
func (mockAggregatorV3 *MockAggregatorV3) PackLatestRound() []byte {
	enc, err := mockAggregatorV3.abi.Pack("latestRound")
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackLatestRound() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("latestRound")
}

// UnpackLatestRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x668a0f02.
//
// Solidity: function latestRound() view returns(uint80)
func (mockAggregatorV3 *MockAggregatorV3) UnpackLatestRound(data []byte) (*big.Int, error) {
	out, err := mockAggregatorV3.abi.Unpack("latestRound", data)
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
func (mockAggregatorV3 *MockAggregatorV3) PackLatestRoundData() []byte {
	enc, err := mockAggregatorV3.abi.Pack("latestRoundData")
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackLatestRoundData() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("latestRoundData")
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
func (mockAggregatorV3 *MockAggregatorV3) UnpackLatestRoundData(data []byte) (LatestRoundDataOutput, error) {
	out, err := mockAggregatorV3.abi.Unpack("latestRoundData", data)
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
func (mockAggregatorV3 *MockAggregatorV3) PackOwner() []byte {
	enc, err := mockAggregatorV3.abi.Pack("owner")
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackOwner() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (mockAggregatorV3 *MockAggregatorV3) UnpackOwner(data []byte) (common.Address, error) {
	out, err := mockAggregatorV3.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x299e23bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) returns()
func (mockAggregatorV3 *MockAggregatorV3) PackSetRound(roundId *big.Int, answer *big.Int, startedAt *big.Int, updatedAt *big.Int, answeredInRound *big.Int) []byte {
	enc, err := mockAggregatorV3.abi.Pack("setRound", roundId, answer, startedAt, updatedAt, answeredInRound)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x299e23bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) returns()
func (mockAggregatorV3 *MockAggregatorV3) TryPackSetRound(roundId *big.Int, answer *big.Int, startedAt *big.Int, updatedAt *big.Int, answeredInRound *big.Int) ([]byte, error) {
	return mockAggregatorV3.abi.Pack("setRound", roundId, answer, startedAt, updatedAt, answeredInRound)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (mockAggregatorV3 *MockAggregatorV3) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := mockAggregatorV3.abi.Pack("transferOwnership", newOwner)
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return mockAggregatorV3.abi.Pack("transferOwnership", newOwner)
}

// PackUpdateAnswer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddcfcbd6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateAnswer(int256 answer, uint256 startedAt, uint256 updatedAt) returns()
func (mockAggregatorV3 *MockAggregatorV3) PackUpdateAnswer(answer *big.Int, startedAt *big.Int, updatedAt *big.Int) []byte {
	enc, err := mockAggregatorV3.abi.Pack("updateAnswer", answer, startedAt, updatedAt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateAnswer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddcfcbd6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateAnswer(int256 answer, uint256 startedAt, uint256 updatedAt) returns()
func (mockAggregatorV3 *MockAggregatorV3) TryPackUpdateAnswer(answer *big.Int, startedAt *big.Int, updatedAt *big.Int) ([]byte, error) {
	return mockAggregatorV3.abi.Pack("updateAnswer", answer, startedAt, updatedAt)
}

// PackVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54fd4d50.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function version() pure returns(uint256)
func (mockAggregatorV3 *MockAggregatorV3) PackVersion() []byte {
	enc, err := mockAggregatorV3.abi.Pack("version")
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
func (mockAggregatorV3 *MockAggregatorV3) TryPackVersion() ([]byte, error) {
	return mockAggregatorV3.abi.Pack("version")
}

// UnpackVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x54fd4d50.
//
// Solidity: function version() pure returns(uint256)
func (mockAggregatorV3 *MockAggregatorV3) UnpackVersion(data []byte) (*big.Int, error) {
	out, err := mockAggregatorV3.abi.Unpack("version", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// MockAggregatorV3OwnershipTransferred represents a OwnershipTransferred event raised by the MockAggregatorV3 contract.
type MockAggregatorV3OwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const MockAggregatorV3OwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (MockAggregatorV3OwnershipTransferred) ContractEventName() string {
	return MockAggregatorV3OwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (mockAggregatorV3 *MockAggregatorV3) UnpackOwnershipTransferredEvent(log *types.Log) (*MockAggregatorV3OwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != mockAggregatorV3.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MockAggregatorV3OwnershipTransferred)
	if len(log.Data) > 0 {
		if err := mockAggregatorV3.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range mockAggregatorV3.abi.Events[event].Inputs {
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
func (mockAggregatorV3 *MockAggregatorV3) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], mockAggregatorV3.abi.Errors["NoDataPresent"].ID.Bytes()[:4]) {
		return mockAggregatorV3.UnpackNoDataPresentError(raw[4:])
	}
	if bytes.Equal(raw[:4], mockAggregatorV3.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return mockAggregatorV3.UnpackNotOwnerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// MockAggregatorV3NoDataPresent represents a NoDataPresent error raised by the MockAggregatorV3 contract.
type MockAggregatorV3NoDataPresent struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoDataPresent(uint80 roundId)
func MockAggregatorV3NoDataPresentErrorID() common.Hash {
	return common.HexToHash("0xebb8bb1f8d4de0f0821f5945577601602168acc75e6fe1a6e35b47478aefe56e")
}

// UnpackNoDataPresentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoDataPresent(uint80 roundId)
func (mockAggregatorV3 *MockAggregatorV3) UnpackNoDataPresentError(raw []byte) (*MockAggregatorV3NoDataPresent, error) {
	out := new(MockAggregatorV3NoDataPresent)
	if err := mockAggregatorV3.abi.UnpackIntoInterface(out, "NoDataPresent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// MockAggregatorV3NotOwner represents a NotOwner error raised by the MockAggregatorV3 contract.
type MockAggregatorV3NotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func MockAggregatorV3NotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (mockAggregatorV3 *MockAggregatorV3) UnpackNotOwnerError(raw []byte) (*MockAggregatorV3NotOwner, error) {
	out := new(MockAggregatorV3NotOwner)
	if err := mockAggregatorV3.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}
