package dev.netwright.designer.layout;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Top-to-bottom layered layout: a node sits one row below its deepest input, siblings (branches) side by side in the
 * order of their inputs. A connection that skips rows (a residual shortcut) gets a placeholder in every row it
 * crosses, as in Sugiyama-style layouts, so the chain it skips moves aside and leaves the shortcut a free lane.
 *
 * <p>A long chain drawn as one column is unreadable once fitted into a landscape view (a nine-layer CNN fitted at
 * 40%), so the rows are cut into bands placed side by side, reading top to bottom then left to right; the number of
 * bands is the one whose drawing fits {@link #VIEW_WIDTH} x {@link #VIEW_HEIGHT} at the largest zoom. GAN networks
 * are laid out as separate blocks, side by side or one above the other, whichever fits larger.
 */
public final class AutoLayout {
    static final double NODE_WIDTH = 200;
    /** A layer's usual drawn height; layers showing a problem are taller but stay below {@link #ROW_GAP}. */
    static final double NODE_HEIGHT = 100;
    static final double COLUMN_GAP = 240;
    static final double ROW_GAP = 160;
    /** Between bands of one network: room for the connection that climbs from one band's foot to the next's head. */
    static final double BAND_GAP = 80;
    /** Between GAN networks: room for their frames (drawn 30 px around the layers, 50 px above) and a gap. */
    static final double NETWORK_GAP = 100;
    private static final double FRAME_WIDTH = 60;
    private static final double FRAME_HEIGHT = 80;
    /**
     * The canvas a fitted design should fill, in canvas pixels at the zoom the designer aims for: the node area of a
     * 1280x800 window (about 690x570 screen pixels once the fit padding is off) at 60% zoom. Only its shape matters
     * for choosing bands, and a larger zoom than fits there is not needed ({@link #ENOUGH_ZOOM}).
     */
    static final double VIEW_WIDTH = 1170;
    static final double VIEW_HEIGHT = 930;
    /** Fitted beyond this (72% zoom in the view above) a design reads well anyway: prefer fewer bands. */
    private static final double ENOUGH_ZOOM = 1.2;
    /** A band cut through a branch or shortcut makes its connections climb to the next band: worth it for 15% zoom. */
    private static final double SPLIT_BRANCH_COST = 0.85;

    public Design apply(Design design) {
        List<List<String>> blocks = new ArrayList<>();
        if (design.isGan()) {
            design.networks().stream().map(Network::nodeIds).forEach(blocks::add);
            List<String> loose = design.nodes().stream().map(Node::id)
                    .filter(id -> design.networks().stream().noneMatch(n -> n.nodeIds().contains(id))).toList();
            if (!loose.isEmpty()) {
                blocks.add(loose);
            }
        } else {
            blocks.add(design.nodes().stream().map(Node::id).toList());
        }
        List<Layered> layered = blocks.stream().filter(b -> !b.isEmpty()).map(b -> Layered.of(design, b)).toList();
        Map<String, Position> placed = arrange(layered);
        return design.withNodes(design.nodes().stream()
                .map(n -> n.withPosition(placed.getOrDefault(n.id(), n.position()))).toList());
    }

    /** Tries every band count per block and both block arrangements; keeps the drawing that fits largest. */
    private static Map<String, Position> arrange(List<Layered> blocks) {
        Map<String, Position> best = Map.of();
        double bestScore = -1;
        for (boolean stacked : blocks.size() > 1 ? List.of(false, true) : List.of(false)) {
            // each block independently: with few blocks the product of choices stays small, so try them all
            for (List<Integer> bands : bandChoices(blocks, 0)) {
                Map<String, Position> placed = new HashMap<>();
                double offset = 0;
                double width = 0;
                double height = 0;
                boolean splitsBranch = false;
                for (int i = 0; i < blocks.size(); i++) {
                    Extent e = blocks.get(i).place(bands.get(i), stacked ? 0 : offset, stacked ? offset : 0, placed);
                    splitsBranch |= e.splitsBranch();
                    offset += (stacked ? e.height() : e.width()) + NETWORK_GAP;
                    width = stacked ? Math.max(width, e.width()) : offset - NETWORK_GAP;
                    height = stacked ? offset - NETWORK_GAP : Math.max(height, e.height());
                }
                if (blocks.size() > 1) { // the networks' frames are drawn, and fitted, too
                    width += FRAME_WIDTH;
                    height += FRAME_HEIGHT;
                }
                double zoom = Math.min(ENOUGH_ZOOM, Math.min(VIEW_WIDTH / width, VIEW_HEIGHT / height))
                        * (splitsBranch ? SPLIT_BRANCH_COST : 1);
                // ties (both past ENOUGH_ZOOM) go to the first tried: fewer bands, side by side
                if (zoom > bestScore + 1e-9) {
                    bestScore = zoom;
                    best = placed;
                }
            }
        }
        return best;
    }

    private static List<List<Integer>> bandChoices(List<Layered> blocks, int from) {
        if (from == blocks.size()) {
            return List.of(List.of());
        }
        List<List<Integer>> out = new ArrayList<>();
        int most = Math.max(1, Math.min(8, (blocks.get(from).rows.size() + 1) / 2));
        for (int bands = 1; bands <= most; bands++) {
            for (List<Integer> rest : bandChoices(blocks, from + 1)) {
                List<Integer> choice = new ArrayList<>();
                choice.add(bands);
                choice.addAll(rest);
                out.add(choice);
            }
        }
        return out;
    }

    private record Extent(double width, double height, boolean splitsBranch) {
    }

    /** One block's rows (real ids and placeholders, in crossing-reducing order) before they get coordinates. */
    private record Layered(List<List<String>> rows, int[] links) {

        static Layered of(Design design, List<String> ids) {
            Map<String, Integer> depth = depths(design, ids);
            Map<Integer, List<String>> byDepth = new TreeMap<>();
            ids.stream().sorted(Comparator.comparingInt(depth::get))
                    .forEach(id -> byDepth.computeIfAbsent(depth.get(id), k -> new ArrayList<>()).add(id));
            // placeholders for connections that skip rows: "\0from>to#row", never a real id, chained row by row
            List<Edge> edges = new ArrayList<>();
            for (Edge e : design.edges()) {
                if (!depth.containsKey(e.from()) || !depth.containsKey(e.to())) {
                    continue;
                }
                String previous = e.from();
                for (int row = depth.get(e.from()) + 1; row < depth.get(e.to()); row++) {
                    String placeholder = "\0" + e.from() + ">" + e.to() + "#" + row;
                    byDepth.computeIfAbsent(row, k -> new ArrayList<>()).add(placeholder);
                    edges.add(new Edge(previous, placeholder, 0));
                    previous = placeholder;
                }
                edges.add(new Edge(previous, e.to(), e.toPort()));
            }
            // order siblings by the mean slot of their inputs so connections cross less
            Map<String, Double> slot = new HashMap<>();
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : byDepth.values()) {
                List<String> members = new ArrayList<>(row);
                members.sort(Comparator.comparingDouble(id -> edges.stream()
                        .filter(e -> e.to().equals(id) && slot.containsKey(e.from()))
                        .mapToDouble(e -> slot.get(e.from())).average().orElse(0)));
                for (int i = 0; i < members.size(); i++) {
                    slot.put(members.get(i), i - (members.size() - 1) / 2.0);
                }
                rows.add(members);
            }
            // links[r]: connections from row r-1 into row r (every connection spans one row once placeholders are in)
            Map<String, Integer> rowOf = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                for (String id : rows.get(r)) {
                    rowOf.put(id, r);
                }
            }
            int[] links = new int[rows.size()];
            edges.stream().filter(e -> rowOf.containsKey(e.to())).forEach(e -> links[rowOf.get(e.to())]++);
            return new Layered(rows, links);
        }

        /**
         * Where the bands start: about evenly, each cut moved (by at most a third of a band) to where the fewest
         * connections cross, so a residual block is not cut in two and its shortcut stays in one band.
         */
        List<Integer> cuts(int bands) {
            int perBand = (rows.size() + bands - 1) / bands;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int b = 1; b < bands; b++) {
                int ideal = b * perBand;
                int best = -1;
                for (int d = 0; d <= perBand / 3; d++) {
                    for (int at : new int[] {ideal - d, ideal + d}) {
                        if (at > starts.getLast() && at < rows.size() && (best < 0 || links[at] < links[best])) {
                            best = at;
                        }
                    }
                }
                if (best > 0) {
                    starts.add(best);
                }
            }
            return starts;
        }

        /** Places the rows in {@code bands} side-by-side bands from (left, top); returns the drawing's extent. */
        Extent place(int bands, double left, double top, Map<String, Position> placed) {
            List<Integer> starts = cuts(bands);
            double bandLeft = left;
            double height = 0;
            for (int b = 0; b < starts.size(); b++) {
                int end = b + 1 < starts.size() ? starts.get(b + 1) : rows.size();
                List<List<String>> band = rows.subList(starts.get(b), end);
                int widest = band.stream().mapToInt(List::size).max().orElse(1);
                double centre = bandLeft + (widest - 1) * COLUMN_GAP / 2;
                for (int r = 0; r < band.size(); r++) {
                    List<String> members = band.get(r);
                    for (int i = 0; i < members.size(); i++) {
                        if (!members.get(i).startsWith("\0")) {
                            double x = centre + (i - (members.size() - 1) / 2.0) * COLUMN_GAP;
                            placed.put(members.get(i), new Position(x, top + r * ROW_GAP));
                        }
                    }
                }
                height = Math.max(height, (band.size() - 1) * ROW_GAP + NODE_HEIGHT);
                bandLeft += (widest - 1) * COLUMN_GAP + NODE_WIDTH + BAND_GAP;
            }
            boolean splitsBranch = starts.stream().anyMatch(at -> at > 0 && links[at] > 1);
            return new Extent(bandLeft - BAND_GAP - left, height, splitsBranch);
        }
    }

    /** Longest-path depth from the block's sources; nodes on a cycle stop growing after one pass per node. */
    private static Map<String, Integer> depths(Design design, List<String> ids) {
        Map<String, Integer> depth = new HashMap<>();
        ids.forEach(id -> depth.put(id, 0));
        for (int pass = 0; pass < ids.size(); pass++) {
            boolean changed = false;
            for (Edge e : design.edges()) {
                if (depth.containsKey(e.from()) && depth.containsKey(e.to())
                        && depth.get(e.to()) < depth.get(e.from()) + 1) {
                    depth.put(e.to(), depth.get(e.from()) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return depth;
    }
}
