package dev.netwright.frontend.designer.canvas;

import java.util.List;

/**
 * Everything the canvas draws, as the server computed it. Sent whole after every edit: a design of a few hundred
 * layers is a few tens of kilobytes, and a whole state cannot drift from the server the way patches can.
 *
 * @param revision      changes with every edit
 * @param nodes         layers with their analysis results
 * @param edges         connections
 * @param groups        GAN networks drawn as labelled boxes (empty for supervised designs)
 * @param selectIds     layers the server wants selected (e.g. just added or pasted), applied once per selectSeq
 * @param selectSeq     increases when the server asks for a new selection
 * @param fitSeq        increases when the view should fit the whole design (new design, auto-layout)
 * @param readOnly      no palette and no editing gestures (viewers, diff previews)
 */
public record CanvasModel(long revision, List<CanvasNode> nodes, List<CanvasEdge> edges, List<CanvasGroup> groups,
                          List<String> selectIds, long selectSeq, long fitSeq, boolean readOnly) {

    /** The same model with diff marks on nodes (id to 'added' or 'changed') and the read-only flag. */
    public CanvasModel marked(java.util.Map<String, String> diff, boolean readOnly) {
        List<CanvasNode> marked = nodes.stream().map(n -> diff.containsKey(n.id()) ? n.withDiff(diff.get(n.id())) : n)
                .toList();
        return new CanvasModel(revision, marked, edges, groups, selectIds, selectSeq, fitSeq, readOnly);
    }

    /**
     * The same model with a note appended to some layers' summary line (layer id to note), e.g. the sweep ranges
     * chosen for them, which are not part of the design.
     */
    public CanvasModel noted(java.util.Map<String, String> notes) {
        if (notes.isEmpty()) {
            return this;
        }
        List<CanvasNode> noted = nodes.stream().map(n -> notes.containsKey(n.id()) ? n.withNote(notes.get(n.id())) : n)
                .toList();
        return new CanvasModel(revision, noted, edges, groups, selectIds, selectSeq, fitSeq, readOnly);
    }

    /**
     * The same model with the names of the other editors who have a layer selected (layer id to names), drawn as a
     * mark on the layer so nobody edits it unawares.
     */
    public CanvasModel withEditors(java.util.Map<String, String> editors) {
        if (editors.isEmpty()) {
            return this;
        }
        List<CanvasNode> marked = nodes.stream()
                .map(n -> editors.containsKey(n.id()) ? n.withEditors(editors.get(n.id())) : n).toList();
        return new CanvasModel(revision, marked, edges, groups, selectIds, selectSeq, fitSeq, readOnly);
    }

    /**
     * One layer on the canvas; {@code editors} names the other editors who have it selected (null for none);
     * {@code block} is null for an ordinary layer of the design.
     */
    public record CanvasNode(String id, String type, String category, String summary, String outputShape,
                             long params, String paramsText, List<CanvasProblem> problems, double x, double y,
                             int inputPorts, boolean hasOutput, String group, String diff, boolean frozen,
                             String editors, BlockView block) {
        CanvasNode withDiff(String mark) {
            return new CanvasNode(id, type, category, summary, outputShape, params, paramsText, problems, x, y,
                    inputPorts, hasOutput, group, mark, frozen, editors, block);
        }

        CanvasNode withNote(String note) {
            return new CanvasNode(id, type, category, summary.isEmpty() ? note : summary + " · " + note, outputShape,
                    params, paramsText, problems, x, y, inputPorts, hasOutput, group, diff, frozen, editors, block);
        }

        CanvasNode withEditors(String names) {
            return new CanvasNode(id, type, category, summary, outputShape, params, paramsText, problems, x, y,
                    inputPorts, hasOutput, group, diff, frozen, names, block);
        }
    }

    /** A problem shown on the node it concerns. */
    public record CanvasProblem(String message, String hint) {
    }

    /**
     * How a block instance or a layer inside an expanded one is drawn. Inner layers ({@code parent} set: the path of
     * the expanded instance they sit in, positions relative to it) are read only: the expansion is a view.
     *
     * @param parent     the expanded instance this node is drawn inside, or null at the top level
     * @param expandable a block instance (it can be expanded or collapsed)
     * @param expanded   drawn as a frame of {@code width} x {@code height} holding its inner layers
     */
    public record BlockView(String parent, boolean expandable, boolean expanded, double width, double height) {
    }

    /**
     * One connection; {@code targetHandle} is {@code in-<port>}. Inside an expanded block ({@code inner}) an edge may
     * start at the frame's input port ({@code sourceHandle port-<n>}) or end at its output ({@code result}).
     */
    public record CanvasEdge(String id, String source, String sourceHandle, String target, String targetHandle,
                             int port, boolean inner) {
    }

    /** A GAN network. */
    public record CanvasGroup(String id, String label, List<String> nodeIds) {
    }
}
