package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless input thrown at a representative endpoint of every module, through real HTTP:
 * each answer is a 4xx problem+json with the security headers, echoes nothing of the input, and stores
 * nothing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    /** Put into every hostile value: it must never come back in an answer. */
    private static final String MARK = "m4rk";
    private static final String PASSWORD = "correct horse battery";
    private static final List<String> COUNTED = List.of("auth.users", "license.licenses", "schemasync.datasource",
            "schemasync.event", "schemasync.outbox");

    @Inject
    DataSource core;

    private TestUser user;
    private String bearer;
    private String datasourceId;
    private String tableId;

    @BeforeEach
    void aUserWithATable() {
        if (user != null) {
            return;
        }
        user = Users.aUser().withPassword(PASSWORD).register();
        bearer = "Bearer " + user.accessToken();
        datasourceId = authorized().body(Map.of("name", "hostile-" + UUID.randomUUID(), "kind", "sqlite",
                        "file", "hostile-" + UUID.randomUUID() + ".db", "create", true))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        tableId = authorized().body(Map.of("name", "things"))
                .post("/api/v1/datasources/" + datasourceId + "/tables").then().statusCode(202).extract().path("tableId");
        // settled, so that no confirmation is recorded while a test counts rows
        await().atMost(Duration.ofSeconds(60)).until(() -> !"pending".equals(
                authorized().get("/api/v1/tables/" + tableId).then().statusCode(200).extract().path("status")));
    }

    // ---- JSON bodies: one field of a valid request replaced by a hostile JSON value

    /** A valid body of each module's representative endpoint, with {@code %s} where the hostile value goes. */
    private enum Endpoint {
        REGISTER("/api/v1/auth/register", "{\"email\": %s, \"password\": \"correct horse battery\"}", false),
        LOGIN("/api/v1/auth/login", "{\"email\": %s, \"password\": \"correct horse battery\"}", false),
        ACTIVATE("/api/v1/licenses/activate", "{\"email\": %s, \"password\": \"correct horse battery\", \"clientId\": \"c-1\"}", false),
        VALIDATE("/api/v1/licenses/validate", "{\"token\": %s, \"clientId\": \"c-1\"}", false),
        DATASOURCE("/api/v1/datasources", "{\"name\": %s, \"kind\": \"sqlite\", \"file\": \"x.db\"}", true),
        TABLE("/api/v1/datasources/{ds}/tables", "{\"name\": \"t_new\", \"columns\": [{\"name\": \"c\", \"type\": \"text\", "
                + "\"default\": %s}]}", true);

        final String path;
        final String template;
        final boolean authorized;

        Endpoint(String path, String template, boolean authorized) {
            this.path = path;
            this.template = template;
            this.authorized = authorized;
        }
    }

    static Stream<Arguments> hostileStrings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL escaped", "\"a\\u0000" + MARK + "@example.test\"");
        values.put("lone high surrogate", "\"a\\uD800" + MARK + "@example.test\"");
        values.put("lone low surrogate", "\"a\\uDC00" + MARK + "@example.test\"");
        values.put("reversed surrogate pair", "\"a\\uDC00\\uD800" + MARK + "@example.test\"");
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            values.forEach((name, json) -> cases.add(Arguments.of(endpoint, name, json)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileStrings")
    void nulAndLoneSurrogates_areRefused(Endpoint endpoint, String name, String json) {
        assertRefusedAndNothingStored(() -> post(endpoint, endpoint.template.formatted(json)), 400);
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(Endpoint.values()).map(Arguments::of);
    }

    /** A surrogate encoded in UTF-8 (CESU style) is malformed UTF-8: Jackson would decode it into a lone surrogate. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void surrogateEncodedAsUtf8Bytes_isRefused(Endpoint endpoint) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] parts = endpoint.template.split("%s");
        body.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\"a" + MARK).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        body.writeBytes("@example.test\"".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        assertRefusedAndNothingStored(() -> request(endpoint).body(body.toByteArray()).post(pathOf(endpoint)), 400);
    }

    static Stream<Arguments> invisibleCharacters() {
        List<Arguments> cases = new ArrayList<>();
        String[] characters = {"\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B",
                "\u200C", "\u200D", "\u2060", "\uFEFF"};
        for (Endpoint endpoint : List.of(Endpoint.REGISTER, Endpoint.ACTIVATE, Endpoint.DATASOURCE)) {
            for (String character : characters) {
                cases.add(Arguments.of(endpoint, "U+%04X".formatted((int) character.charAt(0)), character));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invisibleCharacters")
    void bidiAndZeroWidthCharacters_areRefusedInEmailsAndNames(Endpoint endpoint, String name, String character) {
        String email = "\"" + MARK + character + "user-" + UUID.randomUUID() + "@example.test\"";
        assertRefusedAndNothingStored(() -> post(endpoint, endpoint.template.formatted(email)), 400);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("number for a string", "/api/v1/auth/register",
                        "{\"email\": 12345, \"password\": \"correct horse battery\"}", false),
                Arguments.of("boolean for a string", "/api/v1/auth/login",
                        "{\"email\": true, \"password\": \"correct horse battery\"}", false),
                Arguments.of("float for a string", "/api/v1/licenses/activate",
                        "{\"email\": \"a@example.test\", \"password\": 1.5, \"clientId\": \"c\"}", false),
                Arguments.of("number for a string (token)", "/api/v1/licenses/validate",
                        "{\"token\": 12345, \"clientId\": \"c\"}", false),
                Arguments.of("string for a number", "/api/v1/datasources",
                        "{\"name\": \"n\", \"kind\": \"postgresql\", \"host\": \"example.org\", \"port\": \"5432\", "
                                + "\"database\": \"d\", \"username\": \"u\"}", true),
                Arguments.of("float for an integer", "/api/v1/datasources",
                        "{\"name\": \"n\", \"kind\": \"postgresql\", \"host\": \"example.org\", \"port\": 5432.5, "
                                + "\"database\": \"d\", \"username\": \"u\"}", true),
                Arguments.of("integer for a boolean", "/api/v1/datasources/{ds}/tables",
                        "{\"name\": \"t_typed\", \"columns\": [{\"name\": \"c\", \"type\": \"text\", \"nullable\": 0}]}", true),
                Arguments.of("string for a boolean", "/api/v1/datasources/{ds}/tables",
                        "{\"name\": \"t_typed\", \"columns\": [{\"name\": \"c\", \"type\": \"text\", \"primaryKey\": \"true\"}]}", true),
                Arguments.of("number for a string (table name)", "/api/v1/datasources/{ds}/tables",
                        "{\"name\": 7}", true));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("wrongTypes")
    void jsonTypesAreStrict(String name, String path, String body, boolean authorized) {
        RequestSpecification request = authorized ? authorized() : anonymous();
        assertRefusedAndNothingStored(() -> request.body(body).post(path.replace("{ds}", datasourceId)), 400);
    }

    // ---- query and path parameters, headers

    static Stream<Arguments> hostileParameters() {
        return Stream.of(
                Arguments.of("NUL in a path parameter", "DELETE", "/api/v1/tables/{table}/columns/a%00" + MARK, Map.of()),
                Arguments.of("surrogate bytes in a path parameter", "DELETE", "/api/v1/tables/{table}/columns/a%ED%A0%80" + MARK, Map.of()),
                Arguments.of("NUL in a query parameter", "GET", "/api/v1/tables/{table}?asOf=2026%00" + MARK, Map.of()),
                Arguments.of("surrogate bytes in a query parameter", "GET", "/api/v1/tables/{table}?asOf=%ED%B0%80" + MARK, Map.of()),
                Arguments.of("NUL in a query parameter of a change", "DELETE", "/api/v1/tables/{table}/columns/name?x=%00" + MARK, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileParameters")
    void hostileParameters_areRefused(String name, String method, String path, Map<String, String> headers)
            throws IOException {
        RawResponse response = sendAsTheUser(method, path, headers);
        response.assertProblem();
    }

    static Stream<Arguments> refusedBeforeAnyRoute() {
        return Stream.of(
                Arguments.of("malformed percent-encoding in a path", "DELETE", "/api/v1/tables/{table}/columns/a%zz" + MARK, Map.of()),
                Arguments.of("NUL in a header", "GET", "/api/v1/tables/{table}", Map.of("Prefer", "wait=1\u0000" + MARK)),
                Arguments.of("control character in a header", "DELETE", "/api/v1/tables/{table}/columns/name",
                        Map.of("If-Match", "\"1\u0001" + MARK + "\"")));
    }

    /**
     * The HTTP layer (Netty and Vert.x) refuses control characters in header values and undecodable paths
     * before any route runs, and answers 400 without a body: such input never reaches the application.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeAnyRoute")
    void inputTheHttpLayerRefuses_neverReachesTheApplication(String name, String method, String path, Map<String, String> headers)
            throws IOException {
        RawResponse response = sendAsTheUser(method, path, headers);
        assertThat(response.body()).doesNotContainIgnoringCase(MARK);
    }

    private RawResponse sendAsTheUser(String method, String path, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", bearer);
        Map<String, Long> before = counts();
        RawResponse response = RawResponse.send(method, path.replace("{table}", tableId), all, "");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(counts()).as("rows per table").isEqualTo(before);
        return response;
    }

    // ---- refusals name what is wrong, never the value that was sent

    static Stream<Arguments> refusalsOfValidInput() {
        String column = MARK + "_col";
        return Stream.of(
                Arguments.of("unknown column", 404, "DELETE", "/api/v1/tables/{table}/columns/" + column, null),
                Arguments.of("unknown column altered", 404, "PATCH", "/api/v1/tables/{table}/columns/" + column,
                        "{\"nullable\": true}"),
                Arguments.of("column that exists", 409, "POST", "/api/v1/tables/{table}/columns",
                        "{\"name\": \"name\", \"type\": \"text\"}"),
                Arguments.of("nullable primary key", 400, "POST", "/api/v1/datasources/{ds}/tables",
                        "{\"name\": \"t_pk\", \"columns\": [{\"name\": \"" + column
                                + "\", \"type\": \"integer\", \"primaryKey\": true, \"nullable\": true}]}"),
                Arguments.of("table name taken", 409, "POST", "/api/v1/datasources/{ds}/tables", "{\"name\": \"things\"}"),
                Arguments.of("unknown field", 400, "POST", "/api/v1/datasources/{ds}/tables",
                        "{\"name\": \"t_f\", \"" + column + "\": 1}"),
                Arguments.of("unknown table", 404, "GET", "/api/v1/tables/{table}x", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusalsOfValidInput")
    void refusals_neverRepeatTheInput(String name, int status, String method, String path, String body) {
        RequestSpecification request = authorized();
        if (body != null) {
            request.body(body);
        }
        String target = path.replace("{table}", tableId).replace("{ds}", datasourceId);
        assertRefusedAndNothingStored(() -> request.request(method, target), status);
    }

    // ---- framework errors: each one problem+json with the security headers

    static Stream<Arguments> frameworkErrors() {
        String longPath = "/api/v1/licenses/" + "a".repeat(10_000) + MARK;
        return Stream.of(
                Arguments.of("unknown path", 404, "GET", "/api/v1/no-such-thing-" + MARK, Map.of(), ""),
                Arguments.of("unknown path under /q", 404, "GET", "/q/no-such-thing-" + MARK, Map.of(), ""),
                Arguments.of("method not allowed", 405, "DELETE", "/api/v1/auth/login", Map.of(), ""),
                Arguments.of("not acceptable", 406, "POST", "/api/v1/auth/login",
                        Map.of("Accept", "text/csv", "Content-Type", "application/json"),
                        "{\"email\": \"a@example.test\", \"password\": \"whatever-it-is\"}"),
                Arguments.of("unsupported media type", 415, "POST", "/api/v1/auth/login",
                        Map.of("Content-Type", "text/plain"), MARK),
                Arguments.of("body too large", 413, "POST", "/api/v1/auth/login",
                        Map.of("Content-Type", "application/json"), "{\"email\": \"" + MARK + "x".repeat(2_000_000) + "\"}"),
                Arguments.of("URI too long", 414, "GET", longPath, Map.of(), ""),
                Arguments.of("headers too large", 431, "GET", "/api/v1/licenses",
                        Map.of("X-Padding", MARK + "x".repeat(30_000)), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameworkErrors")
    void frameworkErrors_areProblemJsonWithSecurityHeaders(String name, int status, String method, String path,
                                                           Map<String, String> headers, String body) throws IOException {
        RawResponse response = RawResponse.send(method, path, headers, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        response.assertProblem();
    }

    /**
     * Without a Content-Length the limit is found while reading, and Quarkus answers the 413 itself: with
     * the security headers, but without a body.
     */
    @org.junit.jupiter.api.Test
    void chunkedBodyTooLarge_is413() throws IOException {
        String chunked = Integer.toHexString(2_000_000) + "\r\n" + MARK + "x".repeat(2_000_000 - MARK.length())
                + "\r\n0\r\n\r\n";
        RawResponse response = RawResponse.send("POST", "/api/v1/auth/login",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), chunked);
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.body()).doesNotContainIgnoringCase(MARK);
        assertSecurityHeaders(name -> response.headers().get(name.toLowerCase(Locale.ROOT)));
    }

    // ---- helpers

    private RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress());
    }

    private RequestSpecification authorized() {
        return anonymous().header("Authorization", bearer);
    }

    private RequestSpecification request(Endpoint endpoint) {
        return endpoint.authorized ? authorized() : anonymous();
    }

    private String pathOf(Endpoint endpoint) {
        return endpoint.path.replace("{ds}", datasourceId);
    }

    private Response post(Endpoint endpoint, String body) {
        return request(endpoint).body(body.getBytes(StandardCharsets.UTF_8)).post(pathOf(endpoint));
    }

    private void assertRefusedAndNothingStored(java.util.function.Supplier<Response> call, int status) {
        Map<String, Long> before = counts();
        Response response = call.get();
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertNoEcho(body, status);
        assertSecurityHeaders(response::header);
        assertThat(counts()).as("rows per table").isEqualTo(before);
    }

    /**
     * Nothing of the input comes back, except in {@code instance}: the path as the client sent it, still
     * percent-encoded (and left out where the path itself was refused or names nothing).
     */
    static void assertNoEcho(String body, int status) {
        JsonPath problem = JsonPath.from(body);
        assertThat(problem.getInt("status")).isEqualTo(status);
        String instance = problem.getString("instance");
        if (instance != null) {
            assertThat(instance).matches("[A-Za-z0-9/_.~%!$&'()*+,;=:@-]*");
        }
        String withoutInstance = instance == null ? body : body.replace(instance, "");
        assertThat(withoutInstance).doesNotContainIgnoringCase(MARK).doesNotContain("Exception");
    }

    static void assertSecurityHeaders(Function<String, String> header) {
        assertThat(header.apply("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header.apply("X-Frame-Options")).isEqualTo("DENY");
        assertThat(header.apply("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header.apply("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = core.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : COUNTED) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** One request over a plain socket: rest-assured's client refuses to send some of these requests at all. */
    record RawResponse(int status, Map<String, String> headers, String body) {

        static RawResponse send(String method, String path, Map<String, String> headers, String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (!headers.containsKey("Transfer-Encoding") && (content.length > 0 || !method.equals("GET"))) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                try {
                    out.write(content);
                    out.flush();
                } catch (IOException closedEarly) {
                    // the server may answer and close before reading a body it refuses
                }
                return parse(readAll(socket.getInputStream()));
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a connection reset after the answer
            }
            return all.toByteArray();
        }

        private static RawResponse parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new RawResponse(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        void assertProblem() {
            assertThat(headers.get("content-type")).as(toString()).startsWith("application/problem+json");
            assertNoEcho(body, status);
            assertSecurityHeaders(name -> headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }
}
