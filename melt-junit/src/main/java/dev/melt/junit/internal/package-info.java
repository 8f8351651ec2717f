/**
 * The implementation behind {@code @MeltDataset}: canonical spec keys, the directory cache with
 * its cross-process locks, integrity checks and eviction. Not an API; it may change in any
 * release.
 */
package dev.melt.junit.internal;
