package io.hybridlicense.schemasync.table;

import io.hybridlicense.console.api.Notice;
import io.hybridlicense.schemasync.api.ColumnView;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.console.SchemaSyncMessages;
import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.ColumnType;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.eventstore.EventStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the table designer's templates render. */
final class DesignerViews {

    /** The portable types of {@link ColumnType}, in the order the type pickers offer them. */
    static final List<String> TYPES = List.of("integer", "bigint", "text", "varchar", "boolean", "numeric", "timestamp",
            "date", "uuid", "json");

    private DesignerViews() {
    }

    /** The page's table, its dialect (for the type pickers) and the version shown (sent back as If-Match). */
    record Designer(TableView table, String datasourceName, Dialect dialect, List<ColumnRow> columns, ColumnForm add,
                    Notice notice) {

        public String dialectName() {
            return dialect.apiName();
        }

        public boolean pending() {
            return "pending".equals(table.status());
        }

        public boolean dropped() {
            return "dropped".equals(table.status());
        }

        public List<String> types() {
            return TYPES;
        }
    }

    /** One column with its edit form (open when it holds errors). */
    record ColumnRow(ColumnView column, ColumnForm edit) {

        public String base() {
            return split(column.type())[0];
        }

        public String size() {
            return split(column.type())[1];
        }

        /** Imported types without a portable equivalent ({@code native:…}) are renamed or dropped, never altered. */
        public boolean portable() {
            return !column.type().startsWith("native:");
        }

        public String defaultText() {
            return column.defaultValue() == null ? "" : column.defaultValue().toString();
        }
    }

    /**
     * A column form as typed: the type is a base from the picker and a size ({@code 255} for varchar,
     * {@code 10,2} for numeric). {@code errors} by field: name, type, default, form.
     */
    record ColumnForm(String name, String base, String size, boolean nullable, String defaultValue,
                      Map<String, String> errors) {

        static ColumnForm empty() {
            return new ColumnForm("", "text", "", true, "", Map.of());
        }

        static ColumnForm of(ColumnView column) {
            String[] type = split(column.type());
            return new ColumnForm(column.name(), type[0], type[1], column.nullable(),
                    column.defaultValue() == null ? "" : column.defaultValue().toString(), Map.of());
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        /**
         * The portable type text, such as {@code varchar(255)}; refused next to the type picker if malformed, in the
         * words {@code say} gives the refusal.
         */
        String type(Function<ChangeRefused, String> say) {
            String text = size == null || size.isBlank() ? base : base + "(" + size.strip() + ")";
            try {
                return ColumnType.parse(text).toString();
            } catch (ChangeRefused refused) {
                throw new Invalid(with("type", say.apply(refused)));
            }
        }

        /** The default as the API's JSON would carry it: numbers and booleans for those types, else text. */
        Object defaultOf(String type, SchemaSyncMessages msg) {
            if (defaultValue == null || defaultValue.isEmpty()) {
                return null;
            }
            String base = type.replaceAll("\\(.*", "");
            if (List.of("integer", "bigint", "numeric").contains(base)) {
                try {
                    return new BigDecimal(defaultValue.strip());
                } catch (NumberFormatException e) {
                    throw new Invalid(with("default", msg.defaultMustBeNumber(base)));
                }
            }
            if (base.equals("boolean") && List.of("true", "false").contains(defaultValue.strip())) {
                return Boolean.valueOf(defaultValue.strip());
            }
            return defaultValue;
        }

        /** The form again with the domain's refusal ({@code text}, in the page's words) next to the field it is about. */
        ColumnForm refusedWith(ChangeRefused refused, String text) {
            String field = refused.field().map(f -> f.substring(f.lastIndexOf('.') + 1)).orElse(null);
            if (field == null) {
                field = switch (refused.reason()) {
                    case INVALID_NAME -> "name";
                    case CONFLICT -> refused.getMessage().contains("column of that name") ? "name" : "form";
                    default -> "form";
                };
            }
            return with(field, text);
        }

        ColumnForm with(String field, String message) {
            Map<String, String> all = new HashMap<>(errors);
            all.put(field, message);
            return new ColumnForm(name, base, size, nullable, defaultValue, Map.copyOf(all));
        }
    }

    /** A form that could not become a command; {@code form} carries the error. */
    static final class Invalid extends RuntimeException {

        private final transient ColumnForm form;

        Invalid(ColumnForm form) {
            super(null, null, false, false);
            this.form = form;
        }

        ColumnForm form() {
            return form;
        }
    }

    /**
     * One event of the timeline, in words. Requests introduce a version (and can be shown or reverted
     * to); outcomes ({@code kind} ok, rejected or drift) settle or annotate one.
     */
    record TimelineEntry(int position, int change, String type, String text, String kind, Instant occurredAt,
                         String actorId) {

        static TimelineEntry of(EventStore.Stored stored, SchemaSyncMessages msg) {
            TableEvent event = stored.event();
            Object actor = stored.metadata() == null ? null : stored.metadata().get("actorId");
            return new TimelineEntry(stored.version(), event.change(), event.getClass().getSimpleName(), describe(event, msg),
                    kindOf(event), stored.occurredAt(), actor == null ? null : actor.toString());
        }

        public boolean request() {
            return "request".equals(kind);
        }

        /** What stands before the text: the version a request introduced, or the outcome's sign. */
        public String mark() {
            return switch (kind) {
                case "request" -> "v" + change;
                case "ok" -> "✓";
                case "drift" -> "!";
                default -> "✗";
            };
        }

        private static String kindOf(TableEvent event) {
            if (event instanceof TableEvent.ChangeConfirmed || event instanceof TableEvent.DriftCleared) {
                return "ok";
            }
            if (event instanceof TableEvent.ChangeRejected) {
                return "rejected";
            }
            return event instanceof TableEvent.DriftDetected ? "drift" : "request";
        }
    }

    static String describe(TableEvent event, SchemaSyncMessages msg) {
        if (event instanceof TableEvent.TableCreationRequested created) {
            return msg.eventCreated(created.name(), columns(created.columns()));
        }
        if (event instanceof TableEvent.TableImported imported) {
            return msg.eventImported(imported.name(), columns(imported.columns()));
        }
        if (event instanceof TableEvent.ColumnAdditionRequested added) {
            return msg.eventColumnAdded(column(added.column()));
        }
        if (event instanceof TableEvent.ColumnAlterationRequested altered) {
            return msg.eventColumnAltered(altered.column(), column(altered.after()));
        }
        if (event instanceof TableEvent.ColumnDropRequested dropped) {
            return msg.eventColumnDropped(dropped.column());
        }
        if (event instanceof TableEvent.TableRenameRequested renamed) {
            return msg.eventRenamed(renamed.newName());
        }
        if (event instanceof TableEvent.TableDropRequested) {
            return msg.eventTableDropped();
        }
        if (event instanceof TableEvent.RevertRequested reverted) {
            return msg.eventReverted(reverted.toVersion(), columns(reverted.columns()));
        }
        if (event instanceof TableEvent.ReconcileRequested) {
            return msg.eventReconcile();
        }
        if (event instanceof TableEvent.DriftAdopted adopted) {
            return adopted.exists() ? msg.eventAdopted(columns(adopted.columns())) : msg.eventAdoptedGone();
        }
        if (event instanceof TableEvent.DriftDetected detected) {
            return msg.eventDriftDetected(String.join("; ", detected.differences().stream()
                    .map(d -> d.kind() + (d.column() == null ? "" : " " + d.column())).toList()));
        }
        if (event instanceof TableEvent.DriftCleared) {
            return msg.eventDriftCleared();
        }
        if (event instanceof TableEvent.ChangeConfirmed confirmed) {
            return confirmed.alreadyApplied() ? msg.eventConfirmedAlready(confirmed.change()) : msg.eventConfirmed(confirmed.change());
        }
        if (event instanceof TableEvent.ChangeRejected rejected) {
            return msg.eventRejected(rejected.change(), String.valueOf(rejected.reason()), rejected.detail());
        }
        // events this page does not know yet (added by later versions) are shown by their name
        return event.getClass().getSimpleName();
    }

    private static String columns(List<ColumnDefinition> columns) {
        return String.join(", ", columns.stream().map(DesignerViews::column).toList());
    }

    private static String column(ColumnDefinition column) {
        return column.name() + " " + column.type() + (column.primaryKey() ? " primary key" : column.nullable() ? "" : " not null")
                + (column.defaultValue() == null ? "" : " default " + column.defaultValue());
    }

    /** {@code varchar(255)} → {@code [varchar, 255]}; {@code numeric(10,2)} → {@code [numeric, 10,2]}. */
    static String[] split(String type) {
        int open = type.indexOf('(');
        return open < 0 ? new String[] {type, ""} : new String[] {type.substring(0, open), type.substring(open + 1, type.length() - 1)};
    }
}
