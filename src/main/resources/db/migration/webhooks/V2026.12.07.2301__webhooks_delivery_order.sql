-- Deliveries of one endpoint go out one after another in the order they were written (docs/integrations.md,
-- "Order"): seq numbers rows as they are inserted; an endpoint's head is its pending row with the lowest seq.
ALTER TABLE webhooks.delivery ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;

-- Each endpoint's pending rows in order: the claim walks the endpoints that have pending rows through it
-- (one probe per endpoint, not one per row) and reads a head and the rows after it.
CREATE INDEX delivery_pending_order_idx ON webhooks.delivery (endpoint_id, seq) WHERE status = 'pending';
