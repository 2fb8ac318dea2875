package dev.netwright.backend.run;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code netwright.jobs}.
 *
 * @param leaseSeconds         how long a claim lasts without a heartbeat (workers beat three times per lease)
 * @param maxAttempts          claims of one run before a lost lease fails it
 * @param localWorkers         in-process workers (0: only standalone workers train)
 * @param localQueues          queues the in-process workers serve
 * @param reaperSeconds        how often expired leases are looked for
 * @param idlePollMillis       how often an idle in-process worker looks for work (new runs also wake it at once)
 */
@ConfigurationProperties("netwright.jobs")
public record JobsProperties(int leaseSeconds, int maxAttempts, Integer localWorkers, List<String> localQueues,
                             int reaperSeconds, int idlePollMillis) {
    public JobsProperties {
        leaseSeconds = leaseSeconds <= 0 ? 30 : leaseSeconds;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        localWorkers = localWorkers == null ? 1 : Math.max(0, localWorkers);
        localQueues = localQueues == null || localQueues.isEmpty() ? List.of("default") : List.copyOf(localQueues);
        reaperSeconds = reaperSeconds <= 0 ? 5 : reaperSeconds;
        idlePollMillis = idlePollMillis <= 0 ? 1000 : idlePollMillis;
    }
}
