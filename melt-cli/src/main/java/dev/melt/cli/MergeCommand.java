package dev.melt.cli;

import dev.melt.generator.Manifest;
import dev.melt.generator.MeltGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code melt merge}: makes one dataset of the shards {@code generate --shard} wrote. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = MeltCli.Version.class,
        description = {"Merges the shard directories of one dataset (written by generate --shard I/N) into a",
            "dataset directory: each file is the shards' parts in shard order, checked against their",
            "checksums, and manifest.json, written last, is the one a single run writes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:dataset written", "1:I/O failure (a shard's file does not match its checksum)",
            "2:usage error (not a shard, a shard missing or repeated, unusable output path)"})
final class MergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "The shard directories, every shard once, in any order.")
    private List<Path> shards;

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", required = true,
            description = "Output directory; must be absent or empty.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        if (output.toString().isEmpty()) {
            throw new IllegalArgumentException("output: '' is not accepted; expected the path of an absent or empty"
                    + " directory");
        }
        long started = System.nanoTime();
        Manifest manifest = MeltGenerator.merge(shards, output);
        double seconds = (System.nanoTime() - started) / 1e9;
        long bytes = 0;
        for (Manifest.FileEntry f : manifest.files().values()) {
            bytes += f.bytes();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Merged %d %s into %s: %d files, %s in %.1f s, %s to %s%n",
                shards.size(), shards.size() == 1 ? "shard" : "shards", output, manifest.files().size(),
                InfoCommand.bytes(bytes), seconds, manifest.start(), manifest.end());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
