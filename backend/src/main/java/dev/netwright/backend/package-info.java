/**
 * Spring services and the REST API, packaged by feature: {@code db} (embedded or external PostgreSQL),
 * {@code security} (accounts, sessions, API tokens), {@code workspace} (teams, roles, projects), {@code audit},
 * {@code design} (versioned designs), {@code dataset} (uploads and built-ins), {@code api} (error responses).
 */
package dev.netwright.backend;
