/**
 * Scoring of anomaly detectors and RCA engines against the ground truth of a melt dataset:
 * {@link dev.melt.assertions.Detection} (what a detector reports), the plain-Java
 * {@link dev.melt.assertions.Evaluation}, {@link dev.melt.assertions.RecordEvaluation} and
 * {@link dev.melt.assertions.RcaEvaluation}, and AssertJ assertions on them through
 * {@link dev.melt.assertions.MeltAssertions}.
 */
package dev.melt.assertions;
