// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice A contract that makes every kind of administrative change a
/// watcher looks for: the proxy events of EIP-1967 (Upgraded, AdminChanged),
/// OpenZeppelin's Ownable (OwnershipTransferred) and AccessControl
/// (RoleGranted), and a setter, setOracle, that emits nothing and shows up
/// only as a call with its selector.
contract AdminTarget {
    address public owner;
    address public admin;
    address public implementation;
    address public oracle;
    uint256 public fee;
    mapping(bytes32 => mapping(address => bool)) public hasRole;

    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);
    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    constructor() {
        owner = msg.sender;
        admin = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    function upgradeTo(address newImplementation) external onlyOwner {
        implementation = newImplementation;
        emit Upgraded(newImplementation);
    }

    function changeAdmin(address newAdmin) external onlyOwner {
        emit AdminChanged(admin, newAdmin);
        admin = newAdmin;
    }

    function grantRole(bytes32 role, address account) external onlyOwner {
        hasRole[role][account] = true;
        emit RoleGranted(role, account, msg.sender);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /// @notice Emits no event on purpose.
    function setOracle(address newOracle) external onlyOwner {
        oracle = newOracle;
    }

    /// @notice Neither an event nor a selector a watcher is told about.
    function setFee(uint256 newFee) external onlyOwner {
        fee = newFee;
    }
}
