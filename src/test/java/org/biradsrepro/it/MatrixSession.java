package org.biradsrepro.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.config.IncompatibleResultsPolicy;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.experiment.ShardPlan;
import org.biradsrepro.report.HtmlReport;
import org.biradsrepro.progress.Console;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.RunResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one reproduction session that every failsafe class shares, whichever runs first: opened once per test run
 * (finished runs of the same origin in the results folder reused, others deleted: see {@link #config()}), closed
 * by JUnit when the run ends, since it lives in the root context's store. Runs are memoised by the {@link Experiment}, so a backbone x split trains once however many classes ask
 * for it. Declare {@code @ExtendWith(MatrixSession.class)} and take an {@link Experiment} parameter.
 */
public final class MatrixSession implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MatrixSession.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Experiment.class;
    }

    @Override
    public Experiment resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Experiment.class, k -> open(), Experiment.class);
    }

    /**
     * The settings of this test run, from the {@code repro.*} system properties; {@code repro.onIncompatibleResults}
     * is {@code restart} unless given. verify's results folder is a build output that every verify rewrites, often
     * with other settings or after a commit changed a default: a folder of other inputs must neither stop the build
     * nor feed it. Finished runs of the same inputs, code and machine are still reused (a killed verify resumes),
     * and those of other code are computed again whatever the setting.
     */
    static ReproConfig config() {
        ReproConfig given = Settings.fromSystemProperties(projectDir());
        String chosen = System.getProperty(Settings.ON_INCOMPATIBLE_RESULTS.key());
        return chosen != null && !chosen.isBlank() ? given
                : given.toBuilder().onIncompatibleResults(IncompatibleResultsPolicy.RESTART).build();
    }

    /**
     * Every backbone x split of the session's shard ({@code repro.shard}; all of them by default), trained on first
     * request, in the configuration's order of backbones, then splits.
     */
    static List<RunResult> allRuns(Experiment experiment) {
        return experiment.cells().stream().map(c -> experiment.run(c.backbone(), c.split()).result()).toList();
    }

    /** The cells of this test run's shard, before the session opens (the same plan the session will follow). */
    static List<Cell> cells() {
        ReproConfig c = config();
        return ShardPlan.of(c, Experiment.startEngine(c)).cellsOf(c.shard());
    }

    /**
     * Runs every backbone x split not run yet, and on a whole session every control of it, then writes the claims
     * ({@code claims.json}) and the report from the report folder alone, as the {@code run} command ends.
     */
    static Path writeReport(Experiment experiment) {
        allRuns(experiment);
        if (experiment.config().shard().whole()) {
            for (org.biradsrepro.experiment.Control control : org.biradsrepro.experiment.Control.values()) {
                experiment.cells().forEach(c -> experiment.control(control, c.backbone(), c.split()));
            }
        }
        ClaimsFile.write(experiment.config().reportDir());
        return HtmlReport.write(experiment.config().reportDir());
    }

    static Path projectDir() {
        return Path.of(System.getProperty("repro.projectDir", ".")).toAbsolutePath().normalize();
    }

    private static Experiment open() {
        ReproConfig config = config();
        Experiment experiment = Experiment.open(config, projectDir(), Experiment.startEngine(config), Progress.NONE,
                Console.printingTo(System.err));
        System.out.printf("Dataset %s: %d images %s, fingerprint %s; %d finished runs reused%n", config.dataset(),
                experiment.dataset().size(), Arrays.toString(experiment.dataset().classCounts()),
                experiment.dataset().fingerprint(), experiment.reusedRuns());
        if (!config.shard().whole()) {
            System.out.printf("Shard %s: the matrix and the claims judge its %d cells alone: %s%n", config.shard().id(),
                    experiment.cells().size(), experiment.cells());
        }
        return experiment;
    }
}
