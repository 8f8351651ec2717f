package dev.melt.generator.internal.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonBufferTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String encode(String s) {
        return new JsonBuffer(8).string(s).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "quote \" and backslash \\", "tab\tnew\nline\rcr", "\u0000\u0001\u001f",
        "bell \u0007 form \f back \b", "café", "日本語", "emoji 😀 pair", "mix \"é\" \\ 😀\n", "\u007f delete",
        "</script>"})
    void stringsRoundTripThroughAJsonParser(String s) throws Exception {
        String json = encode(s);
        assertThat(JSON.readTree(json).textValue()).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "quote \" and backslash \\", "tab\tnew\nline", "café", "emoji 😀 pair"})
    void aStringEncodedOnceHasTheBytesOfACachedOne(String s) {
        // The cache is made on a buffer's first short string; a string met again comes from it.
        JsonBuffer cached = new JsonBuffer(8);
        cached.string(s).raw(',').string(s).raw(',').string(s);
        String once = new JsonBuffer(8).stringOnce(s).toString();
        assertThat(cached.toString()).isEqualTo(once + "," + once + "," + once);
        assertThat(JsonText.of(s).quoted()).asString(java.nio.charset.StandardCharsets.UTF_8)
                .isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Slow request: GET /cart took ", "quote \" é 😀\n "})
    void aTextANumberAndATextMakeOneString(String prefix) throws Exception {
        JsonBuffer buffer = new JsonBuffer(8);
        JsonText text = JsonText.of(prefix);
        buffer.raw('[').string(text, -812, JsonText.of(" ms \"x\"")).raw(',').string(text, 0, JsonText.of(""))
                .raw(']');
        assertThat(JSON.readTree(buffer.toString()).get(0).textValue()).isEqualTo(prefix + "-812 ms \"x\"");
        assertThat(JSON.readTree(buffer.toString()).get(1).textValue()).isEqualTo(prefix + "0");
    }

    @Test
    void toByteArrayCopiesExactlyTheBytesWritten() {
        JsonBuffer b = new JsonBuffer(8);
        b.string("tab\t é").raw(',').number(42);
        byte[] copy = b.toByteArray();
        assertThat(new String(copy, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("\"tab\\t é\",42");
        b.reset();
        b.raw('x');
        assertThat(copy[0]).isEqualTo((byte) '"');
    }

    @Test
    void controlCharactersAreEscapedNotWrittenRaw() {
        assertThat(encode("a\nb")).isEqualTo("\"a\\nb\"");
        assertThat(encode("\u0001")).isEqualTo("\"\\u0001\"");
        assertThat(encode("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(encode("c:\\dir")).isEqualTo("\"c:\\\\dir\"");
    }

    @Test
    void longStringsAndStringsAfterNonAsciiStayIntact() throws Exception {
        String longText = "x".repeat(5000) + "é" + "y".repeat(300) + "\"";
        JsonBuffer b = new JsonBuffer(8);
        b.raw('[').string(longText).raw(',').string("after").raw(']');
        assertThat(JSON.readTree(b.toString()).get(0).textValue()).isEqualTo(longText);
        assertThat(JSON.readTree(b.toString()).get(1).textValue()).isEqualTo("after");
    }

    @Test
    void loneSurrogateBecomesAQuestionMarkAndStaysValidJson() throws Exception {
        assertThat(JSON.readTree(encode("a\ud800b")).textValue()).isEqualTo("a?b");
    }

    @Test
    void nullStringIsJsonNull() {
        assertThat(encode(null)).isEqualTo("null");
    }

    @Test
    void wholeNumbers() {
        long[] values = {0, 7, -7, 10, 99, 100, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            assertThat(new JsonBuffer(1).number(v).toString()).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void wholeNumbersOfEveryLengthAroundPowersOfTenAndTwo() {
        // The digit count is worked out without a loop, from the bit length: it must be right at
        // both ends of every decimal length and every bit length.
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (long p = 1; ; p *= 10) {
            values.add(p - 1);
            values.add(p);
            values.add(p + 1);
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        for (int bit = 0; bit < 63; bit++) {
            values.add((1L << bit) - 1);
            values.add(1L << bit);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            values.add(random.nextLong() >>> random.nextInt(64));
        }
        for (long v : values) {
            assertThat(new JsonBuffer(1).number(v).toString()).as("number(%d)", v).isEqualTo(Long.toString(v));
            if (v >= 0 && v < 1_000_000_000_000L) {
                assertThat(new JsonBuffer(1).decimal(v / 1000.0, 3).toString()).as("decimal(%d / 1000)", v)
                        .isEqualTo(java.math.BigDecimal.valueOf(Math.round(v / 1000.0 * 1000), 3)
                                .stripTrailingZeros().toPlainString());
            }
        }
    }

    @Test
    void decimalsAreRoundedWithoutTrailingZerosOrExponent() {
        assertThat(new JsonBuffer(8).decimal(45.2, 2).toString()).isEqualTo("45.2");
        assertThat(new JsonBuffer(8).decimal(3.0, 2).toString()).isEqualTo("3");
        assertThat(new JsonBuffer(8).decimal(0.005, 2).toString()).isEqualTo("0.01");
        assertThat(new JsonBuffer(8).decimal(-0.001, 2).toString()).isEqualTo("0");
        assertThat(new JsonBuffer(8).decimal(-12.345, 3).toString()).isEqualTo("-12.345");
        assertThat(new JsonBuffer(8).decimal(0.000123, 6).toString()).isEqualTo("0.000123");
        assertThat(new JsonBuffer(8).decimal(1e20, 2).toString()).isEqualTo("100000000000000000000");
    }

    @Test
    void decimalsMatchTheRoundedValue() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(10));
            String text = new JsonBuffer(8).decimal(v, 3).toString();
            assertThat(text).doesNotContain("E").doesNotContain("e");
            assertThat(Double.parseDouble(text)).isCloseTo(v, org.assertj.core.data.Offset.offset(0.0005 + 1e-9));
        }
    }

    @Test
    void nonFiniteDecimalsAreRefused() {
        assertThatThrownBy(() -> new JsonBuffer(8).decimal(Double.NaN, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new JsonBuffer(8).decimal(Double.POSITIVE_INFINITY, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hexIsSixteenLowerCaseDigits() {
        long[] values = {0, 1, -1, 0xABCDEFL, Long.MIN_VALUE, 0x0123456789abcdefL};
        for (long v : values) {
            assertThat(new JsonBuffer(1).hex16(v).toString()).isEqualTo(String.format("%016x", v));
        }
    }

    @Test
    void timestampsAreRfc3339UtcLikeJavaTimeFormatsThem() {
        DateTimeFormatter millis = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        DateTimeFormatter micros = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(2);
        long max = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
        JsonBuffer b = new JsonBuffer(8);
        for (int i = 0; i < 20_000; i++) {
            // Mostly nearby instants (the day cache), sometimes anywhere in years 1970-9999.
            long ms = i % 7 == 0 ? random.nextLong(max) : 1_704_067_200_000L + random.nextLong(400L * 86_400_000L);
            b.reset();
            assertThat(b.timestampMillis(ms).toString()).isEqualTo('"' + millis.format(Instant.ofEpochMilli(ms)) + '"');
            long us = ms * 1000 + random.nextInt(1000);
            b.reset();
            assertThat(b.timestampMicros(us).toString())
                    .isEqualTo('"' + micros.format(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L),
                            Math.floorMod(us, 1_000_000L) * 1000)) + '"');
        }
        b.reset();
        assertThat(b.timestampMillis(-1).toString()).isEqualTo("\"1969-12-31T23:59:59.999Z\"");
    }

    @Test
    void yearsBeyondRfc3339AreRefused() {
        long year10000 = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli() + 1000;
        assertThatThrownBy(() -> new JsonBuffer(8).timestampMillis(year10000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year 10000");
    }

    @Test
    void growsAndTruncates() {
        JsonBuffer b = new JsonBuffer(1);
        for (int i = 0; i < 1000; i++) {
            b.raw('x');
        }
        assertThat(b.size()).isEqualTo(1000);
        b.truncate(10);
        assertThat(b.toString()).isEqualTo("x".repeat(10));
        assertThatThrownBy(() -> b.truncate(11)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void repeatedStringsSharingACacheSlotStayCorrectWhileTheyTakeTurns() {
        // Find two strings of different lengths whose cache slots collide, as repeated names do.
        java.util.Map<Integer, String> bySlot = new java.util.HashMap<>();
        String first = null;
        String second = null;
        for (int i = 0; first == null; i++) {
            String s = "service-" + "x".repeat(i % 7) + i;
            int h = s.hashCode();
            String other = bySlot.putIfAbsent((h ^ (h >>> 11)) & 511, s);
            if (other != null && other.length() != s.length()) {
                first = other.length() < s.length() ? other : s;
                second = other.length() < s.length() ? s : other;
            }
        }
        JsonBuffer b = new JsonBuffer(8);
        StringBuilder expected = new StringBuilder();
        // Runs of two let each string enter the slot in turn, the longer one after the shorter.
        for (int round = 0; round < 4; round++) {
            for (String s : new String[] {first, first, second, second, first, first, first}) {
                b.string(s).raw(',');
                expected.append('"').append(s).append("\",");
            }
        }
        assertThat(b.toString()).isEqualTo(expected.toString());
    }
}
