package io.hybridlicense.shared;

import java.util.Set;

/**
 * A module's interest in PostgreSQL notices from the other server instances ({@code NOTIFY} on the core
 * database, sent inside the transaction whose commit they announce). Implemented by a CDI bean; one
 * dedicated connection per process listens for every subscriber, reconnects by itself after a lost
 * connection or a database restart, and calls {@link #onListening} each time it listens (again).
 */
public interface NoticeSubscriber {

    /** The channels to listen on; empty when the subscriber is switched off. */
    Set<String> channels();

    /**
     * A notice on one of {@link #channels()}, on the listening thread (return quickly). Anyone who can
     * connect may notify: a payload is never trusted further than a hint to read again.
     */
    void onNotice(String channel, String payload);

    /** Listening now; notices sent before (while not listening) may have been missed. */
    default void onListening() {
    }

    /** The connection was lost: notices are missed until the next {@link #onListening()}. */
    default void onNotListening() {
    }
}
