package dev.netwright.engine.export;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Python names for a design's nodes: the node id where it is a valid identifier that clashes with nothing, otherwise
 * the id with other characters replaced by {@code _} and a suffix. The generated code and the weights file both use
 * these names, so a state-dict key is {@code <name>.<parameter>}.
 */
final class PythonNames {
    /** Keywords, the generated file's own names, and nn.Module members an attribute would hide. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "x", "self", "torch", "nn", "F", "math", "numpy", "build", "load_weights",
            "training", "forward", "parameters", "buffers", "children", "modules", "state_dict", "train", "eval", "to",
            "cuda", "cpu", "type", "float", "double", "half", "apply", "zero_grad", "register_buffer", "add_module",
            "named_modules", "named_parameters", "named_buffers", "named_children", "load_state_dict", "requires_grad_",
            "get_submodule", "get_parameter", "register_module", "register_parameter", "extra_repr", "dump_patches");

    private final Map<String, String> byId = new LinkedHashMap<>();

    PythonNames(Design design) {
        this(design.nodes().stream().map(Node::id).toList());
    }

    /** Names for the given ids, in order (a block class: its input ports, then its inner nodes). */
    PythonNames(java.util.List<String> ids) {
        Set<String> used = new HashSet<>();
        for (String id : ids) {
            String base = identifier(id);
            String name = RESERVED.contains(base) ? base + "_" : base;
            for (int i = 2; used.contains(name); i++) {
                name = base + "_" + i;
            }
            used.add(name);
            byId.put(id, name);
        }
    }

    String of(String nodeId) {
        String name = byId.get(nodeId);
        if (name == null) {
            throw new IllegalArgumentException("no node " + nodeId);
        }
        return name;
    }

    /** A Python identifier from any text that is not a keyword or a name the generated file uses. */
    static String safe(String text) {
        String base = identifier(text);
        return RESERVED.contains(base) ? base + "_" : base;
    }

    /** A Python identifier made from any text (letters, digits and underscores; never starting with a digit). */
    static String identifier(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s.insert(0, "n_");
        }
        return s.toString();
    }

    /** A class name from a design name: words capitalised and joined, e.g. "LeNet (CNN)" to "LeNetCNN". */
    static String className(String designName) {
        StringBuilder s = new StringBuilder();
        for (String word : designName.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                s.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s.insert(0, "Net");
        }
        return s.toString();
    }
}
