package dev.netwright.designer.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every layer kind the platform offers, by type name. Adding a kind means adding it to one family list. */
public final class LayerCatalog {
    private static final LayerCatalog STANDARD = new LayerCatalog(Stream.of(CoreLayers.all(),
                    ConvolutionLayers.all(), RecurrentLayers.all(), AttentionLayers.all(), NormalisationLayers.all(),
                    MergeLayers.all())
            .flatMap(List::stream).toList());

    private final Map<String, LayerKind> byType;

    private LayerCatalog(List<LayerKind> kinds) {
        Map<String, LayerKind> map = new LinkedHashMap<>();
        for (LayerKind k : kinds) {
            if (map.put(k.type(), k) != null) {
                throw new IllegalStateException("layer type defined twice: " + k.type());
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    public static LayerCatalog standard() {
        return STANDARD;
    }

    public List<LayerKind> kinds() {
        return List.copyOf(byType.values());
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    public Optional<LayerKind> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** A parameter problem found while checking a node's raw parameter values. */
    public record ParamIssue(String param, String message, String hint) {
    }

    /** Checked parameters: valid values plus defaults; invalid or unknown names are reported instead. */
    public record CheckedParams(LayerParams params, List<ParamIssue> issues) {
        public boolean valid() {
            return issues.isEmpty();
        }
    }

    /** Checks raw parameter values (as read from JSON) against a kind's specifications. */
    public CheckedParams check(LayerKind kind, Map<String, Object> raw) {
        List<ParamIssue> issues = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            if (kind.params().stream().noneMatch(s -> s.name().equals(name))) {
                issues.add(new ParamIssue(name, "unknown parameter '" + name + "' for " + kind.type(),
                        kind.params().isEmpty() ? kind.type() + " takes no parameters"
                                : "known parameters: " + String.join(", ",
                                kind.params().stream().map(ParamSpec::name).toList())));
            }
        }
        for (ParamSpec spec : kind.params()) {
            Object v = raw.get(spec.name());
            if (v == null) {
                if (spec.required()) {
                    issues.add(new ParamIssue(spec.name(), "parameter '" + spec.name() + "' is required",
                            "set it to " + spec.expectation()));
                }
                values.put(spec.name(), spec.defaultValue());
                continue;
            }
            try {
                values.put(spec.name(), spec.check(v));
            } catch (IllegalArgumentException e) {
                issues.add(new ParamIssue(spec.name(), "parameter '" + spec.name() + "' " + e.getMessage(),
                        spec.description()));
            }
        }
        return new CheckedParams(new LayerParams(values), List.copyOf(issues));
    }
}
