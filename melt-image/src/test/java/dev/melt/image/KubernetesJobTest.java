package dev.melt.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes example of docs/scale-out.md: an Indexed Job whose pods each write the shard of
 * their completion index, and a Job that merges them. Parsed as Kubernetes reads it; each
 * document's fields checked against one another and against the CLI's options.
 */
class KubernetesJobTest {

    static final Path YAML = Path.of("src", "main", "resources", "kubernetes", "melt-indexed-job.yaml");
    static JsonNode shards;
    static JsonNode merge;

    @BeforeAll
    static void parse() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        YAMLMapper mapper = new YAMLMapper();
        try (var parser = new YAMLFactory().createParser(Files.readString(YAML))) {
            var it = mapper.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        assertThat(docs).hasSize(2);
        shards = docs.get(0);
        merge = docs.get(1);
    }

    private static List<String> args(JsonNode job) {
        List<String> args = new ArrayList<>();
        container(job).get("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static JsonNode container(JsonNode job) {
        JsonNode containers = job.at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertThat(i).as(option + " in " + args).isNotNegative();
        return args.get(i + 1);
    }

    @Test
    void anIndexedJobWritesOneShardPerCompletionIndex() {
        assertThat(shards.get("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(shards.get("kind").asText()).isEqualTo("Job");
        JsonNode spec = shards.get("spec");
        assertThat(spec.get("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.get("completions").asInt();
        assertThat(completions).isGreaterThan(1);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(completions);
        assertThat(spec.at("/template/spec/restartPolicy").asText()).isIn("Never", "OnFailure");

        // The index reaches the container as JOB_COMPLETION_INDEX, from the annotation the Job sets.
        JsonNode env = null;
        for (JsonNode e : container(shards).get("env")) {
            if (e.get("name").asText().equals("JOB_COMPLETION_INDEX")) {
                env = e;
            }
        }
        assertThat(env).isNotNull();
        assertThat(env.at("/valueFrom/fieldRef/fieldPath").asText())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");

        List<String> args = args(shards);
        assertThat(args.get(0)).isEqualTo("generate");
        Matcher shard = Pattern.compile("\\$\\(JOB_COMPLETION_INDEX\\)/(\\d+)").matcher(after(args, "--shard"));
        assertThat(shard.matches()).as(after(args, "--shard")).isTrue();
        assertThat(Integer.parseInt(shard.group(1))).as("--shard's N is the Job's completions").isEqualTo(completions);
        assertThat(after(args, "--output")).contains("$(JOB_COMPLETION_INDEX)").startsWith("/data/");
        assertThat(container(shards).at("/volumeMounts/0/mountPath").asText()).isEqualTo("/data");
        assertThat(container(shards).get("image").asText()).startsWith("melt:");
    }

    @Test
    void aRetriedIndexClearsWhatAKilledRunLeftInItsShardDirectory() {
        JsonNode init = shards.at("/spec/template/spec/initContainers");
        assertThat(init.size()).isEqualTo(1);
        List<String> command = new ArrayList<>();
        init.get(0).get("command").forEach(c -> command.add(c.asText()));
        // The very directory the generating container writes, for the same index.
        assertThat(command).containsExactly("rm", "-rf", after(args(shards), "--output"));
        boolean hasIndex = false;
        for (JsonNode e : init.get(0).get("env")) {
            hasIndex |= e.get("name").asText().equals("JOB_COMPLETION_INDEX") && e.at("/valueFrom/fieldRef/fieldPath")
                    .asText().equals("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        }
        assertThat(hasIndex).as("JOB_COMPLETION_INDEX defined for the init container").isTrue();
        assertThat(init.get(0).at("/volumeMounts/0/mountPath").asText()).isEqualTo("/data");
    }

    @Test
    void theMergeJobNamesEveryShardOnce() {
        int completions = shards.at("/spec/completions").asInt();
        String output = after(args(shards), "--output");
        List<String> args = args(merge);
        assertThat(merge.get("kind").asText()).isEqualTo("Job");
        assertThat(merge.at("/spec/completionMode").isMissingNode()).isTrue();
        assertThat(args.get(0)).isEqualTo("merge");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < completions; i++) {
            expected.add(output.replace("$(JOB_COMPLETION_INDEX)", Integer.toString(i)));
        }
        List<String> named = new ArrayList<>(args.subList(1, args.size()));
        named.remove(after(args, "--output"));
        named.remove("--output");
        assertThat(named).containsExactlyElementsOf(expected);
        assertThat(container(merge).get("image").asText()).isEqualTo(container(shards).get("image").asText());
        assertThat(merge.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(shards.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
    }

    @Test
    void theShardArgumentsAreOnesTheCliTakes() {
        // Every option the Job passes is one melt generate documents.
        String help = dev.melt.image.CliHelp.of("generate", "--help");
        for (String a : args(shards)) {
            if (a.startsWith("--")) {
                assertThat(help).as(a).containsPattern(Pattern.quote(a) + "[= ]");
            }
        }
        String mergeHelp = dev.melt.image.CliHelp.of("merge", "--help");
        assertThat(mergeHelp).contains("--output");
    }
}
