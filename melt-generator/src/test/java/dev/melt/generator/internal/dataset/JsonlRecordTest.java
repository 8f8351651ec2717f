package dev.melt.generator.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level reader the OTLP transcoder reads JSONL records with. */
class JsonlRecordTest {

    private static final JsonlRecord.Key MESSAGE = new JsonlRecord.Key("message");
    private static final JsonlRecord.Key METADATA = new JsonlRecord.Key("metadata");
    private static final JsonlRecord.Key HOST = new JsonlRecord.Key("host");
    private static final JsonlRecord.Key CODE = new JsonlRecord.Key("code");
    private static final JsonlRecord.Key TIMESTAMP = new JsonlRecord.Key("timestamp");
    private static final JsonlRecord.Key VALUE = new JsonlRecord.Key("value");
    private static final JsonlRecord.Key ABSENT = new JsonlRecord.Key("absent");

    private static JsonlRecord read(String lines) {
        JsonlRecord r = new JsonlRecord();
        byte[] b = lines.getBytes(StandardCharsets.UTF_8);
        r.reset(b, 0, b.length);
        return r;
    }

    private static String raw(JsonlRecord r, int field) {
        return new String(r.bytes, r.valueStart[field], r.valueEnd[field] - r.valueStart[field], StandardCharsets.UTF_8);
    }

    /** Quotes and backslashes at every offset modulo 8, where the eight-byte scan must stop exactly. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17})
    void stringsEndAtTheirClosingQuoteWhereverTheEscapesFall(int padding) {
        String message = "x".repeat(padding) + "say \\\"hi\\\" \\\\ to é and \\u0001" + "y".repeat(padding);
        JsonlRecord r = read("{\"message\":\"" + message + "\",\"metadata\":{\"host\":\"web-01\",\"code\":7},"
                + "\"anomaly\":false}\n");
        assertThat(r.next()).isTrue();
        assertThat(raw(r, r.field(MESSAGE))).isEqualTo("\"" + message + "\"");
        int metadata = r.field(METADATA);
        assertThat(r.kind[metadata]).isEqualTo(JsonlRecord.OBJECT);
        assertThat(raw(r, r.member(metadata, HOST))).isEqualTo("\"web-01\"");
        assertThat(r.number(r.member(metadata, CODE))).isEqualTo(7.0);
        assertThat(r.field(ABSENT)).isEqualTo(-1);
        assertThat(r.next()).isFalse();
    }

    @Test
    void keysFindTheirFieldsWhenTheOrderChangesFromRecordToRecord() {
        JsonlRecord r = read("{\"message\":\"a\",\"value\":1}\n{\"value\":2,\"extra\":null,\"message\":\"b\"}\n");
        assertThat(r.next()).isTrue();
        assertThat(raw(r, r.field(MESSAGE))).isEqualTo("\"a\"");
        assertThat(r.number(r.field(VALUE))).isEqualTo(1.0);
        assertThat(r.next()).isTrue();
        assertThat(raw(r, r.field(MESSAGE))).isEqualTo("\"b\"");
        assertThat(r.number(r.field(VALUE))).isEqualTo(2.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"14.38", "0.29", "-0.5", "3", "12345678.91", "0.001", "1e3", "-2.5E-4",
        "12345678901234567", "9007199254740993", "1234.5678901234567"})
    void numbersReadAsParseDoubleReadsThem(String number) {
        JsonlRecord r = read("{\"value\":" + number + "}");
        assertThat(r.next()).isTrue();
        int v = r.field(VALUE);
        assertThat(r.kind[v]).isEqualTo(JsonlRecord.NUMBER);
        assertThat(r.number(v)).isEqualTo(Double.parseDouble(number));
        assertThat(r.isWhole(v)).isEqualTo(!number.contains(".") && !number.toLowerCase().contains("e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00:00.246Z", "2024-02-29T23:59:59.999999Z", "2031-12-31T12:00:00Z",
        "1999-12-31T23:59:59.5Z", "2024-01-02T00:00:00.000000001Z"})
    void timestampsReadAsInstantReadsThem(String timestamp) {
        JsonlRecord r = read("{\"timestamp\":\"2024-01-01T00:00:00.000Z\"}\n{\"timestamp\":\"" + timestamp + "\"}");
        assertThat(r.next()).isTrue();
        assertThat(r.epochNanos(r.field(TIMESTAMP))).isEqualTo(1_704_067_200_000_000_000L);
        assertThat(r.next()).isTrue();
        Instant t = Instant.parse(timestamp);
        assertThat(r.epochNanos(r.field(TIMESTAMP))).isEqualTo(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    @Test
    void somethingElseThanMeltsRecordsIsRefusedWithItsOffset() {
        JsonlRecord r = read("{\"a\":[1,2]}");
        assertThatThrownBy(r::next).hasMessage("JSONL record at byte 5: a value expected");
        JsonlRecord nested = read("{\"a\":{\"b\":{\"c\":1}}}");
        assertThatThrownBy(nested::next).hasMessageContaining("an object inside an object's member");
    }
}
