package dev.melt.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

    @ParameterizedTest
    @CsvSource({
        "512KB, 512000",
        "10MB, 10000000",
        "10mb, 10000000",
        "1.5GB, 1500000000",
        "10GiB, 10737418240",
        "1MiB, 1048576",
        "2kib, 2048",
        "1234, 1234",
        "1234B, 1234",
        "' 3 MB ', 3000000",
        "1TB, 1000000000000",
    })
    void parsesDecimalAndBinaryUnitsCaseInsensitively(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10XB", "-5MB", "0", "0MB", "0.1B", "", "MB", "1.2.3MB", "ten MB", "99999999999TB"})
    void rejectsBadSizesNamingTheValueAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DataSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size: '" + text + "'")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("expected", "at most"));
    }

    @ParameterizedTest
    @CsvSource({"10MB, 10MB", "1000KB, 1MB", "1.5GB, 1500MB", "1MiB, 1048576B", "2500, 2500B"})
    void printsTheCanonicalSpellingThatParsesBackToTheSameSize(String text, String canonical) {
        DataSize size = DataSize.parse(text);
        assertThat(size).hasToString(canonical);
        assertThat(DataSize.parse(size.toString())).isEqualTo(size);
    }

    @org.junit.jupiter.api.Test
    void sizesAreEqualWhenTheyHoldTheSameBytes() {
        assertThat(DataSize.parse("1MB")).isEqualTo(DataSize.parse("1000KB"))
                .hasSameHashCodeAs(DataSize.ofBytes(1_000_000))
                .isLessThan(DataSize.parse("1MiB"));
        assertThatThrownBy(() -> DataSize.ofBytes(0)).hasMessageContaining("expected at least 1 byte");
    }
}
