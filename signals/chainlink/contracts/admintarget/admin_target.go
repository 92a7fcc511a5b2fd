// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package admintarget

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

// AdminTargetMetaData contains all meta data concerning the AdminTarget contract.
var AdminTargetMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"implementation\",\"type\":\"address\"}],\"name\":\"Upgraded\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"admin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"changeAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"fee\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"implementation\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"oracle\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"newFee\",\"type\":\"uint256\"}],\"name\":\"setFee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOracle\",\"type\":\"address\"}],\"name\":\"setOracle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newImplementation\",\"type\":\"address\"}],\"name\":\"upgradeTo\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "AdminTarget",
	Bin: "0x6080604052348015600e575f5ffd5b505f8054336001600160a01b0319918216811783556001805490921681179091556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a3610530806100675f395ff3fe608060405234801561000f575f5ffd5b50600436106100b1575f3560e01c80638da5cb5b1161006e5780638da5cb5b146101465780638f2839701461015857806391d148541461016b578063ddca3f43146101a8578063f2fde38b146101bf578063f851a440146101d2575f5ffd5b80632f2ff15d146100b55780633659cfe6146100ca5780635c60da1b146100dd57806369fe0e2d1461010d5780637adbf973146101205780637dc0d1d014610133575b5f5ffd5b6100c86100c3366004610499565b6101e5565b005b6100c86100d83660046104c3565b610270565b6002546100f0906001600160a01b031681565b6040516001600160a01b0390911681526020015b60405180910390f35b6100c861011b3660046104e3565b6102e5565b6100c861012e3660046104c3565b610316565b6003546100f0906001600160a01b031681565b5f546100f0906001600160a01b031681565b6100c86101663660046104c3565b610364565b610198610179366004610499565b600560209081525f928352604080842090915290825290205460ff1681565b6040519015158152602001610104565b6101b160045481565b604051908152602001610104565b6100c86101cd3660046104c3565b6103f9565b6001546100f0906001600160a01b031681565b5f546001600160a01b031633146102165760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f8281526005602090815260408083206001600160a01b0385168085529252808320805460ff1916600117905551339285917f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d9190a45050565b5f546001600160a01b0316331461029c5760405163245aecd360e01b815233600482015260240161020d565b600280546001600160a01b0319166001600160a01b0383169081179091556040517fbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b905f90a250565b5f546001600160a01b031633146103115760405163245aecd360e01b815233600482015260240161020d565b600455565b5f546001600160a01b031633146103425760405163245aecd360e01b815233600482015260240161020d565b600380546001600160a01b0319166001600160a01b0392909216919091179055565b5f546001600160a01b031633146103905760405163245aecd360e01b815233600482015260240161020d565b600154604080516001600160a01b03928316815291831660208301527f7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f910160405180910390a1600180546001600160a01b0319166001600160a01b0392909216919091179055565b5f546001600160a01b031633146104255760405163245aecd360e01b815233600482015260240161020d565b5f80546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a35f80546001600160a01b0319166001600160a01b0392909216919091179055565b80356001600160a01b0381168114610494575f5ffd5b919050565b5f5f604083850312156104aa575f5ffd5b823591506104ba6020840161047e565b90509250929050565b5f602082840312156104d3575f5ffd5b6104dc8261047e565b9392505050565b5f602082840312156104f3575f5ffd5b503591905056fea2646970667358221220b0ebbdd7b82b2c36413b9f4ce3fe0ad7a1783f1b066ac43576cf8e29c89f111064736f6c634300081c0033",
}

// AdminTarget is an auto generated Go binding around an Ethereum contract.
type AdminTarget struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *AdminTarget) GetABI() abi.ABI {
	return c.abi
}

// NewAdminTarget creates a new instance of AdminTarget.
func NewAdminTarget() *AdminTarget {
	parsed, err := AdminTargetMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &AdminTarget{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *AdminTarget) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function admin() view returns(address)
func (adminTarget *AdminTarget) PackAdmin() []byte {
	enc, err := adminTarget.abi.Pack("admin")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function admin() view returns(address)
func (adminTarget *AdminTarget) TryPackAdmin() ([]byte, error) {
	return adminTarget.abi.Pack("admin")
}

// UnpackAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf851a440.
//
// Solidity: function admin() view returns(address)
func (adminTarget *AdminTarget) UnpackAdmin(data []byte) (common.Address, error) {
	out, err := adminTarget.abi.Unpack("admin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackChangeAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f283970.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function changeAdmin(address newAdmin) returns()
func (adminTarget *AdminTarget) PackChangeAdmin(newAdmin common.Address) []byte {
	enc, err := adminTarget.abi.Pack("changeAdmin", newAdmin)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChangeAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f283970.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function changeAdmin(address newAdmin) returns()
func (adminTarget *AdminTarget) TryPackChangeAdmin(newAdmin common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("changeAdmin", newAdmin)
}

// PackFee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddca3f43.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fee() view returns(uint256)
func (adminTarget *AdminTarget) PackFee() []byte {
	enc, err := adminTarget.abi.Pack("fee")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddca3f43.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fee() view returns(uint256)
func (adminTarget *AdminTarget) TryPackFee() ([]byte, error) {
	return adminTarget.abi.Pack("fee")
}

// UnpackFee is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xddca3f43.
//
// Solidity: function fee() view returns(uint256)
func (adminTarget *AdminTarget) UnpackFee(data []byte) (*big.Int, error) {
	out, err := adminTarget.abi.Unpack("fee", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (adminTarget *AdminTarget) PackGrantRole(role [32]byte, account common.Address) []byte {
	enc, err := adminTarget.abi.Pack("grantRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (adminTarget *AdminTarget) TryPackGrantRole(role [32]byte, account common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("grantRole", role, account)
}

// PackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasRole(bytes32 , address ) view returns(bool)
func (adminTarget *AdminTarget) PackHasRole(arg0 [32]byte, arg1 common.Address) []byte {
	enc, err := adminTarget.abi.Pack("hasRole", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasRole(bytes32 , address ) view returns(bool)
func (adminTarget *AdminTarget) TryPackHasRole(arg0 [32]byte, arg1 common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("hasRole", arg0, arg1)
}

// UnpackHasRole is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d14854.
//
// Solidity: function hasRole(bytes32 , address ) view returns(bool)
func (adminTarget *AdminTarget) UnpackHasRole(data []byte) (bool, error) {
	out, err := adminTarget.abi.Unpack("hasRole", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackImplementation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c60da1b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function implementation() view returns(address)
func (adminTarget *AdminTarget) PackImplementation() []byte {
	enc, err := adminTarget.abi.Pack("implementation")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackImplementation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c60da1b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function implementation() view returns(address)
func (adminTarget *AdminTarget) TryPackImplementation() ([]byte, error) {
	return adminTarget.abi.Pack("implementation")
}

// UnpackImplementation is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c60da1b.
//
// Solidity: function implementation() view returns(address)
func (adminTarget *AdminTarget) UnpackImplementation(data []byte) (common.Address, error) {
	out, err := adminTarget.abi.Unpack("implementation", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOracle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dc0d1d0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function oracle() view returns(address)
func (adminTarget *AdminTarget) PackOracle() []byte {
	enc, err := adminTarget.abi.Pack("oracle")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOracle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dc0d1d0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function oracle() view returns(address)
func (adminTarget *AdminTarget) TryPackOracle() ([]byte, error) {
	return adminTarget.abi.Pack("oracle")
}

// UnpackOracle is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7dc0d1d0.
//
// Solidity: function oracle() view returns(address)
func (adminTarget *AdminTarget) UnpackOracle(data []byte) (common.Address, error) {
	out, err := adminTarget.abi.Unpack("oracle", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (adminTarget *AdminTarget) PackOwner() []byte {
	enc, err := adminTarget.abi.Pack("owner")
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
func (adminTarget *AdminTarget) TryPackOwner() ([]byte, error) {
	return adminTarget.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (adminTarget *AdminTarget) UnpackOwner(data []byte) (common.Address, error) {
	out, err := adminTarget.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSetFee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x69fe0e2d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setFee(uint256 newFee) returns()
func (adminTarget *AdminTarget) PackSetFee(newFee *big.Int) []byte {
	enc, err := adminTarget.abi.Pack("setFee", newFee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetFee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x69fe0e2d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setFee(uint256 newFee) returns()
func (adminTarget *AdminTarget) TryPackSetFee(newFee *big.Int) ([]byte, error) {
	return adminTarget.abi.Pack("setFee", newFee)
}

// PackSetOracle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7adbf973.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setOracle(address newOracle) returns()
func (adminTarget *AdminTarget) PackSetOracle(newOracle common.Address) []byte {
	enc, err := adminTarget.abi.Pack("setOracle", newOracle)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetOracle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7adbf973.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setOracle(address newOracle) returns()
func (adminTarget *AdminTarget) TryPackSetOracle(newOracle common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("setOracle", newOracle)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (adminTarget *AdminTarget) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := adminTarget.abi.Pack("transferOwnership", newOwner)
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
func (adminTarget *AdminTarget) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("transferOwnership", newOwner)
}

// PackUpgradeTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3659cfe6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function upgradeTo(address newImplementation) returns()
func (adminTarget *AdminTarget) PackUpgradeTo(newImplementation common.Address) []byte {
	enc, err := adminTarget.abi.Pack("upgradeTo", newImplementation)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpgradeTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3659cfe6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function upgradeTo(address newImplementation) returns()
func (adminTarget *AdminTarget) TryPackUpgradeTo(newImplementation common.Address) ([]byte, error) {
	return adminTarget.abi.Pack("upgradeTo", newImplementation)
}

// AdminTargetAdminChanged represents a AdminChanged event raised by the AdminTarget contract.
type AdminTargetAdminChanged struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const AdminTargetAdminChangedEventName = "AdminChanged"

// ContractEventName returns the user-defined event name.
func (AdminTargetAdminChanged) ContractEventName() string {
	return AdminTargetAdminChangedEventName
}

// UnpackAdminChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminChanged(address previousAdmin, address newAdmin)
func (adminTarget *AdminTarget) UnpackAdminChangedEvent(log *types.Log) (*AdminTargetAdminChanged, error) {
	event := "AdminChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != adminTarget.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AdminTargetAdminChanged)
	if len(log.Data) > 0 {
		if err := adminTarget.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range adminTarget.abi.Events[event].Inputs {
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

// AdminTargetOwnershipTransferred represents a OwnershipTransferred event raised by the AdminTarget contract.
type AdminTargetOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const AdminTargetOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (AdminTargetOwnershipTransferred) ContractEventName() string {
	return AdminTargetOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (adminTarget *AdminTarget) UnpackOwnershipTransferredEvent(log *types.Log) (*AdminTargetOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != adminTarget.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AdminTargetOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := adminTarget.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range adminTarget.abi.Events[event].Inputs {
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

// AdminTargetRoleGranted represents a RoleGranted event raised by the AdminTarget contract.
type AdminTargetRoleGranted struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const AdminTargetRoleGrantedEventName = "RoleGranted"

// ContractEventName returns the user-defined event name.
func (AdminTargetRoleGranted) ContractEventName() string {
	return AdminTargetRoleGrantedEventName
}

// UnpackRoleGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)
func (adminTarget *AdminTarget) UnpackRoleGrantedEvent(log *types.Log) (*AdminTargetRoleGranted, error) {
	event := "RoleGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != adminTarget.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AdminTargetRoleGranted)
	if len(log.Data) > 0 {
		if err := adminTarget.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range adminTarget.abi.Events[event].Inputs {
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

// AdminTargetUpgraded represents a Upgraded event raised by the AdminTarget contract.
type AdminTargetUpgraded struct {
	Implementation common.Address
	Raw            *types.Log // Blockchain specific contextual infos
}

const AdminTargetUpgradedEventName = "Upgraded"

// ContractEventName returns the user-defined event name.
func (AdminTargetUpgraded) ContractEventName() string {
	return AdminTargetUpgradedEventName
}

// UnpackUpgradedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Upgraded(address indexed implementation)
func (adminTarget *AdminTarget) UnpackUpgradedEvent(log *types.Log) (*AdminTargetUpgraded, error) {
	event := "Upgraded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != adminTarget.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AdminTargetUpgraded)
	if len(log.Data) > 0 {
		if err := adminTarget.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range adminTarget.abi.Events[event].Inputs {
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
func (adminTarget *AdminTarget) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], adminTarget.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return adminTarget.UnpackNotOwnerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// AdminTargetNotOwner represents a NotOwner error raised by the AdminTarget contract.
type AdminTargetNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func AdminTargetNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (adminTarget *AdminTarget) UnpackNotOwnerError(raw []byte) (*AdminTargetNotOwner, error) {
	out := new(AdminTargetNotOwner)
	if err := adminTarget.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}
