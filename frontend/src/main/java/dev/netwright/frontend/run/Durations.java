package dev.netwright.frontend.run;

import java.time.Duration;

/** Durations as people read them on run pages: "40 ms", "4.5 s", "12 s", "3 min 5 s", "2 h 10 min". */
final class Durations {
    private Durations() {
    }

    static String text(Duration d) {
        double s = d.toNanos() / 1e9;
        if (s < 1) {
            return Math.max(1, Math.round(s * 1000)) + " ms";
        }
        if (s < 10) {
            return String.format("%.1f s", s);
        }
        long secs = Math.round(s);
        if (secs < 60) {
            return secs + " s";
        }
        if (secs < 3600) {
            return (secs / 60) + " min " + (secs % 60) + " s";
        }
        return (secs / 3600) + " h " + (secs % 3600 / 60) + " min";
    }

    static String seconds(double seconds) {
        return text(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
