package dev.netwright.backend.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code netwright.retention}: how long deleted things and finished runs' working files are kept.
 *
 * @param deletedAfter            soft-deleted datasets, designs and projects are purged (rows and files) this long
 *                                after their deletion; a deleted design that runs or sweeps trained stays, because a
 *                                run keeps the exact design it trained
 * @param workFilesAfter          a finished run's work folder and checkpoints are removed this long after it ended
 *                                (its artifact, metrics and samples stay)
 * @param interval                how often the purge runs
 */
@ConfigurationProperties("netwright.retention")
public record RetentionProperties(Duration deletedAfter, Duration workFilesAfter, Duration interval) {
    public RetentionProperties {
        deletedAfter = deletedAfter == null ? Duration.ofDays(30) : deletedAfter;
        workFilesAfter = workFilesAfter == null ? Duration.ofHours(1) : workFilesAfter;
        interval = interval == null || interval.isZero() || interval.isNegative() ? Duration.ofMinutes(10)
                : interval;
    }
}
