package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.webhooks.endpoint.EndpointAddresses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 {@code POST} to a checked address: the socket connects to the address the policy allowed
 * (never a second lookup that could answer differently), TLS verifies the certificate against the URL's
 * host (SNI and endpoint identification), redirects are not followed (a 3xx is a failure), at most
 * 64 KB of the answer is read, and the whole exchange has one deadline.
 */
final class Sender {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** What came back: the status and the start of the body. */
    record Answer(int status, byte[] body) {
    }

    private Sender() {
    }

    static Answer post(EndpointAddresses.Target target, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.address(), target.port()), remainingMillis(deadline));
            plain.setSoTimeout(remainingMillis(deadline));
            Socket socket = target.https() ? tls(plain, target) : plain;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head(target, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return read(socket, deadline);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        }
    }

    private static Socket tls(Socket plain, EndpointAddresses.Target target) throws IOException {
        // asked for at each use, never kept in a static: a native image would otherwise build the JDK's TLS
        // factory into its heap, which GraalVM refuses (the JDK caches the default anyway)
        SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().contains(":") && !target.host().matches("^[0-9.]+$")) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String head(EndpointAddresses.Target target, Map<String, String> headers, int length) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
        String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
        boolean defaultPort = target.port() == (target.https() ? 443 : 80);
        String host = (target.host().contains(":") ? "[" + target.host() + "]" : target.host()) + (defaultPort ? "" : ":" + target.port());
        StringBuilder head = new StringBuilder("POST ").append(path).append(query).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("User-Agent: hybrid-license-webhooks\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /**
     * Reads the status line and headers, then the body until its length (or the end of a chunked body, or
     * the connection's close), keeping at most 64 KB of it (chunked framing left as is).
     */
    private static Answer read(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long expected = -1;
        boolean chunked = false;
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
            byte[] sofar = received.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOfHeadEnd(sofar);
                if (headEnd < 0 && sofar.length > 16 * 1024) {
                    throw new IOException("answer headers too large");
                }
                if (headEnd >= 0) {
                    String head = new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                    chunked = head.matches("(?s).*\r\ntransfer-encoding:[^\r]*chunked.*");
                    java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*([0-9]{1,12})").matcher(head);
                    expected = chunked ? -1 : length.find() ? Long.parseLong(length.group(1)) : noBody(head) ? 0 : -1;
                }
            }
            if (headEnd >= 0) {
                long body = sofar.length - headEnd;
                if (body >= MAX_RESPONSE_BYTES || expected >= 0 && body >= expected
                        || chunked && endsWith(sofar, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        }
        byte[] all = received.toByteArray();
        int lineEnd = indexOf(all, (byte) '\n');
        String statusLine = new String(all, 0, lineEnd < 0 ? all.length : lineEnd, StandardCharsets.ISO_8859_1).strip();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("^[1-5][0-9]{2}$")) {
            throw new IOException("not an HTTP answer");
        }
        int start = headEnd < 0 ? all.length : headEnd;
        int end = Math.min(all.length, start + MAX_RESPONSE_BYTES);
        return new Answer(Integer.parseInt(parts[1]), java.util.Arrays.copyOfRange(all, start, end));
    }

    /** 204 and 304 answers have no body. */
    private static boolean noBody(String head) {
        return head.matches("(?s)^http/1\\.[01] (204|304) .*");
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        if (bytes.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[bytes.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfHeadEnd(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no answer within the timeout");
        }
        return (int) left;
    }
}
