package io.hybridlicense.schemasync.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.Tokens;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Column names the database allows but our own naming rule would not ({@code a/drop}, {@code x?y},
 * {@code %}, {@code ..}, {@code #}, spaces, non-ASCII; imported as they are) work in the designer: each form
 * is submitted exactly as the page renders it (its action, its hidden fields), as a browser would, and
 * only the column it was rendered for changes. A name once put into the form's path turned a rename of
 * {@code a/drop} into a drop of {@code a}.
 */
@QuarkusTest
class ColumnNamesConsoleTest {

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern SELECT = Pattern.compile("<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);

    @Test
    void oddColumnNames_areRenamedRetypedAndDropped_andNoOtherColumnChanges() {
        TestUser user = Users.aUser().register();
        Api api = new Api(new Tokens.Identity(user.userId().toString(), user.accessToken()));
        TestTargets.Target target = TestTargets.sqlite(api);
        List<String> columns = new ArrayList<>(List.of("id", "a/drop", "a", "x?y", "x", "%", "%2F", "..", "#", "with space",
                "ünï", "edit", "drop", "a/drop/drop"));
        target.execute("CREATE TABLE odd (" + String.join(", ", columns.stream()
                .map(c -> "\"" + c + "\"" + ("id".equals(c) ? " INTEGER PRIMARY KEY" : " TEXT")).toList()) + ")");
        target.execute("INSERT INTO odd (id, \"%\") VALUES (1, 'p')");
        String ds = api.register(target);
        String tableId = api.request().body(Map.of()).post("/api/v1/datasources/" + ds + "/import").then().statusCode(201)
                .extract().path("tables[0].tableId");
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());

        submit(session, tableId, "a/drop", Form.EDIT, Map.of("name", "renamed_slash"));
        columns.set(columns.indexOf("a/drop"), "renamed_slash");
        assertThat(settledColumns(api, target, tableId)).containsExactlyElementsOf(columns);

        submit(session, tableId, "%", Form.EDIT, Map.of("base", "varchar", "size", "20"));
        assertThat(settledColumns(api, target, tableId)).containsExactlyElementsOf(columns);
        assertThat(target.describe("odd")).contains("% varchar(20) yes -");
        assertThat(api.table(tableId).getList("columns.type")).containsExactly("integer", "text", "text", "text", "text",
                "varchar(20)", "text", "text", "text", "text", "text", "text", "text", "text");
        assertThat(target.query("SELECT \"%\" FROM odd")).containsExactly("p");

        for (String dropped : List.of("x?y", "..", "#", "with space", "ünï", "edit", "drop", "a/drop/drop", "%2F")) {
            submit(session, tableId, dropped, Form.DROP, Map.of());
            columns.remove(dropped);
            assertThat(settledColumns(api, target, tableId)).as("after dropping " + dropped).containsExactlyElementsOf(columns);
        }
        assertThat(columns).containsExactly("id", "renamed_slash", "a", "x", "%");
    }

    @Test
    void theApi_addressesSuchAColumn_byItsPercentEncodedName() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        target.execute("CREATE TABLE odd (id INTEGER PRIMARY KEY, \"a/drop\" TEXT, a TEXT, \"x?y\" TEXT, x TEXT, \"%\" TEXT)");
        String ds = api.register(target);
        String tableId = api.request().body(Map.of()).post("/api/v1/datasources/" + ds + "/import").then().statusCode(201)
                .extract().path("tables[0].tableId");
        String columns = "/api/v1/tables/" + tableId + "/columns/";

        api.request().urlEncodingEnabled(false).body(Map.of("name", "renamed")).patch(columns + "a%2Fdrop").then().statusCode(202);
        api.synced(tableId);
        api.request().urlEncodingEnabled(false).delete(columns + "x%3Fy").then().statusCode(202);
        api.synced(tableId);
        api.request().urlEncodingEnabled(false).body(Map.of("type", "varchar(9)")).patch(columns + "%25").then().statusCode(202);
        api.synced(tableId);

        assertThat(target.columns("odd")).containsExactly("id", "renamed", "a", "x", "%");
        assertThat(api.table(tableId).getList("columns.type")).containsExactly("integer", "text", "text", "text", "varchar(9)");
    }

    private enum Form { EDIT, DROP }

    /** Posts the form the designer renders for that column, with what a user typed over some of its fields. */
    private static void submit(Visitor session, String tableId, String column, Form which, Map<String, String> typed) {
        String page = given().cookies(session.cookies()).get("/console/me/tables/" + tableId).then().statusCode(200)
                .extract().asString();
        Matcher row = Pattern.compile("<tr id=\"column-\\d+\" data-column=\"" + Pattern.quote(escape(column)) + "\">(.*?)</tr>",
                Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("the row of " + column).isTrue();
        List<String[]> forms = new ArrayList<>(); // action, content
        Matcher form = FORM.matcher(row.group(1));
        while (form.find()) {
            forms.add(new String[] {form.group(1), form.group(2)});
        }
        String[] chosen = forms.get(which == Form.EDIT ? 0 : 1);
        Map<String, String> fields = fields(chosen[1]);
        fields.putAll(typed);
        given().cookies(session.cookies()).formParams(fields).post(unescape(chosen[0])).then().log().ifValidationFails().statusCode(200);
    }

    /** The fields a browser sends: every input's value (a checkbox only when checked) and each select's choice. */
    private static Map<String, String> fields(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), unescape(attribute.group(2)));
            }
            boolean unchecked = "checkbox".equals(attributes.get("type")) && !input.group(1).contains(" checked");
            if (attributes.containsKey("name") && !unchecked) {
                fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        Matcher select = SELECT.matcher(form);
        while (select.find()) {
            Matcher selected = SELECTED.matcher(select.group(2));
            fields.put(select.group(1), selected.find() ? unescape(selected.group(1)) : "");
        }
        return fields;
    }

    private static List<String> settledColumns(Api api, TestTargets.Target target, String tableId) {
        api.synced(tableId);
        assertThat(api.table(tableId).getList("columns.name")).isEqualTo(target.columns("odd"));
        return target.columns("odd");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
