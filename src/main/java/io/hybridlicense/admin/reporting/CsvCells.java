package io.hybridlicense.admin.reporting;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * CSV (RFC 4180) that a spreadsheet opens as text: a cell that starts with {@code = + - @}, a tab or a
 * carriage return would be read as a formula (CSV injection), so it gets a leading apostrophe.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String row(String... cells) {
        return Arrays.stream(cells).map(CsvCells::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
