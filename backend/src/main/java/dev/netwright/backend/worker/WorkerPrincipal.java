package dev.netwright.backend.worker;

import java.util.List;
import java.util.UUID;

/** A remote worker authenticated by its token: which token, its name, and the queues it may claim from. */
record WorkerPrincipal(UUID tokenId, String name, List<String> queues) {
}
