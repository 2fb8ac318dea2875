package dev.netwright.designer.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DesignSchemaTest {

    @Test
    void documentedSchemaIsTheGeneratedOne() throws Exception {
        Path documented = Path.of("..", "docs", "design-format.schema.json");
        assertThat(Files.readString(documented))
                .as("docs/design-format.schema.json is stale: regenerate with ./netwright schema")
                .isEqualTo(DesignSchema.generate(LayerCatalog.standard()));
    }

    @Test
    void schemaDescribesEveryKindAndParameter() {
        JsonNode schema = JsonMapper.builder().build().readTree(DesignSchema.generate(LayerCatalog.standard()));
        for (LayerKind kind : LayerCatalog.standard().kinds()) {
            JsonNode def = schema.get("$defs").get(kind.type());
            assertThat(def).as(kind.type()).isNotNull();
            JsonNode params = def.get("properties").get("params").get("properties");
            for (ParamSpec p : kind.params()) {
                assertThat(params.get(p.name())).as(kind.type() + "." + p.name()).isNotNull();
            }
        }
        assertThat(schema.get("$defs").get("Dense").get("properties").get("params").get("properties").get("units")
                .get("minimum").intValue()).isEqualTo(1);
        assertThat(schema.get("$defs").get("Dense").get("properties").get("frozen").get("type").stringValue())
                .isEqualTo("boolean");
    }
}
