package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Receives the {@link ChangeNotices} of the other instances on one dedicated PostgreSQL connection, read
 * by its own thread: a queued change wakes this server's poller at once, a settled one the
 * {@code Prefer: wait} requests on that table. A dropped connection is reopened with a growing delay
 * (logged once when lost and once when back); meanwhile the poll and the waiters' re-reads carry on,
 * so a lost notice costs at most one poll interval.
 *
 * <p>The connection is the pgjdbc driver's own, opened with the datasource's URL and credentials, not
 * one borrowed from the pool: it is held for the life of the process, blocked in a read, so from the
 * pool it would take one of its few connections away from requests for good, count as permanently
 * busy in the pool's metrics, and live under rules (validation, leak detection, flushing) made for
 * short borrows.
 */
@ApplicationScoped
class NoticeListener {

    /** How the connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "hybrid-license-listener";

    private static final Logger LOG = Logger.getLogger(NoticeListener.class);
    private static final String JDBC_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties.";
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** One read waits this long for notices: it bounds how long stopping takes. */
    private static final int READ_MILLIS = 500;
    /** A half-open TCP connection delivers nothing and reports nothing: an idle connection is probed this often. */
    private static final long PROBE_NANOS = Duration.ofSeconds(10).toNanos();

    private final boolean enabled;
    private final Duration pollInterval;
    private final ChangeNotices notices;
    private final OutboxPoller poller;
    private final Settlements settlements;
    private final Config settings;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Thread thread;

    NoticeListener(SchemaSyncConfig config, ChangeNotices notices, OutboxPoller poller, Settlements settlements, Config settings,
                   @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                   @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                   @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.enabled = config.crossInstanceWakeUp();
        this.pollInterval = config.pollInterval();
        this.notices = notices;
        this.poller = poller;
        this.settlements = settlements;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            running = true;
            thread = new Thread(this::listen, "schemasync-listener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
            try {
                listening.join(2 * READ_MILLIS + 1000);
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
                statement.execute("LISTEN " + ChangeNotices.QUEUED);
                statement.execute("LISTEN " + ChangeNotices.SETTLED);
                if (failures > 0) {
                    LOG.infof("Listening for other instances' changes again, after %d failed attempt(s)", failures);
                }
                failures = 0;
                retry = FIRST_RETRY;
                poller.wake(); // what other instances queued while nobody listened
                receive(connection.unwrap(PGConnection.class), statement);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warnf("Not listening for other instances' changes (%s); reconnecting with backoff up to %s. "
                            + "Until then their changes are picked up by the poll every %s", e.getMessage(), readable(MAX_RETRY), readable(pollInterval));
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
                    handle(notification);
                }
            } else if (System.nanoTime() - lastHeard > PROBE_NANOS) {
                probe.execute("SELECT 1");
                lastHeard = System.nanoTime();
            }
        }
    }

    private void handle(PGNotification notification) {
        ChangeNotices.Notice.parse(notification.getParameter())
                .filter(notice -> !notice.instance().equals(notices.instance()))
                .ifPresent(notice -> {
                    if (ChangeNotices.QUEUED.equals(notification.getName())) {
                        poller.wake();
                    } else {
                        settlements.wake(notice.table());
                    }
                });
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

    private static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
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
