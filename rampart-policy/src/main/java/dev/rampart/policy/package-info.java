/** Authorization for Rampart: roles, permissions, rules with CEL conditions, explained decisions. */
package dev.rampart.policy;
