// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The part of Uniswap v2's pair interface the pool collector reads:
/// the reserves and the events that move them, with the signatures of
/// https://github.com/Uniswap/v2-core/blob/master/contracts/interfaces/IUniswapV2Pair.sol
/// (so their topics are those every v2 pair, and every fork keeping the
/// interface, emits).
interface IUniswapV2Pair {
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

    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
}
