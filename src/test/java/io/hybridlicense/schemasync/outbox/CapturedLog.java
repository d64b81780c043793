package io.hybridlicense.schemasync.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records some classes' loggers write while a test runs; closing stops the capture. */
final class CapturedLog implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(List<Logger> loggers) {
        this.loggers = loggers;
        loggers.forEach(logger -> logger.addHandler(handler));
    }

    static CapturedLog of(Class<?>... classes) {
        return new CapturedLog(java.util.Arrays.stream(classes).map(c -> Logger.getLogger(c.getName())).toList());
    }

    /** How many records of that level have a message (the unformatted pattern) starting so. */
    long count(Level level, String start) {
        return records.stream().filter(r -> r.getLevel().intValue() == level.intValue() && r.getMessage().startsWith(start)).count();
    }

    /** The messages of that level, formatted with their parameters. */
    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() == level.intValue())
                .map(r -> r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage()).toList();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(handler));
    }
}
