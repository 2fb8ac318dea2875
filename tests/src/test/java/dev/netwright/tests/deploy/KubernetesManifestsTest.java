package dev.netwright.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders every overlay of deploy/kubernetes with {@code kubectl kustomize} (offline) and reads every object with
 * fabric8's typed Kubernetes models, failing on any field the models do not know (a misspelt or misplaced field
 * that a cluster would silently drop). KEDA's kinds have no typed model: their structure is checked by hand.
 */
class KubernetesManifestsTest {
    private static final Path KUBERNETES = Path.of("..", "deploy", "kubernetes");
    /** Debian's kubernetes-client (and most kubectl packages) install here; otherwise the first one on the PATH. */
    private static final Path KUBECTL = Stream.concat(Stream.of("/usr/bin"),
                    Stream.of(String.valueOf(System.getenv("PATH")).split(java.io.File.pathSeparator)))
            .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst()
            .orElse(Path.of("/usr/bin/kubectl"));
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    record Rendered(String overlay, List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> keda(String kind) {
            return all(GenericKubernetesResource.class).stream()
                    .filter(r -> r.getApiVersion().startsWith("keda.sh/") && r.getKind().equals(kind)).toList();
        }

        Deployment deployment(String name) {
            return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " renders no Deployment " + name));
        }
    }

    private static List<Rendered> rendered;

    /** Renders once per test class (kubectl takes a fraction of a second, but nine tests need the same). */
    static synchronized List<Rendered> renderAll() throws Exception {
        assumeKubectl();
        if (rendered != null) {
            return rendered;
        }
        List<Rendered> all = new ArrayList<>();
        try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
            for (Path overlay : overlays.sorted().toList()) {
                all.add(new Rendered(overlay.getFileName().toString(), parse(render(overlay))));
            }
        }
        assertThat(all).extracting(Rendered::overlay)
                .contains("cpu-cluster-postgres", "cpu-external-postgres", "gpu-external-postgres",
                        "cpu-cluster-postgres-no-keda");
        rendered = all;
        return all;
    }

    private static void assumeKubectl() {
        if (!Files.isExecutable(KUBECTL)) {
            String why = "no kubectl in /usr/bin or on the PATH to render deploy/kubernetes (Debian: apt-get install kubernetes-client;"
                    + " scripts/install-test-prerequisites.sh does that as root)";
            if (System.getenv("CI") != null) {
                fail(why + ", and CI is set: the manifests must be checked there");
            }
            assumeTrue(false, why);
        }
    }

    private static String render(Path overlay) throws IOException, InterruptedException {
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(KUBECTL.toString(), "kustomize", overlay.toString())
                    .redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize %s finishes", overlay).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize %s: %s", overlay, Files.readString(err)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                KubernetesResource object = SERIALIZATION.unmarshal(YAML.writeValueAsString(doc));
                String what = doc.path("kind").asString() + " " + doc.path("metadata").path("name").asString();
                if (object instanceof GenericKubernetesResource generic) {
                    assertThat(generic.getApiVersion()).as("%s has no typed model: only KEDA's kinds may", what)
                            .startsWith("keda.sh/");
                } else {
                    List<String> unknown = new ArrayList<>();
                    unknownFields(object, what, unknown);
                    assertThat(unknown).as("fields the Kubernetes API does not have").isEmpty();
                }
                objects.add((HasMetadata) object);
            }
        }
        assertThat(objects).isNotEmpty();
        return objects;
    }

    /** Every field the typed models did not map lands in a model's additionalProperties: collect them, with paths. */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                unknownFields(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static List<PodTemplateSpec> podTemplates(Rendered r) {
        List<PodTemplateSpec> pods = new ArrayList<>();
        r.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        r.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
        return pods;
    }

    private static List<Deployment> workers(Rendered r) {
        return r.all(Deployment.class).stream()
                .filter(d -> "worker".equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
    }

    @Test
    void everyOverlayRendersOnlyObjectsTheKubernetesApiKnowsAndNoSecrets() throws Exception {
        for (Rendered r : renderAll()) {
            assertThat(r.objects()).as(r.overlay()).allSatisfy(o ->
                    assertThat(o.getMetadata().getNamespace()).as("%s %s", o.getKind(), o.getMetadata().getName())
                            .isEqualTo("netwright"));
            assertThat(r.all(io.fabric8.kubernetes.api.model.Secret.class))
                    .as("%s: secrets are created by the operator (docs/kubernetes.md), never committed", r.overlay())
                    .isEmpty();
            assertThat(r.all(Service.class)).extracting(s -> s.getMetadata().getName()).contains("netwright");
        }
    }

    @Test
    void appProbesTheActuatorHealthGroups() throws Exception {
        for (Rendered r : renderAll()) {
            Container app = r.deployment("netwright").getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(app.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(app.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(app.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8080);
            });
            assertThat(env(app, "NETWRIGHT_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("netwright-db");
            assertThat(env(app, "NETWRIGHT_DB_URL").getValue()).startsWith("jdbc:postgresql://$(NETWRIGHT_DB_HOST)");
            assertThat(env(app, "NETWRIGHT_JOBS_LOCALWORKERS").getValue()).as("the worker pools train").isEqualTo("0");
        }
    }

    @Test
    void everyPodRunsAsNonRootOnAReadOnlyRootWithResourcesSet() throws Exception {
        for (Rendered r : renderAll()) {
            for (PodTemplateSpec template : podTemplates(r)) {
                PodSpec pod = template.getSpec();
                String name = template.getMetadata().getLabels().get("app.kubernetes.io/name");
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s/%s non-root", r.overlay(), name).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as("numeric, so the kubelet can check it")
                        .isPositive();
                assertThat(pod.getAutomountServiceAccountToken()).as("%s needs no API access", name).isFalse();
                for (Container c : pod.getContainers()) {
                    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", name)
                            .isTrue();
                    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                    assertThat(c.getResources().getRequests()).as("%s requests", name).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as("%s limits", name).containsKey("memory");
                    assertThat(c.getVolumeMounts()).as("%s writes /tmp on a volume", name)
                            .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                }
            }
        }
    }

    @Test
    void workersTakeTheirTokenFromASecretAndNeverFromTheArguments() throws Exception {
        for (Rendered r : renderAll()) {
            assertThat(workers(r)).as(r.overlay()).isNotEmpty();
            for (Deployment worker : workers(r)) {
                String pool = worker.getMetadata().getLabels().get("netwright.dev/worker-pool");
                Container c = worker.getSpec().getTemplate().getSpec().getContainers().get(0);
                EnvVar token = env(c, "NETWRIGHT_WORKER_TOKEN");
                assertThat(token.getValue()).as("no token in the manifest").isNull();
                assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("netwright-worker-" + pool);
                assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
                List<String> commandLine = new ArrayList<>();
                if (c.getCommand() != null) {
                    commandLine.addAll(c.getCommand());
                }
                if (c.getArgs() != null) {
                    commandLine.addAll(c.getArgs());
                }
                assertThat(commandLine).as("%s command line", pool).noneMatch(a -> a.contains("--token"))
                        .noneMatch(a -> a.contains("nww_")).noneMatch(a -> a.contains("NETWRIGHT_WORKER_TOKEN"));
                assertThat(c.getArgs()).containsSequence("--server", "http://netwright");
            }
        }
    }

    @Test
    void gpuWorkersRequestOneNvidiaGpuEachAndCpuWorkersNone() throws Exception {
        for (Rendered r : renderAll()) {
            for (Deployment worker : workers(r)) {
                String pool = worker.getMetadata().getLabels().get("netwright.dev/worker-pool");
                PodSpec pod = worker.getSpec().getTemplate().getSpec();
                Map<String, Quantity> requests = pod.getContainers().get(0).getResources().getRequests();
                Map<String, Quantity> limits = pod.getContainers().get(0).getResources().getLimits();
                if (pool.startsWith("gpu")) {
                    assertThat(limits.get("nvidia.com/gpu")).as("%s one GPU per worker", pool)
                            .isEqualTo(new Quantity("1"));
                    assertThat(requests.get("nvidia.com/gpu")).isEqualTo(new Quantity("1"));
                    assertThat(pod.getNodeSelector()).containsEntry("netwright.dev/worker-pool", pool);
                    assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
                } else {
                    assertThat(limits).doesNotContainKey("nvidia.com/gpu");
                    assertThat(requests).doesNotContainKey("nvidia.com/gpu");
                }
            }
        }
        Rendered gpu = renderAll().stream().filter(r -> r.overlay().startsWith("gpu")).findFirst().orElseThrow();
        assertThat(workers(gpu)).extracting(d -> d.getMetadata().getName())
                .contains("netwright-worker-gpu-a100", "netwright-worker-cpu");
    }

    @Test
    void ingressKeepsVaadinSessionsStickyAndLongLivedStreamsOpen() throws Exception {
        for (Rendered r : renderAll()) {
            Ingress ingress = r.all(Ingress.class).get(0);
            Map<String, String> a = ingress.getMetadata().getAnnotations();
            assertThat(a).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                    .containsEntry("nginx.ingress.kubernetes.io/affinity-mode", "persistent")
                    .containsKey("nginx.ingress.kubernetes.io/session-cookie-name")
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
            assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                    .as("SSE and WebSocket connections outlive the default 60 s").isGreaterThanOrEqualTo(3600);
            assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
                    .isGreaterThanOrEqualTo(3600);
            assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                    .getName()).isEqualTo("netwright");
        }
    }

    @Test
    void everyDeploymentHasADisruptionBudgetSelectingItsPods() throws Exception {
        for (Rendered r : renderAll()) {
            for (Deployment d : r.all(Deployment.class)) {
                Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
                List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class).stream()
                        .filter(b -> podLabels.entrySet().containsAll(
                                b.getSpec().getSelector().getMatchLabels().entrySet()))
                        .toList();
                assertThat(budgets).as("%s: a PDB for %s", r.overlay(), d.getMetadata().getName()).hasSize(1);
            }
        }
    }

    @Test
    void kedaScalesEachWorkerPoolOnItsQueueAndGpuPoolsToZero() throws Exception {
        for (Rendered r : renderAll()) {
            List<GenericKubernetesResource> scaled = r.keda("ScaledObject");
            if (r.overlay().endsWith("no-keda")) {
                assertThat(r.objects()).as("%s needs no KEDA", r.overlay())
                        .noneMatch(o -> o.getApiVersion().startsWith("keda.sh/"));
                assertThat(workers(r)).as("fixed pools").allSatisfy(d ->
                        assertThat(d.getSpec().getReplicas()).isPositive());
                continue;
            }
            assertThat(scaled).as("%s: one ScaledObject per worker pool", r.overlay()).hasSize(workers(r).size());
            assertThat(r.keda("TriggerAuthentication")).extracting(t -> t.getMetadata().getName())
                    .containsExactly("netwright-db");
            for (Deployment worker : workers(r)) {
                String pool = worker.getMetadata().getLabels().get("netwright.dev/worker-pool");
                GenericKubernetesResource so = scaled.stream()
                        .filter(s -> worker.getMetadata().getName().equals(
                                s.get("spec", "scaleTargetRef", "name")))
                        .findFirst().orElseThrow(() -> new AssertionError("no ScaledObject scales " + pool));
                assertThat(so.getAdditionalProperties().keySet()).as("ScaledObject top level")
                        .containsOnly("spec");
                Map<String, Object> spec = so.get("spec");
                assertThat(spec.keySet()).isSubsetOf("scaleTargetRef", "minReplicaCount", "maxReplicaCount",
                        "pollingInterval", "cooldownPeriod", "idleReplicaCount", "fallback", "advanced", "triggers");
                List<Map<String, Object>> triggers = so.get("spec", "triggers");
                assertThat(triggers).hasSize(1);
                assertThat(triggers.get(0)).containsEntry("type", "postgresql")
                        .containsEntry("authenticationRef", Map.of("name", "netwright-db"));
                Map<String, Object> metadata = so.get("spec", "triggers", 0, "metadata");
                assertThat(metadata.keySet()).as("KEDA's postgresql trigger settings").isSubsetOf("query",
                        "targetQueryValue", "activationTargetQueryValue", "host", "port", "userName", "dbName",
                        "sslmode", "passwordFromEnv", "connectionFromEnv");
                String query = (String) metadata.get("query");
                assertThat(query).contains("status IN ('QUEUED', 'RUNNING')");
                if (pool.startsWith("gpu")) {
                    assertThat(query).contains("queue IN ('" + pool + "')");
                    assertThat(((Number) spec.get("minReplicaCount")).intValue()).as("GPU pools scale to zero")
                            .isZero();
                } else {
                    assertThat(query).contains("'default'").contains("'cpu'");
                }
                assertThat(((Number) spec.get("maxReplicaCount")).intValue()).isPositive();
            }
        }
    }

    @Test
    void thePostgresqlInTheClusterUsesTheSameSecretAsTheApp() throws Exception {
        for (Rendered r : renderAll()) {
            List<StatefulSet> postgres = r.all(StatefulSet.class);
            if (r.overlay().contains("external")) {
                assertThat(postgres).as("%s runs no database", r.overlay()).isEmpty();
                continue;
            }
            assertThat(postgres).hasSize(1);
            Container db = postgres.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(env(db, "POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("netwright-db");
            assertThat(postgres.get(0).getSpec().getVolumeClaimTemplates()).hasSize(1);
            assertThat(r.all(Service.class)).extracting(s -> s.getMetadata().getName())
                    .contains("netwright-postgres");
        }
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }
}
