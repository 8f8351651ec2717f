/**
 * JMH benchmarks of melt: dataset generation throughput and detector scoring. Run with
 * {@code java -jar melt-benchmarks/target/benchmarks.jar}.
 */
package dev.melt.benchmarks;
