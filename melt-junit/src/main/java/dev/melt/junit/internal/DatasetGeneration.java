package dev.melt.junit.internal;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the generator for the extension, and counts how often it did in this JVM. */
public final class DatasetGeneration {

    private static final AtomicLong GENERATED = new AtomicLong();

    private DatasetGeneration() {
    }

    /**
     * Returns how many datasets the extension has generated in this JVM since it started; a
     * cache hit does not count. Tests and benchmarks use it to tell a hit from a regeneration.
     *
     * @return the number of generations
     */
    public static long count() {
        return GENERATED.get();
    }

    /** Generates a spec into a new directory; the directory is complete when this returns. */
    static Manifest generate(DatasetSpec spec, Path directory, int threads) throws IOException {
        Manifest manifest = new MeltGenerator(spec.config()).threads(threads).generate(directory);
        GENERATED.incrementAndGet();
        return manifest;
    }
}
