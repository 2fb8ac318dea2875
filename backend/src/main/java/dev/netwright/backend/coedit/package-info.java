/**
 * Live co-editing of stored designs: the shared working state of each design and its ordered op log in PostgreSQL,
 * edits applied one patch at a time under a row lock (one order for every app instance), and LISTEN/NOTIFY to tell
 * every instance's open designers about new edits and who is looking at what.
 */
package dev.netwright.backend.coedit;
