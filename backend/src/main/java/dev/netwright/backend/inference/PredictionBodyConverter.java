package dev.netwright.backend.inference;

import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.engine.predict.NumberSamples;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON prediction bodies into {@link PredictionBody}: plain number samples straight from the bytes, anything
 * else as a JSON tree. A request of one 784-pixel image otherwise built a tree of 784 number nodes, walked it for
 * text and walked it again to read the sample; Jackson's tree was the largest single part of such a request's time
 * on the server (docs/api.md, "Prediction requests"). Invalid JSON is refused as for any other body.
 */
final class PredictionBodyConverter extends AbstractHttpMessageConverter<PredictionBody> {
    private final JsonMapper mapper;
    /** Most samples read without a tree: a request's limit ({@code netwright.limits.max-prediction-rows}). */
    private final int maxSamples;

    PredictionBodyConverter(JsonMapper mapper, int maxSamples) {
        super(MediaType.APPLICATION_JSON);
        this.mapper = mapper;
        this.maxSamples = maxSamples;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == PredictionBody.class;
    }

    @Override
    protected PredictionBody readInternal(Class<? extends PredictionBody> type, HttpInputMessage input)
            throws IOException {
        byte[] json = bytes(input);
        // more samples than allowed go the tree's way, where the service refuses them by name
        Optional<NumberSamples> numbers = NumberSamples.read(json, maxSamples);
        PredictionBody body = new PredictionBody(json, mapper, numbers);
        if (numbers.isEmpty()) {
            try {
                body.tree(); // invalid JSON is refused now, as for any other body
            } catch (JacksonException e) {
                throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input);
            }
        }
        return body;
    }

    /**
     * Bodies this long or shorter whose length is declared are read into one array of that length; others (chunked,
     * or larger, whose declared length alone must not size an allocation) in the stream's own chunks.
     */
    static final int EXACT_READ_LIMIT = 1 << 20;

    /**
     * The body's bytes. A declared length is read into an array of exactly that size: {@code readAllBytes} reads into
     * a 16 KiB buffer and copies out, three times a single image's body in garbage (docs/api.md, "Prediction
     * requests").
     */
    static byte[] bytes(HttpInputMessage input) throws IOException {
        long declared = input.getHeaders().getContentLength();
        if (declared < 0 || declared > EXACT_READ_LIMIT) {
            return input.getBody().readAllBytes();
        }
        byte[] json = new byte[(int) declared];
        int read = input.getBody().readNBytes(json, 0, json.length);
        // a body cut short stays short: its JSON is then incomplete and refused as such
        return read == json.length ? json : Arrays.copyOf(json, read);
    }

    /** The body's JSON as it was read (a client or test sending one through Spring's HTTP clients). */
    @Override
    protected void writeInternal(PredictionBody body, HttpOutputMessage output) throws IOException {
        output.getBody().write(body.json());
    }

    /** Puts the converter ahead of the defaults for the server's request bodies. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        private final JsonMapper mapper;
        private final ResourceLimits limits;

        Registration(JsonMapper mapper, ResourceLimits limits) {
            this.mapper = mapper;
            this.limits = limits;
        }

        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
            builder.addCustomConverter(new PredictionBodyConverter(mapper, limits.maxPredictionRows()));
        }
    }
}
