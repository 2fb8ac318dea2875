package dev.netwright.backend.sweep;

import dev.netwright.backend.api.ApiException;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.ParetoFront;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds {@link SweepView}s: the stored sweep, its trials' values, the best trial and the Pareto front. */
@Component
class SweepViews {
    private final JdbcClient jdbc;
    private final SweepStore store;

    SweepViews(JdbcClient jdbc, SweepStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The sweep as the API shows it, with or without its trials. */
    SweepView view(UUID sweepId, boolean withTrials) {
        SweepDefinition sweep = store.find(sweepId).orElseThrow(() -> ApiException.notFound("sweep " + sweepId));
        record Row(UUID designId, int version, String designName, String createdBy, String reason,
                   OffsetDateTime finishedAt) {
        }
        Row row = jdbc.sql("""
                SELECT d.id, v.number, d.name, u.username, s.state_reason, s.finished_at FROM sweeps s
                JOIN design_versions v ON v.id = s.design_version_id JOIN designs d ON d.id = v.design_id
                JOIN users u ON u.id = s.created_by WHERE s.id = ?""").param(sweepId)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class))).single();
        List<TrialRecord> trials = store.trials(sweep);
        Optional<TrialRecord> best = best(sweep, trials);
        List<Integer> front = null;
        if (sweep.secondObjective() != null) {
            List<ParetoFront.Point> points = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED
                            && t.paramCount() != null && t.objective(sweep.objective(), sweep.direction()).isPresent())
                    .map(t -> new ParetoFront.Point(t.number(), t.objective(sweep.objective(), sweep.direction())
                            .getAsDouble(), t.paramCount())).toList();
            front = ParetoFront.of(points, sweep.direction(), Direction.MINIMIZE).stream()
                    .map(ParetoFront.Point::trial).sorted().toList();
        }
        SweepView.Counts counts = new SweepView.Counts(trials.size(), count(trials, TrialStatus.QUEUED),
                count(trials, TrialStatus.RUNNING), count(trials, TrialStatus.COMPLETED),
                count(trials, TrialStatus.PRUNED), count(trials, TrialStatus.STOPPED),
                count(trials, TrialStatus.FAILED));
        List<SweepView.TrialView> trialViews = !withTrials ? null : trials.stream().map(t -> {
            OptionalDouble value = t.objective(sweep.objective(), sweep.direction());
            return new SweepView.TrialView(t.number(), t.runId(), t.status(), t.params(),
                    value.isPresent() ? value.getAsDouble() : null,
                    sweep.secondObjective() != null && t.paramCount() != null ? t.paramCount().doubleValue() : null,
                    t.intermediate(), t.intermediate().size(), t.totalEpochs(), t.durationSeconds(), t.stopReason(),
                    t.failure(), t.createdAt(), t.finishedAt());
        }).toList();
        return new SweepView(sweep.id(), sweep.projectId(), sweep.name(), row.designId(), row.version(),
                row.designName(), SweepStore.JSON.valueToTree(sweep.dataset()),
                SweepStore.JSON.valueToTree(sweep.baseConfig()), SweepStore.JSON.valueToTree(sweep.parameters()),
                sweep.method(), sweep.seed(), sweep.objective().id, sweep.direction().name().toLowerCase(Locale.ROOT),
                sweep.secondObjective(), sweep.pruner(), sweep.maxTrials(), sweep.maxMinutes(), sweep.maxConcurrent(),
                sweep.queue(), sweep.state(), row.reason(), row.createdBy(), sweep.createdAt(), row.finishedAt(),
                counts, best.map(TrialRecord::number).orElse(null),
                best.map(t -> t.objective(sweep.objective(), sweep.direction()).getAsDouble()).orElse(null), front,
                trialViews);
    }

    /** The completed trial with the best objective. */
    static Optional<TrialRecord> best(SweepDefinition sweep, List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED
                        && t.objective(sweep.objective(), sweep.direction()).isPresent())
                .min(Comparator.comparingDouble(t -> sweep.direction().loss(
                        t.objective(sweep.objective(), sweep.direction()).getAsDouble())));
    }

    private static int count(List<TrialRecord> trials, TrialStatus status) {
        return (int) trials.stream().filter(t -> t.status() == status).count();
    }
}
