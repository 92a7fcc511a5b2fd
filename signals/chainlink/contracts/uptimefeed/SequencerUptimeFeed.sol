// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "../AggregatorV3Interface.sol";

/// @notice An L2 sequencer uptime feed as Chainlink publishes them
/// (docs.chain.link/data-feeds/l2-sequencer-feeds): answer 0 means the
/// sequencer is up, 1 that it is down; startedAt is when the status last
/// changed, and 0 marks an invalid round. The owner writes the status.
contract SequencerUptimeFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

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

    constructor() {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    function decimals() external pure returns (uint8) {
        return 0;
    }

    function description() external pure returns (string memory) {
        return "L2 Sequencer Uptime Status Feed";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId == 0 || roundId > latestRound) revert NoDataPresent(roundId);
        Round memory r = rounds[roundId];
        return (roundId, r.answer, r.startedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[latestRound];
        return (latestRound, r.answer, r.startedAt, r.updatedAt, latestRound);
    }

    /// @notice Starts a round with the status (down or up) and when it began;
    /// a startedAt of 0 writes an invalid round.
    function updateStatus(bool down, uint64 startedAt) external onlyOwner {
        setRoundAnswer(down ? int256(1) : int256(0), startedAt);
    }

    /// @notice Starts a round with any answer at all, for tests of malformed feeds.
    function setAnswer(int256 answer, uint256 startedAt) external onlyOwner {
        setRoundAnswer(answer, startedAt);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function setRoundAnswer(int256 answer, uint256 startedAt) private {
        latestRound++;
        rounds[latestRound] = Round(answer, startedAt, block.timestamp);
    }
}
