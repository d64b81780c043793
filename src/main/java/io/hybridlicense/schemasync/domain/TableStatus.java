package io.hybridlicense.schemasync.domain;

/** Where a table stands with its user's database. */
public enum TableStatus {
    /** At least one change is queued and not yet settled. */
    PENDING,
    /** Every change is confirmed; the user's database has the model's shape. */
    SYNCED,
    /** The last settled change was rejected; the model is back at its last confirmed shape. */
    REJECTED,
    /** The table was dropped in the user's database. */
    DROPPED
}
