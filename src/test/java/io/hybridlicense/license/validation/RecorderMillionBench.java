package io.hybridlicense.license.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.license.MaintainedCounts;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The recorder at a million licenses, in-process (not part of the suite: run it with
 * {@code -Dtest=RecorderMillionBench}; bench/recorder.sh is the same over HTTP): 1,000,000 licenses seeded
 * in SQL, each noted once as a validation would, at the production defaults (interval 60 s, limit
 * 1,000,000); the heap after a full GC before, with them pending and after they are written; the round
 * written tick by tick as the scheduler would (60 ticks, back to back: each tick's time says whether the
 * pacing holds), rows per second; HTTP validations of a few licenses meanwhile (p99). Prints its table
 * and writes it to target/bench/recorder-inprocess.md.
 */
@QuarkusTest
class RecorderMillionBench {

    private static final int LICENSES = Integer.getInteger("bench.licenses", 1_000_000);

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @Test
    void aMillionLicensesInOneInterval() throws Exception {
        List<String> table = new ArrayList<>();
        seed();
        try {
            ValidationRecorder recorder = new ValidationRecorder(dataSource, () -> Instant.now(), Duration.ofSeconds(60),
                    1_000_000, new SimpleMeterRegistry());
            List<UUID> ids = ids();
            long heapBefore = heapAfterGc();

            long started = System.nanoTime();
            ids.forEach(recorder::noteValidated);
            long noteNanos = System.nanoTime() - started;
            recorder.noteValidated(UUID.randomUUID());
            assertThat(recorder.pendingCount()).isEqualTo(Math.min(LICENSES, 1_000_000));
            long heapPending = heapAfterGc();
            long mapHeap = heapOfAMapOf(ids);

            List<Activated> some = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                some.add(Users.aUser().register().activated());
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> latencies = new ArrayList<>();
            for (Activated license : some) {
                latencies.add(clients.submit(() -> validateWhile(writing, license)));
            }
            Thread.sleep(2000);
            long[] ticks = new long[60];
            started = System.nanoTime();
            recorder.recordSlice(true);
            ticks[0] = System.nanoTime() - started;
            for (int tick = 1; tick < 60; tick++) {
                long tickStarted = System.nanoTime();
                recorder.recordSlice(false);
                ticks[tick] = System.nanoTime() - tickStarted;
            }
            long writeNanos = System.nanoTime() - started;
            writing.set(false);
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> each : latencies) {
                all.addAll(each.get());
            }
            clients.shutdown();
            all.sort(null);
            long written = countWritten();
            long heapAfter = heapAfterGc();
            Arrays.sort(ticks);

            table.add("| date | " + Instant.now() + " |");
            table.add("| machine | " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                    + Runtime.getRuntime().maxMemory() / 1_048_576 + " MiB (test JVM), load average "
                    + Files.readString(Path.of("/proc/loadavg")).trim() + " |");
            table.add("| licenses noted (distinct) | " + ids.size() + " in " + noteNanos / 1_000_000 + " ms; one more past the limit: dropped "
                    + recorder.droppedCount() + " |");
            table.add("| heap after a full GC | before " + mib(heapBefore) + " MiB; with " + ids.size() + " pending "
                    + mib(heapPending) + " MiB (+" + mib(heapPending - heapBefore) + " MiB, "
                    + (heapPending - heapBefore) / Math.max(1, ids.size()) + " bytes a license; a ConcurrentHashMap<UUID, Instant> of the same: +"
                    + mib(mapHeap) + " MiB); after the writes " + mib(heapAfter) + " MiB |");
            table.add("| written | " + written + " rows in " + writeNanos / 1_000_000 + " ms, 60 ticks back to back: "
                    + Math.round(written / (writeNanos / 1e9)) + " rows/s; a tick (1/60 of the round, statements of up to 5,000 rows) took median "
                    + ticks[30] / 1_000_000 + " ms, max " + ticks[59] / 1_000_000 + " ms (a tick every second holds while this is < 1,000 ms) |");
            table.add("| validate meanwhile (HTTP, 4 clients, 4 licenses) | " + all.size() + " validations, p50 "
                    + ms(all, 0.50) + " ms, p99 " + ms(all, 0.99) + " ms, max " + ms(all, 1.0) + " ms |");
            String text = "| | value |\n|---|---|\n" + String.join("\n", table) + "\n";
            System.out.println(text);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/recorder-inprocess.md"), text);
            assertThat(written).isEqualTo(ids.size());
        } finally {
            unseed();
        }
    }

    private static List<Long> validateWhile(AtomicBoolean writing, Activated license) {
        List<Long> nanos = new ArrayList<>();
        while (writing.get()) {
            long started = System.nanoTime();
            given().contentType(ContentType.JSON).body(Map.of("token", license.token(), "clientId", license.clientId()))
                    .post("/api/v1/licenses/validate").then().statusCode(200);
            nanos.add(System.nanoTime() - started);
        }
        return nanos;
    }

    private static String ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return String.format("%.1f", sorted.get(Math.max(0, index)) / 1e6);
    }

    private static long mib(long bytes) {
        return Math.round(bytes / 1_048_576.0);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapOfAMapOf(List<UUID> ids) {
        long before = heapAfterGc();
        Map<UUID, Instant> map = new ConcurrentHashMap<>();
        Instant now = Instant.now();
        for (UUID id : ids) {
            map.put(new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()), now.plusNanos(id.hashCode()));
        }
        long with = heapAfterGc();
        assertThat(map).hasSize(ids.size());
        return with - before;
    }

    private List<UUID> ids() throws SQLException {
        List<UUID> ids = new ArrayList<>(LICENSES);
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement()) {
            query.setFetchSize(10_000);
            connection.setAutoCommit(false);
            try (var rows = query.executeQuery("SELECT id FROM license.licenses WHERE client_id LIKE 'rec-bench-%'")) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            connection.commit();
        }
        return ids;
    }

    private long countWritten() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
             var row = query.executeQuery("SELECT count(*) FROM license.licenses WHERE client_id LIKE 'rec-bench-%'"
                     + " AND last_validated_at IS NOT NULL")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** As the owner, the counting triggers off (the counts do not matter here, and they are put back after). */
    private void seed() throws SQLException {
        asOwner("ALTER TABLE license.licenses DISABLE TRIGGER USER",
                "INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)"
                        + " SELECT gen_random_uuid(), gen_random_uuid(), 'rec-bench-' || i, 'active', now(),"
                        + " now() + interval '1 day', now() FROM generate_series(1, " + LICENSES + ") AS i",
                "ALTER TABLE license.licenses ENABLE TRIGGER USER");
        asOwner("VACUUM ANALYZE license.licenses");
    }

    private void unseed() throws SQLException {
        asOwner("ALTER TABLE license.licenses DISABLE TRIGGER USER",
                "DELETE FROM license.licenses WHERE client_id LIKE 'rec-bench-%'",
                "ALTER TABLE license.licenses ENABLE TRIGGER USER");
        asOwner("VACUUM ANALYZE license.licenses");
    }

    private void asOwner(String... statements) throws SQLException {
        try (Connection connection = MaintainedCounts.asOwner(url, owner, ownerPassword);
             Statement sql = connection.createStatement()) {
            connection.setAutoCommit(statements.length == 1);
            for (String statement : statements) {
                sql.execute(statement);
            }
            if (statements.length > 1) {
                connection.commit();
            }
        }
    }
}
