import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhooks benchmark's client, run by bench/webhooks.sh. Arguments: the server's base URL, the admin's
 * email and password, a file of license ids, the rate (events/s), the measured seconds, events per request.
 *
 * <ol>
 * <li>Open loop at rate / events-per-request requests per second: admins'
 *     {@code POST /api/v1/admin/licenses/status-batch} of that many licenses (one transaction: that many
 *     committed {@code license.status_changed}), blocks of licenses in turn, each block suspended and
 *     reactivated alternately; with no endpoint: warm-up, then measured (the request's latency without
 *     outbox rows). At most 500 requests outstanding: past that a request is not sent, counted as failed.</li>
 * <li>Three endpoints on a receiver in this process, all hearing {@code license.status_changed}; the same load
 *     again: the request's latency with three outbox rows (and the NOTIFY), and for every delivery
 *     commit→delivered = its arrival here − the body's {@code timestamp} (the server's clock when the event
 *     was recorded, just before the commit; one machine, one clock).</li>
 * </ol>
 * Prints "key<TAB>value" lines for the script.
 */
public class WebhooksBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    static String base;
    static String token;
    static List<String> licenses;
    static int perRequest;
    static final AtomicInteger next = new AtomicInteger();
    static final ConcurrentLinkedQueue<Double> delivered = new ConcurrentLinkedQueue<>();
    static volatile boolean recording;
    static final AtomicLong received = new AtomicLong();

    public static void main(String[] args) throws Exception {
        base = args[0];
        licenses = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank()).toList();
        perRequest = Integer.parseInt(args[6]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        token = match(TOKEN, post("/api/v1/auth/login", "{\"email\":\"" + args[1] + "\",\"password\":\"" + args[2] + "\"}", null).body());

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            Instant arrived = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.incrementAndGet();
            if (recording) {
                Matcher m = TIMESTAMP.matcher(body);
                if (m.find()) {
                    delivered.add(Duration.between(Instant.parse(m.group(1)), arrived).toNanos() / 1e6);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort();

        run(rate, 10); // warm-up
        List<Double> without = run(rate, seconds);
        print("without", without, seconds);

        for (String path : List.of("/a", "/b", "/c")) {
            HttpResponse<String> endpoint = post("/api/v1/admin/webhooks", "{\"url\":\"" + receiverUrl + path
                    + "\",\"events\":[\"license.status_changed\"]}", token);
            if (endpoint.statusCode() != 201) {
                throw new IllegalStateException("endpoint: " + endpoint.statusCode() + " " + endpoint.body());
            }
        }
        run(rate, 5); // warm-up of the deliveries
        awaitQuiet();
        long receivedBefore = received.get();
        recording = true;
        List<Double> with = run(rate, seconds);
        long expected = 3L * perRequest * with.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (received.get() - receivedBefore < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        recording = false;
        print("with", with, seconds);
        List<Double> latencies = new ArrayList<>(delivered);
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "deliveries\t%d of %d%n", received.get() - receivedBefore, expected);
        System.out.printf(Locale.ROOT, "delivered_p50\t%.1f%n", percentile(latencies, 50));
        System.out.printf(Locale.ROOT, "delivered_p99\t%.1f%n", percentile(latencies, 99));
        System.out.printf(Locale.ROOT, "delivered_max\t%.1f%n", latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1));
        receiver.stop(0);
        System.exit(0);
    }

    /** Sends {@code rate} events per second for {@code seconds} (open loop); the latencies of the 2xx answers, ms. */
    static List<Double> run(int eventRate, int seconds) throws InterruptedException {
        int rate = Math.max(1, eventRate / perRequest);
        int blocks = licenses.size() / perRequest;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        AtomicInteger outstanding = new AtomicInteger();
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (outstanding.get() >= 500) {
                failed.incrementAndGet();
                continue;
            }
            int n = next.getAndIncrement();
            int block = n % blocks;
            String status = (n / blocks) % 2 == 0 ? "suspended" : "active";
            StringBuilder body = new StringBuilder("[");
            for (int k = 0; k < perRequest; k++) {
                body.append(k == 0 ? "" : ",").append("{\"licenseId\":\"").append(licenses.get(block * perRequest + k))
                        .append("\",\"status\":\"").append(status).append("\"}");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/licenses/status-batch"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())).timeout(Duration.ofSeconds(30)).build();
            outstanding.incrementAndGet();
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                if (error == null && answer.statusCode() / 100 == 2) {
                    latencies.add((System.nanoTime() - due) / 1e6);
                } else {
                    failed.incrementAndGet();
                }
                outstanding.decrementAndGet();
            });
        }
        while (outstanding.get() > 0) {
            Thread.sleep(10);
        }
        if (failed.get() > 0) {
            System.out.printf("failed\t%d%n", failed.get());
        }
        return new ArrayList<>(latencies);
    }

    static void awaitQuiet() throws InterruptedException {
        long last;
        do {
            last = received.get();
            Thread.sleep(1000);
        } while (received.get() != last);
    }

    static void print(String name, List<Double> latencies, int seconds) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%s_rate\t%.0f%n", name, sorted.size() * perRequest / (double) seconds);
        System.out.printf(Locale.ROOT, "%s_p50\t%.1f%n", name, percentile(sorted, 50));
        System.out.printf(Locale.ROOT, "%s_p99\t%.1f%n", name, percentile(sorted, 99));
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static HttpResponse<String> post(String path, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found in " + text);
        }
        return m.group(1);
    }
}
