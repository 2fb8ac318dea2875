package dev.netwright.designer.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import org.junit.jupiter.api.Test;

class DesignJsonTest {
    private final DesignJson json = new DesignJson();

    @Test
    void everyTemplateRoundTripsUnchanged() throws Exception {
        for (Template t : Templates.all()) {
            String text = json.write(t.design());
            Design back = json.read(text);
            assertThat(back).as(t.id()).isEqualTo(t.design());
            assertThat(json.write(back)).as(t.id()).isEqualTo(text);
        }
    }

    @Test
    void minimalFileReadsWithDefaults() throws Exception {
        Design d = json.read("""
                {"format": "netwright-design/1", "name": "tiny",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [3]}},
                           {"id": "out", "type": "Dense", "params": {"units": 1, "activation": "sigmoid"}}],
                 "edges": [{"from": "in", "to": "out"}]}
                """);
        assertThat(d.nodes()).hasSize(2);
        assertThat(d.edges().get(0).toPort()).isZero();
        assertThat(d.nodes().get(1).params()).containsEntry("units", 1).containsEntry("activation", "sigmoid");
        assertThat(d.isGan()).isFalse();
    }

    private DesignFormatException fail(String text) {
        return catchThrowableOfType(DesignFormatException.class, () -> json.read(text));
    }

    @Test
    void malformedJsonSaysWhere() {
        DesignFormatException e = fail("{\"format\": \"netwright-design/1\", \"nodes\": [}");
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.path()).isEqualTo("$");
            assertThat(err.reason()).contains("malformed JSON at line 1");
        });
    }

    @Test
    void unknownFormatVersionIsRefused() {
        assertThat(fail("{\"format\": \"netwright-design/9\", \"name\": \"x\", \"nodes\": []}").getMessage())
                .contains("$.format").contains("unsupported format 'netwright-design/9'");
        assertThat(fail("{\"name\": \"x\", \"nodes\": []}").getMessage()).contains("$.format").contains("missing");
    }

    @Test
    void unknownTypesParametersAndReferencesAreAllReportedWithPaths() {
        DesignFormatException e = fail("""
                {"format": "netwright-design/1", "name": "x",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [3]}},
                           {"id": "a", "type": "Dense2", "params": {}},
                           {"id": "b", "type": "Dense", "params": {"unit": 3}},
                           {"id": "b", "type": "Dense"}],
                 "edges": [{"from": "in", "to": "ghost"}], "colour": "red"}
                """);
        assertThat(e.errors()).extracting(FormatError::path).containsExactlyInAnyOrder(
                "$.colour", "$.nodes[1].type", "$.nodes[2].params.unit", "$.nodes[3].id", "$.edges[0].to");
        assertThat(e.getMessage()).contains("unknown layer type 'Dense2'").contains("unknown parameter 'unit' for Dense")
                .contains("known: units").contains("duplicate node id 'b'").contains("no node has the id 'ghost'");
    }

    @Test
    void wrongJsonTypesAreReported() {
        DesignFormatException e = fail("""
                {"format": "netwright-design/1", "name": 5, "nodes": {}, "edges": [{"from": "a", "to": "b", "toPort": -1}]}
                """);
        assertThat(e.errors()).extracting(FormatError::path).contains("$.name", "$.nodes", "$.edges[0].toPort");
    }

    @Test
    void frozenFlagRoundTripsAndIsWrittenOnlyWhenSet() throws Exception {
        String text = """
                {"format": "netwright-design/1", "name": "tuned",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [3]}},
                           {"id": "hidden", "type": "Dense", "params": {"units": 4}, "frozen": true},
                           {"id": "out", "type": "Dense", "params": {"units": 1}, "frozen": false}],
                 "edges": [{"from": "in", "to": "hidden"}, {"from": "hidden", "to": "out"}]}
                """;
        Design d = json.read(text);
        assertThat(d.frozenNodeIds()).containsExactly("hidden");
        assertThat(d.node("hidden").orElseThrow().withParam("units", 8).frozen()).isTrue();
        assertThat(d.node("hidden").orElseThrow().withPosition(new dev.netwright.designer.model.Position(1, 2))
                .frozen()).isTrue();
        String written = json.write(d);
        assertThat(written).containsOnlyOnce("\"frozen\"");
        Design back = json.read(written);
        assertThat(back).isEqualTo(d);
        assertThat(json.write(back)).isEqualTo(written);
        // a design without frozen nodes is written exactly as before the flag existed
        for (Template t : Templates.all()) {
            assertThat(json.write(t.design())).as(t.id()).doesNotContain("\"frozen\"");
        }
    }

    @Test
    void frozenMustBeABoolean() {
        DesignFormatException e = fail("""
                {"format": "netwright-design/1", "name": "x",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [3]}, "frozen": "yes"}], "edges": []}
                """);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.path()).isEqualTo("$.nodes[0].frozen");
            assertThat(err.reason()).contains("true or false");
        });
    }
}
