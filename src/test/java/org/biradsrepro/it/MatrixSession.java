package org.biradsrepro.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.report.HtmlReport;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one reproduction session of a failsafe run, shared by every integration test class whatever order they run
 * in: opened by the first class that needs it, kept in JUnit's root store, closed when the whole run ends. Runs are
 * memoised by {@link Experiment}, so a class that needs the full matrix (the report) trains only what has not run.
 */
final class MatrixSession implements BeforeAllCallback {

    /** What the root store holds and closes at the end of the run. */
    private record Session(ReproConfig config, Experiment experiment) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            experiment.close();
        }
    }

    private static Session current;

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context);
    }

    private static synchronized void open(ExtensionContext context) {
        current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Session.class, k -> {
            ReproConfig config = Settings.fromSystemProperties(projectDir());
            Experiment experiment = Experiment.open(config, projectDir());
            System.out.printf("Dataset %s: %d images %s, fingerprint %s%n", config.dataset(), experiment.dataset().size(),
                    Arrays.toString(experiment.dataset().classCounts()), experiment.dataset().fingerprint());
            return new Session(config, experiment);
        }, Session.class);
    }

    static synchronized ReproConfig config() {
        return session().config();
    }

    static synchronized Experiment experiment() {
        return session().experiment();
    }

    /** Runs every backbone x split of the configuration not run yet, then writes the report from the results folder. */
    static synchronized Path writeReport() {
        ReproConfig config = config();
        config.backbones().forEach(b -> IntStream.rangeClosed(1, config.splits()).forEach(k -> experiment().run(b, k)));
        return HtmlReport.write(config.reportDir());
    }

    private static Session session() {
        if (current == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(MatrixSession.class)");
        }
        return current;
    }

    static Path projectDir() {
        return Path.of(System.getProperty("repro.projectDir", ".")).toAbsolutePath().normalize();
    }
}
