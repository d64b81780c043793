package io.hybridlicense.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests from a chosen loopback address (any of 127.0.0.0/8 on Linux), so that a server with
 * production settings, which takes the client address from the connection and not from headers, sees
 * distinct clients. (Neither rest-assured nor Java 17's HttpClient can choose the local address.)
 */
public final class LoopbackClient {

    /** {@code headers}: the last of each name; {@code setCookies}: every Set-Cookie header. */
    public record Answer(int status, Map<String, String> headers, List<String> setCookies, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The Set-Cookie header of the named cookie. */
        public String setCookie(String name) {
            return setCookies.stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + setCookies));
        }
    }

    private final InetAddress from;

    private LoopbackClient(InetAddress from) {
        this.from = from;
    }

    public static LoopbackClient from(String loopbackAddress) {
        try {
            return new LoopbackClient(InetAddress.getByName(loopbackAddress));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs a JSON body to 127.0.0.1:{@code port}; {@code extraHeaders} are sent as given. */
    public Answer postJson(int port, String path, String json, Map<String, String> extraHeaders) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        return exchange(port, head.toString(), body);
    }

    /** GETs {@code path} from 127.0.0.1:{@code port}; {@code extraHeaders} are sent as given. */
    public Answer get(int port, String path, Map<String, String> extraHeaders) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        return exchange(port, head.toString(), new byte[0]);
    }

    private Answer exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enough for the answers of this application (Content-Length bodies; a chunked one is kept as sent). */
    private static Answer parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String[] lines = response.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        List<String> setCookies = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            headers.put(name, value);
            if (name.equals("set-cookie")) {
                setCookies.add(value);
            }
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, setCookies, response.substring(end + 4));
    }
}
