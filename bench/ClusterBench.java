import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster benchmark's client, run by bench/cluster.sh while wrk validates through the load balancer.
 * Arguments: LB base URL, the instances as name=port=pid,..., the core database's JDBC URL, user and password
 * (read-only use: outbox and event store), the target database's JDBC URL, user and password, the run's seconds.
 *
 * <ol>
 * <li>60 parallel wrong-password logins for one account, spread evenly over the instances (directly, not
 *     through the LB): how many passwords were checked (answers other than 429), and whether every 429
 *     says Retry-After.</li>
 * <li>A login storm (right passwords, 4 threads through the LB) for the rest of the run.</li>
 * <li>400 schema changes on 20 tables through the LB in 20 ticks spread over the run: every tick, each
 *     table's thread requests its next change at the same moment (a burst of 20; tick 0 creates the
 *     tables, ticks 1..19 add c1..c19). During tick 8 the bench holds locks on the target tables, so
 *     the burst's ALTERs wait; once 3/4 of it is claimed, the instance that accepted most of it (and so
 *     claimed most, woken in-process) is killed with SIGKILL, and the locks are released 1 s later.</li>
 * <li>The claims pending at the kill are watched: one that another instance claims again (attempts
 *     grew) was the dead instance's; takeover = that moment - the kill.</li>
 * <li>Checks from the event store and the target database: every accepted change confirmed exactly
 *     once, none rejected, confirmations in change order, target columns in order; request→confirmed
 *     per change (server timestamps), split by whether the confirming instance is the accepting one.</li>
 * </ol>
 * Prints "key<TAB>value" lines for the script.
 */
public class ClusterBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int TABLES = 20;
    static final int CHANGES_PER_TABLE = 20;
    static final int KILL_AFTER_TICK = 8;
    static final String PASSWORD = "cluster bench password";

    static String lb;
    static Map<String, Integer> ports = new LinkedHashMap<>();
    static Map<String, Long> pids = new LinkedHashMap<>();
    static String coreUrl, coreUser, corePassword, targetUrl, targetUser, targetPassword;
    static final Map<String, String> out = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        lb = args[0];
        for (String instance : args[1].split(",")) {
            String[] parts = instance.split("=");
            ports.put(parts[0], Integer.parseInt(parts[1]));
            pids.put(parts[0], Long.parseLong(parts[2]));
        }
        coreUrl = args[2];
        coreUser = args[3];
        corePassword = args[4];
        targetUrl = args[5];
        targetUser = args[6];
        targetPassword = args[7];
        int seconds = Integer.parseInt(args[8]);

        guesses();
        String token = login(register(), 200).get("accessToken").asText();
        List<String> stormUsers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stormUsers.add(register());
        }
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicLong> storm = new ConcurrentHashMap<>();
        ExecutorService stormers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int first = t;
            stormers.execute(() -> {
                for (int i = first; !stop.get(); i += 4) {
                    int status;
                    try {
                        status = send(lb, "/api/v1/auth/login", credentials(stormUsers.get(i % stormUsers.size())), null).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    storm.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        changes(token, Duration.ofSeconds(seconds).multipliedBy(3).dividedBy(4).dividedBy(CHANGES_PER_TABLE));
        stop.set(true);
        stormers.shutdown();
        stormers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        out.put("storm", storm.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (e.getKey() < 0 ? "no answer" : e.getKey().toString()) + ": " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("none"));
        out.forEach((key, value) -> System.out.println(key + "\t" + value));
    }

    /** 60 wrong passwords for one account at once, evenly over the instances. */
    static void guesses() throws Exception {
        String email = register();
        List<String> names = new ArrayList<>(ports.keySet());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(60);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String base = "http://127.0.0.1:" + ports.get(names.get(i % names.size()));
            String body = "{\"email\":\"" + email + "\",\"password\":\"wrong guess " + i + "\"}";
            answers.add(pool.submit(() -> {
                start.await();
                return send(base, "/api/v1/auth/login", body, null);
            }));
        }
        start.countDown();
        int checked = 0;
        int refused = 0;
        int withRetryAfter = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 429) {
                refused++;
                withRetryAfter += response.headers().firstValue("Retry-After").filter(v -> v.matches("[1-9][0-9]*")).isPresent() ? 1 : 0;
            } else {
                checked++;
            }
        }
        pool.shutdown();
        out.put("guesses", "60 over " + names.size() + " instances: " + checked + " passwords checked, " + refused
                + " answered 429 (" + withRetryAfter + " with Retry-After)");
        out.put("guesses_checked", Integer.toString(checked));
    }

    record Accepted(String table, int change, String servedBy) {
    }

    static void changes(String token, Duration tick) throws Exception {
        String ds = json(sendOk(lb, "/api/v1/datasources", "{\"name\":\"cluster-bench\",\"kind\":\"postgresql\",\"host\":\""
                + URI.create(targetUrl.substring(5)).getHost() + "\",\"port\":" + URI.create(targetUrl.substring(5)).getPort()
                + ",\"database\":\"" + targetUrl.substring(targetUrl.lastIndexOf('/') + 1) + "\",\"username\":\"" + targetUser
                + "\",\"password\":\"" + targetPassword + "\"}", token, 201)).get("datasourceId").asText();
        List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        String[] tables = new String[TABLES];
        Map<String, Integer> servedInKillTick = new ConcurrentHashMap<>();
        AtomicLong killedAtNanos = new AtomicLong();
        String[] victim = new String[1];
        List<Long> takeovers = Collections.synchronizedList(new ArrayList<>());
        Thread[] watcher = new Thread[1];
        java.util.concurrent.atomic.AtomicInteger ticks = new java.util.concurrent.atomic.AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(TABLES, () -> {
            if (ticks.getAndIncrement() == KILL_AFTER_TICK) {
                lockTargetTables();
            }
        });
        CyclicBarrier afterTick = new CyclicBarrier(TABLES);
        ExecutorService threads = Executors.newFixedThreadPool(TABLES);
        List<Future<?>> done = new ArrayList<>();
        long startNanos = System.nanoTime();
        for (int t = 0; t < TABLES; t++) {
            int table = t;
            done.add(threads.submit(() -> {
                for (int change = 1; change <= CHANGES_PER_TABLE; change++) {
                    long due = startNanos + tick.toNanos() * (change - 1);
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    barrier.await();
                    Accepted a = change == 1 ? createTable(token, ds, table) : addColumn(token, tables[table], change);
                    if (change == 1) {
                        tables[table] = a.table();
                    }
                    accepted.add(a);
                    if (change == KILL_AFTER_TICK + 1) {
                        servedInKillTick.merge(a.servedBy(), 1, Integer::sum);
                    }
                    afterTick.await();
                    if (change == KILL_AFTER_TICK + 1 && table == 0) {
                        victim[0] = servedInKillTick.entrySet().stream().filter(e -> pids.containsKey(e.getKey()))
                                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                        watcher[0] = kill(victim[0], killedAtNanos, takeovers);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        awaitSynced(token, tables);
        if (watcher[0] != null) {
            watcher[0].join(Duration.ofSeconds(60).toMillis());
        }
        out.put("killed", victim[0] + " (pid " + pids.get(victim[0]) + ") with SIGKILL after it accepted "
                + servedInKillTick.get(victim[0]) + " of tick " + KILL_AFTER_TICK + "'s " + TABLES + " changes, while "
                + out.remove("claims_at_kill") + " changes were claimed by the instances");
        List<Long> sortedTakeovers = takeovers.stream().sorted().toList();
        out.put("takeover", sortedTakeovers.isEmpty() ? "the killed instance held no claim at the kill"
                : sortedTakeovers.size() + " claims of the killed instance taken over after " + sortedTakeovers.stream()
                .map(n -> String.format(Locale.ROOT, "%.2f s", n / 1e9)).reduce((a, b) -> a + ", " + b).orElseThrow());
        verify(accepted, tables);
    }

    static Connection targetLock;

    /**
     * Holds ACCESS SHARE locks on every target table during the kill tick: the burst's ALTERs wait, so
     * every instance holds the claims it took when one of them dies (well within the 10 s statement timeout).
     */
    static void lockTargetTables() {
        try {
            targetLock = DriverManager.getConnection(targetUrl, targetUser, targetPassword);
            targetLock.setAutoCommit(false);
            try (var lock = targetLock.createStatement()) {
                for (int t = 0; t < TABLES; t++) {
                    lock.execute("LOCK TABLE t_" + t + " IN ACCESS SHARE MODE");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Once most of the burst is claimed (and waiting on the lock), SIGKILL; the locks go 1 s later, so the
     * dead instance's orphaned ALTERs (their backends do not notice the dead client while they wait) run
     * then. The claims pending at the kill are watched until each is finished or claimed again.
     */
    static Thread kill(String name, AtomicLong killedAtNanos, List<Long> takeovers) throws Exception {
        try (Connection core = DriverManager.getConnection(coreUrl, coreUser, corePassword);
             PreparedStatement claimed = core.prepareStatement("SELECT count(*) FROM schemasync.outbox "
                     + "WHERE status = 'pending' AND claim_token IS NOT NULL AND claimed_until > now()")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet count = claimed.executeQuery()) {
                    count.next();
                    if (count.getInt(1) >= TABLES * 3 / 4) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
        }
        ProcessHandle.of(pids.get(name)).orElseThrow().destroyForcibly();
        new Thread(() -> {
            try {
                Thread.sleep(1000);
                targetLock.commit();
                targetLock.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).start();
        long killedAt = System.nanoTime();
        killedAtNanos.set(killedAt);
        Map<UUID, Integer> claimedAttempts = new HashMap<>();
        try (Connection core = DriverManager.getConnection(coreUrl, coreUser, corePassword);
             ResultSet rows = core.createStatement().executeQuery(
                     "SELECT id, attempts FROM schemasync.outbox WHERE status = 'pending' AND claim_token IS NOT NULL")) {
            while (rows.next()) {
                claimedAttempts.put(rows.getObject(1, UUID.class), rows.getInt(2));
            }
        }
        out.put("claims_at_kill", Integer.toString(claimedAttempts.size()));
        Thread watcher = new Thread(() -> {
            Map<UUID, Integer> open = new HashMap<>(claimedAttempts);
            try (Connection core = DriverManager.getConnection(coreUrl, coreUser, corePassword);
                 PreparedStatement select = core.prepareStatement(
                         "SELECT attempts, status FROM schemasync.outbox WHERE id = ?")) {
                while (!open.isEmpty() && System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos()) {
                    for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                        var claim = it.next();
                        select.setObject(1, claim.getKey());
                        try (ResultSet row = select.executeQuery()) {
                            row.next();
                            if (row.getInt(1) > claim.getValue()) {
                                takeovers.add(System.nanoTime() - killedAt);
                                it.remove();
                            } else if (!"pending".equals(row.getString(2))) {
                                it.remove(); // finished by a live instance that held it
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        watcher.start();
        return watcher;
    }

    static Accepted createTable(String token, String ds, int table) throws Exception {
        String body = "{\"name\":\"t_" + table + "\",\"columns\":[{\"name\":\"id\",\"type\":\"bigint\",\"primaryKey\":true}]}";
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = trySend("/api/v1/datasources/" + ds + "/tables", body, token);
            if (response != null && response.statusCode() == 202) {
                return new Accepted(json(response).get("tableId").asText(), 1, servedBy(response));
            }
            for (JsonNode existing : json(sendGet("/api/v1/datasources/" + ds + "/tables", token))) {
                if (existing.get("name").asText().equals("t_" + table)) { // accepted, the answer was lost
                    return new Accepted(existing.get("tableId").asText(), 1, "unknown");
                }
            }
            failIfTooMany(attempt, response);
        }
    }

    static Accepted addColumn(String token, String table, int change) throws Exception {
        String body = "{\"name\":\"c" + (change - 1) + "\",\"type\":\"integer\"}";
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = trySend("/api/v1/tables/" + table + "/columns", body, token);
            if (response != null && response.statusCode() == 202) {
                return new Accepted(table, change, servedBy(response));
            }
            for (JsonNode event : json(sendGet("/api/v1/tables/" + table + "/events", token))) {
                if (event.get("change").asInt() == change) { // accepted, the answer was lost
                    return new Accepted(table, change, "unknown");
                }
            }
            failIfTooMany(attempt, response);
        }
    }

    static void failIfTooMany(int attempt, HttpResponse<String> response) throws InterruptedException {
        if (attempt >= 5) {
            throw new IllegalStateException("change not accepted: " + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
        }
        Thread.sleep(200);
    }

    static void awaitSynced(String token, String[] tables) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        for (String table : tables) {
            while (json(sendGet("/api/v1/tables/" + table, token)).get("syncedVersion").asInt() < CHANGES_PER_TABLE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("table " + table + " not synced within 180 s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Event store and target database: lost, twice, order, request→confirmed. */
    static void verify(List<Accepted> accepted, String[] tables) throws Exception {
        Map<String, String> pidToName = new HashMap<>();
        pids.forEach((name, pid) -> pidToName.put(Long.toString(pid), name));
        List<Long> cross = new ArrayList<>();
        List<Long> same = new ArrayList<>();
        int lost = 0;
        int twice = 0;
        int rejected = 0;
        int outOfOrder = 0;
        int alreadyApplied = 0;
        Map<String, Map<Integer, String>> servedBy = new HashMap<>();
        accepted.forEach(a -> servedBy.computeIfAbsent(a.table(), t -> new HashMap<>()).put(a.change(), a.servedBy()));
        try (Connection core = DriverManager.getConnection(coreUrl, coreUser, corePassword);
             PreparedStatement select = core.prepareStatement("SELECT type, (data ->> 'change')::int, occurred_at, "
                     + "metadata ->> 'instance', coalesce((data ->> 'alreadyApplied')::boolean, false) "
                     + "FROM schemasync.event WHERE stream_id = ?::uuid ORDER BY version")) {
            for (String table : tables) {
                select.setString(1, table);
                Map<Integer, Instant> requested = new HashMap<>();
                Map<Integer, Integer> confirmations = new HashMap<>();
                int lastConfirmed = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String type = rows.getString(1);
                        int change = rows.getInt(2);
                        Instant at = rows.getObject(3, java.time.OffsetDateTime.class).toInstant();
                        if (type.endsWith("Requested")) {
                            requested.put(change, at);
                        } else if (type.equals("ChangeRejected")) {
                            rejected++;
                        } else if (type.equals("ChangeConfirmed")) {
                            confirmations.merge(change, 1, Integer::sum);
                            outOfOrder += change < lastConfirmed ? 1 : 0;
                            lastConfirmed = change;
                            alreadyApplied += rows.getBoolean(5) ? 1 : 0;
                            String instance = rows.getString(4);
                            String confirmedBy = pidToName.get(instance.substring(instance.lastIndexOf(':') + 1));
                            String acceptedBy = servedBy.getOrDefault(table, Map.of()).get(change);
                            long nanos = Duration.between(requested.get(change), at).toNanos();
                            if (acceptedBy != null && !acceptedBy.equals("unknown")) {
                                (acceptedBy.equals(confirmedBy) ? same : cross).add(nanos);
                            }
                        }
                    }
                }
                for (int change = 1; change <= CHANGES_PER_TABLE; change++) {
                    int n = confirmations.getOrDefault(change, 0);
                    lost += n == 0 ? 1 : 0;
                    twice += n > 1 ? 1 : 0;
                }
            }
        }
        int columnsWrong = 0;
        try (Connection target = DriverManager.getConnection(targetUrl, targetUser, targetPassword);
             PreparedStatement select = target.prepareStatement("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                     + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            StringBuilder expected = new StringBuilder("id");
            for (int c = 1; c < CHANGES_PER_TABLE; c++) {
                expected.append(",c").append(c);
            }
            for (int t = 0; t < TABLES; t++) {
                select.setString(1, "t_" + t);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    columnsWrong += expected.toString().equals(row.getString(1)) ? 0 : 1;
                }
            }
        }
        out.put("changes", accepted.size() + " accepted; lost " + lost + ", confirmed twice " + twice + ", rejected " + rejected
                + ", already applied (recognised, not run again) " + alreadyApplied);
        out.put("order", (outOfOrder == 0 && columnsWrong == 0 ? "kept" : "BROKEN") + " (confirmations out of order: " + outOfOrder
                + ", target tables with other columns than id,c1..c19: " + columnsWrong + ")");
        out.put("cross", latency(cross));
        out.put("same", latency(same));
        out.put("ok", Boolean.toString(lost == 0 && twice == 0 && rejected == 0 && outOfOrder == 0 && columnsWrong == 0));
    }

    static String latency(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "n = 0";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (n = %d)", percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, sorted.size());
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String register() throws Exception {
        String email = "cluster-" + UUID.randomUUID() + "@example.test";
        HttpResponse<String> response = send(lb, "/api/v1/auth/register",
                credentials(email), null);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("register answered " + response.statusCode() + ": " + response.body());
        }
        return email;
    }

    static JsonNode login(String email, int expected) throws Exception {
        return json(sendOk(lb, "/api/v1/auth/login", credentials(email), null, expected));
    }

    static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("X-Served-By").orElse("unknown");
    }

    /** A POST through the LB; null when no answer came (the instance died with the request). */
    static HttpResponse<String> trySend(String path, String body, String token) {
        try {
            return send(lb, path, body, token);
        } catch (Exception e) {
            return null;
        }
    }

    static HttpResponse<String> sendOk(String base, String path, String body, String token, int expected) throws Exception {
        HttpResponse<String> response = send(base, path, body, token);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** A POST; a 503 (no hashing slot free in time on a loaded machine) is retried after its Retry-After. */
    static HttpResponse<String> send(String base, String path, String body, String token) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = sendOnce(base, path, body, token);
            if (response.statusCode() != 503 || attempt == 20) {
                return response;
            }
            Thread.sleep(1000L * Integer.parseInt(response.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    static HttpResponse<String> sendOnce(String base, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> sendGet(String path, String token) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(lb + path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || attempt >= 5) {
                    return response;
                }
            } catch (java.io.IOException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
