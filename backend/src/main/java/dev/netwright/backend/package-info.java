/**
 * Platform services (workspaces, security, design storage with versions, datasets, job queue, metrics
 * fan-out, artifacts, REST API). Built in the platform-server issue; for now the module only wires the
 * designer and training engine into the build.
 */
package dev.netwright.backend;
