/**
 * Heartbeats and dead machines: {@code POST /api/v1/licenses/heartbeat} ({@code HeartbeatResource},
 * {@code PingMachine}), the in-memory coalescing of pings and their batched writes
 * ({@code HeartbeatRecorder}, {@code Machines}), the deadline set at activation ({@code HeartbeatStart}),
 * the cull of dead machines ({@code CullJob}) and their resurrection ({@code ResurrectMachine}). The terms
 * (interval, grace, cullAfter, resurrectWithin, seats) are the license's policy's, read in the same
 * statement as the license. Tables: the heartbeat columns of {@code license.licenses}
 * ({@code V2026.12.07.1900__license_heartbeats.sql}). Validation reads {@code heartbeat_deadline} in its
 * one batched row. See docs/auth-and-license.md, "Heartbeats and dead machines".
 */
package io.hybridlicense.license.heartbeat;
