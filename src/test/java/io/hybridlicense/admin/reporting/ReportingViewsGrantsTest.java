package io.hybridlicense.admin.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The declared exception to "only through the api": admin reads other modules' data only through the
 * reporting views their own migrations create, and may only read them. Checked twice: in admin's code
 * (every schema-qualified name of another module in its SQL is such a view) and in the database (the
 * runtime role may SELECT the views and nothing more; a simple view would otherwise be writable).
 */
@QuarkusTest
class ReportingViewsGrantsTest {

    private static final Pattern OTHER_MODULES_RELATION =
            Pattern.compile("(?<![\\w.])(auth|license|schemasync)\\.([a-z_][a-z0-9_]*)");

    @Inject
    AgroalDataSource runtimeRole;

    @Test
    void adminsSql_readsOtherModulesOnlyThroughReadOnlyViews() throws SQLException {
        Set<String> relations = relationsOfOtherModules("io.hybridlicense.admin");
        assertThat(relations).as("admin's reports use the views").contains("auth.user_report", "license.license_report",
                "license.subscription_report", "license.license_status_report", "license.seat_report",
                "license.activation_day_report");
        assertThat(violations(relations)).isEmpty();
    }

    @Test
    void aTableOfAnotherModuleInAdminsSql_isCaught() throws SQLException {
        Set<String> relations = relationsOfOtherModules("archfixtures.reporting");
        assertThat(relations).containsExactly("auth.users", "license.license_report");
        assertThat(violations(relations)).containsExactly("auth.users is a r, not a view");
    }

    @Test
    void everyReportingView_isSelectOnlyForTheRuntimeRole() throws SQLException {
        try (Connection connection = runtimeRole.getConnection(); var sql = connection.createStatement();
             ResultSet row = sql.executeQuery("""
                     SELECT n.nspname || '.' || c.relname AS name,
                            has_table_privilege(current_user, c.oid, 'SELECT') AS may_select,
                            has_table_privilege(current_user, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                                AS may_more,
                            pg_get_userbyid(c.relowner) <> current_user AS owned_by_another
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind = 'v' AND n.nspname IN ('auth', 'license', 'schemasync', 'admin')
                     ORDER BY 1""")) {
            List<String> views = new ArrayList<>();
            while (row.next()) {
                views.add(row.getString("name"));
                assertThat(row.getBoolean("may_select")).as(row.getString("name")).isTrue();
                assertThat(row.getBoolean("may_more")).as(row.getString("name") + " is read-only").isFalse();
                assertThat(row.getBoolean("owned_by_another")).as(row.getString("name")).isTrue();
            }
            assertThat(views).containsExactly("auth.user_report", "license.activation_day_report", "license.license_report",
                    "license.license_status_report", "license.seat_report", "license.subscription_report");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"license.license_status_counts", "license.seat_counts", "license.activation_day_counts"})
    void onlyTheOwnersTriggers_writeTheCounts(String table) throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement check = connection.prepareStatement("SELECT has_table_privilege(current_user, ?, "
                     + "'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')")) {
            check.setString(1, table);
            try (ResultSet row = check.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).isFalse();
            }
        }
    }

    @Test
    void theUserReport_neverShowsThePasswordHash() throws SQLException {
        try (Connection connection = runtimeRole.getConnection(); var sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT string_agg(column_name, ',') FROM information_schema.columns "
                     + "WHERE table_schema = 'auth' AND table_name = 'user_report'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).doesNotContain("password");
        }
    }

    /** What the runtime role could do to a relation beyond reading a view. */
    private List<String> violations(Set<String> relations) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement check = connection.prepareStatement("""
                     SELECT c.relkind::text AS kind,
                            has_table_privilege(current_user, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') AS may_write
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = ? AND c.relname = ?""")) {
            for (String relation : relations) {
                String[] parts = relation.split("\\.");
                check.setString(1, parts[0]);
                check.setString(2, parts[1]);
                try (ResultSet row = check.executeQuery()) {
                    if (!row.next()) {
                        violations.add(relation + " does not exist");
                    } else if (!row.getString("kind").equals("v")) {
                        violations.add(relation + " is a " + row.getString("kind") + ", not a view");
                    } else if (row.getBoolean("may_write")) {
                        violations.add(relation + " is writable");
                    }
                }
            }
        }
        return violations;
    }

    /** Schema-qualified names of other modules' relations in the string constants of the classes under root. */
    private static Set<String> relationsOfOtherModules(String root) {
        Set<String> relations = new TreeSet<>();
        for (ClassNode type : classesUnder(root)) {
            List<Object> constants = new ArrayList<>();
            for (FieldNode field : type.fields) {
                constants.add(field.value);
            }
            for (MethodNode method : type.methods) {
                for (AbstractInsnNode instruction : method.instructions) {
                    if (instruction instanceof LdcInsnNode ldc) {
                        constants.add(ldc.cst);
                    }
                }
            }
            for (Object constant : constants) {
                if (constant instanceof String text) {
                    Matcher match = OTHER_MODULES_RELATION.matcher(text);
                    while (match.find()) {
                        relations.add(match.group());
                    }
                }
            }
        }
        return relations;
    }

    private static List<ClassNode> classesUnder(String root) {
        List<ClassNode> classes = new ArrayList<>();
        try {
            for (URL url : Collections.list(ReportingViewsGrantsTest.class.getClassLoader().getResources(root.replace('.', '/')))) {
                if (!url.getProtocol().equals("file")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        if (file.toString().contains("/test-classes/io/")) {
                            continue; // the tests themselves are not admin's code
                        }
                        try (InputStream in = Files.newInputStream(file)) {
                            ClassNode node = new ClassNode();
                            new ClassReader(in).accept(node, 0);
                            classes.add(node);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(classes).as("classes under " + root).isNotEmpty();
        return classes;
    }
}
