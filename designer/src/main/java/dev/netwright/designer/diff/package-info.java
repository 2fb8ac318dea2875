/** Structured differences between two designs: nodes and edges added, removed and changed, parameter by parameter. */
package dev.netwright.designer.diff;
