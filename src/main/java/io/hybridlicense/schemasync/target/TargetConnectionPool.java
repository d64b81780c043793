package io.hybridlicense.schemasync.target;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keeps a few idle connections per target for a short while: opening a connection costs more than
 * most DDL statements (a PostgreSQL backend process per connection), and changes to one database
 * tend to come in bursts. A connection that failed in any way is closed, never given back, so a
 * target that restarted costs at most one transient failure (and a retry).
 */
final class TargetConnectionPool {

    private record Idle(Connection connection, long since) {
    }

    private final TargetConnector connector;
    private final long maxIdleNanos;
    private final int maxIdlePerTarget;
    private final Map<TargetSpec, Deque<Idle>> idle = new ConcurrentHashMap<>();

    TargetConnectionPool(TargetConnector connector, Duration maxIdle, int maxIdlePerTarget) {
        this.connector = connector;
        this.maxIdleNanos = maxIdle.toNanos();
        this.maxIdlePerTarget = maxIdlePerTarget;
    }

    Connection borrow(TargetSpec target) throws SQLException {
        Deque<Idle> connections = idle.get(target);
        for (Idle candidate = connections == null ? null : connections.pollFirst(); candidate != null;
             candidate = connections.pollFirst()) {
            if (System.nanoTime() - candidate.since() < maxIdleNanos) {
                return candidate.connection();
            }
            close(candidate.connection());
        }
        return connector.open(target);
    }

    void giveBack(TargetSpec target, Connection connection) {
        Deque<Idle> connections = idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>());
        if (connections.size() < maxIdlePerTarget) {
            connections.addFirst(new Idle(connection, System.nanoTime()));
        } else {
            close(connection);
        }
    }

    void discard(Connection connection) {
        close(connection);
    }

    /** Closes connections idle for longer than the limit. */
    void evictIdle() {
        long now = System.nanoTime();
        idle.values().forEach(connections -> connections.removeIf(candidate -> {
            boolean expired = now - candidate.since() >= maxIdleNanos;
            if (expired) {
                close(candidate.connection());
            }
            return expired;
        }));
        idle.values().removeIf(Deque::isEmpty);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection: nothing more to do
        }
    }
}
