/** A self-contained HTML report of a dataset and of a detector's detections: {@link dev.melt.generator.report.DatasetReport}. */
package dev.melt.generator.report;
