// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package pool

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

// TestPoolMetaData contains all meta data concerning the TestPool contract.
var TestPoolMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"name\":\"InsufficientInputAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InsufficientLiquidity\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InsufficientOutputAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Overflow\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount0\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount1\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"Burn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount0\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount1\",\"type\":\"uint256\"}],\"name\":\"Mint\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount0In\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount1In\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount0Out\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount1Out\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"Swap\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint112\",\"name\":\"reserve0\",\"type\":\"uint112\"},{\"indexed\":false,\"internalType\":\"uint112\",\"name\":\"reserve1\",\"type\":\"uint112\"}],\"name\":\"Sync\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount0\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount1\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getReserves\",\"outputs\":[{\"internalType\":\"uint112\",\"name\":\"_reserve0\",\"type\":\"uint112\"},{\"internalType\":\"uint112\",\"name\":\"_reserve1\",\"type\":\"uint112\"},{\"internalType\":\"uint32\",\"name\":\"_blockTimestampLast\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount0\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount1\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount0In\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"swap0For1\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount1Out\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount1In\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"swap1For0\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount0Out\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "TestPool",
	Bin: "0x6080604052348015600e575f5ffd5b506106b78061001c5f395ff3fe608060405234801561000f575f5ffd5b5060043610610055575f3560e01c80630902f1ac146100595780631b2ef1ca14610098578063749388c4146100ad5780637f940b79146100c0578063c1606d3f146100e1575b5f5ffd5b5f54604080516001600160701b038084168252600160701b8404166020820152600160e01b90920463ffffffff16908201526060015b60405180910390f35b6100ab6100a6366004610559565b6100f4565b005b6100ab6100bb366004610594565b61016f565b6100d36100ce3660046105c6565b610237565b60405190815260200161008f565b6100d36100ef3660046105c6565b61030f565b5f546101309061010e9084906001600160701b0316610604565b5f5461012b908490600160701b90046001600160701b0316610604565b6103de565b604080518381526020810183905233917f4c209b5fc8ad50758f13e2e1088ba56a560dff690a1c6fef26394f4c03821c4f910160405180910390a25050565b5f546001600160701b031683118061019757505f54600160701b90046001600160701b031682115b156101b55760405163bb55fd2760e01b815260040160405180910390fd5b5f546101ec906101cf9085906001600160701b031661061d565b5f5461012b908590600160701b90046001600160701b031661061d565b60408051848152602081018490526001600160a01b0383169133917fdccd412f0b1252819cb1fd330b93224ca42612892bb3f4f789976e6d81936496910160405180910390a3505050565b5f80546102589084906001600160701b03600160701b8204811691166104c4565b9050805f0361027a576040516342301c2360e01b815260040160405180910390fd5b5f546102b1906102949083906001600160701b031661061d565b5f5461012b908690600160701b90046001600160701b0316610604565b604080515f8082526020820186905291810183905260608101919091526001600160a01b0383169033907fd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822906080015b60405180910390a392915050565b5f80546103319084906001600160701b0380821691600160701b9004166104c4565b9050805f03610353576040516342301c2360e01b815260040160405180910390fd5b5f5461038a9061036d9085906001600160701b0316610604565b5f5461012b908490600160701b90046001600160701b031661061d565b604080518481525f6020820181905291810191909152606081018290526001600160a01b0383169033907fd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d82290608001610301565b6001600160701b038211806103f957506001600160701b0381115b1561041757604051631a93c68960e11b815260040160405180910390fd5b5f80546001600160701b03838116600160701b026001600160e01b03199092169085161717905561044d64010000000042610644565b5f805463ffffffff92909216600160e01b026001600160e01b038316811791829055604080516001600160701b03928316948316949094178452600160701b9092041660208301527f1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbbad1910160405180910390a15050565b5f835f036104e55760405163098fb56160e01b815260040160405180910390fd5b8215806104f0575081155b1561050e5760405163bb55fd2760e01b815260040160405180910390fd5b5f61051b856103e5610657565b90505f6105288483610657565b90505f82610538876103e8610657565b6105429190610604565b905061054e818361066e565b979650505050505050565b5f5f6040838503121561056a575f5ffd5b50508035926020909101359150565b80356001600160a01b038116811461058f575f5ffd5b919050565b5f5f5f606084860312156105a6575f5ffd5b83359250602084013591506105bd60408501610579565b90509250925092565b5f5f604083850312156105d7575f5ffd5b823591506105e760208401610579565b90509250929050565b634e487b7160e01b5f52601160045260245ffd5b80820180821115610617576106176105f0565b92915050565b81810381811115610617576106176105f0565b634e487b7160e01b5f52601260045260245ffd5b5f8261065257610652610630565b500690565b8082028115828204841417610617576106176105f0565b5f8261067c5761067c610630565b50049056fea26469706673582212200637204f11a32dc40dcb4145bc3931827b3e67ba2da2ae714ad755b1c89326bd64736f6c634300081c0033",
}

// TestPool is an auto generated Go binding around an Ethereum contract.
type TestPool struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestPool) GetABI() abi.ABI {
	return c.abi
}

// NewTestPool creates a new instance of TestPool.
func NewTestPool() *TestPool {
	parsed, err := TestPoolMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestPool{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestPool) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x749388c4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(uint256 amount0, uint256 amount1, address to) returns()
func (testPool *TestPool) PackBurn(amount0 *big.Int, amount1 *big.Int, to common.Address) []byte {
	enc, err := testPool.abi.Pack("burn", amount0, amount1, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x749388c4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burn(uint256 amount0, uint256 amount1, address to) returns()
func (testPool *TestPool) TryPackBurn(amount0 *big.Int, amount1 *big.Int, to common.Address) ([]byte, error) {
	return testPool.abi.Pack("burn", amount0, amount1, to)
}

// PackGetReserves is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0902f1ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getReserves() view returns(uint112 _reserve0, uint112 _reserve1, uint32 _blockTimestampLast)
func (testPool *TestPool) PackGetReserves() []byte {
	enc, err := testPool.abi.Pack("getReserves")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetReserves is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0902f1ac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getReserves() view returns(uint112 _reserve0, uint112 _reserve1, uint32 _blockTimestampLast)
func (testPool *TestPool) TryPackGetReserves() ([]byte, error) {
	return testPool.abi.Pack("getReserves")
}

// GetReservesOutput serves as a container for the return parameters of contract
// method GetReserves.
type GetReservesOutput struct {
	Reserve0           *big.Int
	Reserve1           *big.Int
	BlockTimestampLast uint32
}

// UnpackGetReserves is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0902f1ac.
//
// Solidity: function getReserves() view returns(uint112 _reserve0, uint112 _reserve1, uint32 _blockTimestampLast)
func (testPool *TestPool) UnpackGetReserves(data []byte) (GetReservesOutput, error) {
	out, err := testPool.abi.Unpack("getReserves", data)
	outstruct := new(GetReservesOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Reserve0 = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Reserve1 = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.BlockTimestampLast = *abi.ConvertType(out[2], new(uint32)).(*uint32)
	return *outstruct, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b2ef1ca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(uint256 amount0, uint256 amount1) returns()
func (testPool *TestPool) PackMint(amount0 *big.Int, amount1 *big.Int) []byte {
	enc, err := testPool.abi.Pack("mint", amount0, amount1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b2ef1ca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(uint256 amount0, uint256 amount1) returns()
func (testPool *TestPool) TryPackMint(amount0 *big.Int, amount1 *big.Int) ([]byte, error) {
	return testPool.abi.Pack("mint", amount0, amount1)
}

// PackSwap0For1 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1606d3f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function swap0For1(uint256 amount0In, address to) returns(uint256 amount1Out)
func (testPool *TestPool) PackSwap0For1(amount0In *big.Int, to common.Address) []byte {
	enc, err := testPool.abi.Pack("swap0For1", amount0In, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSwap0For1 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1606d3f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function swap0For1(uint256 amount0In, address to) returns(uint256 amount1Out)
func (testPool *TestPool) TryPackSwap0For1(amount0In *big.Int, to common.Address) ([]byte, error) {
	return testPool.abi.Pack("swap0For1", amount0In, to)
}

// UnpackSwap0For1 is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc1606d3f.
//
// Solidity: function swap0For1(uint256 amount0In, address to) returns(uint256 amount1Out)
func (testPool *TestPool) UnpackSwap0For1(data []byte) (*big.Int, error) {
	out, err := testPool.abi.Unpack("swap0For1", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSwap1For0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f940b79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function swap1For0(uint256 amount1In, address to) returns(uint256 amount0Out)
func (testPool *TestPool) PackSwap1For0(amount1In *big.Int, to common.Address) []byte {
	enc, err := testPool.abi.Pack("swap1For0", amount1In, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSwap1For0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f940b79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function swap1For0(uint256 amount1In, address to) returns(uint256 amount0Out)
func (testPool *TestPool) TryPackSwap1For0(amount1In *big.Int, to common.Address) ([]byte, error) {
	return testPool.abi.Pack("swap1For0", amount1In, to)
}

// UnpackSwap1For0 is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7f940b79.
//
// Solidity: function swap1For0(uint256 amount1In, address to) returns(uint256 amount0Out)
func (testPool *TestPool) UnpackSwap1For0(data []byte) (*big.Int, error) {
	out, err := testPool.abi.Unpack("swap1For0", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// TestPoolBurn represents a Burn event raised by the TestPool contract.
type TestPoolBurn struct {
	Sender  common.Address
	Amount0 *big.Int
	Amount1 *big.Int
	To      common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const TestPoolBurnEventName = "Burn"

// ContractEventName returns the user-defined event name.
func (TestPoolBurn) ContractEventName() string {
	return TestPoolBurnEventName
}

// UnpackBurnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to)
func (testPool *TestPool) UnpackBurnEvent(log *types.Log) (*TestPoolBurn, error) {
	event := "Burn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testPool.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestPoolBurn)
	if len(log.Data) > 0 {
		if err := testPool.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testPool.abi.Events[event].Inputs {
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

// TestPoolMint represents a Mint event raised by the TestPool contract.
type TestPoolMint struct {
	Sender  common.Address
	Amount0 *big.Int
	Amount1 *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TestPoolMintEventName = "Mint"

// ContractEventName returns the user-defined event name.
func (TestPoolMint) ContractEventName() string {
	return TestPoolMintEventName
}

// UnpackMintEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Mint(address indexed sender, uint256 amount0, uint256 amount1)
func (testPool *TestPool) UnpackMintEvent(log *types.Log) (*TestPoolMint, error) {
	event := "Mint"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testPool.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestPoolMint)
	if len(log.Data) > 0 {
		if err := testPool.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testPool.abi.Events[event].Inputs {
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

// TestPoolSwap represents a Swap event raised by the TestPool contract.
type TestPoolSwap struct {
	Sender     common.Address
	Amount0In  *big.Int
	Amount1In  *big.Int
	Amount0Out *big.Int
	Amount1Out *big.Int
	To         common.Address
	Raw        *types.Log // Blockchain specific contextual infos
}

const TestPoolSwapEventName = "Swap"

// ContractEventName returns the user-defined event name.
func (TestPoolSwap) ContractEventName() string {
	return TestPoolSwapEventName
}

// UnpackSwapEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)
func (testPool *TestPool) UnpackSwapEvent(log *types.Log) (*TestPoolSwap, error) {
	event := "Swap"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testPool.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestPoolSwap)
	if len(log.Data) > 0 {
		if err := testPool.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testPool.abi.Events[event].Inputs {
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

// TestPoolSync represents a Sync event raised by the TestPool contract.
type TestPoolSync struct {
	Reserve0 *big.Int
	Reserve1 *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const TestPoolSyncEventName = "Sync"

// ContractEventName returns the user-defined event name.
func (TestPoolSync) ContractEventName() string {
	return TestPoolSyncEventName
}

// UnpackSyncEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Sync(uint112 reserve0, uint112 reserve1)
func (testPool *TestPool) UnpackSyncEvent(log *types.Log) (*TestPoolSync, error) {
	event := "Sync"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testPool.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestPoolSync)
	if len(log.Data) > 0 {
		if err := testPool.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testPool.abi.Events[event].Inputs {
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
func (testPool *TestPool) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], testPool.abi.Errors["InsufficientInputAmount"].ID.Bytes()[:4]) {
		return testPool.UnpackInsufficientInputAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], testPool.abi.Errors["InsufficientLiquidity"].ID.Bytes()[:4]) {
		return testPool.UnpackInsufficientLiquidityError(raw[4:])
	}
	if bytes.Equal(raw[:4], testPool.abi.Errors["InsufficientOutputAmount"].ID.Bytes()[:4]) {
		return testPool.UnpackInsufficientOutputAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], testPool.abi.Errors["Overflow"].ID.Bytes()[:4]) {
		return testPool.UnpackOverflowError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TestPoolInsufficientInputAmount represents a InsufficientInputAmount error raised by the TestPool contract.
type TestPoolInsufficientInputAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientInputAmount()
func TestPoolInsufficientInputAmountErrorID() common.Hash {
	return common.HexToHash("0x098fb561b214e40e1e2f3f75a32a74ad8612ca9e387347a879ac04251bbf57f8")
}

// UnpackInsufficientInputAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientInputAmount()
func (testPool *TestPool) UnpackInsufficientInputAmountError(raw []byte) (*TestPoolInsufficientInputAmount, error) {
	out := new(TestPoolInsufficientInputAmount)
	if err := testPool.abi.UnpackIntoInterface(out, "InsufficientInputAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestPoolInsufficientLiquidity represents a InsufficientLiquidity error raised by the TestPool contract.
type TestPoolInsufficientLiquidity struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientLiquidity()
func TestPoolInsufficientLiquidityErrorID() common.Hash {
	return common.HexToHash("0xbb55fd27c46b5ba9f88ff2cb2222216afeb0f193423b26615497b3020ab61f8e")
}

// UnpackInsufficientLiquidityError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientLiquidity()
func (testPool *TestPool) UnpackInsufficientLiquidityError(raw []byte) (*TestPoolInsufficientLiquidity, error) {
	out := new(TestPoolInsufficientLiquidity)
	if err := testPool.abi.UnpackIntoInterface(out, "InsufficientLiquidity", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestPoolInsufficientOutputAmount represents a InsufficientOutputAmount error raised by the TestPool contract.
type TestPoolInsufficientOutputAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientOutputAmount()
func TestPoolInsufficientOutputAmountErrorID() common.Hash {
	return common.HexToHash("0x42301c237a29c3e090da1b147e7b504f08db56c9600985b34af188477d350fa7")
}

// UnpackInsufficientOutputAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientOutputAmount()
func (testPool *TestPool) UnpackInsufficientOutputAmountError(raw []byte) (*TestPoolInsufficientOutputAmount, error) {
	out := new(TestPoolInsufficientOutputAmount)
	if err := testPool.abi.UnpackIntoInterface(out, "InsufficientOutputAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestPoolOverflow represents a Overflow error raised by the TestPool contract.
type TestPoolOverflow struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Overflow()
func TestPoolOverflowErrorID() common.Hash {
	return common.HexToHash("0x35278d127e53c148a0565944278d7e3633ce8d20f99f96aa81dc51a2ab474200")
}

// UnpackOverflowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Overflow()
func (testPool *TestPool) UnpackOverflowError(raw []byte) (*TestPoolOverflow, error) {
	out := new(TestPoolOverflow)
	if err := testPool.abi.UnpackIntoInterface(out, "Overflow", raw); err != nil {
		return nil, err
	}
	return out, nil
}
