package org.biradsrepro.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.Decomposition;
import org.biradsrepro.context.Cpu;
import org.biradsrepro.phantom.PhantomSpec;
import org.biradsrepro.results.RunResult;

/**
 * The miniature's {@value Miniature#SUMMARY}: what it ran on, then per protocol its wall time, the training budget a
 * split actually had, how often early stopping fired, and the decomposition of the paper's gain per backbone on the
 * primary metric, with the verdict the rule gave. Every figure names its source: the protocol's report folder holds
 * the results files, {@code claims.json} and {@code timings.json} it was computed from.
 */
final class MiniatureSummary {

    private MiniatureSummary() {}

    static String markdown(PhantomSpec spec, List<Miniature.ProtocolRun> runs) {
        StringBuilder md = new StringBuilder("# The miniature at the paper's budget\n\n");
        RunResult any = runs.stream().flatMap(r -> r.results().stream()).findFirst().orElseThrow(
                () -> new IllegalStateException("the miniature produced no results"));
        Map<String, String> machine = any.machine();
        md.append(String.format(Locale.ROOT, "Written %s. Machine: %s (%s), %s cores, %s engine threads; %s, %s, DJL %s, "
                        + "commit %s.%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                machine.getOrDefault("cpu", "unknown CPU"), Cpu.ofThisMachine().familyModel().orElse("family/model unknown"),
                machine.getOrDefault("availableProcessors", "?"), machine.getOrDefault("engineThreads", "?"),
                any.versions().getOrDefault("engine", "?"), "Java " + any.versions().getOrDefault("java", "?"),
                any.versions().getOrDefault("djl", "?"), any.versions().getOrDefault("commit", "?")));
        RunResult.DatasetInfo data = any.dataset();
        md.append(String.format(Locale.ROOT, "Data: the miniature (`PhantomSpec.miniature()`, seed %d, %d x %d px), %d images "
                        + "%s, fingerprint `%s`. Settings: profile `%s`, %s epochs at most, batch %s, Adamax %s, early "
                        + "stopping %s on `%s` with patience %s, %s splits, %s trainings a split, seed %s.%n%n",
                spec.seed(), spec.width(), spec.height(), data.images(), data.classCounts(), data.fingerprint(),
                any.config().get("repro.profile"), any.config().get("repro.maxEpochs"), any.config().get("repro.batchSize"),
                any.config().get("repro.learningRate"), any.config().get("repro.earlyStopping"), any.monitor(),
                any.config().get("repro.patience"), any.config().get("repro.splits"), any.config().get("repro.replicates"),
                any.config().get("repro.seed")));
        md.append("Primary metric: ").append(Claims.PRIMARY.label()).append(". Columns: kept != last, the trainings ")
                .append("whose lowest-loss epoch was not the last (Clopper-Pearson 95%); checkpoint effect, kept minus ")
                .append("last of the same training, mean over runs and splits (corrected one-sided 95% bounds); the ")
                .append("run-to-run and split-to-split sd of the last-epoch value; the paper-style cross-run gain, kept ")
                .append("of run 1 minus last of run 2, which is exactly its checkpoint part plus its A/A part; P(gap), ")
                .append("the probability that two 5-split experiments of the same algorithm differ by at least the ")
                .append("paper's gain; share, the checkpoint effect over the paper's gain. The spreads are a lower ")
                .append("bound on the paper's (seeded, deterministic CPU, shared splits).\n");
        for (Miniature.ProtocolRun run : runs) {
            protocol(md, run);
        }
        return md.toString();
    }

    private static void protocol(StringBuilder md, Miniature.ProtocolRun run) {
        List<RunResult> results = run.results();
        int trainings = results.stream().mapToInt(r -> 1 + r.replicates().size()).sum();
        int stopped = results.stream().mapToInt(r -> (r.stoppedEarly() ? 1 : 0)
                + (int) r.replicates().stream().filter(RunResult.Replicate::stoppedEarly).count()).sum();
        int batch = Integer.parseInt(results.get(0).config().get("repro.batchSize"));
        md.append(String.format(Locale.ROOT, "%n## %s (`repro.trainableStages=%d`): %s%n%n", run.protocol().id(),
                run.protocol().trainableStages(), run.protocol().description()));
        md.append(String.format(Locale.ROOT, "Wall time %.0f s (`%s/timings.json`). Per split: %s training images "
                        + "(%s steps an epoch at batch %d), %s test images, BI-RADS 5 in the test side %s. Early stopping "
                        + "fired in %d of %d trainings; epochs trained %s.%n%n", run.wallSeconds(), run.reportDir(),
                range(results, r -> r.dataset().trainSize()),
                range(results, r -> (r.dataset().trainSize() - r.dataset().validationSize() + batch - 1) / batch), batch,
                range(results, r -> r.dataset().testSize()), range(results, r -> r.dataset().testClassCounts().get(5)),
                stopped, trainings, epochRange(results)));
        md.append("| backbone | kept != last | checkpoint effect [95% bounds] | run-to-run sd | split-to-split sd "
                + "| cross-run gain = checkpoint + A/A | paper's gain | P(gap) | share | verdict |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        ClaimsFile.Contents claims = Miniature.claims(run);
        for (Decomposition d : Miniature.primary(results)) {
            String verdict = claims.claims().stream()
                    .filter(v -> v.backbone().equals(d.backbone()) && v.metric().equals(d.metric()))
                    .map(v -> v.verdict().word()).findFirst().orElse("not judged");
            md.append(String.format(Locale.ROOT, "| %s | %d/%d (%.2f-%.2f) | %+.4f [%+.4f, %+.4f] | %.4f | %.4f "
                            + "| %+.4f = %+.4f %+.4f | %+.4f | %s | %s | %s |%n", d.backbone(), d.fired(), d.trainings(),
                    d.firingLower95(), d.firingUpper95(), d.checkpointEffect(), d.checkpointLower95(),
                    d.checkpointUpper95(), d.runToRunSd(), d.splitToSplitSd(), d.crossRunGain(),
                    d.crossRunCheckpointPart(), d.crossRunAaPart(), d.paperGain(), number(d.sameAlgorithmGapP()),
                    number(d.shareExplained()), verdict));
        }
        md.append(String.format(Locale.ROOT, "%nPooled over the backbones: %s. The paper's claim: %s.%n",
                claims.pooled().stream().filter(v -> v.metric().equals(Claims.PRIMARY.key())).findFirst()
                        .map(v -> v.verdict().word()).orElse("not judged"), claims.paper().verdict().word()));
    }

    private static String range(List<RunResult> results, ToIntFunction<RunResult> value) {
        int min = results.stream().mapToInt(value).min().orElse(0);
        int max = results.stream().mapToInt(value).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "-" + max;
    }

    private static String epochRange(List<RunResult> results) {
        IntSummaryStatistics epochs = results.stream().flatMapToInt(r -> IntStream.concat(IntStream.of(r.lastEpoch()),
                r.replicates().stream().mapToInt(RunResult.Replicate::lastEpoch))).summaryStatistics();
        return epochs.getMin() == epochs.getMax() ? Integer.toString(epochs.getMin())
                : epochs.getMin() + "-" + epochs.getMax();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
