/**
 * The machinery behind melt-assertions: the sort-and-sweep matcher, step ranges, the
 * range-based and NAB scorers, and the failure message factories. Not public API.
 */
package dev.melt.assertions.internal;
