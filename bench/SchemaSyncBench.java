import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * schemasync benchmark, run by bench/schemasync.sh against a running server. Per target: 200 table
 * creations (20 client threads × 10), then 200 add-column changes on 20 tables in parallel (one thread
 * per table, 10 changes each). API latency is measured by the client; request→confirmed from the
 * server's own event timestamps (request event → ChangeConfirmed event). The floor: the same DDL over
 * plain JDBC with 20 threads, once on kept connections and once with a new connection per statement
 * (what schemasync does for every change). Prints a Markdown section.
 */
public class SchemaSyncBench {

    static final int THREADS = 20;
    static final int PER_THREAD = 10;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String base;
    static String token;
    /** Databases this run created, {server, name}: dropped at the end. */
    static final List<String[]> CREATED = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = register();
        StringBuilder out = new StringBuilder();
        out.append("| target | what | API p50 | API p99 | request→confirmed p50 | request→confirmed p99 | changes/s |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        StringBuilder floor = new StringBuilder();
        floor.append("| target | direct JDBC DDL | p50 | p99 | statements/s |\n|---|---|---|---|---|\n");
        for (int i = 1; i < args.length; i++) {
            String server = args[i];
            String kind = server.startsWith("jdbc:postgresql:") ? "postgresql" : "mariadb";
            run(kind, server, new StringBuilder()); // warm-up: JIT, connection pools; not reported
            run(kind, server, out);
            sequential(kind, server, out, floor);
            floor(kind, server, floor, true);
            floor(kind, server, floor, false);
        }
        System.out.println(out);
        System.out.println(floor);
        dropCreatedDatabases();
    }

    static void dropCreatedDatabases() throws Exception {
        for (String[] created : CREATED) {
            String server = created[0];
            boolean postgres = server.startsWith("jdbc:postgresql:");
            try (Connection c = connect(server + (postgres ? "postgres" : ""), postgres ? "postgresql" : "mariadb");
                 Statement s = c.createStatement()) {
                // FORCE: the server under test may still hold idle connections to it
                s.execute("DROP DATABASE " + created[1] + (postgres ? " WITH (FORCE)" : ""));
            }
        }
    }

    static void run(String kind, String server, StringBuilder out) throws Exception {
        String database = createDatabase(server, "bench_api");
        URI uri = URI.create(server.substring(5));
        String ds = post("/api/v1/datasources", "{\"name\":\"bench-" + database + "\",\"kind\":\"" + kind + "\",\"host\":\""
                + uri.getHost() + "\",\"port\":" + uri.getPort() + ",\"database\":\"" + database + "\",\"username\":\""
                + user(kind) + "\",\"password\":\"\"}", 201).get("datasourceId").asText();

        List<Long> createLatency = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> tables = parallel(t -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                long start = System.nanoTime();
                JsonNode accepted = post("/api/v1/datasources/" + ds + "/tables", "{\"name\":\"t_" + t + "_" + i
                        + "\",\"columns\":[{\"name\":\"id\",\"type\":\"bigint\",\"primaryKey\":true}]}", 202);
                createLatency.add(System.nanoTime() - start);
                ids.add(accepted.get("tableId").asText());
            }
            return ids;
        });
        List<String> all = tables.stream().flatMap(List::stream).toList();
        awaitSynced(ds, 1);

        List<Long> addLatency = Collections.synchronizedList(new ArrayList<>());
        parallel(t -> {
            String table = tables.get(t).get(0);
            for (int c = 1; c <= PER_THREAD; c++) {
                long start = System.nanoTime();
                post("/api/v1/tables/" + table + "/columns", "{\"name\":\"c" + c + "\",\"type\":\"integer\"}", 202);
                addLatency.add(System.nanoTime() - start);
            }
            return null;
        });
        awaitSynced(ds, 1);

        List<Long> createConfirm = new ArrayList<>();
        List<Long> addConfirm = new ArrayList<>();
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (String table : all) {
            JsonNode events = get("/api/v1/tables/" + table + "/events");
            for (JsonNode requested : events) {
                if (requested.get("type").asText().endsWith("Requested")) {
                    int change = requested.get("change").asInt();
                    Instant asked = Instant.parse(requested.get("occurredAt").asText());
                    for (JsonNode outcome : events) {
                        if (outcome.get("type").asText().equals("ChangeConfirmed") && outcome.get("change").asInt() == change) {
                            Instant done = Instant.parse(outcome.get("occurredAt").asText());
                            (change == 1 ? createConfirm : addConfirm).add(java.time.Duration.between(asked, done).toNanos());
                            first = asked.isBefore(first) ? asked : first;
                            last = done.isAfter(last) ? done : last;
                        }
                    }
                }
            }
        }
        if (createConfirm.size() != THREADS * PER_THREAD || addConfirm.size() != THREADS * PER_THREAD) {
            throw new IllegalStateException("Not every change was confirmed: " + createConfirm.size() + " + " + addConfirm.size());
        }
        double seconds = java.time.Duration.between(first, last).toNanos() / 1e9;
        out.append(row(kind, "200 × create table (20 clients)", createLatency, createConfirm, ""));
        out.append(row(kind, "200 × add column (20 tables in parallel)", addLatency, addConfirm,
                String.format(Locale.ROOT, "%.0f (all 400, first request → last confirmation)", 400 / seconds)));
    }

    /**
     * One client, one change at a time (no queueing, no competing clients): 50 add-column changes, each
     * sent with Prefer: wait=30 so the answer comes once it is confirmed; the floor is the same 50
     * statements over one kept JDBC connection.
     */
    static void sequential(String kind, String server, StringBuilder out, StringBuilder floor) throws Exception {
        String database = createDatabase(server, "bench_seq");
        URI uri = URI.create(server.substring(5));
        String ds = post("/api/v1/datasources", "{\"name\":\"seq-" + database + "\",\"kind\":\"" + kind + "\",\"host\":\""
                + uri.getHost() + "\",\"port\":" + uri.getPort() + ",\"database\":\"" + database + "\",\"username\":\""
                + user(kind) + "\",\"password\":\"\"}", 201).get("datasourceId").asText();
        String table = post("/api/v1/datasources/" + ds + "/tables", "{\"name\":\"seq\",\"columns\":[{\"name\":\"id\","
                + "\"type\":\"bigint\",\"primaryKey\":true}]}", 202, "wait=30").get("tableId").asText();
        List<Long> waited = new ArrayList<>();
        for (int c = 1; c <= 60; c++) {
            long start = System.nanoTime();
            JsonNode answer = post("/api/v1/tables/" + table + "/columns", "{\"name\":\"s" + c + "\",\"type\":\"integer\"}", 202, "wait=30");
            if (!answer.get("status").asText().equals("synced")) {
                throw new IllegalStateException("Not confirmed within the wait: " + answer);
            }
            if (c > 10) { // the first 10 warm up
                waited.add(System.nanoTime() - start);
            }
        }
        List<Long> serverSide = new ArrayList<>();
        JsonNode events = get("/api/v1/tables/" + table + "/events");
        for (JsonNode requested : events) {
            int change = requested.get("change").asInt();
            if (requested.get("type").asText().equals("ColumnAdditionRequested") && change > 11) {
                for (JsonNode outcome : events) {
                    if (outcome.get("type").asText().equals("ChangeConfirmed") && outcome.get("change").asInt() == change) {
                        serverSide.add(java.time.Duration.between(Instant.parse(requested.get("occurredAt").asText()),
                                Instant.parse(outcome.get("occurredAt").asText())).toNanos());
                    }
                }
            }
        }
        List<Long> w = sorted(waited);
        List<Long> c = sorted(serverSide);
        out.append(String.format(Locale.ROOT, "| %s | 50 × add column, one at a time (Prefer: wait) | %.1f ms | %.1f ms | %.1f ms | %.1f ms | |%n",
                kind, ms(percentile(w, 50)), ms(percentile(w, 99)), ms(percentile(c, 50)), ms(percentile(c, 99))));

        String direct = createDatabase(server, "bench_seqjdbc");
        String q = kind.equals("postgresql") ? "\"" : "`";
        List<Long> latency = new ArrayList<>();
        try (Connection connection = connect(server + direct, kind); Statement statement = connection.createStatement()) {
            statement.execute("create table " + q + "seq" + q + " (" + q + "id" + q + " bigint not null, primary key (" + q + "id" + q + "))");
            for (int i = 1; i <= 60; i++) {
                long start = System.nanoTime();
                statement.execute("alter table " + q + "seq" + q + " add " + q + "s" + i + q + " int");
                if (i > 10) {
                    latency.add(System.nanoTime() - start);
                }
            }
        }
        List<Long> l = sorted(latency);
        floor.append(String.format(Locale.ROOT, "| %s | 50 statements, one at a time, kept connection | %.1f ms | %.1f ms | |%n",
                kind, ms(percentile(l, 50)), ms(percentile(l, 99))));
    }

    static void floor(String kind, String server, StringBuilder out, boolean keepConnection) throws Exception {
        String database = createDatabase(server, "bench_jdbc");
        String url = server + database;
        String q = kind.equals("postgresql") ? "\"" : "`";
        List<Long> latency = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        parallel(t -> {
            Connection kept = keepConnection ? connect(url, kind) : null;
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                statements.add("create table " + q + "t_" + t + "_" + i + q + " (" + q + "id" + q + " bigint not null, primary key ("
                        + q + "id" + q + "))");
            }
            for (int c = 1; c <= PER_THREAD; c++) {
                statements.add("alter table " + q + "t_" + t + "_0" + q + " add " + q + "c" + c + q + " int");
            }
            for (String sql : statements) {
                long s = System.nanoTime();
                Connection connection = keepConnection ? kept : connect(url, kind);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
                if (!keepConnection) {
                    connection.close();
                }
                latency.add(System.nanoTime() - s);
            }
            if (kept != null) {
                kept.close();
            }
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = sorted(latency);
        out.append(String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.0f |%n", kind,
                keepConnection ? "400 statements, 20 kept connections" : "400 statements, new connection each",
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), latency.size() / seconds));
    }

    interface Task<T> {
        T run(int thread) throws Exception;
    }

    static <T> List<T> parallel(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> task.run(thread)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static void awaitSynced(String ds, int unused) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean pending = false;
            for (JsonNode table : get("/api/v1/datasources/" + ds + "/tables")) {
                String status = table.get("status").asText();
                if (status.equals("rejected")) {
                    throw new IllegalStateException("Rejected: " + table);
                }
                pending |= status.equals("pending");
            }
            if (!pending) {
                return;
            }
            Thread.sleep(1000); // a benchmark client polling (rarely, not to load the server), not a test
        }
        throw new IllegalStateException("Changes still pending after 5 minutes");
    }

    static String row(String kind, String what, List<Long> api, List<Long> confirm, String rate) {
        List<Long> a = sorted(api);
        List<Long> c = sorted(confirm);
        return String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |%n", kind, what,
                ms(percentile(a, 50)), ms(percentile(a, 99)), ms(percentile(c, 50)), ms(percentile(c, 99)), rate);
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String user(String kind) {
        return kind.equals("postgresql") ? "postgres" : "root";
    }

    static String createDatabase(String server, String prefix) throws Exception {
        String kind = server.startsWith("jdbc:postgresql:") ? "postgresql" : "mariadb";
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = connect(server + (kind.equals("postgresql") ? "postgres" : ""), kind); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        CREATED.add(new String[] {server, name});
        return name;
    }

    static Connection connect(String url, String kind) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user(kind));
        p.setProperty("password", "");
        Driver driver = kind.equals("postgresql") ? new org.postgresql.Driver() : new org.mariadb.jdbc.Driver();
        return driver.connect(url, p);
    }

    static JsonNode post(String path, String body, int expected) throws Exception {
        return post(path, body, expected, "wait=0");
    }

    static JsonNode post(String path, String body, int expected, String prefer) throws Exception {
        return send(path, body, expected, prefer);
    }

    static JsonNode send(String path, String body, int expected, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        HttpResponse<String> response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A fresh user's access token from the auth module (register, then log in). */
    static String register() throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.test";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"bench password 123\"";
        send("/api/v1/auth/register", credentials + "}", 201, null);
        return send("/api/v1/auth/login", credentials + "}", 200, null).get("accessToken").asText();
    }


}
