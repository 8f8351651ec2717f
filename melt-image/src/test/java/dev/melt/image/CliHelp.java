package dev.melt.image;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in this JVM and returns what it printed. */
final class CliHelp {

    private CliHelp() {
    }

    static String of(String... args) {
        StringWriter out = new StringWriter();
        dev.melt.cli.MeltCli.execute(args, new PrintWriter(out), new PrintWriter(out));
        return out.toString();
    }
}
