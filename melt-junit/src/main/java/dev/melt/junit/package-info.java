/**
 * JUnit Jupiter support for melt: {@link dev.melt.junit.MeltDataset} injects a generated,
 * cached, read-only dataset into tests; {@link dev.melt.junit.MeltDatasets} feeds
 * parameterized tests one dataset per seed and anomaly type. Compiled against the JUnit 5.14
 * API; runs on JUnit 5.14+ and 6.
 */
package dev.melt.junit;
