package dev.melt.generator.internal.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.melt.generator.internal.encode.JsonBuffer;
import dev.melt.generator.internal.encode.JsonText;
import dev.melt.generator.internal.model.FailureMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void everyCauseHasItsOwnNumberAndItsOwnEncodedMessageAndCode() {
        List<FailureMode.Cause> causes = new ArrayList<>();
        for (FailureMode mode : FailureMode.values()) {
            causes.addAll(mode.causes());
        }
        assertThat(causes).extracting(FailureMode.Cause::id)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isBetween(0, FailureMode.Cause.count() - 1));
        assertThat(causes).hasSize(FailureMode.Cause.count());
        for (FailureMode.Cause cause : causes) {
            assertThat(text(Vocabulary.message(cause))).isEqualTo("\"" + cause.message() + "\"");
            assertThat(text(Vocabulary.errorCode(cause))).isEqualTo("\"" + cause.errorCode() + "\"");
        }
    }

    private static String text(JsonText value) {
        JsonBuffer b = new JsonBuffer(64);
        b.string(value);
        return new String(b.array(), 0, b.size(), StandardCharsets.UTF_8);
    }
}
