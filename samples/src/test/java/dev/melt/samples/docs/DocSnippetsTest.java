package dev.melt.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of README.md and docs/ is compiled code: each {@code ```java} block must
 * stand, line for line (indentation aside), in a test source of one of the modules
 * ({@code MODULE/src/test/java}), which the build compiles and runs. A snippet edited in the docs but not in the code, or the other way round,
 * fails here with the page and the first line that is nowhere.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

    @Test
    void everyJavaSnippetOfTheDocsIsInACompiledSource() throws IOException {
        List<List<String>> sources = javaSources();
        List<String> pages = pages();
        assertThat(pages).as("pages with Java snippets").contains("README.md", "docs/generator.md");
        List<String> problems = new ArrayList<>();
        int snippets = 0;
        for (String page : pages) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(ROOT.resolve(page), StandardCharsets.UTF_8));
            while (m.find()) {
                snippets++;
                List<String> block = normalised(m.group(1));
                if (sources.stream().noneMatch(source -> Collections2.containsRun(source, block))) {
                    problems.add(page + ": the snippet starting '" + block.get(0) + "' is in no test source of any module");
                }
            }
        }
        assertThat(snippets).as("snippets found").isGreaterThanOrEqualTo(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheDocsResolves() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String page : pages()) {
            Path file = ROOT.resolve(page);
            Matcher m = link.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                links++;
                Path resolved = file.getParent().resolve(target.replaceAll("#.*", ""));
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target);
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(5);
        assertThat(broken).as("links to nothing").isEmpty();
    }

    @Test
    void aSnippetThatDiffersFromTheCodeIsFound() {
        List<String> source = normalised("int a = 1;\nint b = 2;\nint c = 3;\n");
        assertThat(Collections2.containsRun(source, normalised("  int b = 2;\n    int c = 3;"))).isTrue();
        assertThat(Collections2.containsRun(source, normalised("int b = 2;\nint c = 4;"))).isFalse();
        assertThat(Collections2.containsRun(source, normalised("int a = 1;\nint c = 3;"))).isFalse();
    }

    private static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted()
                    .forEach(p -> pages.add("docs/" + p.getFileName()));
        }
        return pages;
    }

    private static List<List<String>> javaSources() throws IOException {
        try (Stream<Path> files = Files.list(ROOT).map(m -> m.resolve("src/test/java")).filter(Files::isDirectory)
                .flatMap(DocSnippetsTest::walk)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return normalised(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines without their indentation, blank lines and region markers dropped. */
    static List<String> normalised(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("// tag::") && !l.startsWith("// end::"))
                .collect(Collectors.toList());
    }

    /** Finds a run of lines inside another. */
    static final class Collections2 {
        private Collections2() {
        }

        static boolean containsRun(List<String> haystack, List<String> run) {
            return java.util.Collections.indexOfSubList(haystack, run) >= 0;
        }
    }
}
