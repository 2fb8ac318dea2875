package dev.netwright.designer.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Shape;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    @Test
    void everyTemplateIsValid() {
        for (Template t : Templates.all()) {
            Analysis a = analyzer.analyze(t.design());
            assertThat(a.errors()).as(t.id()).isEmpty();
        }
        assertThat(Templates.all()).extracting(Template::id).doesNotHaveDuplicates().contains("mlp-fashion-mnist",
                "lenet-cnn", "residual-cnn", "lstm-classifier", "gru-classifier", "transformer-classifier",
                "mlp-gan-2d", "dcgan-28");
    }

    @Test
    void knownArchitecturesHaveTheirPublishedParameterCounts() {
        Map<String, Long> params = Templates.all().stream().collect(Collectors.toMap(Template::id,
                t -> analyzer.analyze(t.design()).totals().totalParams()));
        assertThat(params.get("lenet-cnn")).isEqualTo(61_706);          // LeNet-5 with 'same' first convolution
        assertThat(params.get("mlp-fashion-mnist")).isEqualTo(109_386);  // 784*128+128 + 128*64+64 + 64*10+10
        assertThat(params.get("lstm-classifier")).isEqualTo(24_064 + 650);
    }

    @Test
    void ganTemplatesConnectGeneratorToDiscriminator() {
        for (String id : new String[] {"mlp-gan-2d", "dcgan-28"}) {
            Analysis a = analyzer.analyze(Templates.find(id).orElseThrow().design());
            Shape generated = a.network("generator").orElseThrow().outputShape();
            assertThat(generated).as(id).isEqualTo(a.network("discriminator").orElseThrow().inputShape());
            assertThat(a.network("discriminator").orElseThrow().outputShape()).isEqualTo(Shape.of(1));
        }
    }
}
