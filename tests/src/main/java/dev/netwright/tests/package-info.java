/** End-to-end tests and benchmarks that exercise several modules together. */
package dev.netwright.tests;
