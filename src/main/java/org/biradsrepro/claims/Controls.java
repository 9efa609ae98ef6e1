package org.biradsrepro.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;

/**
 * The controls' verdicts, from their results files: {@code <report folder>/controls/<id>/*.json} (written by
 * {@code experiment.Experiment#control}), one folder per
 * control, each file a {@link RunResult} whose configuration echo names the control ({@link #ID_KEY}), says what it
 * did ({@link #DESCRIPTION_KEY}) and what verdict it demands ({@link #EXPECT_KEY}). The control is judged on the
 * pooled primary-metric claim, by the same rule as the paper's claims.
 */
public final class Controls {

    /** The folder beside {@code results/} that holds one sub-folder per control. */
    public static final String DIR = "controls";
    /** Configuration echo key: the control's id. */
    public static final String ID_KEY = RunResult.CONTROL_KEY;
    /** Configuration echo key: what the control does. */
    public static final String DESCRIPTION_KEY = RunResult.CONTROL_DESCRIPTION_KEY;
    /** Configuration echo key: {@link #MUST_REPRODUCE} or {@link #MUST_NOT_REPRODUCE}. */
    public static final String EXPECT_KEY = RunResult.CONTROL_EXPECT_KEY;
    public static final String MUST_REPRODUCE = RunResult.CONTROL_MUST_REPRODUCE;
    public static final String MUST_NOT_REPRODUCE = RunResult.CONTROL_MUST_NOT_REPRODUCE;

    private Controls() {}

    /** Judges one control's runs; every run must name the same control and expectation. */
    public static ControlVerdict judge(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a control without runs cannot be judged");
        }
        RunResult first = runs.get(0);
        String id = first.config().get(ID_KEY);
        String expect = first.config().get(EXPECT_KEY);
        for (RunResult r : runs) {
            if (id == null || !id.equals(r.config().get(ID_KEY)) || !expect.equals(r.config().get(EXPECT_KEY))) {
                throw new IllegalArgumentException(r.fileName() + " is not a run of control '" + id + "' (its " + ID_KEY
                        + " is '" + r.config().get(ID_KEY) + "', " + EXPECT_KEY + " '" + r.config().get(EXPECT_KEY) + "')");
            }
        }
        if (!MUST_REPRODUCE.equals(expect) && !MUST_NOT_REPRODUCE.equals(expect)) {
            throw new IllegalArgumentException("control '" + id + "': " + EXPECT_KEY + " must be '" + MUST_REPRODUCE
                    + "' or '" + MUST_NOT_REPRODUCE + "', got '" + expect + "'");
        }
        boolean mustReproduce = MUST_REPRODUCE.equals(expect);
        ClaimVerdict pooled = Claims.pooledPrimary(runs);
        List<ClaimVerdict> perBackbone = Claims.evaluate(runs).stream()
                .filter(v -> v.metric().equals(Claims.PRIMARY.key())).toList();
        boolean reproduced = pooled.verdict() == Verdict.REPRODUCED;
        return new ControlVerdict(id, first.config().getOrDefault(DESCRIPTION_KEY, ""), mustReproduce, pooled,
                perBackbone, reproduced == mustReproduce);
    }

    /** Every control under {@code reportDir/controls}, in folder-name order; none when the folder is absent. */
    public static List<ControlVerdict> read(Path reportDir) {
        Path dir = reportDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ControlVerdict> verdicts = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<RunResult> runs = ResultsFiles.readAll(folder);
                if (!runs.isEmpty()) {
                    verdicts.add(judge(runs));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return verdicts;
    }
}
