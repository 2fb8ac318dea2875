package dev.netwright.engine.predict;

import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.data.tabular.ColumnEncoding;
import dev.netwright.engine.data.tabular.TableEncoding;
import dev.netwright.engine.data.text.TextEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.JsonNode;

/**
 * Turns one sample as people write it (nested number arrays, named table columns, token ids or text) into the raw
 * feature row the network takes, with the same column encoding as training. Normalisation is not applied here: the
 * loaded model applies its stored statistics, exactly as training did. Every refusal names the offending place.
 */
final class SampleReader {
    private final InputSchema schema;
    private final Optional<TableEncoding> table;
    private final Optional<TextEncoding> text;
    /** What training did to its images: IMAGENET resizes images of another size to the Input here. */
    private final ImagePreprocessing images;

    SampleReader(InputSchema schema, Optional<TableEncoding> table, Optional<TextEncoding> text,
                 ImagePreprocessing images) {
        this.schema = schema;
        this.table = table;
        this.text = text;
        this.images = images;
    }

    float[] read(JsonNode sample, String path) {
        if (sample == null || sample.isNull() || sample.isMissingNode()) {
            throw new InputProblem(path, "no input given");
        }
        return switch (schema.kind()) {
            case TABLE -> sample.isObject() ? tableRow(sample, path) : numbers(sample, path);
            case TEXT -> rawText(sample, path);
            case TOKENS -> sample.isString() ? tokens(splitText(sample.asString(), path), path) : tokens(sample, path);
            case LATENT -> throw new InputProblem(path, "a GAN generator takes no inputs; generate samples instead");
            default -> numbers(sample, path);
        };
    }

    /**
     * A sample read as plain numbers ({@link NumberSamples}) when it is one this model takes as it stands: its numbers
     * in the input's shape or as one flat list, all finite, for a model that reads numbers. Empty otherwise (the JSON
     * tree's reading then names the problem, or resizes an image); where present, exactly what {@link #read} gives.
     */
    Optional<float[]> read(NumberSamples.Sample sample) {
        switch (schema.kind()) {
            case IMAGE, SERIES, SEQUENCE, VECTOR, TABLE -> {
            }
            default -> {
                return Optional.empty();
            }
        }
        int[] sizes = sample.sizes();
        long[] shape = schema.shape();
        boolean flat = sizes.length == 1 && sizes[0] == schema.width();
        boolean shaped = sizes.length == shape.length;
        for (int i = 0; shaped && i < sizes.length; i++) {
            shaped = sizes[i] == shape[i];
        }
        if (!flat && !shaped) {
            return Optional.empty();
        }
        double[] values = sample.values();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return Optional.empty();
            }
            out[i] = (float) values[i];
        }
        return Optional.of(out);
    }

    /** A CSV record: header names to cells; columns the model does not use (the target, ids) are ignored. */
    float[] csvRow(List<String> header, List<String> cells, long line) {
        String where = "line " + line;
        if (cells.size() != header.size()) {
            throw new InputProblem(where, cells.size() + " cells, but the header has " + header.size() + " columns");
        }
        if (text.isPresent()) {
            String column = text.get().column();
            int c = header.stream().map(String::trim).toList().indexOf(column);
            if (c < 0) {
                throw new InputProblem("line 1", "no column '" + column + "', the text column the model was trained "
                        + "on; the columns are " + header);
            }
            return text.get().encode(cells.get(c)).ids();
        }
        if (table.isPresent()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i).trim(), cells.get(i));
            }
            return encode(row, c -> where + ", column '" + c + "'");
        }
        if (cells.size() != schema.width()) {
            throw new InputProblem(where, cells.size() + " values, but the model takes " + schema.width()
                    + " per sample (input shape " + java.util.Arrays.toString(schema.shape()) + ")");
        }
        float[] row = new float[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            int column = i;
            // the place is named only for a bad cell: building it for every cell cost more than reading the row
            row[i] = number(cells.get(i), () -> where + ", column '" + (header.get(column).isBlank()
                    ? "#" + (column + 1) : header.get(column).trim()) + "'");
        }
        if (schema.kind() == InputKind.TOKENS) {
            checkTokens(row, i -> where + ", column " + (i + 1));
        }
        return row;
    }

    /** A string, tokenised and padded or cut exactly as the training texts were. */
    private float[] rawText(JsonNode sample, String path) {
        if (!sample.isString()) {
            throw new InputProblem(path, "expected text (a JSON string), got " + sample.getNodeType().name()
                    .toLowerCase(Locale.ROOT));
        }
        if (sample.asString().isBlank()) {
            throw new InputProblem(path, "the text is empty");
        }
        return text.orElseThrow().encode(sample.asString()).ids();
    }

    private float[] tableRow(JsonNode sample, String path) {
        TableEncoding encoding = table.orElseThrow(() -> new InputProblem(path,
                "this model takes " + schema.width() + " numbers per sample, not named columns"));
        Map<String, String> row = new LinkedHashMap<>();
        List<String> known = encoding.columns().stream().map(ColumnEncoding::name).toList();
        for (Map.Entry<String, JsonNode> e : sample.properties()) {
            String name = e.getKey();
            if (!known.contains(name) && !name.equals(encoding.targetColumn())) {
                throw new InputProblem(path + "." + name, "the model has no column '" + name + "'; its columns are "
                        + known);
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isNumber() && !v.isString() && !v.isBoolean()) {
                throw new InputProblem(path + "." + name, "a cell must be a number or text, not " + v.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
            row.put(name, v.asString());
        }
        return encode(row, c -> path + "." + c);
    }

    private float[] encode(Map<String, String> row, java.util.function.Function<String, String> where) {
        TableEncoding encoding = table.orElseThrow();
        for (ColumnEncoding c : encoding.columns()) {
            String v = row.get(c.name());
            if (v == null || v.isBlank()) {
                if (c.fill() == null) {
                    throw new InputProblem(where.apply(c.name()), "missing; the model needs a "
                            + (c.kind() == ColumnEncoding.Kind.NUMERIC ? "number" : "value, one of " + c.categories()));
                }
                continue; // the training fill value is used, as for missing training cells
            }
            if (c.kind() == ColumnEncoding.Kind.NUMERIC) {
                number(v, () -> where.apply(c.name()));
            } else if (!c.categories().contains(v.trim())) {
                // training never saw it: an all-zero one-hot would silently mean "none", so say so instead
                throw new InputProblem(where.apply(c.name()), "'" + v + "' is not a category seen in training; "
                        + "expected one of " + c.categories());
            }
        }
        return encoding.encode(row);
    }

    private float[] numbers(JsonNode sample, String path) {
        if (!sample.isArray()) {
            throw new InputProblem(path, "expected an array of numbers shaped "
                    + java.util.Arrays.toString(schema.shape()) + " (or " + schema.width() + " numbers in one list)");
        }
        if (resizesImage(sample)) {
            return resizedImage(sample, path);
        }
        float[] out = new float[schema.width()];
        if (sample.size() == schema.width() && (schema.shape().length == 1 || !sample.get(0).isArray())) {
            for (int i = 0; i < out.length; i++) {
                out[i] = number(sample.get(i), path, i);
            }
        } else {
            int[] at = {0};
            nested(sample, schema.shape(), 0, path, out, at);
        }
        if (schema.kind() == InputKind.TOKENS) {
            checkTokens(out, i -> path + "[" + i + "]");
        }
        return out;
    }

    /** An image [channels][height][width] of another size than the Input, for a model that resizes images. */
    private boolean resizesImage(JsonNode sample) {
        if (schema.kind() != InputKind.IMAGE || images == ImagePreprocessing.NONE || !sample.path(0).isArray()
                || !sample.path(0).path(0).isArray()) {
            return false;
        }
        long[] shape = {sample.size(), sample.get(0).size(), sample.get(0).get(0).size()};
        return !java.util.Arrays.equals(shape, schema.shape());
    }

    /** The image read at its own size, then resized (grey repeated into RGB) as training resized its images. */
    private float[] resizedImage(JsonNode sample, String path) {
        long[] shape = {sample.size(), sample.get(0).size(), sample.get(0).get(0).size()};
        if (!ImagePreprocessing.isImage(shape)) {
            throw new InputProblem(path, "expected an image [1 or 3 channels][height][width] (it is resized to "
                    + java.util.Arrays.toString(schema.shape()) + " as in training), got "
                    + java.util.Arrays.toString(shape));
        }
        float[] pixels = new float[(int) (shape[0] * shape[1] * shape[2])];
        nested(sample, shape, 0, path, pixels, new int[] {0});
        return images.resize(pixels, 1, shape, schema.shape());
    }

    private void nested(JsonNode node, long[] shape, int depth, String path, float[] out, int[] at) {
        if (!node.isArray() || node.size() != shape[depth]) {
            throw new InputProblem(path, "expected " + shape[depth] + " entries at this level (input shape "
                    + java.util.Arrays.toString(shape) + "), got " + (node.isArray() ? node.size() + " entries"
                    : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        for (int i = 0; i < node.size(); i++) {
            if (depth == shape.length - 1) {
                out[at[0]++] = number(node.get(i), path, i);
            } else {
                nested(node.get(i), shape, depth + 1, path + "[" + i + "]", out, at);
            }
        }
    }

    private float[] tokens(JsonNode ids, String path) {
        if (!ids.isArray()) {
            throw new InputProblem(path, "expected token ids (a list of integers) or text of ids");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode v = ids.get(i);
            if (!v.isIntegralNumber()) {
                throw new InputProblem(path + "[" + i + "]", "a token id must be an integer");
            }
            parts.add(v.asString());
        }
        return tokens(parts, path);
    }

    private List<String> splitText(String text, String path) {
        List<String> parts = new ArrayList<>();
        for (String p : text.trim().split("[\\s,]+")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new InputProblem(path, "the text holds no tokens");
        }
        return parts;
    }

    private float[] tokens(List<String> parts, String path) {
        if (parts.size() != schema.width()) {
            throw new InputProblem(path, parts.size() + " tokens, but the model reads sequences of exactly "
                    + schema.width());
        }
        float[] out = new float[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(parts.get(i));
            } catch (NumberFormatException e) {
                throw new InputProblem(path + "[" + i + "]", "'" + parts.get(i) + "' is not a token id (an integer "
                        + "0.." + (schema.vocabSize() - 1) + ")");
            }
        }
        checkTokens(out, i -> path + "[" + i + "]");
        return out;
    }

    private void checkTokens(float[] ids, java.util.function.IntFunction<String> where) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != Math.rint(ids[i]) || ids[i] < 0 || ids[i] >= schema.vocabSize()) {
                throw new InputProblem(where.apply(i), ids[i] + " is not a token id of this model (0.."
                        + (schema.vocabSize() - 1) + ")");
            }
        }
    }

    /** Entry {@code index} of the array at {@code path} (the entry's path is built only to name an error). */
    private static float number(JsonNode v, String path, int index) {
        if (v == null || !v.isNumber()) {
            throw new InputProblem(path + "[" + index + "]", "expected a number, got " + (v == null ? "nothing"
                    : v.isString() ? "'" + v.asString() + "'" : v.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new InputProblem(path + "[" + index + "]", "not a finite number");
        }
        return (float) d;
    }

    private static float number(String text, java.util.function.Supplier<String> where) {
        try {
            // the same value as Float.parseFloat for every text (SampleReaderNumberTest), at a fraction of its time:
            // the JDK's parser was a fifth of the time a CSV prediction request took
            float f = NumberInput.parseFloat(text.trim(), true);
            if (Float.isFinite(f)) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputProblem(where.get(), "'" + text + "' is not a number");
    }
}
