package dev.netwright.engine.export;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockExpansion;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BlockParam;
import dev.netwright.designer.block.BlockRef;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.compile.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The PyTorch sub-module classes of a design's block instances: one {@code nn.Module} class per block definition
 * and version, whose constructor takes the sizes of its inputs that its layers need and the block's exposed
 * parameters (with the block's defaults), e.g. {@code ResidualBasic(in_channels=16, filters=32, stride=2)}. Inner
 * modules are named after the inner node ids, so an inner layer's state-dict key is
 * {@code <instance>.<inner node>.<parameter>} ({@link #modulePath}). A block whose instances need different code
 * (a size that is a literal inside the block and differs between instances) gets one more class per variant,
 * named after the input shapes it is for ({@code FlatHeadFor4x2x2}), so that every instance computes exactly its
 * expansion; instances whose code is equal share one class.
 */
final class PyTorchBlockClasses {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    private final LayerCatalog catalog;
    private final BlockLibrary library;
    private final Analysis analysis;
    private final Set<PyTorchHelper> helpers;
    private final Set<String> takenClassNames;
    /** Distinct class bodies per block, in the order first written; the first is the block's plain class name. */
    private final Map<BlockRef, List<String>> bodies = new LinkedHashMap<>();
    private final Map<String, String> classNameOfBody = new HashMap<>();
    private final List<String> sources = new ArrayList<>();

    /**
     * @param analysis        the design's (folded) analysis: the flat nodes' shapes and parameters
     * @param takenClassNames class names the file already uses (the design's, helpers'); block classes avoid them
     */
    PyTorchBlockClasses(LayerCatalog catalog, BlockLibrary library, Analysis analysis, Set<PyTorchHelper> helpers,
                        Set<String> takenClassNames) {
        this.catalog = catalog;
        this.library = library;
        this.analysis = analysis;
        this.helpers = helpers;
        this.takenClassNames = takenClassNames;
    }

    /** The Python sources of the classes written so far, nested blocks before the blocks that use them. */
    List<String> sources() {
        return sources;
    }

    /** A size expression of the caller and its value in this export. */
    record Dim(String expression, int value) {
    }

    /** What a block input receives: its shape per sample and the caller's expressions for its first/last size. */
    record Port(Shape shape, Dim first, Dim last) {
    }

    /** An argument of a block class as the caller passes it: its expression and its value in this export. */
    private record Arg(String expression, Object value) {
    }

    /** An instance's constructor call and its output's first/last size, in the caller's terms. */
    record Call(String expression, Dim first, Dim last) {
    }

    /** The constructor call of a top-level instance of {@code design}; sizes and values are literals. */
    String construct(Design design, BlockExpansion expansion, Node instance) {
        List<Port> ports = new ArrayList<>();
        for (Edge e : design.edges().stream().filter(e -> e.to().equals(instance.id()))
                .sorted(Comparator.comparingInt(Edge::toPort)).toList()) {
            String from = expansion.outputOf().getOrDefault(e.from(), e.from());
            Shape s = analysis.node(from).orElseThrow().outputShape();
            ports.add(new Port(s, literal(s.dim(0)), literal(s.last())));
        }
        return instantiate(instance, "", Map.of(), ports).expression();
    }

    private static Dim literal(int value) {
        return new Dim(Integer.toString(value), value);
    }

    /**
     * Writes (or reuses) the class of one instance and returns its call. {@code prefix} is the flat id prefix of the
     * graph the instance sits in; {@code outer} the enclosing class's arguments (name to expression and value).
     */
    private Call instantiate(Node node, String prefix, Map<String, Arg> outer, List<Port> ports) {
        BlockInstance inst = BlockInstance.of(node).orElseThrow();
        BlockDefinition def = library.find(inst.ref()).orElseThrow();
        Map<String, String> argNames = argumentNames(def);
        // the class's arguments as the caller fills them
        Map<String, String> actual = new LinkedHashMap<>();
        for (int i = 0; i < def.inputs().size(); i++) {
            Port p = ports.get(i);
            actual.put(sizeName(def, i, true), p.first().expression());
            actual.put(sizeName(def, i, false), p.last().expression());
        }
        Map<String, Object> concreteParams = new LinkedHashMap<>();
        Map<String, String> passed = new LinkedHashMap<>();
        for (BlockParam p : def.params()) {
            Object v = inst.values().containsKey(p.name()) ? inst.values().get(p.name()) : p.defaultValue();
            String expression = PythonLiterals.of(v);
            if (v instanceof String s && s.startsWith("$")) {
                Arg a = outer.get(PythonNames.safe(s.substring(1)));
                expression = a.expression();
                v = a.value();
            }
            concreteParams.put(p.name(), v);
            passed.put(argNames.get(p.name()), expression); // every value, defaults too: the call reads as the design
            actual.put(argNames.get(p.name()), expression);
        }
        Body body = body(def, prefix + node.id() + "/", ports, concreteParams, argNames);
        String className = register(def, body.text(), ports);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < def.inputs().size(); i++) {
            for (boolean first : new boolean[] {true, false}) {
                String name = sizeName(def, i, first);
                if (body.uses(name)) {
                    args.add(name + "=" + actual.get(name));
                }
            }
        }
        passed.forEach((name, value) -> args.add(name + "=" + value));
        return new Call(className + "(" + String.join(", ", args) + ")", substitute(body.first(), actual),
                substitute(body.last(), actual));
    }

    /** A class body and its output's first/last size in the class's own argument names. */
    private record Body(String text, Dim first, Dim last) {
        boolean uses(String name) {
            return Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find();
        }
    }

    private Body body(BlockDefinition def, String prefix, List<Port> ports, Map<String, Object> params,
                      Map<String, String> argNames) {
        PythonNames names = names(def);
        Map<String, Integer> env = new HashMap<>();
        Map<String, Arg> classArgs = new HashMap<>();
        params.forEach((p, v) -> {
            if (v instanceof Integer i) {
                env.put(argNames.get(p), i);
            }
            classArgs.put(argNames.get(p), new Arg(argNames.get(p), v));
        });
        Map<String, String> vars = new HashMap<>();
        Map<String, Port> outputs = new HashMap<>();
        List<String> forwardArgs = new ArrayList<>();
        for (int i = 0; i < def.inputs().size(); i++) {
            String port = def.inputs().get(i);
            Shape s = ports.get(i).shape();
            String first = sizeName(def, i, true);
            String last = sizeName(def, i, false);
            env.put(first, s.dim(0));
            env.put(last, s.last());
            vars.put(port, names.of(port));
            outputs.put(port, new Port(s, new Dim(first, s.dim(0)), new Dim(last, s.last())));
            forwardArgs.add(names.of(port));
        }
        StringBuilder init = new StringBuilder();
        StringBuilder forward = new StringBuilder();
        for (Node m : order(def)) {
            String name = names.of(m.id());
            List<Edge> in = def.edges().stream().filter(e -> e.to().equals(m.id()))
                    .sorted(Comparator.comparingInt(Edge::toPort)).toList();
            List<String> inputs = in.stream().map(e -> vars.get(e.from())).toList();
            List<Port> inPorts = in.stream().map(e -> outputs.get(e.from())).toList();
            if (BlockInstance.isInstance(m)) {
                Call call = instantiate(m, prefix, classArgs, inPorts);
                init.append("        self.").append(name).append(" = ").append(call.expression()).append('\n');
                forward.append("        ").append(name).append(" = self.").append(name).append('(')
                        .append(String.join(", ", inputs)).append(")\n");
                Shape out = analysis.node(outputNode(m, prefix)).orElseThrow().outputShape();
                outputs.put(m.id(), new Port(out, checked(call.first(), out.dim(0), env),
                        checked(call.last(), out.last(), env)));
            } else {
                NodeReport r = analysis.node(prefix + m.id()).orElseThrow();
                LayerSpec spec = PyTorchCode.spec(catalog, analysis, r);
                Port first = inPorts.get(0);
                PyTorchLayer.Symbols symbols = new PyTorchLayer.Symbols() {
                    @Override
                    public String bound(String param) {
                        return m.params().get(param) instanceof String s && s.startsWith("$")
                                ? argNames.get(s.substring(1)) : null;
                    }

                    @Override
                    public String dim0() {
                        return first.first().expression();
                    }

                    @Override
                    public String last() {
                        return first.last().expression();
                    }
                };
                PyTorchLayer layer = PyTorchLayers.find(m.type()).orElseThrow();
                PyTorchLayer.Node py = new PyTorchLayer.Node(name, spec, inputs, helpers, symbols);
                String module = layer.module().apply(py);
                if (module != null) {
                    init.append("        self.").append(name).append(" = ").append(module).append('\n');
                }
                forward.append("        ").append(name).append(" = ").append(layer.forward().apply(py)).append('\n');
                outputs.put(m.id(), outputSizes(py, inPorts, r.outputShape(), env));
            }
            vars.put(m.id(), name);
        }
        forward.append("        return ").append(vars.get(def.output())).append('\n');
        StringBuilder signature = new StringBuilder("self");
        StringBuilder text = new StringBuilder();
        text.append("    \"\"\"").append(doc(def)).append("\"\"\"\n\n");
        String bodyText = init.toString() + forward;
        for (int i = 0; i < def.inputs().size(); i++) {
            for (boolean f : new boolean[] {true, false}) {
                String n = sizeName(def, i, f);
                if (Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(bodyText).find()) {
                    signature.append(", ").append(n);
                }
            }
        }
        for (BlockParam p : def.params()) {
            signature.append(", ").append(argNames.get(p.name())).append('=')
                    .append(PythonLiterals.of(p.defaultValue()));
        }
        text.append("    def __init__(").append(signature).append("):\n        super().__init__()\n")
                .append(init.isEmpty() ? "        pass\n" : init)
                .append("\n    def forward(self, ").append(String.join(", ", forwardArgs)).append("):\n")
                .append(forward);
        Port out = outputs.get(def.output());
        return new Body(text.toString(), out.first(), out.last());
    }

    /** The first and last size of a layer's output as expressions of the class's arguments where known. */
    private static Port outputSizes(PyTorchLayer.Node py, List<Port> inputs, Shape out, Map<String, Integer> env) {
        Port in = inputs.get(0);
        String first = null;
        String last = null;
        switch (py.spec().type()) {
            case "Conv1D", "Conv2D", "ConvTranspose2D" -> first = py.integer("filters");
            case "Dense" -> last = py.integer("units");
            case "MultiHeadAttention", "Embedding" -> last = py.integer("dim");
            case "SimpleRNN", "LSTM", "GRU" -> last = (py.params().bool("bidirectional") ? "2 * " : "")
                    + py.integer("units");
            case "Concatenate" -> {
                int axis = py.params().integer("axis");
                int a = axis < 0 ? out.rank() + axis : axis;
                String sum = String.join(" + ", inputs.stream()
                        .map(p -> (a == 0 ? p.first() : p.last()).expression())
                        .map(e -> e.contains("*") ? "(" + e + ")" : e).toList());
                if (a == 0) {
                    first = sum;
                }
                if (a == out.rank() - 1) {
                    last = sum;
                }
            }
            default -> {
            }
        }
        if (out.rank() == 1) {
            first = first != null ? first : last;
            last = first;
        }
        Dim f = first != null ? new Dim(first, out.dim(0))
                : out.dim(0) == in.shape().dim(0) ? in.first() : literal(out.dim(0));
        Dim l = last != null ? new Dim(last, out.last())
                : out.last() == in.shape().last() ? in.last() : literal(out.last());
        return new Port(out, checked(f, out.dim(0), env), checked(l, out.last(), env));
    }

    /** The expression when it evaluates to the size it stands for here, else the size as a literal. */
    private static Dim checked(Dim d, int value, Map<String, Integer> env) {
        Integer v = SizeExpressions.evaluate(d.expression(), env);
        return v != null && v == value ? new Dim(d.expression(), value) : literal(value);
    }

    /** An expression in a class's argument names rewritten in the caller's expressions. */
    private static Dim substitute(Dim d, Map<String, String> actual) {
        Matcher m = NAME.matcher(d.expression());
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String a = actual.get(m.group());
            String replacement = a == null ? m.group() : NAME.matcher(a).matches() || a.matches("-?\\d+") ? a
                    : "(" + a + ")";
            m.appendReplacement(s, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(s);
        return new Dim(s.toString(), d.value());
    }

    /**
     * The class for {@code body}: one class per distinct body of a block. The first is named after the block; a
     * variant (a literal size inside the block differs) after the input shapes it is written for, e.g.
     * {@code FlatHeadFor4x2x2}, numbered only if that name is taken.
     */
    private String register(BlockDefinition def, String body, List<Port> ports) {
        String key = def.ref() + "\n" + body;
        String existing = classNameOfBody.get(key);
        if (existing != null) {
            return existing;
        }
        List<String> known = bodies.computeIfAbsent(def.ref(), r -> new ArrayList<>());
        known.add(body);
        String base = PythonNames.className(def.name()) + (def.version() == 1 ? "" : "V" + def.version());
        String name = base;
        if (known.size() > 1) {
            String variant = base + "For" + ports.stream().map(p -> Arrays.stream(p.shape().dims())
                    .mapToObj(Integer::toString).collect(Collectors.joining("x"))).collect(Collectors.joining("And"));
            name = variant;
            for (int n = 2; takenClassNames.contains(name); n++) {
                name = variant + "_" + n; // same input shapes, different code: a parameter's literal differs
            }
        }
        while (takenClassNames.contains(name)) {
            name = name + "Block";
        }
        takenClassNames.add(name);
        classNameOfBody.put(key, name);
        sources.add("class " + name + "(nn.Module):\n" + body);
        return name;
    }

    private static String doc(BlockDefinition def) {
        StringBuilder s = new StringBuilder("Block '" + def.name() + "' v" + def.version());
        if (!def.description().isBlank()) {
            s.append(": ").append(def.description());
        }
        s.append('.');
        for (BlockParam p : def.params()) {
            s.append("\n\n    ").append(PythonNames.safe(p.name())).append(": ").append(p.description());
        }
        return s.toString().replace("\\", "\\\\").replace("\"", "'");
    }

    /** Exposed parameter to the Python argument name that carries it. */
    private static Map<String, String> argumentNames(BlockDefinition def) {
        Map<String, String> names = new LinkedHashMap<>();
        for (BlockParam p : def.params()) {
            names.put(p.name(), PythonNames.safe(p.name()));
        }
        return names;
    }

    /** The argument carrying input port {@code i}'s first size (channels) or last size (features). */
    private static String sizeName(BlockDefinition def, int port, boolean first) {
        return PythonNames.identifier(def.inputs().get(port)) + (first ? "_channels" : "_features");
    }

    /** Python names inside a block class: its input ports, then its inner nodes. */
    private static PythonNames names(BlockDefinition def) {
        List<String> ids = new ArrayList<>(def.inputs());
        def.nodes().forEach(n -> ids.add(n.id()));
        return new PythonNames(ids);
    }

    /** The flat id of the layer whose output is a nested instance's output. */
    private String outputNode(Node instance, String prefix) {
        BlockDefinition def = library.find(BlockInstance.of(instance).orElseThrow().ref()).orElseThrow();
        String inner = prefix + instance.id() + "/";
        Node out = def.nodes().stream().filter(n -> n.id().equals(def.output())).findFirst().orElseThrow();
        return BlockInstance.isInstance(out) ? outputNode(out, inner) : inner + out.id();
    }

    /** The block's nodes in an order where every node comes after the nodes it is fed by. */
    private static List<Node> order(BlockDefinition def) {
        List<Node> done = new ArrayList<>();
        List<Node> left = new ArrayList<>(def.nodes());
        while (!left.isEmpty()) {
            Node next = left.stream().filter(n -> def.edges().stream().filter(e -> e.to().equals(n.id()))
                    .allMatch(e -> def.inputs().contains(e.from())
                            || done.stream().anyMatch(d -> d.id().equals(e.from())))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("block " + def.ref() + " has a cycle"));
            done.add(next);
            left.remove(next);
        }
        return done;
    }

    /**
     * The module path of a flat node in the generated code: {@code stage1.conv1} for the inner node
     * {@code stage1/conv1}, the node's own name outside blocks.
     */
    static String modulePath(Design design, BlockExpansion expansion, BlockLibrary library, String flatId) {
        PythonNames top = new PythonNames(design);
        String instance = expansion.instanceOf().get(flatId);
        if (instance == null) {
            return top.of(flatId);
        }
        StringBuilder path = new StringBuilder(top.of(instance));
        BlockDefinition def = library.find(expansion.refs().get(instance)).orElseThrow();
        String rest = flatId.substring(instance.length() + 1);
        while (true) {
            PythonNames names = names(def);
            Node inner = null;
            for (Node n : def.nodes()) {
                if (BlockInstance.isInstance(n) ? rest.startsWith(n.id() + "/") : rest.equals(n.id())) {
                    inner = n;
                    break;
                }
            }
            if (inner == null) {
                throw new IllegalStateException("no inner node " + rest + " in block " + def.ref());
            }
            path.append('.').append(names.of(inner.id()));
            if (!BlockInstance.isInstance(inner)) {
                return path.toString();
            }
            rest = rest.substring(inner.id().length() + 1);
            def = library.find(BlockInstance.of(inner).orElseThrow().ref()).orElseThrow();
        }
    }
}
