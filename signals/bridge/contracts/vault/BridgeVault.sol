// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice A minimal pausable bridge vault: the lock side of a lock-and-mint
/// bridge, holding the backing of one wrapped asset. Deposits lock backing
/// (the wrapped side mints), withdrawals release it (the wrapped side burnt).
/// No token moves: amounts are bookkeeping only, enough for a watcher of
/// the vault's events and views.
///
/// Pausing follows OpenZeppelin's Pausable (the same events, errors and
/// view), and ownership its Ownable: the deployer owns the vault, and only
/// the owner pauses and unpauses it. While paused, neither deposits nor
/// withdrawals go through. Anyone may withdraw: a real bridge would first
/// check a proof of the burn on the other chain.
contract BridgeVault {
    address public owner;
    bool private _paused;
    uint256 private _locked;

    /// @dev As in OpenZeppelin's Pausable.
    event Paused(address account);
    /// @dev As in OpenZeppelin's Pausable.
    event Unpaused(address account);
    event Deposited(address indexed from, uint256 amount);
    event Withdrawn(address indexed to, uint256 amount);

    /// @dev As in OpenZeppelin's Pausable.
    error EnforcedPause();
    /// @dev As in OpenZeppelin's Pausable.
    error ExpectedPause();
    error NotOwner(address caller);
    error InsufficientLocked(uint256 requested, uint256 locked);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier whenNotPaused() {
        if (_paused) revert EnforcedPause();
        _;
    }

    modifier whenPaused() {
        if (!_paused) revert ExpectedPause();
        _;
    }

    constructor() {
        owner = msg.sender;
    }

    /// @notice Whether the vault is paused.
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @notice The backing held: everything deposited less everything
    /// withdrawn.
    function totalLocked() external view returns (uint256) {
        return _locked;
    }

    /// @notice Locks amount of backing.
    function deposit(uint256 amount) external whenNotPaused {
        _locked += amount;
        emit Deposited(msg.sender, amount);
    }

    /// @notice Releases amount of backing to `to`.
    function withdraw(address to, uint256 amount) external whenNotPaused {
        if (amount > _locked) revert InsufficientLocked(amount, _locked);
        _locked -= amount;
        emit Withdrawn(to, amount);
    }

    function pause() external onlyOwner whenNotPaused {
        _paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOwner whenPaused {
        _paused = false;
        emit Unpaused(msg.sender);
    }
}
