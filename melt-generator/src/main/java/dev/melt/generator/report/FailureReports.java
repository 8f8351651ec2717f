package dev.melt.generator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the reports of failed assertions of the running test go: the seam between melt-junit,
 * which opens a collection around each test and attaches what it holds when the test fails, and
 * melt-assertions, whose assertions write an HTML report of their evaluation there before they
 * throw. Neither module sees the other; both see this class.
 *
 * <p>A collection belongs to the thread that opened it: the test's thread, which runs the
 * assertions. Without an open collection (no melt-junit, or an assertion on another thread)
 * nothing is written.
 */
public final class FailureReports {

    private static final ThreadLocal<Collection> CURRENT = new ThreadLocal<>();

    private FailureReports() {
    }

    /** The reports written while a collection is open, into a directory made when the first one is written. */
    private static final class Collection {
        private final Path parent;
        private Path directory;
        private final List<Path> written = new ArrayList<>();

        Collection(Path parent) {
            this.parent = parent;
        }
    }

    /**
     * Opens the current thread's collection; reports go into a new directory under {@code parent},
     * made when the first report is written. Replaces a collection left open.
     *
     * @param parent where the directory of this test's reports is made
     */
    public static void open(Path parent) {
        CURRENT.set(new Collection(parent));
    }

    /**
     * Closes the current thread's collection.
     *
     * @return the reports written since {@link #open}, in order; empty when none was open
     */
    public static List<Path> close() {
        Collection c = CURRENT.get();
        CURRENT.remove();
        return c == null ? List.of() : List.copyOf(c.written);
    }

    /**
     * Returns a new file for a report, when a collection is open on this thread; the caller writes
     * it. Files are named {@code melt-report-N.html}, N counting from 1 within the test.
     *
     * @return the file to write, or empty when no collection is open
     * @throws UncheckedIOException when the directory cannot be made
     */
    public static Optional<Path> nextFile() {
        Collection c = CURRENT.get();
        if (c == null) {
            return Optional.empty();
        }
        try {
            if (c.directory == null) {
                Files.createDirectories(c.parent);
                c.directory = Files.createTempDirectory(c.parent, "melt-reports-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(c.parent + ": cannot hold the report of a failed assertion: "
                    + e.getMessage(), e);
        }
        Path file = c.directory.resolve("melt-report-" + (c.written.size() + 1) + ".html");
        c.written.add(file);
        return Optional.of(file);
    }
}
