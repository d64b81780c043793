package io.hybridlicense.schemasync.target;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.ColumnType;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.Constraint;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.SQLDataType;

/**
 * Renders a change as DDL statements of one dialect with jOOQ: identifiers are quoted and defaults
 * inlined as escaped literals by jOOQ, never concatenated here.
 */
final class DdlRenderer {

    private final Dialect dialect;
    private final DSLContext sql;

    DdlRenderer(Dialect dialect) {
        this.dialect = dialect;
        Configuration configuration = new DefaultConfiguration().set(jooqDialect(dialect)).set(new Settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withStatementType(StatementType.STATIC_STATEMENT)
                .withRenderSchema(false)
                .withExecuteLogging(false));
        if (dialect == Dialect.SQLITE) {
            configuration.set(new DefaultVisitListenerProvider(new QuoteEverySqliteName()));
        }
        this.sql = DSL.using(configuration);
    }

    /**
     * jOOQ 3.19 ignores {@code RenderQuotedNames.ALWAYS} for SQLite and quotes only the names it
     * believes need it (its own keyword list). SQLite quotes identifiers like standard SQL, so each
     * name is rendered by jOOQ's standard-SQL identifier quoting instead: always quoted, always escaped.
     */
    private static final class QuoteEverySqliteName implements VisitListener {

        private static final DSLContext STANDARD = DSL.using(SQLDialect.DEFAULT,
                new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS));

        @Override
        public void visitStart(VisitContext context) {
            if (context.queryPart() instanceof org.jooq.Name name && !name.qualified()) {
                String quoted = STANDARD.render(name);
                context.queryPart(CustomQueryPart.of(render -> render.sql(quoted)));
            }
        }
    }

    String createTable(SchemaChange.CreateTable change) {
        List<Field<?>> fields = change.columns().stream().<Field<?>>map(c -> DSL.field(name(c.name()), dataType(c))).toList();
        List<Constraint> keys = new ArrayList<>();
        List<org.jooq.Name> keyColumns = change.columns().stream().filter(ColumnDefinition::primaryKey)
                .map(c -> name(c.name())).toList();
        if (!keyColumns.isEmpty()) {
            keys.add(DSL.primaryKey(keyColumns.toArray(org.jooq.Name[]::new)));
        }
        return sql.createTable(name(change.table())).columns(fields).constraints(keys).getSQL();
    }

    String addColumn(SchemaChange.AddColumn change) {
        return sql.alterTable(name(change.table())).addColumn(name(change.column().name()), dataType(change.column())).getSQL();
    }

    String renameColumn(String table, String from, String to) {
        return sql.alterTable(name(table)).renameColumn(name(from)).to(name(to)).getSQL();
    }

    /**
     * Type, nullability and default of an existing column, each statement safe to run again. PostgreSQL
     * converts the values with a cast ({@code USING}), so a text column of digits becomes an integer
     * column, while a value that does not convert still fails the statement (a cast also cuts and
     * rounds: {@link ExactValues} refuses such a change before); it would also cast the old default to
     * the new type, so that default is dropped first and the new one set afterwards.
     */
    List<String> alterInPlace(SchemaChange.AlterColumn change) {
        String table = change.table();
        ColumnDefinition after = change.after();
        List<String> statements = new ArrayList<>();
        boolean defaultLost;
        if (dialect == Dialect.POSTGRESQL) {
            defaultLost = change.changesType() && change.before().defaultValue() != null;
            if (defaultLost) {
                statements.add(dropDefault(table, after.name()));
            }
            if (change.changesType()) {
                DataType<?> type = baseType(after);
                // to varchar by assignment (an unbounded cast, then the column's length): too long is an error, never cut
                DataType<?> conversion = after.columnType().base().equals("varchar") ? SQLDataType.VARCHAR : type;
                statements.add(sql.query("{0} using {1}", sql.alterTable(name(table)).alterColumn(name(after.name())).set(type),
                        DSL.field(name(after.name())).cast(conversion)).getSQL());
            }
            if (change.changesNullability()) {
                var column = sql.alterTable(name(table)).alterColumn(name(after.name()));
                statements.add((after.nullable() ? column.dropNotNull() : column.setNotNull()).getSQL());
            }
        } else {
            // MariaDB/MySQL restate the whole column (CHANGE COLUMN), which also drops its default: restore it below
            defaultLost = change.changesType() || change.changesNullability();
            if (defaultLost) {
                // restated without AUTO_INCREMENT, an identity column would stop numbering
                statements.add(sql.alterTable(name(table)).alterColumn(name(after.name()))
                        .set(baseType(after).nullable(after.nullable()).identity(after.identity())).getSQL());
            }
        }
        if (after.defaultValue() != null && (change.changesDefault() || defaultLost)) {
            statements.add(sql.alterTable(name(table)).alterColumn(name(after.name())).defaultValue(defaultOf(after)).getSQL());
        } else if (after.defaultValue() == null && change.changesDefault()) {
            statements.add(dropDefault(table, after.name()));
        }
        return statements;
    }

    private String dropDefault(String table, String column) {
        return sql.query("alter table {0} alter column {1} drop default", name(table), name(column)).getSQL();
    }

    String dropColumn(SchemaChange.DropColumn change) {
        return sql.alterTable(name(change.table())).dropColumn(name(change.column())).getSQL();
    }

    String renameTable(SchemaChange.RenameTable change) {
        return sql.alterTable(name(change.table())).renameTo(name(change.newName())).getSQL();
    }

    String dropTable(SchemaChange.DropTable change) {
        return sql.dropTable(name(change.table())).getSQL();
    }

    /** This renderer's jOOQ context, for statements other classes compose (such as {@link SqliteRebuild}). */
    DSLContext dsl() {
        return sql;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DataType<?> dataType(ColumnDefinition column) {
        DataType type = baseType(column).nullable(column.nullable());
        if (column.identity()) {
            return type.identity(true);
        }
        return column.defaultValue() == null ? type : type.defaultValue((Field) defaultOf(column));
    }

    /** The portable expression is rendered as each dialect's own, evaluated per inserted row; anything else as a literal. */
    private static Field<?> defaultOf(ColumnDefinition column) {
        return column.defaultIsCurrentTimestamp() ? DSL.currentTimestamp() : literal(column.defaultValue());
    }

    private static DataType<?> baseType(ColumnDefinition column) {
        ColumnType type = column.columnType();
        return switch (type.base()) {
            case "integer" -> SQLDataType.INTEGER;
            case "bigint" -> SQLDataType.BIGINT;
            case "text" -> SQLDataType.CLOB;
            case "varchar" -> SQLDataType.VARCHAR(type.length());
            case "boolean" -> SQLDataType.BOOLEAN;
            case "numeric" -> SQLDataType.NUMERIC(type.length(), type.scale());
            case "timestamp" -> SQLDataType.TIMESTAMP;
            case "date" -> SQLDataType.DATE;
            case "uuid" -> SQLDataType.UUID;
            case "json" -> SQLDataType.JSON;
            default -> throw new IllegalArgumentException("Unmapped type " + type);
        };
    }

    private static Field<?> literal(Object value) {
        if (value instanceof Boolean bool) {
            return inline(bool);
        }
        if (value instanceof Number number) {
            return inline(new BigDecimal(number.toString()));
        }
        return inline(value.toString());
    }

    private static SQLDialect jooqDialect(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> SQLDialect.POSTGRES;
            case MARIADB -> SQLDialect.MARIADB;
            case MYSQL -> SQLDialect.MYSQL;
            case SQLITE -> SQLDialect.SQLITE;
        };
    }
}
