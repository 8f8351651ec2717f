/**
 * melt's generator and reader of labelled MELT datasets.
 *
 * <p>Entry points: {@link dev.melt.generator.GenerationConfig} (the spec, validated by its builder,
 * with {@link dev.melt.generator.AnomalyConfig}, {@link dev.melt.generator.DataSize} and
 * {@link dev.melt.generator.Durations}), {@link dev.melt.generator.MeltGenerator} (writes a dataset
 * directory, {@code manifest.json} last), {@link dev.melt.generator.MeltData} (opens, streams and
 * verifies one), {@link dev.melt.generator.GroundTruth} (the incidents decided before the data) and
 * {@link dev.melt.generator.SpecFile} (a spec as a file, as {@code melt generate --spec} reads it).
 * Packages named {@code internal} are not API.
 */
package dev.melt.generator;
