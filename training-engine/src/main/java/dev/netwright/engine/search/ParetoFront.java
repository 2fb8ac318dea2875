package dev.netwright.engine.search;

import java.util.ArrayList;
import java.util.List;

/** The trials no other trial beats on both objectives (e.g. accuracy up, parameter count down). */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** A trial's two objective values. */
    public record Point(int trial, double first, double second) {
    }

    public static List<Point> of(List<Point> points, Direction first, Direction second) {
        List<Point> front = new ArrayList<>();
        for (Point p : points) {
            boolean dominated = false;
            for (Point q : points) {
                boolean noWorse = first.loss(q.first()) <= first.loss(p.first())
                        && second.loss(q.second()) <= second.loss(p.second());
                boolean better = first.loss(q.first()) < first.loss(p.first())
                        || second.loss(q.second()) < second.loss(p.second());
                if (noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(p);
            }
        }
        return front;
    }
}
