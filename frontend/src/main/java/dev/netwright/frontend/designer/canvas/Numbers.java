package dev.netwright.frontend.designer.canvas;

import java.util.Locale;

/** Human-readable counts and byte sizes for the canvas and the totals bar. */
public final class Numbers {
    private Numbers() {
    }

    /** 13002 becomes {@code 13,002}. */
    public static String grouped(long n) {
        return dev.netwright.designer.summary.SummaryTable.thousands(n);
    }

    /** 1_234_567 becomes {@code 1.23 M}; small numbers stay exact. */
    public static String compact(long n) {
        if (n < 10_000) {
            return grouped(n);
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, units[u]);
    }

    /** The designer's own byte formatting, so the UI and the command line agree. */
    public static String bytes(long b) {
        return dev.netwright.designer.summary.SummaryTable.bytes(b);
    }

}
