package dev.netwright.backend.run;

import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a run's lease. {@code name} is what the run shows as its worker (in-process: "local-1-pid@host";
 * standalone: "token name/worker id"). Token names are not unique and a standalone worker chooses part of its name
 * itself, so a standalone worker's lease is also bound to the id of the worker token it authenticated with; the
 * queue matches both, and another token can never heartbeat, upload to or finish that run.
 *
 * @param name          shown as the run's worker
 * @param workerTokenId the standalone worker's token, or null for a worker inside the app
 */
public record LeaseHolder(String name, UUID workerTokenId) {
    public LeaseHolder {
        Objects.requireNonNull(name, "name");
    }

    /** A worker inside the app process (no token). */
    public static LeaseHolder inProcess(String name) {
        return new LeaseHolder(name, null);
    }

    @Override
    public String toString() {
        return workerTokenId == null ? name : name + " (token " + workerTokenId + ")";
    }
}
