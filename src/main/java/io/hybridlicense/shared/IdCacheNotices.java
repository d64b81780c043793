package io.hybridlicense.shared;

import java.util.Set;
import java.util.UUID;

/**
 * A cache of entries keyed by id, kept in step with the other instances by notices on one channel whose
 * payload is the id of what changed: a notice drops that entry, and a gap in listening (when notices may
 * have been missed) drops them all.
 */
public interface IdCacheNotices extends NoticeSubscriber {

    String channel();

    /** Drops the entry of {@code id}, if any. */
    void forget(UUID id);

    /** Drops every entry. */
    void forgetAll();

    @Override
    default Set<String> channels() {
        return Set.of(channel());
    }

    @Override
    default void onNotice(String channel, String payload) {
        UUID id;
        try {
            id = UUID.fromString(payload);
        } catch (IllegalArgumentException notOurs) {
            return; // anyone may notify on a channel; dropping an entry is the most a notice can do
        }
        forget(id);
    }

    @Override
    default void onListening() {
        forgetAll();
    }

    @Override
    default void onNotListening() {
        forgetAll();
    }
}
