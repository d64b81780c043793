package io.hybridlicense.schemasync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DDL outcomes per dialect, as /q/metrics shows them (names in docs/operations.md). */
@QuarkusTest
class SchemaSyncMetricsTest {

    @Test
    void appliedChanges_areCountedPerDialect() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.sqlite(api));
        Map<String, String> applied = Map.of("dialect", "sqlite", "change", "create-table", "outcome", "applied");
        double before = Metrics.value("hl_schemasync_ddl_total", applied);

        api.synced(api.createTable(ds, Map.of("name", "counted", "columns",
                List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true)))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Metrics.value("hl_schemasync_ddl_total", applied)).isEqualTo(before + 1));
    }

    @Test
    void rejectedChanges_areCountedPerDialect() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        Map<String, String> rejected = Map.of("dialect", "postgresql", "change", "create-table", "outcome", "rejected");
        double before = Metrics.value("hl_schemasync_ddl_total", rejected);
        target.execute("CREATE TABLE taken (x integer)");

        api.settled(api.createTable(ds, Map.of("name", "taken", "columns",
                List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true)))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Metrics.value("hl_schemasync_ddl_total", rejected)).isEqualTo(before + 1));
    }
}
