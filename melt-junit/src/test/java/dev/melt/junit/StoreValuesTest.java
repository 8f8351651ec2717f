package dev.melt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class StoreValuesTest {

    @Test
    void storesWithComputeIfAbsentExactlyWhenRunningOnJUnit6() {
        String jupiter = ExtensionContext.class.getPackage().getImplementationVersion();

        assertThat(jupiter).isNotNull();
        assertThat(StoreValues.usesComputeIfAbsent()).as("on Jupiter %s", jupiter).isEqualTo(!jupiter.startsWith("5."));
    }
}
