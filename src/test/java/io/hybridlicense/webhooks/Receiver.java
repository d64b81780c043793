package io.hybridlicense.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver on loopback (JDK {@code HttpServer}) that keeps every request. A path answers
 * what {@link #answer} set for it (by the number of the request to that path, from 1), 200 by default.
 */
public final class Receiver implements AutoCloseable {

    /** One received request: its headers (lower-case names, first value) and body. */
    public record Received(String path, Map<String, String> headers, String body) {

        public String id() {
            return headers.get("webhook-id");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public Receiver() throws IOException {
        this(0);
    }

    /** On this port ({@code 0}: any free one): a receiver back up where a closed one was. */
    public Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code status.applyAsInt(n)} answers the n-th request to {@code path}. */
    public Receiver answer(String path, IntUnaryOperator status) {
        answers.put(path, status);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many times each webhook-id arrived at {@code path}. */
    public Map<String, Long> idCounts(String path) {
        return at(path).stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toLowerCase(java.util.Locale.ROOT), e -> e.getValue().get(0), (a, b) -> a));
        received.add(new Received(path, headers, body));
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = answers.getOrDefault(path, any -> 200).applyAsInt(n);
        byte[] answer = ("{\"received\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (status / 100 == 3) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere");
        }
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
