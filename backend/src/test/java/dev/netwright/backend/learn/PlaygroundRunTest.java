package dev.netwright.backend.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.engine.train.CancellationFlag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real DJL training of the playground network on two moons, cut short by cancelling. */
class PlaygroundRunTest {

    private static PlaygroundSettings moons(double noise, int layers) {
        return new PlaygroundSettings("moons", noise, 0.03, "tanh", layers, 8, 0, 0, 1);
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedByName() {
        assertThatThrownBy(() -> new PlaygroundSettings("iris", 0, 0.03, "relu", 1, 8, 0, 0, 1))
                .hasMessageStartingWith("dataset: 'iris' is not one of");
        assertThatThrownBy(() -> new PlaygroundSettings("moons", 0, 0.03, "relu", 1, 500, 0, 0, 1))
                .hasMessage("units per layer: 500.0 is outside 1.0 to 32.0");
        assertThatThrownBy(() -> new PlaygroundSettings("moons", 0, 0.03, "softmax", 1, 8, 0, 0, 1))
                .hasMessageStartingWith("activation: 'softmax'");
    }

    @Test
    void boundsHoldEveryPointWithRoundEdges() {
        PlaygroundRun run = new PlaygroundRun(moons(0.2, 1));
        PlaygroundRun.Bounds b = run.bounds();
        float[] xy = run.train().xy();
        for (int i = 0; i < xy.length; i += 2) {
            assertThat((double) xy[i]).isBetween(b.minX(), b.minX() + b.span());
            assertThat((double) xy[i + 1]).isBetween(b.minY(), b.minY() + b.span());
        }
        assertThat(b.minX() * 2).isEqualTo(Math.rint(b.minX() * 2));
        assertThat(run.train().size()).isEqualTo(PlaygroundRun.TRAIN_SAMPLES);
    }

    @Test
    void framesCarryAProbabilityPerGridCellAndTheNetworkLearnsTheMoons() {
        PlaygroundRun run = new PlaygroundRun(moons(0, 2));
        CancellationFlag cancel = new CancellationFlag();
        List<PlaygroundRun.Frame> frames = new ArrayList<>();
        run.run(cancel, new PauseGate(), f -> {
            frames.add(f);
            if (f.epoch() >= 40) {
                cancel.cancel();
            }
        });
        assertThat(frames).isNotEmpty();
        PlaygroundRun.Frame last = frames.getLast();
        assertThat(last.probabilities()).hasSize(PlaygroundRun.GRID * PlaygroundRun.GRID);
        for (float p : last.probabilities()) {
            assertThat(p).isBetween(0f, 1f);
        }
        System.out.printf("playground after epoch %d: test accuracy %.3f, train loss %.4f%n", last.epoch(),
                last.testAccuracy(), last.trainLoss());
        assertThat(last.testAccuracy()).isGreaterThan(0.9);
        // the boundary separates: some cells are confidently each class
        float min = 1;
        float max = 0;
        for (float p : last.probabilities()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isLessThan(0.1f);
        assertThat(max).isGreaterThan(0.9f);
    }

    @Test
    void aPausedRunWaitsAndACancelReleasesIt() throws Exception {
        PlaygroundRun run = new PlaygroundRun(moons(0, 1));
        CancellationFlag cancel = new CancellationFlag();
        PauseGate gate = new PauseGate();
        gate.pause();
        List<PlaygroundRun.Frame> frames = new ArrayList<>();
        Thread t = new Thread(() -> run.run(cancel, gate, frames::add));
        t.start();
        Thread.sleep(1500);
        assertThat(frames).as("no epoch finishes while paused").isEmpty();
        cancel.cancel();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void itKeepsTrainingPast500EpochsUntilStopped() {
        PlaygroundRun run = new PlaygroundRun(moons(0, 3));
        CancellationFlag cancel = new CancellationFlag();
        List<PlaygroundRun.Frame> frames = new ArrayList<>();
        run.run(cancel, new PauseGate(), f -> {
            frames.add(f);
            if (f.epoch() > 520) {
                cancel.cancel();
            }
        });
        // it ended because it was stopped, not because it ran out of epochs
        assertThat(frames.getLast().epoch()).isGreaterThan(520);
        assertThat(cancel.isCancelled()).isTrue();
    }
}
