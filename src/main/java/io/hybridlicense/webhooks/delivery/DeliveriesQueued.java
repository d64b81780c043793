package io.hybridlicense.webhooks.delivery;

/** Deliveries were written in the current transaction: once it commits, this instance's worker looks for them. */
record DeliveriesQueued() {
}
