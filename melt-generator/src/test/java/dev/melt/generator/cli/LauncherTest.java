package dev.melt.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the {@code melt} launcher at the repository root against the code it tunes. */
class LauncherTest {

    private static final Pattern DONT_INLINE = Pattern.compile("dontinline,([\\w.$]+)::(\\w+)");

    @Test
    void everyMethodTheLauncherKeepsOutOfLineExists() throws IOException, ClassNotFoundException {
        // A JIT directive naming a method that was renamed or moved is silently ignored by the JVM.
        String launcher = Files.readString(Path.of("..", "melt"));
        Matcher m = DONT_INLINE.matcher(launcher);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Class<?> type = Class.forName(m.group(1));
            String name = m.group(2);
            assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                    .as("methods of %s named in the launcher", type.getName())
                    .contains(name);
            checked.add(type.getSimpleName() + "::" + name);
        }
        assertThat(checked).contains("JsonBuffer::number");
    }
}
