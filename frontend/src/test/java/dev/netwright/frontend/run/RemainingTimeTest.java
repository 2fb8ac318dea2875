package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The run page's time left follows the rate the run goes at now, not the average since its slow first epoch. */
class RemainingTimeTest {
    private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");

    @Test
    void afterASlowStartTheEstimateFollowsTheCurrentRate() {
        // the walk-through's shape: 3 epochs of 100 batches; the first 10 batches warm up at 2.5 s each, then every
        // batch takes 0.235 s, so epoch 1 takes 46 s and the remaining two 23.5 s each (47 s); an average since the
        // start said about 92 s
        RemainingTime left = new RemainingTime();
        long at = 0;
        for (int b = 1; b <= 100; b++) {
            at += b <= 10 ? 2_500 : 235;
            left.batch(T0.plusMillis(at), 1, b, 100);
        }
        left.epochEnd(T0.plusMillis(at), 1, 100);
        assertThat(left.left(3, 100).orElseThrow().toMillis()).isBetween(45_000L, 49_000L);
        for (int b = 1; b <= 50; b++) {
            at += 235;
            left.batch(T0.plusMillis(at), 2, b, 100);
        }
        assertThat(left.left(3, 100).orElseThrow().toMillis()).isBetween(34_000L, 36_000L);
    }

    @Test
    void nothingUntilTwoPointsAndAResumedRunStartsAfresh() {
        RemainingTime left = new RemainingTime();
        assertThat(left.left(2, 10)).isEmpty();
        left.batch(T0, 1, 5, 10);
        assertThat(left.left(2, 10)).isEmpty();
        left.batch(T0.plusSeconds(5), 1, 10, 10);
        assertThat(left.left(2, 10)).contains(Duration.ofSeconds(10));
        left.batch(T0.plusSeconds(100), 1, 2, 10); // resumed from a checkpoint
        assertThat(left.left(2, 10)).isEmpty();
    }
}
