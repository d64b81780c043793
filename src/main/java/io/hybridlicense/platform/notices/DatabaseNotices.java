package io.hybridlicense.platform.notices;

import io.hybridlicense.shared.NoticeSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Receives the notices of the other server instances ({@code LISTEN} on the core database) for every
 * {@link NoticeSubscriber} (schemasync's wake-ups, auth's ended sessions), on one dedicated PostgreSQL
 * connection read by its own thread. A dropped connection (a database restart, a terminated backend, a
 * half-open TCP connection found by a probe) is reopened with a growing delay, logged once when lost and
 * once when back; subscribers hear of both ({@link NoticeSubscriber#onNotListening()},
 * {@link NoticeSubscriber#onListening()}), since notices sent meanwhile are lost.
 *
 * <p>The connection is the pgjdbc driver's own, opened with the datasource's URL and credentials, not
 * one borrowed from the pool: it is held for the life of the process, blocked in a read, so from the
 * pool it would take one of its few connections away from requests for good, count as permanently
 * busy in the pool's metrics, and live under rules (validation, leak detection, flushing) made for
 * short borrows.
 */
@ApplicationScoped
public class DatabaseNotices {

    /** How the connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "hybrid-license-listener";

    private static final Logger LOG = Logger.getLogger(DatabaseNotices.class);
    private static final String JDBC_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties.";
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** One read waits this long for notices: it bounds how long stopping takes. */
    private static final int READ_MILLIS = 500;
    /** A half-open TCP connection delivers nothing and reports nothing: an idle connection is probed this often. */
    private static final long PROBE_NANOS = Duration.ofSeconds(10).toNanos();

    private final Instance<NoticeSubscriber> subscribers;
    private final Config settings;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile List<NoticeSubscriber> listening = List.of();
    private volatile boolean running;
    private volatile Thread thread;

    DatabaseNotices(Instance<NoticeSubscriber> subscribers, Config settings,
                    @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                    @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                    @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.subscribers = subscribers;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        listening = subscribers.stream().filter(subscriber -> !subscriber.channels().isEmpty()).toList();
        if (!listening.isEmpty()) {
            running = true;
            thread = new Thread(this::listen, "database-notices");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2 * READ_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        int failures = 0;
        while (running) {
            try (Connection connection = open(); Statement statement = connection.createStatement()) {
                for (NoticeSubscriber subscriber : listening) {
                    for (String channel : subscriber.channels()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                if (failures > 0) {
                    LOG.infof("Listening for other instances' notices again, after %d failed attempt(s)", failures);
                }
                failures = 0;
                retry = FIRST_RETRY;
                listening.forEach(NoticeSubscriber::onListening);
                receive(connection.unwrap(PGConnection.class), statement);
            } catch (SQLException | RuntimeException e) {
                listening.forEach(NoticeSubscriber::onNotListening);
                if (!running) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warnf("Not listening for other instances' notices (%s); reconnecting with backoff up to %s",
                            e.getMessage(), MAX_RETRY.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
                } else {
                    LOG.debugf("Listening connection attempt %d failed: %s", failures, e.getMessage());
                }
                if (!pause(retry)) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void receive(PGConnection connection, Statement probe) throws SQLException {
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] received = connection.getNotifications(READ_MILLIS);
            if (received != null && received.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : received) {
                    deliver(notification);
                }
            } else if (System.nanoTime() - lastHeard > PROBE_NANOS) {
                probe.execute("SELECT 1");
                lastHeard = System.nanoTime();
            }
        }
    }

    private void deliver(PGNotification notification) {
        for (NoticeSubscriber subscriber : listening) {
            if (subscriber.channels().contains(notification.getName())) {
                try {
                    subscriber.onNotice(notification.getName(), notification.getParameter());
                } catch (RuntimeException e) {
                    LOG.warnf(e, "A notice on %s was not handled", notification.getName());
                }
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        for (String name : settings.getPropertyNames()) {
            if (name.startsWith(JDBC_PROPERTIES)) {
                settings.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring(JDBC_PROPERTIES.length()), value));
            }
        }
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL");
        }
        return connection;
    }

    /** Sleeps {@code about} with jitter (instances restarting with one database do not reconnect in step); false once stopping. */
    private boolean pause(Duration about) {
        long millis = about.toMillis() / 2 + ThreadLocalRandom.current().nextLong(about.toMillis() / 2 + 1);
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException stopping) {
            return false;
        }
    }
}
