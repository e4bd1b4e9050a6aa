package org.reportviewer.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts a local file where the embedded server's DirectorySource serves it. */
public final class ReportFiles {

    static final String DROPPED = "opened";

    private ReportFiles() {}

    /**
     * Makes {@code file} available under {@code reportsDir} and returns its report id. A file already
     * inside is used as it is; others are hard-linked (instant, no copy) or, across file systems,
     * copied into {@code reportsDir/opened/}. Symlinks would not do: the server refuses links
     * leading out of its folder.
     */
    public static String importInto(Path reportsDir, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        Path root = reportsDir.toRealPath();
        Path real = file.toRealPath();
        if (real.startsWith(root)) {
            return idOf(root, real);
        }
        Path dir = Files.createDirectories(root.resolve(DROPPED));
        String name = real.getFileName().toString().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        if (name.startsWith(".")) {
            name = "_" + name; // hidden files are not listed by the server
        }
        for (int n = 1; ; n++) {
            Path candidate = dir.resolve(n == 1 ? name : suffixed(name, n));
            if (Files.exists(candidate) && Files.isSameFile(candidate, real)) {
                return idOf(root, candidate);
            }
            if (Files.exists(candidate)) {
                continue;
            }
            try {
                Files.createLink(candidate, real);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException | UnsupportedOperationException e) {
                Path tmp = Files.createTempFile(dir, ".import-", ".tmp");
                Files.copy(real, tmp, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(tmp, candidate, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException taken) {
                    Files.deleteIfExists(tmp);
                    continue;
                }
            }
            return idOf(root, candidate);
        }
    }

    private static String suffixed(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }

    private static String idOf(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
