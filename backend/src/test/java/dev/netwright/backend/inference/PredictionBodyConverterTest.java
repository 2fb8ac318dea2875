package dev.netwright.backend.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.http.MockHttpOutputMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PredictionBodyConverter}: plain number samples without a JSON tree, everything else as a tree whose text is
 * checked, invalid JSON refused as Spring refuses any unreadable body.
 */
class PredictionBodyConverterTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PredictionBody read(String body, int maxRows) throws Exception {
        return new PredictionBodyConverter(JSON, maxRows).read(PredictionBody.class,
                new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void plainNumberSamplesAreReadWithoutATree() throws Exception {
        PredictionBody one = read("{\"input\": [[1, 2.5], [3, -4e-3]]}", 10);
        assertThat(one.numbers()).hasValueSatisfying(n -> {
            assertThat(n.batch()).isFalse();
            assertThat(n.samples()).singleElement().satisfies(s -> {
                assertThat(s.sizes()).containsExactly(2, 2);
                assertThat(s.values()).containsExactly(1, 2.5, 3, -4e-3);
            });
        });
        // read from the kept bytes when the model asks for it
        assertThat(one.tree().get("input").get(1).get(1).asDouble()).isEqualTo(-4e-3);
        assertThat(read("{\"inputs\": [[1], [2], [3]]}", 10).numbers())
                .hasValueSatisfying(n -> assertThat(n.samples()).hasSize(3));
    }

    @Test
    void anythingElseIsATreeAndItsTextIsChecked() throws Exception {
        assertThat(read("{\"input\": {\"colour\": \"red\"}}", 10).numbers()).isEmpty();
        assertThat(read("{\"input\": {\"colour\": \"red\"}}", 10).tree().get("input").get("colour").asString())
                .isEqualTo("red");
        // more samples than a request may carry: the service refuses them by name from the tree
        assertThat(read("{\"inputs\": [[1], [2], [3]]}", 2).numbers()).isEmpty();
        assertThatThrownBy(() -> read("{\"input\": \"line\\u0007\"}", 10)).isInstanceOf(ApiException.class)
                .hasMessageContaining("control character U+0007");
    }

    @Test
    void aBodyIsWrittenAsTheJsonItWasReadFrom() throws Exception {
        String body = "{\"inputs\": [[1, 2.5], [3, -4e-3]]}";
        MockHttpOutputMessage out = new MockHttpOutputMessage();
        new PredictionBodyConverter(JSON, 10).write(read(body, 10), null, out);
        assertThat(out.getBodyAsString(StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aBodyIsReadWholeWhateverItsDeclaredLength() throws Exception {
        byte[] body = "{\"inputs\": [[1, 2.5], [3, -4e-3]]}".getBytes(StandardCharsets.UTF_8);
        // declared: read into an array of its length; not declared (chunked): in the stream's chunks
        for (long declared : new long[] {body.length, -1}) {
            MockHttpInputMessage input = new MockHttpInputMessage(body);
            if (declared >= 0) {
                input.getHeaders().setContentLength(declared);
            }
            assertThat(PredictionBodyConverter.bytes(input)).as("declared %d", declared).isEqualTo(body);
        }
        // a body larger than an exact read takes is read whole too, in chunks
        byte[] large = new byte[PredictionBodyConverter.EXACT_READ_LIMIT + 5];
        Arrays.fill(large, (byte) ' ');
        MockHttpInputMessage input = new MockHttpInputMessage(large);
        input.getHeaders().setContentLength(large.length);
        assertThat(PredictionBodyConverter.bytes(input)).isEqualTo(large);
        // a body that ends before its declared length is what arrived: incomplete JSON, refused as such
        MockHttpInputMessage cut = new MockHttpInputMessage(Arrays.copyOf(body, 10));
        cut.getHeaders().setContentLength(body.length);
        assertThat(PredictionBodyConverter.bytes(cut)).isEqualTo(Arrays.copyOf(body, 10));
        MockHttpInputMessage cutAgain = new MockHttpInputMessage(Arrays.copyOf(body, 10));
        cutAgain.getHeaders().setContentLength(body.length);
        assertThatThrownBy(() -> new PredictionBodyConverter(JSON, 10).read(PredictionBody.class, cutAgain))
                .isInstanceOf(HttpMessageNotReadableException.class);
    }

    @Test
    void invalidJsonIsUnreadable() {
        for (String body : new String[] {"{\"input\": [1, 2,]}", "{\"input\": [1, 2]", "nonsense", "{\"a\": 1} {"}) {
            assertThatThrownBy(() -> read(body, 10)).as(body).isInstanceOf(HttpMessageNotReadableException.class)
                    .hasCauseInstanceOf(tools.jackson.core.JacksonException.class);
        }
    }
}
