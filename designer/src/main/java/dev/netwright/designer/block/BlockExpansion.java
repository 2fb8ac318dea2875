package dev.netwright.designer.block;

import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.model.Design;
import java.util.List;
import java.util.Map;

/**
 * A design with every block instance replaced by its inner layers. Inner node ids are the instance id, a slash
 * and the inner id ({@code stage1/conv1}; nested: {@code stage1/b0/conv1}).
 *
 * @param flat        the flattened design: only catalog layers
 * @param instanceOf  flattened node id to the id of the top-level instance it came from
 * @param refs        top-level instance id to the block it uses
 * @param outputOf    top-level instance id to the flattened node that is its output
 * @param boundParams flattened node id to (its parameter name to the top-level exposed parameter it takes)
 * @param problems    references that could not be expanded (unknown block, cycle, bad parameter), on the instance
 */
public record BlockExpansion(Design flat, Map<String, String> instanceOf, Map<String, BlockRef> refs,
                             Map<String, String> outputOf, Map<String, Map<String, String>> boundParams,
                             List<Problem> problems) {
    public BlockExpansion {
        instanceOf = Map.copyOf(instanceOf);
        refs = Map.copyOf(refs);
        outputOf = Map.copyOf(outputOf);
        boundParams = Map.copyOf(boundParams);
        problems = List.copyOf(problems);
    }
}
