/**
 * The way from a queued change to its outcome: the poller and dispatcher that claim outbox rows, the
 * attempt against the user's database ({@code ApplyQueuedChange}), the recording of the outcome
 * ({@code SettleChange}), the notices that wake other instances, and {@code Settlements}, which answers
 * {@code Prefer: wait} requests once an outcome is recorded.
 */
package io.hybridlicense.schemasync.outbox;
