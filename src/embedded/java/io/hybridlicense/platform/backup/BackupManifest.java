package io.hybridlicense.platform.backup;

import io.hybridlicense.shared.PrivateFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code manifest.properties} of a backup: the schema version (Flyway) it was taken at, and per table its
 * file, row count, checksum and the file's SHA-256; per sequence its state. File names are derived from
 * the table names, never read from the manifest.
 */
record BackupManifest(int format, Instant createdAt, String schemaVersion, Map<CoreTables.Name, Table> tables,
                      Map<CoreTables.Name, Sequence> sequences) {

    static final String FILE = "manifest.properties";
    static final int FORMAT = 1;

    record Table(CoreTables.Fingerprint fingerprint, String sha256) {
    }

    record Sequence(long lastValue, boolean called) {
    }

    static String fileOf(CoreTables.Name table) {
        return table + ".copy.gz";
    }

    void write(Path directory) throws IOException {
        Properties values = new Properties();
        values.setProperty("format", Integer.toString(format));
        values.setProperty("created-at", createdAt.toString());
        values.setProperty("schema-version", schemaVersion);
        values.setProperty("tables", String.join(",", tables.keySet().stream().map(Object::toString).toList()));
        tables.forEach((name, table) -> {
            values.setProperty("table." + name + ".rows", Long.toString(table.fingerprint().rows()));
            values.setProperty("table." + name + ".checksum", table.fingerprint().checksum());
            values.setProperty("table." + name + ".sha256", table.sha256());
        });
        values.setProperty("sequences", String.join(",", sequences.keySet().stream().map(Object::toString).toList()));
        sequences.forEach((name, sequence) -> {
            values.setProperty("sequence." + name + ".last-value", Long.toString(sequence.lastValue()));
            values.setProperty("sequence." + name + ".is-called", Boolean.toString(sequence.called()));
        });
        try (Writer out = new OutputStreamWriter(PrivateFiles.newFile(directory.resolve(FILE)), StandardCharsets.UTF_8)) {
            values.store(out, "Hybrid License backup of the core database (see docs/operations.md)");
        }
    }

    static BackupManifest read(Path directory) throws IOException {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            values.load(in);
        }
        int format = Integer.parseInt(required(values, "format"));
        if (format != FORMAT) {
            throw new IllegalArgumentException("Backup format " + format + " is not known to this version");
        }
        Map<CoreTables.Name, Table> tables = new LinkedHashMap<>();
        for (CoreTables.Name name : names(values.getProperty("tables", ""))) {
            tables.put(name, new Table(new CoreTables.Fingerprint(Long.parseLong(required(values, "table." + name + ".rows")),
                    required(values, "table." + name + ".checksum")), required(values, "table." + name + ".sha256")));
        }
        Map<CoreTables.Name, Sequence> sequences = new LinkedHashMap<>();
        for (CoreTables.Name name : names(values.getProperty("sequences", ""))) {
            sequences.put(name, new Sequence(Long.parseLong(required(values, "sequence." + name + ".last-value")),
                    Boolean.parseBoolean(required(values, "sequence." + name + ".is-called"))));
        }
        return new BackupManifest(format, Instant.parse(required(values, "created-at")), required(values, "schema-version"),
                tables, sequences);
    }

    private static List<CoreTables.Name> names(String list) {
        List<CoreTables.Name> names = new ArrayList<>();
        Arrays.stream(list.split(",")).filter(name -> !name.isBlank()).map(CoreTables.Name::parse).forEach(names::add);
        return names;
    }

    private static String required(Properties values, String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The backup's manifest lacks " + key);
        }
        return value;
    }
}
