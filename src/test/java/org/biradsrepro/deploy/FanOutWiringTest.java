package org.biradsrepro.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.biradsrepro.config.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The fan-out engines' wiring, checked without running them: the reproduction workflow
 * ({@code .github/workflows/reproduce.yml}) and the Kubernetes Jobs ({@code deploy/k8s}) are parsed, and the shell
 * that turns a matrix entry or a completion index into {@code repro.shard} is executed for every shard, so that
 * the shards they start are exactly 1/n..n/n, and the merge reads what the shards wrote.
 */
class FanOutWiringTest {

    private static final Path PROJECT = Path.of(System.getProperty("repro.projectDir", ".")).toAbsolutePath();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
        Yaml yaml = new Yaml(new LoaderOptions());
        List<Map<String, Object>> docs = new ArrayList<>();
        StreamSupport.stream(yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8)).spliterator(), false)
                .forEach(d -> docs.add(map(d)));
        return docs;
    }

    /** Runs a shell script with extra environment variables; returns its standard output. */
    private static String sh(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Map<String, Object> step(Map<String, Object> job, String usesOrNamePrefix) {
        return list(job.get("steps")).stream().map(FanOutWiringTest::map)
                .filter(s -> String.valueOf(s.get("uses")).startsWith(usesOrNamePrefix)
                        || String.valueOf(s.get("name")).startsWith(usesOrNamePrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + usesOrNamePrefix + " in " + job.get("steps")));
    }

    private static List<Map<String, Object>> steps(Map<String, Object> job, String uses) {
        return list(job.get("steps")).stream().map(FanOutWiringTest::map)
                .filter(s -> String.valueOf(s.get("uses")).startsWith(uses)).toList();
    }

    @Test
    void workflowStartsOneJobPerShardAndMergesThemAll(@TempDir Path tmp) throws Exception {
        Map<String, Object> wf = yamlDocuments(PROJECT.resolve(".github/workflows/reproduce.yml")).get(0);
        // YAML 1.1 reads the key "on" as true.
        Map<String, Object> on = map(wf.containsKey("on") ? wf.get("on") : wf.get(true));
        assertThat(map(map(on.get("workflow_dispatch")).get("inputs")))
                .containsKeys("dataset", "profile", "splits", "backbones", "shards", "gate");
        Map<String, Object> jobs = map(wf.get("jobs"));
        Map<String, Object> plan = map(jobs.get("plan"));
        Map<String, Object> shard = map(jobs.get("shard"));
        Map<String, Object> merge = map(jobs.get("merge"));

        // The plan step's own script, run for several shard counts, lists exactly 1..n (and refuses nonsense).
        String planScript = (String) step(plan, "Shard numbers").get("run");
        for (int n : new int[] {1, 4, 7}) {
            Path output = tmp.resolve("output-" + n);
            sh(planScript, Map.of("SHARDS", Integer.toString(n), "GITHUB_OUTPUT", output.toString()));
            assertThat(Files.readString(output).trim()).isEqualTo("list=" + IntStream.rangeClosed(1, n).boxed().toList()
                    .toString().replace(" ", ""));
        }
        ProcessBuilder refused = new ProcessBuilder("bash", "-c", planScript);
        refused.environment().putAll(Map.of("SHARDS", "0", "GITHUB_OUTPUT", tmp.resolve("x").toString()));
        assertThat(refused.start().waitFor()).isNotZero();
        assertThat(map(plan.get("outputs")).get("shards")).isEqualTo("${{ steps.shards.outputs.list }}");

        // The matrix takes the plan's list; each entry becomes repro.shard=<entry>/<shards>.
        assertThat(shard.get("needs")).isEqualTo("plan");
        assertThat(map(map(shard.get("strategy")).get("matrix")).get("shard"))
                .isEqualTo("${{ fromJSON(needs.plan.outputs.shards) }}");
        Map<String, Object> run = step(shard, "Run shard");
        assertThat(map(run.get("env")).get("SHARD")).isEqualTo("${{ matrix.shard }}");
        assertThat((String) run.get("run")).contains("-Drepro.shard=$SHARD/$SHARDS")
                .contains("-Drepro.reportDir=reports/shard-$SHARD").contains("exec:java -Dexec.args=run");
        assertThat(map(wf.get("env")).get("SHARDS")).isEqualTo("${{ inputs.shards }}");
        // Maven repository, decode and feature caches cached; results uploaded under a name unique to run, attempt and shard.
        assertThat(steps(shard, "actions/cache@")).extracting(s -> map(s.get("with")).get("path"))
                .containsExactlyInAnyOrder("~/.m2/repository", "target/decode-cache", "target/feature-cache");
        Map<String, Object> upload = map(step(shard, "actions/upload-artifact@").get("with"));
        String artifact = (String) upload.get("name");
        assertThat(artifact).contains("${{ github.run_id }}").contains("${{ github.run_attempt }}").contains("${{ matrix.shard }}");
        assertThat(upload.get("path")).isEqualTo("reports/shard-${{ matrix.shard }}/results/");

        // The merge waits for every shard, downloads every shard's artifact into its own folder, and gates on request.
        assertThat(merge.get("needs")).isEqualTo("shard");
        Map<String, Object> download = map(step(merge, "actions/download-artifact@").get("with"));
        String pattern = (String) download.get("pattern");
        assertThat(pattern).endsWith("*");
        assertThat(artifact).startsWith(pattern.substring(0, pattern.length() - 1));
        assertThat(download).doesNotContainKey("merge-multiple");
        Map<String, Object> mergeStep = step(merge, "Merge");
        assertThat((String) mergeStep.get("run")).contains("-Dexec.args=merge reports/merged $(echo " + download.get("path") + "/*)")
                .contains("-Drepro.claims=$CLAIMS");
        assertThat(map(mergeStep.get("env")).get("CLAIMS")).isEqualTo("${{ inputs.gate && 'enforce' || 'report' }}");
        assertThat(String.valueOf(map(step(merge, "actions/upload-artifact@").get("with")).get("path")))
                .contains("reports/merged/index.html").contains("reports/merged/claims.json");
    }

    @Test
    void indexedJobMakesShardsOneToNOnTheVolumeTheMergeJobReads() throws Exception {
        Map<String, Object> job = yamlDocuments(PROJECT.resolve("deploy/k8s/shards-job.yaml")).get(0);
        Map<String, Object> mergeJob = yamlDocuments(PROJECT.resolve("deploy/k8s/merge-job.yaml")).get(0);
        List<Map<String, Object>> volumes = yamlDocuments(PROJECT.resolve("deploy/k8s/volumes.yaml"));

        assertThat(job.get("kind")).isEqualTo("Job");
        Map<String, Object> spec = map(job.get("spec"));
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        Map<String, String> env = new LinkedHashMap<>();
        list(container.get("env")).forEach(e -> env.put((String) map(e).get("name"), String.valueOf(map(e).get("value"))));
        int shards = Integer.parseInt(env.get("SHARDS"));
        assertThat(spec.get("completions")).isEqualTo(shards);
        assertThat((int) spec.get("parallelism")).isBetween(1, shards);

        // The container's own command, with java replaced by printf, for every index Kubernetes hands out (0-based).
        assertThat(container.get("command")).isEqualTo(List.of("/bin/sh", "-c"));
        String script = (String) list(container.get("args")).get(0);
        assertThat(script).startsWith("exec java ");
        List<Shard> started = new ArrayList<>();
        List<String> reportDirs = new ArrayList<>();
        for (int index = 0; index < shards; index++) {
            Map<String, String> vars = new LinkedHashMap<>(env);
            vars.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            String args = sh(script.replaceFirst("^exec java ", "printf '%s\\\\n' "), vars);
            started.add(Shard.parse(property(args, "repro.shard")));
            reportDirs.add(property(args, "repro.reportDir"));
            assertThat(args).contains("org.biradsrepro.cli.Main").contains("\nrun");
        }
        assertThat(started).containsExactlyElementsOf(IntStream.rangeClosed(1, shards).mapToObj(i -> new Shard(i, shards)).toList());
        assertThat(reportDirs).doesNotHaveDuplicates().allSatisfy(d -> assertThat(d).startsWith("/results/shard-"));

        // The merge Job mounts the same claim at the same place and reads every shard's folder.
        Map<String, Object> mergePod = map(map(map(mergeJob.get("spec")).get("template")).get("spec"));
        Map<String, Object> mergeContainer = map(list(mergePod.get("containers")).get(0));
        assertThat(claimAt(mergePod, mergeContainer, "/results")).isEqualTo(claimAt(pod, container, "/results"))
                .isEqualTo("birads-results");
        assertThat((String) list(mergeContainer.get("args")).get(0)).contains("Main merge /results/merged /results/shard-*");
        assertThat(mergeContainer.get("image")).isEqualTo(container.get("image")).isEqualTo("birads-repro:" + projectVersion());
        // Every claim the Jobs use is declared.
        List<String> declared = volumes.stream().filter(d -> "PersistentVolumeClaim".equals(d.get("kind")))
                .map(d -> (String) map(d.get("metadata")).get("name")).toList();
        assertThat(declared).contains("birads-results", "birads-data", "birads-weights");
        // Several pods write results at once: the results claim must allow it.
        assertThat(volumes.stream().filter(d -> "birads-results".equals(map(d.get("metadata")).get("name")))
                .map(d -> map(d.get("spec")).get("accessModes")).toList()).containsExactly(List.of("ReadWriteMany"));
    }

    /** The claim mounted at {@code mountPath} in the pod. */
    private static String claimAt(Map<String, Object> pod, Map<String, Object> container, String mountPath) {
        String volume = list(container.get("volumeMounts")).stream().map(FanOutWiringTest::map)
                .filter(m -> mountPath.equals(m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst().orElseThrow();
        return list(pod.get("volumes")).stream().map(FanOutWiringTest::map).filter(v -> volume.equals(v.get("name")))
                .map(v -> (String) map(v.get("persistentVolumeClaim")).get("claimName")).findFirst().orElseThrow();
    }

    private static String property(String args, String key) {
        Matcher m = Pattern.compile("(?m)^-D" + Pattern.quote(key) + "=(.*)$").matcher(args);
        assertThat(m.find()).as("%s in %s", key, args).isTrue();
        return m.group(1);
    }

    private static String projectVersion() throws IOException {
        try (InputStream in = FanOutWiringTest.class.getResourceAsStream("/birads-repro.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
