package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the other server instances, through PostgreSQL {@code NOTIFY}, that a change was queued or
 * settled. The notice is sent inside the transaction that queues or settles, so PostgreSQL delivers it
 * exactly when that commits (and never when it rolls back). It carries ids only: the sending instance
 * (so that an instance skips its own notices, which its in-process signals have handled already) and
 * the table. {@link NoticeListener} receives them.
 */
@ApplicationScoped
class ChangeNotices {

    /** A change was queued: pollers look for work. */
    static final String QUEUED = "hl_schemasync_queued";
    /** A change was confirmed or rejected: {@code Prefer: wait} requests on the table read it again. */
    static final String SETTLED = "hl_schemasync_settled";

    /** One notice's payload: {@code <instance id>/<table id>}. */
    record Notice(UUID instance, UUID table) {

        String payload() {
            return instance + "/" + table;
        }

        /** Empty for a payload that is not ours (anyone may notify on a channel). */
        static Optional<Notice> parse(String payload) {
            int slash = payload == null ? -1 : payload.indexOf('/');
            try {
                return slash < 0 ? Optional.empty() : Optional.of(new Notice(UUID.fromString(payload.substring(0, slash)),
                        UUID.fromString(payload.substring(slash + 1))));
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
        }
    }

    private final UUID instance = UUID.randomUUID();
    private final Jdbc jdbc;
    private final boolean enabled;

    ChangeNotices(Jdbc jdbc, SchemaSyncConfig config) {
        this.jdbc = jdbc;
        this.enabled = config.crossInstanceWakeUp();
    }

    /** This process's id in the notices it sends. */
    UUID instance() {
        return instance;
    }

    void onQueued(@Observes ChangeQueued event) {
        send(QUEUED, event.tableId());
    }

    void onSettled(@Observes ChangeSettled event) {
        send(SETTLED, event.tableId());
    }

    private void send(String channel, UUID table) {
        if (enabled) {
            jdbc.one("SELECT pg_notify(?, ?)", row -> true, channel, new Notice(instance, table).payload());
        }
    }
}
