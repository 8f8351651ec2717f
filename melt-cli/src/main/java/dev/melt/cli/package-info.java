/**
 * The {@code melt} command line ({@code generate}, {@code info}, {@code report}), on picocli;
 * {@link dev.melt.cli.MeltCli#execute} runs it without exiting, for tests and embedding.
 */
package dev.melt.cli;
