// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice A constant-product pool in the shape of Uniswap v2's pair, for
/// tests. It holds no tokens: its functions move the reserves as a pair's
/// would and emit the events a pair emits, with the same signatures and in
/// the same order (UniswapV2Pair updates the reserves, emitting Sync, and
/// then emits Mint, Burn or Swap). Token0 is the base asset and token1 the
/// quote asset.
contract TestPool {
    uint112 private reserve0;
    uint112 private reserve1;
    uint32 private blockTimestampLast;

    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint112 reserve0, uint112 reserve1);

    error Overflow();
    error InsufficientLiquidity();
    error InsufficientInputAmount();
    error InsufficientOutputAmount();

    function getReserves() public view returns (uint112 _reserve0, uint112 _reserve1, uint32 _blockTimestampLast) {
        return (reserve0, reserve1, blockTimestampLast);
    }

    /// @notice Adds amount0 and amount1 to the reserves, as a deposit of
    /// both tokens followed by the pair's mint would.
    function mint(uint256 amount0, uint256 amount1) external {
        _update(uint256(reserve0) + amount0, uint256(reserve1) + amount1);
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @notice Removes amount0 and amount1 from the reserves, as the pair's
    /// burn paying them out to `to` would.
    function burn(uint256 amount0, uint256 amount1, address to) external {
        if (amount0 > reserve0 || amount1 > reserve1) revert InsufficientLiquidity();
        _update(reserve0 - amount0, reserve1 - amount1);
        emit Burn(msg.sender, amount0, amount1, to);
    }

    /// @notice Sells amount0In of token0 for token1, paid to `to`.
    function swap0For1(uint256 amount0In, address to) external returns (uint256 amount1Out) {
        amount1Out = getAmountOut(amount0In, reserve0, reserve1);
        if (amount1Out == 0) revert InsufficientOutputAmount();
        _update(uint256(reserve0) + amount0In, reserve1 - amount1Out);
        emit Swap(msg.sender, amount0In, 0, 0, amount1Out, to);
    }

    /// @notice Sells amount1In of token1 for token0, paid to `to`.
    function swap1For0(uint256 amount1In, address to) external returns (uint256 amount0Out) {
        amount0Out = getAmountOut(amount1In, reserve1, reserve0);
        if (amount0Out == 0) revert InsufficientOutputAmount();
        _update(reserve0 - amount0Out, uint256(reserve1) + amount1In);
        emit Swap(msg.sender, 0, amount1In, amount0Out, 0, to);
    }

    /// @dev Uniswap v2's getAmountOut (v2-periphery): the output of
    /// amountIn after the 0.3% fee, rounded down.
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut)
        internal
        pure
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert InsufficientInputAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity();
        uint256 amountInWithFee = amountIn * 997;
        uint256 numerator = amountInWithFee * reserveOut;
        uint256 denominator = reserveIn * 1000 + amountInWithFee;
        amountOut = numerator / denominator;
    }

    /// @dev UniswapV2Pair._update, less the price accumulators.
    function _update(uint256 balance0, uint256 balance1) private {
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow();
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        blockTimestampLast = uint32(block.timestamp % 2 ** 32);
        emit Sync(reserve0, reserve1);
    }
}
