/**
 * Everything that touches a user's database: validated connection settings, jOOQ-rendered DDL,
 * catalogue introspection for idempotent re-runs, and the transient/permanent failure classification.
 */
package io.hybridlicense.schemasync.target;
