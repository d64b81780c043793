package io.hybridlicense.schemasync.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * schemasync's pages' words ({@code sync:} in templates): data sources, tables, the designer, the timeline and
 * the drift view. English here; Japanese in {@code messages/sync_ja.properties}.
 */
@MessageBundle(value = "sync", locale = "en")
public interface SchemaSyncMessages {

    // --- data sources
    @Message("Data sources") String dataSources();
    @Message("The databases whose tables you design here. Every change is applied to the database for you, and its "
            + "outcome shown next to the table.")
    String dataSourcesIntro();
    @Message("All data sources") String allDataSources();
    @Message("Your data sources") String yourDataSources();
    @Message("Data sources, oldest first") String dataSourcesCaption();
    @Message("Name") String name();
    @Message("Kind") String kind();
    @Message("Where") String where();
    @Message("Owner") String owner();
    @Message("Registered") String registered();
    @Message("No data sources yet: register one below.") String noDataSources();
    @Message("Register a data source") String registerDataSource();
    @Message("Give the database's address and an account that may change its tables, or, for SQLite, the name of a file "
            + "in your own directory on this server (tick \"create it\" for a new, empty one). The password is stored "
            + "encrypted and never shown again.")
    String registerIntro();
    @Message("Host") String host();
    @Message("(not for SQLite)") String notForSqlite();
    @Message("Port") String port();
    @Message("Database") String database();
    @Message("User name") String userName();
    @Message("Password") String password();
    @Message("SQLite file") String sqliteFile();
    @Message("(only for SQLite)") String onlyForSqlite();
    @Message("Create it: a new, empty SQLite database") String createIt();
    @Message("(otherwise the file must be there)") String createItHelp();
    @Message("Register") String register();
    @Message("Check the connection") String checkConnection();
    @Message("Reachable: {version}") String reachable(String version);

    // --- one data source
    @Message("← Data sources") String backToDataSources();
    @Message("User") String user();
    @Message("Import existing tables") String importExisting();
    @Message("Take over tables the database already has, as they are: nothing in the database changes.") String importHelp();
    @Message("Only these tables") String onlyTheseTables();
    @Message("(optional, separated by commas)") String onlyTheseTablesHelp();
    @Message("all tables not managed yet") String allTablesNotManaged();
    @Message("Import") String importButton();
    @Message("Compare with the database (drift)") String compareDrift();
    @Message("Tables") String tables();
    @Message("New table") String newTable();
    @Message("Tables of {name}") String tablesOf(String name);
    @Message("Table") String table();
    @Message("Status") String status();
    @Message("Columns") String columns();
    @Message("Version") String version();
    @Message("Note") String note();
    @Message("drifted") String drifted();
    @Message("No tables yet: import the database's tables or create one.") String noTables();
    @Message("Every table of the database is already managed: nothing to import.") String nothingToImport();
    @Message("Imported {names}.") String imported(String names);
    @Message("Nothing was imported: {reason}") String nothingImported(String reason);

    // --- new table
    @Message("New table · {name}") String newTableTitle(String name);
    @Message("New table in {name}") String newTableIn(String name);
    @Message("The table starts with an <span class=\"mono\">id</span> key, a <span class=\"mono\">name</span> and two "
            + "timestamps; change its columns in the designer once it is created.")
    String newTableHelp();
    @Message("Table name") String tableName();
    @Message("Create the table") String createTable();

    // --- drift
    @Message("Drift · {name}") String driftTitle(String name);
    @Message("Drift of {name}") String driftOf(String name);
    @Message("The database compared with every table's model just now. A table whose drift is recorded refuses changes "
            + "until it is reconciled: <strong>apply</strong> changes the database back to the model; <strong>adopt</strong> "
            + "takes the database's shape as the model, without touching the database.")
    String driftIntro();
    @Message("Recorded: a table that drifted is marked so.") String driftRecorded();
    @Message("Not recorded yet: a table that drifted is marked so (and refuses changes) once compared with the button.")
    String driftNotRecorded();
    @Message("Compare again and record") String compareAndRecord();
    @Message("The database matches the model of every table.") String inSync();
    @Message("Tables compared") String tablesCompared();
    @Message("matches") String matches();
    @Message("{count} table(s) with changes in flight: compared once these are settled.") String notChecked(int count);
    @Message("In the database, not in the model") String extraTables();
    @Message("Import these tables") String importThese();
    @Message("The database could not be compared: {reason}") String notCompared(String reason);
    @Message("Differences between the model and the database") String differencesCaption();
    @Message("Difference") String difference();
    @Message("Column") String column();
    @Message("Model") String model();
    @Message("Apply the model to table {name}") String applyTo(String name);
    @Message("Apply the model") String applyModel();
    @Message("accept losing data") String acceptLosingData();
    @Message("Adopt the database's shape for table {name}") String adoptFor(String name);
    @Message("Adopt the database's shape") String adoptShape();

    // --- designer
    @Message("{name} · Table designer") String designerTitle(String name);
    @Message("Table") String tableHeading();
    @Message("Timeline and older versions") String timelineLink();
    @Message("Status:") String statusColon();
    @Message("version {version}, applied up to {synced}") String versionApplied(int version, int synced);
    @Message("Rejected:") String rejected();
    @Message("Retrying:") String retrying();
    @Message("The database differs from this model") String differsFromModel();
    @Message("Changes are refused until the table is reconciled.") String refusedUntilReconciled();
    @Message("Columns of {name}, as the model defines them (pending changes included)") String columnsCaption(String name);
    @Message("Type") String type();
    @Message("Null") String nullHeader();
    @Message("Default") String defaultHeader();
    @Message("Key") String key();
    @Message("Change") String change();
    @Message("yes") String yes();
    @Message("no") String no();
    @Message("primary") String primary();
    @Message("Edit") String edit();
    @Message("column {name}") String columnNamed(String name);
    @Message("Size") String size();
    @Message("(varchar: 255; numeric: 10,2)") String sizeHelp();
    @Message("May be empty (null)") String mayBeEmpty();
    @Message("Type {type} has no portable equivalent: it can be renamed or dropped, not altered.") String notPortable(String type);
    @Message("Save column {name}") String saveColumn(String name);
    @Message("Save") String save();
    @Message("Drop column {name}? Its data is deleted from the database.") String dropConfirm(String name);
    @Message("Drop column {name}") String dropColumn(String name);
    @Message("Drop") String drop();
    @Message("Add a column") String addColumn();
    @Message("(optional)") String optional();
    @Message("Add the column") String addTheColumn();

    // --- designer notices
    @Message("Column {name} requested.") String columnRequested(String name);
    @Message("Column {name} change requested.") String columnChangeRequested(String name);
    @Message("Drop of column {name} requested.") String dropRequested(String name);
    @Message("Revert to version {version} requested.") String revertRequested(int version);
    @Message("Not reverted: {reason}") String notReverted(String reason);
    @Message("Choose apply or adopt.") String chooseApplyOrAdopt();
    @Message("Applying the model to the database: the status below follows it.") String applying();
    @Message("Adopted: the model now describes the database as it is.") String adopted();
    @Message("Not reconciled: {reason}") String notReconciled(String reason);
    @Message("Not changed: {reason}") String notChanged(String reason);
    @Message("the table was changed by someone else after this page was loaded. Check it and try again.") String stale();
    @Message("Tick \"accept losing data\" to do it anyway.") String tickAcceptLosingData();
    @Message("The default of a {type} column must be a number") String defaultMustBeNumber(String type);

    // --- timeline
    @Message("{name} · Timeline") String timelineTitle(String name);
    @Message("← Table {name}") String backToTable(String name);
    @Message("Timeline of") String timelineOf();
    @Message("Every change asked for and its outcome, newest first. Each request is a version of the table: show its "
            + "schema as that version left it.")
    String timelineIntro();
    @Message("Events") String events();
    @Message("Show the schema at v{version}") String showSchemaAt(int version);
    @Message("Revert to version {version}") String revertToVersion(int version);
    @Message("Revert to here") String revertToHere();
    @Message("Schema at version {version}") String schemaAtVersion(int version);
    @Message("Table {name}, {status} at that point.") String tableAtThatPoint(String name, String status);
    @Message("Columns at version {version}") String columnsAtVersion(int version);
    @Message("Schema at a version") String schemaAtAVersion();
    @Message("Choose \"Show the schema\" on a version.") String chooseShowSchema();

    // --- timeline events, in words
    @Message("Create table {name} ({columns})") String eventCreated(String name, String columns);
    @Message("Import table {name} as it was ({columns})") String eventImported(String name, String columns);
    @Message("Add column {column}") String eventColumnAdded(String column);
    @Message("Change column {column} to {after}") String eventColumnAltered(String column, String after);
    @Message("Drop column {column}") String eventColumnDropped(String column);
    @Message("Rename the table to {name}") String eventRenamed(String name);
    @Message("Drop the table") String eventTableDropped();
    @Message("Revert to version {version} ({columns})") String eventReverted(int version, String columns);
    @Message("Apply the model to the database (reconcile)") String eventReconcile();
    @Message("Adopt the database's shape ({columns})") String eventAdopted(String columns);
    @Message("Adopt the database's shape: the table is gone") String eventAdoptedGone();
    @Message("The database differs from the model: {differences}") String eventDriftDetected(String differences);
    @Message("The database matches the model again") String eventDriftCleared();
    @Message("Change {change} applied") String eventConfirmed(int change);
    @Message("Change {change} applied (the database already had it)") String eventConfirmedAlready(int change);
    @Message("Change {change} rejected: {reason}: {detail}") String eventRejected(int change, String reason, String detail);

    // --- the domain's refusals (ChangeRefused.Reason), in languages other than English
    @Message("The name is not allowed.") String refusedInvalidName();
    @Message("The column definition is invalid.") String refusedInvalidDefinition();
    @Message("The change conflicts with the table's state.") String refusedConflict();
    @Message("The column does not exist.") String refusedNotFound();
    @Message("The database cannot make this change.") String refusedUnsupported();
    @Message("The database differs from the model: reconcile first.") String refusedDrifted();
    @Message("The change would lose data.") String refusedDataLoss();
}
