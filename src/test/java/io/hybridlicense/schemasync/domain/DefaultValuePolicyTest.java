package io.hybridlicense.schemasync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A default must fit its column's type before anything is queued; the refusal names the field, never the value. */
class DefaultValuePolicyTest {

    static Stream<Arguments> misfits() {
        return Stream.of(
                Arguments.of("boolean", 5),
                Arguments.of("boolean", "yes"),
                Arguments.of("integer", 3_000_000_000L),
                Arguments.of("integer", -2_147_483_649L),
                Arguments.of("integer", 1.5),
                Arguments.of("integer", "12"),
                Arguments.of("bigint", new BigDecimal("9223372036854775809")),
                Arguments.of("numeric(5,2)", 1000),
                Arguments.of("numeric(5,2)", new BigDecimal("1.234")),
                Arguments.of("numeric(5,2)", "1.5"),
                Arguments.of("varchar(3)", "four"),
                Arguments.of("varchar(3)", 123),
                Arguments.of("text", "nul\0byte"),
                Arguments.of("text", "lone\uD800surrogate"),
                Arguments.of("date", "2026-02-30"),
                Arguments.of("date", "yesterday"),
                Arguments.of("date", "0000-01-01"),
                Arguments.of("timestamp", "now"),
                Arguments.of("timestamp", "2026-13-01 10:00:00"),
                Arguments.of("timestamp", "2026-01-01 10:00"),
                Arguments.of("timestamp", "2026-01-0110:00:00"),
                Arguments.of("timestamp", "2026-01-01 10:00:00.1234567"),
                Arguments.of("uuid", "not-a-uuid"),
                Arguments.of("json", "{\"open\": "),
                Arguments.of("json", "{} {}"),
                Arguments.of("json", 1));
    }

    @ParameterizedTest
    @MethodSource("misfits")
    void aDefaultThatDoesNotFitItsType_isAnInvalidDefinition_namingTheFieldNotTheValue(String type, Object value) {
        assertThatThrownBy(() -> ColumnDefinition.of("c", type, true, value, false, Dialect.POSTGRESQL))
                .isInstanceOfSatisfying(ChangeRefused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(ChangeRefused.Reason.INVALID_DEFINITION);
                    assertThat(refused.field()).contains("default");
                    assertThat(refused.getMessage()).doesNotContain(String.valueOf(value));
                });
    }

    static Stream<Arguments> fits() {
        return Stream.of(
                Arguments.of("boolean", false, false),
                Arguments.of("integer", 2_147_483_647, 2_147_483_647),
                Arguments.of("integer", 7.0, 7.0),
                Arguments.of("bigint", -9_223_372_036_854_775_808L, -9_223_372_036_854_775_808L),
                Arguments.of("numeric(5,2)", 999.99, 999.99),
                Arguments.of("numeric(5,2)", 1.50, 1.50),
                Arguments.of("varchar(3)", "ab\uD83D\uDE00", "ab\uD83D\uDE00"),
                Arguments.of("text", "it's", "it's"),
                Arguments.of("date", "2026-02-28", "2026-02-28"),
                Arguments.of("timestamp", "2026-01-01T10:00:00.5", "2026-01-01 10:00:00.5"),
                Arguments.of("timestamp", "current_timestamp", "CURRENT_TIMESTAMP"),
                Arguments.of("uuid", "123E4567-E89B-12D3-A456-426614174000", "123e4567-e89b-12d3-a456-426614174000"),
                Arguments.of("json", "{\"a\": [1, 2]}", "{\"a\": [1, 2]}"));
    }

    @ParameterizedTest
    @MethodSource("fits")
    void aDefaultThatFits_isKept_inCanonicalForm(String type, Object value, Object canonical) {
        assertThat(ColumnDefinition.of("c", type, true, value, false, Dialect.POSTGRESQL).defaultValue()).isEqualTo(canonical);
    }

    @Test
    void mariadbTimestamps_holdWholeSecondsBetween1970And2038() {
        for (String value : List.of("1969-12-31 00:00:00", "2040-01-01 00:00:00", "2026-01-01 10:00:00.5")) {
            assertThatThrownBy(() -> ColumnDefinition.of("c", "timestamp", true, value, false, Dialect.MARIADB))
                    .isInstanceOf(ChangeRefused.class);
        }
        assertThat(ColumnDefinition.of("c", "timestamp", true, "2026-01-01 10:00:00", false, Dialect.MARIADB).defaultValue())
                .isEqualTo("2026-01-01 10:00:00");
    }

    @Test
    void currentTimestamp_isAnExpressionOnlyForTimestampColumns() {
        assertThat(ColumnDefinition.of("c", "timestamp", true, "CURRENT_TIMESTAMP", false, Dialect.SQLITE)
                .defaultIsCurrentTimestamp()).isTrue();
        assertThat(ColumnDefinition.of("c", "text", true, "CURRENT_TIMESTAMP", false, Dialect.SQLITE)
                .defaultIsCurrentTimestamp()).isFalse();
        assertThatThrownBy(() -> ColumnDefinition.of("c", "date", true, "CURRENT_TIMESTAMP", false, Dialect.SQLITE))
                .isInstanceOf(ChangeRefused.class);
    }

    @Test
    void aTypeChange_mustNotCarryOverADefaultTheNewTypeCannotHold() {
        Table table = Table.replay(UUID.randomUUID(), Dialect.POSTGRESQL, List.of(new TableEvent.TableCreationRequested(1,
                UUID.randomUUID(), "t", List.of(new ColumnDefinition("code", "text", true, "12", false),
                new ColumnDefinition("seen", "timestamp", true, "CURRENT_TIMESTAMP", false))),
                new TableEvent.ChangeConfirmed(1, false)));

        assertThatThrownBy(() -> table.alterColumn("code", new ColumnAlteration(null, "integer", null, null, false)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.field()).contains("default"));
        assertThatThrownBy(() -> table.alterColumn("seen", new ColumnAlteration(null, "text", null, null, false)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.field()).contains("default"));
        assertThat(table.alterColumn("code", new ColumnAlteration(null, null, null, "xyz", false))).hasSize(1);
        assertThat(table.alterColumn("code", new ColumnAlteration(null, "integer", null, 12, false))).hasSize(1);
        assertThat(table.alterColumn("code", new ColumnAlteration(null, "integer", null, null, true))).hasSize(1);
    }

    @Test
    void mysqlRefusesLiteralDefaultsOnTextAndJson() {
        Table table = Table.replay(UUID.randomUUID(), Dialect.MYSQL, List.of());
        assertThatThrownBy(() -> table.create(UUID.randomUUID(), "t",
                List.of(ColumnDefinition.of("c", "text", true, "x", false, Dialect.MYSQL))))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.UNSUPPORTED));
    }
}
