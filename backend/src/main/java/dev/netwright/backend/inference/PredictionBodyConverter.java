package dev.netwright.backend.inference;

import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.engine.predict.NumberSamples;
import java.io.IOException;
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
        byte[] json = input.getBody().readAllBytes();
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
