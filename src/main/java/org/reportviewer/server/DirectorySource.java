package org.reportviewer.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.reportviewer.proto.ReportInfo;

/**
 * Files under one reports directory. Ids are relative names with {@code /} separators. Nothing
 * outside the directory is ever readable: {@code ..}, absolute names and symlinks that lead out are
 * refused, checked on the real (symlink-resolved) path.
 */
public final class DirectorySource implements ReportSource {

    public static final int DEFAULT_CHUNK = 64 << 10;
    static final int MAX_LISTED = 1000;
    private static final int MAX_DEPTH = 8;

    private final Path root;
    private final Path realRoot;
    private final int chunkSize;

    public DirectorySource(Path root) throws IOException {
        this(root, DEFAULT_CHUNK);
    }

    public DirectorySource(Path root, int chunkSize) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new IOException("not a directory: " + root);
        }
        this.chunkSize = chunkSize;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<Report> open(String reportId) throws StatusException {
        Path file = resolve(reportId);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return Optional.of(new FileReport(channel, channel.size(), chunkSize));
        } catch (NoSuchFileException e) {
            throw notFound(reportId);
        } catch (IOException e) {
            throw Status.NOT_FOUND.withDescription("report '" + reportId + "' cannot be read").asException();
        }
    }

    /**
     * The real path of a report file, after every check.
     *
     * @throws StatusException INVALID_ARGUMENT for a name that is not relative and clean, NOT_FOUND for a
     *     missing file or one that really lies outside the directory
     */
    public Path resolve(String reportId) throws StatusException {
        if (reportId.startsWith("/") || reportId.contains("\\") || reportId.contains("\0")) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("report id must be a relative name with '/' separators: '" + reportId + "'")
                    .asException();
        }
        for (String segment : reportId.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("report id may not contain empty, '.' or '..' parts: '" + reportId + "'")
                        .asException();
            }
        }
        Path candidate = root.resolve(reportId).normalize();
        if (!candidate.startsWith(root)) {
            throw notFound(reportId);
        }
        try {
            Path real = candidate.toRealPath();
            // A symlink may point anywhere; only what really lies inside the directory is served.
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(reportId);
            }
            return real;
        } catch (IOException e) {
            throw notFound(reportId);
        }
    }

    private static StatusException notFound(String reportId) {
        return Status.NOT_FOUND.withDescription("no report '" + reportId + "'").asException();
    }

    @Override
    public List<ReportInfo> list() {
        List<ReportInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(realRoot, MAX_DEPTH)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(realRoot::relativize)
                    .filter(rel -> !rel.toString().startsWith(".") && !rel.toString().contains("/."))
                    // .sql files are listed as the SQL reports they define (SqlReportSource)
                    .filter(rel -> !rel.toString().endsWith(".sql"))
                    .sorted()
                    .limit(MAX_LISTED)
                    .forEach(rel -> {
                        try {
                            long size = Files.size(realRoot.resolve(rel));
                            String id = rel.toString().replace('\\', '/');
                            out.add(ReportInfo.newBuilder()
                                    .setId(id)
                                    .setTitle(id + " (" + Sizes.format(size) + ")")
                                    .setSizeBytes(size)
                                    .setTotalChunks(chunks(size, chunkSize))
                                    .build());
                        } catch (IOException ignored) {
                            // vanished while listing: not offered
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable directory offers nothing rather than failing the whole catalog
        }
        return out;
    }

    static int chunks(long size, int chunkSize) {
        return (int) Math.min(Integer.MAX_VALUE, (size + chunkSize - 1) / chunkSize);
    }

    private static final class FileReport implements Report {
        private final FileChannel channel;
        /** Size when opened: a file that grows meanwhile is served as it was. */
        private final long size;
        private final int chunkSize;

        FileReport(FileChannel channel, long size, int chunkSize) {
            this.channel = channel;
            this.size = size;
            this.chunkSize = chunkSize;
        }

        @Override
        public int totalChunks() {
            return chunks(size, chunkSize);
        }

        @Override
        public int chunkBytes() {
            return chunkSize;
        }

        @Override
        public ByteString chunk(int index) throws IOException {
            long offset = (long) index * chunkSize;
            if (offset >= size) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(chunkSize, size - offset));
            while (buf.hasRemaining()) {
                if (channel.read(buf, offset + buf.position()) < 0) {
                    throw new IOException("report file shrank while it was being sent");
                }
            }
            return UnsafeByteOperations.unsafeWrap(buf.array());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
