package dev.melt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The outcome of one in-process CLI run, for the CLI's tests.
 *
 * @param exitCode what {@link MeltCli#execute} returned
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs the CLI with the arguments, capturing both streams. */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MeltCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
