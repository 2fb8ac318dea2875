package dev.netwright.frontend.run;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.MetricRecord;
import dev.netwright.backend.metrics.RunMetricsFeed;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.DesignerView;
import dev.netwright.frontend.layout.CurrentWorkspace;
import dev.netwright.frontend.project.ProjectContext;
import dev.netwright.frontend.project.ProjectHeader;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import dev.netwright.frontend.ui.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run: status, progress with ETA, live curves (a GAN's losses and its generated samples per epoch), log, cancel,
 * and after the end the test results and the model.
 * On attach it draws the stored history, then subscribes to the metrics feed from the last point it drew, so a
 * reload mid-run shows everything once and goes on live; on detach it unsubscribes.
 */
@Route("runs/:runId")
@PageTitle("Run · Netwright")
@PermitAll
public class RunPage extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int PAGE = 2000;

    private final RunService runs;
    private final RunMetricsStore store;
    private final RunMetricsFeed feed;
    private final ProjectService projects;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;
    private final ArtifactStore artifacts;
    private final RunSampleStore sampleStore;
    private AppUser user;
    private ProjectContext ctx;
    private RunView run;

    private final Span status = new Span();
    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Span progressText = new Span();
    private final Button cancel = new Button("Cancel run", VaadinIcon.STOP.create());
    private final Div logLines = new Div();
    private final Div chartsHolder = new Div();
    private final Div samplesHolder = new Div();
    private final RemainingTime remaining = new RemainingTime();
    private int batchesPerEpoch;
    private EpochSamplesView samples;
    private final RunResults results = new RunResults();
    private RunCharts charts;
    private RunMetricsFeed.Subscription subscription;
    private long lastSeq;
    private RunStatus state;
    private int totalEpochs;
    private boolean testShown;

    RunPage(RunService runs, RunMetricsStore store, RunMetricsFeed feed, ProjectService projects,
            WorkspaceAccess access, CurrentUser currentUser, ArtifactStore artifacts, RunSampleStore sampleStore) {
        this.runs = runs;
        this.sampleStore = sampleStore;
        this.artifacts = artifacts;
        this.store = store;
        this.feed = feed;
        this.projects = projects;
        this.access = access;
        this.currentUser = currentUser;
        addClassName("nw-page");
        status.getElement().setAttribute("data-testid", "run-status");
        status.addClassName("nw-run-status");
        progress.getElement().setAttribute("data-testid", "run-progress");
        progressText.getElement().setAttribute("data-testid", "run-progress-text");
        progressText.addClassName("nw-muted");
        logLines.addClassName("nw-run-log");
        logLines.getElement().setAttribute("data-testid", "run-log");
        chartsHolder.setWidthFull();
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.getElement().setAttribute("data-testid", "run-cancel");
        cancel.addClickListener(e -> cancelRun());
    }

    public static RouteParameters params(UUID runId) {
        return RouteIds.of("runId", runId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            UUID id = RouteIds.read(event, "runId").orElseThrow(() -> ApiException.notFound("run"));
            user = currentUser.get();
            run = runs.get(user, id);
            ctx = ProjectContext.load(projects, access, user, run.projectId());
            CurrentWorkspace.set(ctx.project().workspaceId());
            layout();
        } catch (ApiException e) {
            NotFoundException.show(event, e.getMessage());
        }
    }

    private void layout() {
        removeAll();
        RouterLink design = new RouterLink(run.designName() + " v" + run.designVersion(), DesignerView.class,
                DesignerView.params(run.designId()));
        RouterLink all = new RouterLink("← Runs", RunsView.class, RunsView.params(run.projectId()));
        all.getElement().setAttribute("data-testid", "back-to-runs");
        Span dataset = new Span("on " + run.datasetSummary());
        dataset.getElement().setAttribute("data-testid", "run-dataset");
        Span who = new Span("queued by " + run.createdBy() + " at " + CLOCK.format(run.createdAt()) + " UTC");
        who.addClassName("nw-muted");
        H3 name = new H3(run.name());
        name.getElement().setAttribute("data-testid", "run-name");
        Div tags = new Div(new RunTagsView(run.tags()));
        Button edit = new Button("Rename or tag", VaadinIcon.EDIT.create(), e -> new RunLabelsDialog(runs, user, run,
                saved -> {
                    run = saved;
                    name.setText(saved.name());
                    tags.removeAll();
                    tags.add(new RunTagsView(saved.tags()));
                    UiErrors.success("Saved");
                }).open());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.getElement().setAttribute("data-testid", "run-edit-labels");
        edit.setEnabled(ctx.canEdit());
        if (!ctx.canEdit()) {
            edit.setTooltipText("Viewers cannot rename or tag runs");
        }
        HorizontalLayout title = new HorizontalLayout(all, name, tags, edit, design, dataset,
                status, who);
        if (run.sweepId() != null) {
            // a trial is read next to its siblings: lead back to the sweep that proposed its settings
            RouterLink sweep = new RouterLink("trial " + run.trialNumber() + " of sweep " + run.sweepName(),
                    dev.netwright.frontend.sweep.SweepPage.class,
                    dev.netwright.frontend.sweep.SweepPage.params(run.sweepId()));
            sweep.getElement().setAttribute("data-testid", "run-sweep");
            title.addComponentAtIndex(6, sweep);
        }
        title.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        title.addClassName("nw-wrap");
        cancel.setEnabled(false);
        if (!ctx.canEdit()) {
            cancel.setTooltipText("Viewers cannot cancel runs");
        }
        progress.setWidth("24rem");
        HorizontalLayout bar = new HorizontalLayout(progress, progressText, cancel);
        bar.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        samplesHolder.setWidthFull();
        add(new ProjectHeader(ctx), title, bar, chartsHolder, samplesHolder, results, new H3("Log"), logLines);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (run == null) {
            return;
        }
        UI ui = event.getUI();
        reset();
        // history first, drawn in one go; then live from exactly the last point drawn (the feed never repeats it)
        List<MetricRecord> page;
        do {
            page = store.after(run.id(), lastSeq, PAGE, null);
            page.forEach(this::apply);
        } while (page.size() == PAGE);
        charts.goLive();
        if (state == null || !state.isFinal()) {
            long from = lastSeq;
            subscription = feed.subscribe(run.id(), from, r -> ui.access(() -> {
                if (r.seq() > lastSeq) {
                    apply(r);
                }
            }));
        } else {
            finished();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unsubscribe();
        releaseArtifact();
        super.onDetach(event);
    }

    /** The artifact's local copy the views read from on demand (an epoch's pictures): kept until the page goes. */
    private dev.netwright.backend.storage.ObjectStorage.LocalFile artifactInUse;

    private void releaseArtifact() {
        if (artifactInUse != null) {
            artifactInUse.close();
            artifactInUse = null;
        }
    }

    private void reset() {
        unsubscribe();
        lastSeq = 0;
        state = run.status();
        totalEpochs = run.config().path("epochs").asInt(TrainingSettings.DEFAULTS.epochs());
        testShown = false;
        charts = new RunCharts();
        chartsHolder.removeAll();
        chartsHolder.add(charts);
        UUID runId = run.id();
        samples = new EpochSamplesView(epoch -> sampleStore.picture(runId, epoch));
        samplesHolder.removeAll();
        samplesHolder.add(samples);
        logLines.removeAll();
        results.removeAll();
        results.setVisible(false);
        showStatus();
        progress.setValue(0);
        progressText.setText(state == RunStatus.QUEUED ? "waiting for a worker" : "");
    }

    private void unsubscribe() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void apply(MetricRecord r) {
        lastSeq = r.seq();
        JsonNode p = JsonMapper.shared().readTree(r.payload());
        switch (r.kind()) {
            case BATCH -> {
                int epoch = p.path("epoch").asInt();
                int batch = p.path("batch").asInt();
                int batches = Math.max(1, p.path("batchesPerEpoch").asInt());
                progress.setValue(Math.min(1, (epoch - 1 + (double) batch / batches) / Math.max(1, totalEpochs)));
                batchesPerEpoch = batches;
                remaining.batch(r.at().toInstant(), epoch, batch, batches);
                progressText.setText("epoch " + epoch + " of " + totalEpochs + " · batch " + batch + " of " + batches
                        + " · " + String.format("%,.0f", Payloads.number(p, "samplesPerSecond")) + " samples/s"
                        + remaining.left(totalEpochs, batches).map(d -> " · about " + Durations.text(d) + " left")
                        .orElse(""));
                if (charts.needsRelayout(MetricKind.BATCH, p)) { // the first GAN step shows the GAN charts
                    charts.accept(MetricKind.BATCH, p);
                    charts.relayout();
                } else {
                    charts.accept(MetricKind.BATCH, p);
                }
            }
            case EPOCH -> {
                totalEpochs = p.path("totalEpochs").asInt(totalEpochs);
                int epoch = p.path("epoch").asInt();
                progress.setValue(Math.min(1, (double) epoch / Math.max(1, totalEpochs)));
                if (batchesPerEpoch > 0) {
                    remaining.epochEnd(r.at().toInstant(), epoch, batchesPerEpoch);
                }
                // the measured current rate; the engine's average from the start only until batches were seen
                Duration eta = batchesPerEpoch > 0 ? remaining.left(totalEpochs, batchesPerEpoch)
                        .orElse(Payloads.duration(p, "eta")) : Payloads.duration(p, "eta");
                progressText.setText("epoch " + epoch + " of " + totalEpochs + " done"
                        + (eta == null || epoch >= totalEpochs ? "" : " · about " + Durations.text(eta) + " left"));
                if (charts.needsRelayout(MetricKind.EPOCH, p)) {
                    charts.accept(MetricKind.EPOCH, p);
                    charts.relayout();
                } else {
                    charts.accept(MetricKind.EPOCH, p);
                }
            }
            case EVALUATION -> {
                results.showTest(p);
                testShown = true;
            }
            case MESSAGE -> line(r, p.path("text").asString());
            case SAMPLES -> samples.addEpoch(p.path("epoch").asInt());
            case STATUS -> {
                state = r.status();
                String extra = p.has("failure") ? ": " + p.path("failure").asString()
                        : p.has("worker") ? " on " + p.path("worker").asString() : "";
                line(r, state.name().toLowerCase()
                        + (p.has("attempt") ? " (attempt " + p.path("attempt").asInt() + ")" : "")
                        + extra);
                showStatus();
                if (state.isFinal() && charts.isLive()) {
                    unsubscribe();
                    run = runs.get(user, run.id());
                    finished();
                }
            }
        }
    }

    /** After the end: final figures from the run row (if the evaluation point was missing) and the download. */
    private void finished() {
        JsonNode test = run.finalMetrics() == null ? null : run.finalMetrics().get("test");
        if (!testShown && test != null && !test.isNull()) {
            results.showTest(test);
        }
        if (state == RunStatus.SUCCEEDED) {
            progress.setValue(1);
            results.showArtifact(run.id());
            // GAN runs from before the live pictures: the engine's pictures per epoch, from the saved model
            artifacts.find(run.id()).ifPresent(a -> {
                java.nio.file.Path zip;
                try {
                    releaseArtifact();
                    artifactInUse = artifacts.localFile(a); // with S3 storage, a copy cached by content hash
                    zip = artifactInUse.path();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the model of run " + run.id(), e);
                }
                GeneratedSamplesView generated = samples.isEmpty() ? GeneratedSamplesView.of(zip) : null;
                if (generated != null) {
                    results.add(generated);
                }
                PredictionSamplesView.of(zip).ifPresent(results::add);
                ForecastView.of(zip).ifPresent(results::add);
            });
        }
        String took = run.durationSeconds() == null ? "" : " in " + Durations.seconds(run.durationSeconds());
        // a queued run says what holds it back (no live worker for its queue, none large enough, the workspace limit)
        progressText.setText(state.name().toLowerCase() + took + (run.failure() == null ? "" : ": " + run.failure())
                + (run.waitingReason() == null ? "" : ": " + run.waitingReason()));
        showStatus();
    }

    private void showStatus() {
        status.setText(state.name());
        status.getElement().setAttribute("data-status", state.name());
        status.getElement().getClassList().set("nw-status-ok", state == RunStatus.SUCCEEDED);
        status.getElement().getClassList().set("nw-status-error", state == RunStatus.FAILED);
        boolean active = state.isActive();
        cancel.setEnabled(active && ctx.canEdit());
        progress.setIndeterminate(state == RunStatus.QUEUED);
    }

    private void line(MetricRecord r, String text) {
        Div d = new Div(new Span(CLOCK.format(r.at()) + "  " + text));
        logLines.add(d);
    }

    private void cancelRun() {
        UiErrors.attempt(() -> {
            run = runs.cancel(user, run.id());
            UiErrors.success(run.status() == RunStatus.CANCELLED ? "Run cancelled"
                    : "Cancelling: the worker stops before its next batch");
        });
    }
}
