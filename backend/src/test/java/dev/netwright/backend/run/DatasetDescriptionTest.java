package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A run's dataset reference in words, for each kind of dataset a run can train on. */
class DatasetDescriptionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String describe(DatasetDescription upload, String ref) {
        return upload.describe(JSON.readTree(ref));
    }

    @Test
    void builtInSetsShowTheirTitleAndRows() {
        DatasetDescription none = new DatasetDescription(null, null, null);
        assertThat(describe(none, "{\"builtin\":\"fashion-mnist\",\"limit\":10000}"))
                .isEqualTo("Fashion-MNIST · 10,000 rows");
        assertThat(describe(none, "{\"limit\":null,\"builtin\":\"fashion-mnist\"}"))
                .isEqualTo("Fashion-MNIST · 70,000 rows");
        assertThat(describe(none, "{\"builtin\":\"iris\",\"limit\":1000}")).isEqualTo("Iris · 150 rows");
    }

    @Test
    void uploadsShowTheirFileAndHowTheyAreRead() {
        assertThat(describe(new DatasetDescription("reviews.csv", "CSV", 500L),
                "{\"datasetId\":\"x\",\"targetColumn\":\"label\",\"text\":{\"column\":\"review\",\"level\":\"WORD\"}}"))
                .isEqualTo("Uploaded reviews.csv · text column review → label");
        assertThat(describe(new DatasetDescription("houses.csv", "CSV", 1200L),
                "{\"datasetId\":\"x\",\"targetColumn\":\"price\",\"regression\":true}"))
                .isEqualTo("Uploaded houses.csv · 1,200 rows → price (regression)");
        assertThat(describe(new DatasetDescription("sales.csv", "CSV", 300L),
                "{\"datasetId\":\"x\",\"series\":{\"columns\":[\"units\",\"price\"],\"window\":12}}"))
                .isEqualTo("Uploaded sales.csv · forecast of units, price");
        assertThat(describe(new DatasetDescription("pets.zip", "IMAGE_ZIP", 40L), "{\"datasetId\":\"x\"}"))
                .isEqualTo("Uploaded pets.zip · 40 images");
        assertThat(describe(new DatasetDescription(null, null, null), "{\"datasetId\":\"x\",\"targetColumn\":\"y\"}"))
                .isEqualTo("An uploaded dataset that was removed · predicting y");
    }
}
