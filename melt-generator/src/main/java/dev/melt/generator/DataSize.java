package dev.melt.generator;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, as users write it: {@code "512KB"}, {@code "10MB"}, {@code "1.5GB"},
 * {@code "10GiB"}.
 *
 * <p>Units are case-insensitive. Decimal units are powers of 1000 ({@code KB} = 10<sup>3</sup>,
 * {@code MB} = 10<sup>6</sup>, {@code GB} = 10<sup>9</sup>, {@code TB} = 10<sup>12</sup>), as
 * disk vendors and the SI define them; binary units are powers of 1024 ({@code KiB},
 * {@code MiB}, {@code GiB}, {@code TiB}). {@code B} or no unit means bytes. Two sizes are equal
 * when they hold the same number of bytes, so {@code "1MB"} equals {@code "1000KB"}.
 */
public final class DataSize implements Comparable<DataSize> {

    private static final Pattern SYNTAX =
            Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*$");
    private static final String ACCEPTED =
            "a positive number with an optional unit B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB"
                    + " (powers of 1024), e.g. 512KB, 10MB, 1.5GB, 10GiB";

    private final long bytes;

    private DataSize(long bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns a size of the given number of bytes.
     *
     * @param bytes the number of bytes, at least 1
     * @return the size
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public static DataSize ofBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("size: " + bytes + " bytes is not accepted; expected at least 1 byte");
        }
        return new DataSize(bytes);
    }

    /**
     * Returns a size of the given number of decimal megabytes (10<sup>6</sup> bytes).
     *
     * @param megabytes the number of megabytes, at least 1
     * @return the size
     * @throws IllegalArgumentException if {@code megabytes} is less than 1
     * @throws ArithmeticException if the byte count overflows a {@code long}
     */
    public static DataSize ofMegabytes(long megabytes) {
        return ofBytes(Math.multiplyExact(megabytes, 1_000_000L));
    }

    /**
     * Parses a size such as {@code "10MB"}, {@code "1.5GB"} or {@code "10GiB"}.
     *
     * @param text the size to parse
     * @return the size
     * @throws IllegalArgumentException naming the value and the accepted forms when the text is
     *     not a positive size
     */
    public static DataSize parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("size: null is not accepted; expected " + ACCEPTED);
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("size: '" + text + "' is not accepted; expected " + ACCEPTED);
        }
        long multiplier = multiplier(m.group(2));
        if (multiplier < 0) {
            throw new IllegalArgumentException("size: '" + text + "' has unknown unit '" + m.group(2)
                    + "'; expected " + ACCEPTED);
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("size: '" + text + "' is not accepted; expected " + ACCEPTED);
        }
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size: '" + text + "' is too large; expected at most "
                    + Long.MAX_VALUE + " bytes");
        }
        return new DataSize(value.longValue());
    }

    private static long multiplier(String unit) {
        switch (unit.toUpperCase(Locale.ROOT)) {
            case "":
            case "B":
                return 1L;
            case "KB":
            case "K":
                return 1_000L;
            case "MB":
            case "M":
                return 1_000_000L;
            case "GB":
            case "G":
                return 1_000_000_000L;
            case "TB":
            case "T":
                return 1_000_000_000_000L;
            case "KIB":
                return 1L << 10;
            case "MIB":
                return 1L << 20;
            case "GIB":
                return 1L << 30;
            case "TIB":
                return 1L << 40;
            default:
                return -1L;
        }
    }

    /**
     * Returns the number of bytes.
     *
     * @return the number of bytes, at least 1
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the canonical spelling: the largest decimal unit that divides the size exactly,
     * for example {@code 10MB}, {@code 1500MB} or {@code 1234B}. Parsing it gives an equal size.
     *
     * @return the canonical spelling
     */
    @Override
    public String toString() {
        String[] units = {"TB", "GB", "MB", "KB"};
        long[] factors = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (bytes % factors[i] == 0) {
                return (bytes / factors[i]) + units[i];
            }
        }
        return bytes + "B";
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSize && ((DataSize) o).bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }
}
