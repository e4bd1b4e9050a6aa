package org.reportviewer.server.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample SQL reports shipped with the app (DuckDB generates their data, so they need no data
 * files). Copied into a new reports folder, where users can read, change and copy them.
 */
public final class SqlSamples {

    static final List<String> FILES = List.of("sales_by_region.sql", "daily_totals.sql", "order_lines_1gb.sql");
    public static final String FOLDER = "samples";

    private SqlSamples() {}

    /** Writes the samples to {@code reportsDir/samples/}, leaving any file already there alone. */
    public static void install(Path reportsDir) throws IOException {
        Path target = Files.createDirectories(reportsDir.resolve(FOLDER));
        for (String name : FILES) {
            Path file = target.resolve(name);
            if (Files.exists(file)) {
                continue;
            }
            try (InputStream in = SqlSamples.class.getResourceAsStream("samples/" + name)) {
                if (in == null) {
                    throw new IOException("sample " + name + " is missing from the application");
                }
                Files.copy(in, file);
            }
        }
    }
}
