package dev.netwright.engine.run;

/** How inputs are normalised; AUTO standardises tables and leaves images, sequences and token ids as they are. */
public enum NormalisationChoice { AUTO, NONE, STANDARDISE, MIN_MAX }
