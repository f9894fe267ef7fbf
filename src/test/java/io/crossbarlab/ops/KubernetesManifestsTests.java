package io.crossbarlab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossbarlab.app.scheduler.SchedulerSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code ops/k8s}, checked without a cluster: each file is parsed into
 * the fabric8 client's model classes (a field the model does not know, a typo, is an error), the
 * kustomizations list exactly the files there are, and the manifests agree with the service: probe
 * paths, the role of each workload, environment variables that name real settings, the database
 * Secret's keys, the pool size the API pods validate against and the one workers derive from their
 * CPU request, and the KEDA scaler's target. The KEDA query itself runs against PostgreSQL in {@code
 * RoleProcessIntegrationTests}.
 */
public class KubernetesManifestsTests {

    static final Path BASE = Path.of("ops/k8s/base");
    static final Path EXAMPLE = Path.of("ops/k8s/overlays/example");
    static final KubernetesSerialization YAML = new KubernetesSerialization();
    static final Map<String, HasMetadata> BY_NAME = new HashMap<>();
    static final List<HasMetadata> ALL = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        for (String file : resources(BASE)) {
            try (InputStream in = Files.newInputStream(BASE.resolve(file))) {
                HasMetadata r = YAML.unmarshal(in);
                ALL.add(r);
                BY_NAME.put(r.getKind() + "/" + r.getMetadata().getName(), r);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> resources(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("kustomization.yaml"))) {
            Map<String, Object> k = YAML.unmarshal(in, Map.class);
            return (List<String>) k.get("resources");
        }
    }

    @Test
    void theKustomizationsListExactlyTheFilesThereAre() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(BASE)) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(new TreeSet<>(resources(BASE))).isEqualTo(files);
        for (String r : resources(EXAMPLE)) {
            assertThat(EXAMPLE.resolve(r).resolve("kustomization.yaml")).exists();
        }
        assertThat(ALL)
                .extracting(HasMetadata::getKind)
                .contains(
                        "Namespace",
                        "ConfigMap",
                        "Deployment",
                        "StatefulSet",
                        "Service",
                        "PodDisruptionBudget",
                        "ScaledObject",
                        "TriggerAuthentication");
    }

    @Test
    void everyFieldIsOneTheKubernetesModelKnows() throws Exception {
        for (HasMetadata r : ALL) {
            if (r instanceof GenericKubernetesResource) {
                continue; // KEDA's kinds: checked field by field below
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(r, r.getKind(), unknown, new IdentityHashMap<>());
            assertThat(unknown)
                    .as("fields unknown to the model in %s", r.getKind())
                    .isEmpty();
        }
    }

    /** Model objects keep fields they do not know in additionalProperties: there must be none. */
    static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else if (!(o instanceof Quantity)) {
                unknownFields(v, path + "." + m.getName().substring(3), out, seen);
            }
        }
    }

    @Test
    void theApiAndTheWorkersRunTheServiceInTheirRoleWithItsProbesAndTheDatabaseSecret() {
        Deployment api = (Deployment) BY_NAME.get("Deployment/crossbar-api");
        StatefulSet worker = (StatefulSet) BY_NAME.get("StatefulSet/crossbar-worker");
        assertThat(env(container(api.getSpec().getTemplate()))
                        .get("CROSSBAR_ROLE")
                        .getValue())
                .isEqualTo("api");
        assertThat(env(container(worker.getSpec().getTemplate()))
                        .get("CROSSBAR_ROLE")
                        .getValue())
                .isEqualTo("worker");
        assertThat(worker.getSpec().getServiceName()).isEqualTo("crossbar-worker");
        assertThat(BY_NAME).containsKey("Service/crossbar-worker");
        for (PodTemplateSpec t :
                List.of(api.getSpec().getTemplate(), worker.getSpec().getTemplate())) {
            Container c = container(t);
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(c.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8080);
            });
            assertThat(t.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(t.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            // a graceful shutdown (release of running jobs) fits in the grace period
            assertThat(t.getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(45L);
            assertThat(c.getEnvFrom())
                    .anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("crossbar-config"));
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("crossbar-db");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                            .isIn("url", "username", "password", "bootstrap-admin-token");
                }
            }
            assertThat(env(c)).containsKeys("CROSSBAR_DB_URL", "CROSSBAR_DB_USER", "CROSSBAR_DB_PASSWORD");
        }
        assertThat(api.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(api.getSpec().getSelector().getMatchLabels());
        assertThat(worker.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(worker.getSpec().getSelector().getMatchLabels());
        Service apiService = (Service) BY_NAME.get("Service/crossbar-api");
        assertThat(api.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(apiService.getSpec().getSelector());
    }

    @Test
    void everyEnvironmentVariableNamesASettingOfTheService() throws IOException {
        String application = Files.readString(Path.of("src/main/resources/application.yml"));
        Set<String> known = new TreeSet<>();
        for (var component : SchedulerSettings.class.getRecordComponents()) {
            known.add("CROSSBAR_SCHEDULER_" + component.getName().toUpperCase(Locale.ROOT));
        }
        known.addAll(
                List.of("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "JAVA_TOOL_OPTIONS"));
        ConfigMap config = (ConfigMap) BY_NAME.get("ConfigMap/crossbar-config");
        List<String> names = new ArrayList<>(config.getData().keySet());
        for (HasMetadata r : ALL) {
            PodTemplateSpec t = r instanceof Deployment d
                    ? d.getSpec().getTemplate()
                    : r instanceof StatefulSet s ? s.getSpec().getTemplate() : null;
            if (t != null) {
                container(t).getEnv().forEach(e -> names.add(e.getName()));
            }
        }
        for (String name : names) {
            // the service reads these through placeholders of its own (role, node id, database)
            boolean placeholder = application.contains("${" + name + ":");
            assertThat(placeholder || known.contains(name))
                    .as("%s names a setting of the service", name)
                    .isTrue();
        }
    }

    @Test
    void apiPodsValidateAgainstThePoolWorkersDeriveFromTheirCpuAndKedaScalesByIt() throws IOException {
        ConfigMap config = (ConfigMap) BY_NAME.get("ConfigMap/crossbar-config");
        int tiles = Integer.parseInt(config.getData().get("CROSSBAR_SCHEDULER_TILES"));
        StatefulSet worker = (StatefulSet) BY_NAME.get("StatefulSet/crossbar-worker");
        Container c = container(worker.getSpec().getTemplate());
        BigDecimal cpu =
                Quantity.getAmountInBytes(c.getResources().getRequests().get("cpu"));
        EnvVar tilesVar = env(c).get("CROSSBAR_SCHEDULER_TILES");
        BigDecimal divisor = Quantity.getAmountInBytes(
                tilesVar.getValueFrom().getResourceFieldRef().getDivisor());
        assertThat(tilesVar.getValueFrom().getResourceFieldRef().getResource()).isEqualTo("requests.cpu");
        assertThat(cpu.divide(divisor).intValueExact()).isEqualTo(tiles);

        GenericKubernetesResource scaled = (GenericKubernetesResource) BY_NAME.get("ScaledObject/crossbar-worker");
        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        Map<String, Object> spec = scaled.get("spec");
        assertThat(scaled.<String>get("spec", "scaleTargetRef", "kind")).isEqualTo("StatefulSet");
        assertThat(scaled.<String>get("spec", "scaleTargetRef", "name")).isEqualTo("crossbar-worker");
        assertThat(spec).containsKeys("minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod");
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = triggers.get(0);
        assertThat(trigger.get("type")).isEqualTo("postgresql");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) trigger.get("metadata");
        assertThat(meta.keySet()).containsExactlyInAnyOrder("query", "targetQueryValue", "activationTargetQueryValue");
        assertThat(Integer.parseInt((String) meta.get("targetQueryValue"))).isEqualTo(tiles);
        @SuppressWarnings("unchecked")
        String authName = (String) ((Map<String, Object>) trigger.get("authenticationRef")).get("name");
        GenericKubernetesResource auth = (GenericKubernetesResource) BY_NAME.get("TriggerAuthentication/" + authName);
        List<Map<String, Object>> refs = auth.get("spec", "secretTargetRef");
        assertThat(refs).singleElement().satisfies(r -> {
            assertThat(r.get("parameter")).isEqualTo("connection");
            assertThat(r.get("name")).isEqualTo("crossbar-db");
        });
        // the example Secret has every key the manifests read
        Set<String> keys = Files.readAllLines(EXAMPLE.resolve("db.env.example")).stream()
                .filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(keys).containsExactlyInAnyOrder("url", "username", "password", "bootstrap-admin-token", (String)
                refs.get(0).get("key"));
    }

    /** The KEDA trigger's query, for the test that runs it against PostgreSQL. */
    public static String kedaQuery() throws IOException {
        try (InputStream in = Files.newInputStream(BASE.resolve("worker-scaledobject.yaml"))) {
            GenericKubernetesResource scaled = YAML.unmarshal(in);
            List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) triggers.get(0).get("metadata");
            return (String) meta.get("query");
        }
    }

    static Container container(PodTemplateSpec t) {
        assertThat(t.getSpec().getContainers()).hasSize(1);
        return t.getSpec().getContainers().get(0);
    }

    static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }
}
