package dev.rampart.audit;

/** An entry as the log holds it: its index in the tree (from 0) and its protected fields. */
public record StoredEntry(long seq, AuditEntry entry) {}
