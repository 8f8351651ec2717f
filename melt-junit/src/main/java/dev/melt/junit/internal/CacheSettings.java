package dev.melt.junit.internal;

import static dev.melt.junit.MeltDataset.CACHE_DIR_PROPERTY_NAME;
import static dev.melt.junit.MeltDataset.CACHE_ENABLED_PROPERTY_NAME;
import static dev.melt.junit.MeltDataset.CACHE_SIZE_LIMIT_PROPERTY_NAME;
import static dev.melt.junit.MeltDataset.CACHE_VERIFY_PROPERTY_NAME;
import static dev.melt.junit.MeltDataset.GENERATOR_THREADS_PROPERTY_NAME;
import static dev.melt.junit.MeltDataset.SEED_PROPERTY_NAME;

import dev.melt.generator.DataSize;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The run-wide settings of the extension, read once per run from JUnit configuration
 * parameters (which include system properties and {@code junit-platform.properties}).
 *
 * @param directory where cached datasets live
 * @param enabled whether datasets are kept between runs
 * @param sizeLimit how many bytes the cache may hold before least recently used entries go
 * @param fullVerification whether each cached entry's checksums are recomputed on first use
 * @param seedOverride the seed that replaces every annotation's seed, when set
 * @param threads how many threads generate a dataset
 */
public record CacheSettings(Path directory, boolean enabled, long sizeLimit, boolean fullVerification,
                            OptionalLong seedOverride, int threads) {

    /** The cache size limit when none is configured. */
    public static final String DEFAULT_SIZE_LIMIT = "5GB";

    /**
     * Reads the settings.
     *
     * @param parameters looks up one configuration parameter by key
     * @return the settings
     * @throws IllegalArgumentException naming the key, the bad value and what is accepted
     */
    public static CacheSettings read(Function<String, Optional<String>> parameters) {
        Path directory = parameters.apply(CACHE_DIR_PROPERTY_NAME).map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(CacheSettings::path).orElseGet(CacheSettings::defaultDirectory);
        boolean enabled = parameters.apply(CACHE_ENABLED_PROPERTY_NAME)
                .map(v -> bool(CACHE_ENABLED_PROPERTY_NAME, v)).orElse(true);
        long limit;
        try {
            limit = DataSize.parse(parameters.apply(CACHE_SIZE_LIMIT_PROPERTY_NAME).orElse(DEFAULT_SIZE_LIMIT))
                    .bytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CACHE_SIZE_LIMIT_PROPERTY_NAME + ": " + e.getMessage(), e);
        }
        boolean full = parameters.apply(CACHE_VERIFY_PROPERTY_NAME).map(CacheSettings::verifyMode).orElse(false);
        OptionalLong seed = parameters.apply(SEED_PROPERTY_NAME).map(String::trim).filter(s -> !s.isEmpty())
                .map(CacheSettings::seed).orElse(OptionalLong.empty());
        int threads = parameters.apply(GENERATOR_THREADS_PROPERTY_NAME).map(CacheSettings::threads)
                .orElse(Runtime.getRuntime().availableProcessors());
        return new CacheSettings(directory, enabled, limit, full, seed, threads);
    }

    /**
     * Returns the default cache directory: {@code melt-cache-<user>} in {@code java.io.tmpdir},
     * one per user so that users sharing /tmp never share (or fight over) a cache. A user without
     * a usable name (no passwd entry: Java reports {@code ?}) gets {@code melt-cache-uid<uid>}.
     *
     * @return the default directory
     */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "melt-cache-"
                + userPart(System.getProperty("user.name", ""), DatasetFiles.currentUid())).toAbsolutePath();
    }

    /**
     * The user's part of the default directory's name.
     *
     * @param userName what {@code user.name} says
     * @param uid the numeric user id, when known
     * @return the name when it is made of letters, digits, '.', '_' and '-' only, else {@code uid<uid>},
     *     else the name with other characters replaced
     */
    static String userPart(String userName, OptionalLong uid) {
        if (userName.matches("[A-Za-z0-9._-]+") && !userName.matches("\\.+")) {
            return userName;
        }
        if (uid.isPresent()) {
            return "uid" + uid.getAsLong();
        }
        return "user-" + Sha256.of(userName).substring(0, 12);
    }

    private static Path path(String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(CACHE_DIR_PROPERTY_NAME + ": " + value
                    + " is not accepted; expected a directory path", e);
        }
    }

    private static boolean bool(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(key + ": " + value + " is not accepted; expected true or false");
    }

    private static boolean verifyMode(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("quick") || v.equals("full")) {
            return v.equals("full");
        }
        throw new IllegalArgumentException(CACHE_VERIFY_PROPERTY_NAME + ": " + value
                + " is not accepted; expected quick or full");
    }

    private static OptionalLong seed(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY_NAME + ": " + value
                    + " is not accepted; expected a whole number (a long)", e);
        }
    }

    private static int threads(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(GENERATOR_THREADS_PROPERTY_NAME + ": " + value
                + " is not accepted; expected 1 to 1024");
    }
}
