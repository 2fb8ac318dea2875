/**
 * Benchmarks that exercise several modules together ({@code bench}, {@code load}; run by {@code ./netwright bench}).
 * The tests of this module (fault, security, bad input, concurrency, browser) are under {@code src/test}; see
 * tests/README.md for what each package covers, how they run and where their output (failure screenshots in
 * {@code tests/target/screenshots}) lands.
 */
package dev.netwright.tests;
