/**
 * The design model: a design is a directed acyclic graph of layer nodes (two graphs for a GAN). The layer
 * catalog defines every layer kind once; analysis validates a design and infers shapes and costs; the
 * format package reads and writes the versioned JSON format. Plain Java: no Spring, no DJL.
 */
package dev.netwright.designer;
