package dev.netwright.engine.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers read from the batch's output array behave as the copied maps and lists they replace. */
class PredictionViewsTest {
    private static final float[] OUTPUTS = {0.1f, 0.7f, 0.2f, 0.5f, 0.25f, 0.25f};

    @Test
    void probabilitiesAreAnOrderedImmutableMapEqualToACopy() {
        Map<String, Double> view = new ClassProbabilities(List.of("cat", "dog"), OUTPUTS, 3, 3);
        Map<String, Double> copy = new LinkedHashMap<>();
        copy.put("cat", (double) 0.5f);
        copy.put("dog", (double) 0.25f);
        copy.put("class 2", (double) 0.25f);
        assertThat(view).isEqualTo(copy).hasSameHashCodeAs(copy);
        assertThat(view.keySet()).containsExactly("cat", "dog", "class 2");
        assertThat(view.get("dog")).isEqualTo((double) 0.25f);
        assertThat(view.get("cow")).isNull();
        assertThat(view.containsKey("class 2")).isTrue();
        assertThatThrownBy(() -> view.put("cow", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.entrySet().iterator().next().setValue(1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void valuesAreAnImmutableListOfTheSampleSlice() {
        List<Double> values = new OutputValues(OUTPUTS, 0, 3);
        assertThat(values).containsExactly((double) 0.1f, (double) 0.7f, (double) 0.2f);
        assertThatThrownBy(() -> values.set(0, 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aPredictionOfViewsEqualsOneOfCopiesAndCopiesOtherMaps() {
        Prediction viewed = new Prediction("dog", 1, new ClassProbabilities(List.of("cat", "dog", "eel"), OUTPUTS, 0,
                3), new OutputValues(OUTPUTS, 0, 3));
        Map<String, Double> plain = new LinkedHashMap<>();
        plain.put("cat", (double) 0.1f);
        plain.put("dog", (double) 0.7f);
        plain.put("eel", (double) 0.2f);
        Prediction copied = new Prediction("dog", 1, plain, List.of((double) 0.1f, (double) 0.7f, (double) 0.2f));
        assertThat(viewed).isEqualTo(copied);
        plain.put("cat", 0.0); // a caller's map is copied, so changing it afterwards changes no answer
        assertThat(copied.probabilities().get("cat")).isEqualTo((double) 0.1f);
    }
}
