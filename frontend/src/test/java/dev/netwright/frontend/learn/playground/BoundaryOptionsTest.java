package dev.netwright.frontend.learn.playground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.learn.PlaygroundRun;
import org.junit.jupiter.api.Test;

/** The chart update for one playground frame holds one value per grid cell. */
class BoundaryOptionsTest {

    @Test
    void gridUpdateHasOneCellPerProbability() {
        float[] probabilities = new float[PlaygroundRun.GRID * PlaygroundRun.GRID];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = (float) i / probabilities.length;
        }
        PlaygroundRun.Frame frame = new PlaygroundRun.Frame(3, 0.5, 0.8, 0.75, probabilities);
        String update = BoundaryOptions.grid(frame, new PlaygroundRun.Bounds(-1.5, -1.5, 3));
        assertThat(update.split("\\],\\[")).hasSize(PlaygroundRun.GRID * PlaygroundRun.GRID);
    }
}
