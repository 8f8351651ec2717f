package dev.melt.cli;

import dev.melt.generator.MeltGenerator;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code melt} command line: {@code generate}, {@code merge}, {@code info} and {@code report}. Exit codes: 0 success,
 * 1 I/O failure, 2 usage error (bad option value, unusable output path).
 */
@Command(name = "melt", mixinStandardHelpOptions = true, versionProvider = MeltCli.Version.class,
        subcommands = {GenerateCommand.class, MergeCommand.class, InfoCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        description = "Generates and inspects realistic, labelled, reproducible MELT datasets.")
public final class MeltCli implements Runnable {

    /** Exit code of a failed I/O operation. */
    public static final int EXIT_IO = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI without exiting; the entry point for tests and embedding.
     *
     * @param args the arguments
     * @param out where normal output goes
     * @param err where errors and progress go
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MeltCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // User errors and I/O failures get one line, never a stack trace.
            commandLine.getErr().println("melt: " + optionNamed(message(e), parseResult));
            commandLine.getErr().flush();
            return e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_IO;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("melt: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Chunks stream, so the heap holds a few chunks at a time; but a chunk is at least one
            // metric interval of every signal (its metrics aggregate the interval's requests).
            err.println("melt: out of memory: this JVM's heap is at most " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB and a chunk holds at least one metrics interval of every signal; shorten metrics_interval"
                    + " or lower the request rate, or give the JVM more heap (MELT_JAVA_OPTS=-Xmx1g)");
            err.flush();
            return EXIT_IO;
        }
    }

    /**
     * Names the option a setting came from: the generator names its settings as the builder does
     * ({@code requestRate: 10000000 is not accepted…}); given on the command line, that is option
     * {@code --request-rate}, named as the CLI's own checks name options ({@code request-rate: …}).
     */
    static String optionNamed(String message, CommandLine.ParseResult parseResult) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-z]+(?:[A-Z][a-z]*)*): ").matcher(message);
        if (!m.find() || parseResult == null) {
            return message;
        }
        String option = "--" + m.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        CommandLine.ParseResult sub = parseResult;
        while (sub.subcommand() != null) {
            sub = sub.subcommand();
        }
        return sub.hasMatchedOption(option) ? option.substring(2) + message.substring(m.group(1).length()) : message;
    }

    private static String message(Exception e) {
        if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
            return message(((java.io.UncheckedIOException) e).getCause());
        }
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            java.nio.file.NoSuchFileException f = (java.nio.file.NoSuchFileException) e;
            return f.getFile() + (f.getReason() == null ? ": no such file" : ": " + f.getReason());
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return ((java.nio.file.AccessDeniedException) e).getFile() + ": permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m.split("\n", 2)[0];
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the generator's version, read from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"melt " + MeltGenerator.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
