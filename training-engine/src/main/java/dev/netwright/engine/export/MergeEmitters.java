package dev.netwright.engine.export;

import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;
import java.util.Map;

/** Add, Multiply and Concatenate over any number of inputs. */
final class MergeEmitters {
    private MergeEmitters() {
    }

    static void register(Map<String, NodeEmitter> m) {
        m.put("Add", c -> fold(c, "Add"));
        m.put("Multiply", c -> fold(c, "Mul"));
        m.put("Concatenate", c -> {
            int axis = c.params().integer("axis");
            return c.graph().op("Concat", c.inputs(), Attr.i("axis", axis < 0 ? axis : axis + 1));
        });
    }

    /** Left to right, pairwise, in port order: the same float rounding as the compiled block. */
    private static String fold(EmitContext c, String op) {
        List<String> in = c.inputs();
        String acc = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            acc = c.graph().op(op, List.of(acc, in.get(i)));
        }
        return acc;
    }
}
