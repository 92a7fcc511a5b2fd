// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "../AggregatorV3Interface.sol";

/// @notice A price feed whose rounds the owner writes by hand, for tests:
/// updateAnswer starts a well-formed round with the given timestamps, and
/// setRound writes any round at all, malformed ones included.
contract MockAggregatorV3 is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    uint8 private immutable feedDecimals;
    string private feedDescription;
    address public owner;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    /// @dev As in OpenZeppelin's Ownable.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error NoDataPresent(uint80 roundId);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    constructor(uint8 decimals_, string memory description_) {
        feedDecimals = decimals_;
        feedDescription = description_;
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    function decimals() external view returns (uint8) {
        return feedDecimals;
    }

    function description() external view returns (string memory) {
        return feedDescription;
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId == 0 || roundId > latestRound) revert NoDataPresent(roundId);
        Round memory r = rounds[roundId];
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// @notice The latest round; all zeros before the first update.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[latestRound];
        return (latestRound, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// @notice Starts a new round answered in itself.
    function updateAnswer(int256 answer, uint256 startedAt, uint256 updatedAt) external onlyOwner {
        latestRound++;
        rounds[latestRound] = Round(answer, startedAt, updatedAt, latestRound);
    }

    /// @notice Writes round roundId as given and makes it the latest.
    function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
        onlyOwner
    {
        latestRound = roundId;
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }
}
