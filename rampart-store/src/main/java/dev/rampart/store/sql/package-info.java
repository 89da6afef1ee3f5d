/**
 * How the store reaches its two engines: one {@link dev.rampart.store.sql.Database} (a HikariCP
 * pool plus the words to describe it in errors) opened by {@link dev.rampart.store.sql.SqliteDatabase}
 * or {@link dev.rampart.store.sql.PostgresDatabase}, migrated by
 * {@link dev.rampart.store.sql.Migrations}. Not part of the public API.
 */
package dev.rampart.store.sql;
