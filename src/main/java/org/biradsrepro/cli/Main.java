package org.biradsrepro.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.MultiplyAdds;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.experiment.ShardPlan;
import org.biradsrepro.config.ProgressMode;
import org.biradsrepro.phantom.PaperPhantoms;
import org.biradsrepro.phantom.PhantomGenerator;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageClock;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.results.Timings;
import org.biradsrepro.pretrain.FixturePretraining;
import org.biradsrepro.pretrain.FixtureWeights;
import org.biradsrepro.phantom.PhantomSpec;
import org.biradsrepro.progress.Console;
import org.biradsrepro.report.ConsoleSummary;
import org.biradsrepro.report.HtmlReport;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.ResultsMerge;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.TrainingDivergedException;

/** {@code ./mvnw -q exec:java -Dexec.args="COMMAND [ARGS]"}; settings come as {@code -Drepro.*} system properties. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        Path projectDir = projectDir();
        try {
            switch (command) {
                case "run" -> runExperiment(Settings.fromSystemProperties(projectDir), projectDir, out, err);
                case "miniature" -> miniature(rest, projectDir, out, err);
                case "report" -> {
                    Path reportDir = rest.isEmpty() ? Settings.fromSystemProperties(projectDir).reportDir()
                            : Path.of(rest.get(0));
                    ClaimsFile.write(reportDir);
                    out.println("Wrote " + HtmlReport.write(reportDir));
                }
                case "describe" -> describe(rest, projectDir, out);
                case "merge" -> {
                    return merge(rest, out, err);
                }
                case "shards" -> shards(rest, projectDir, out);
                case "generate-fixtures" -> {
                    Path dir = rest.isEmpty() ? projectDir.resolve(PhantomGenerator.FIXTURE_DIR) : Path.of(rest.get(0));
                    out.println("Wrote " + PhantomGenerator.writeDataset(PhantomSpec.fixture(), dir).size() + " images to " + dir);
                }
                case "generate-miniature" -> {
                    Path dir = rest.isEmpty() ? projectDir.resolve(PhantomGenerator.MINIATURE_DIR) : Path.of(rest.get(0));
                    out.println("Wrote " + PhantomGenerator.writeDataset(PhantomSpec.miniature(), dir).size() + " images to " + dir);
                }
                case "generate-paper-phantoms" -> {
                    Path dir = rest.isEmpty() ? projectDir.resolve(PAPER_PHANTOMS_DIR) : Path.of(rest.get(0));
                    generatePaperPhantoms(dir, Settings.fromSystemProperties(projectDir).progress(), out, err);
                }
                case "pretrain-fixtures" -> pretrainFixtures(rest, projectDir, out);
                case "settings" -> {
                    if (rest.contains("--markdown")) {
                        out.print(Settings.markdownTable());
                    } else {
                        Settings.listing().forEach(out::println);
                    }
                }
                case "help", "--help", "-h" -> out.println(USAGE);
                default -> {
                    err.println("Unknown command '" + command + "'.\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (DatasetException | TrainingDivergedException | IllegalArgumentException e) {
            err.println("birads-repro: " + e.getMessage());
            return 2;
        }
    }

    /** Where {@code generate-paper-phantoms} writes by default: under target/, so that it is never committed. */
    static final String PAPER_PHANTOMS_DIR = "target/paper-phantoms";

    private static void generatePaperPhantoms(Path dir, ProgressMode mode, PrintStream out, PrintStream err) {
        PhantomSpec drawing = PhantomSpec.paperDrawing();
        long start = System.nanoTime();
        List<Path> files;
        try (Progress.Stage stage = ProgressDisplay.of(mode, err).start(StageKind.GENERATE, "paper-sized set", drawing.total())) {
            files = PaperPhantoms.write(drawing, dir, done -> stage.advance(1));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = files.stream().mapToLong(f -> f.toFile().length()).sum();
        out.printf(Locale.ROOT, "Wrote %d images (%d x %d JPEG, %.1f MB) to %s in %.1f s%n", files.size(),
                PaperPhantoms.width(drawing), PaperPhantoms.height(drawing), bytes / 1e6, dir, seconds);
    }

    /** {@code miniature [--top-stage-backbones ID,ID] [DATA_DIR]}. */
    private static void miniature(List<String> args, Path projectDir, PrintStream out, PrintStream err) {
        List<String> given = new java.util.ArrayList<>(args);
        String topStage = option(given, "--top-stage-backbones");
        Path data = given.isEmpty() ? projectDir.resolve(PhantomGenerator.MINIATURE_DIR) : Path.of(given.get(0));
        Miniature.run(Settings.fromSystemProperties(projectDir), topStage == null ? List.of()
                : Arrays.stream(topStage.split(",")).map(String::trim).toList(), projectDir, data,
                projectDir.resolve(Miniature.REPORT_DIR), out, err);
    }

    /** {@code run}: every cell of the configuration, then the page, the claims and the timings; returns the timings. */
    static Timings runExperiment(ReproConfig config, Path projectDir, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        StageClock clock = new StageClock();
        Progress progress = Progress.all(ProgressDisplay.of(config.progress(), err), clock);
        try (Experiment experiment = Experiment.open(config, projectDir, Experiment.startEngine(config), progress,
                Console.printingTo(err))) {
            out.println("Dataset " + config.dataset() + ": " + experiment.dataset().size() + " images "
                    + Arrays.toString(experiment.dataset().classCounts()) + ", fingerprint " + experiment.dataset().fingerprint());
            if (!config.shard().whole()) {
                out.println("Shard " + config.shard().id() + ": " + experiment.cells().size() + " cells " + experiment.cells());
            }
            for (Cell cell : experiment.cells()) {
                out.println(ConsoleSummary.line(experiment.run(cell.backbone(), cell.split()).result()));
            }
            Path page;
            try (Progress.Stage report = progress.start(StageKind.REPORT, "", 0)) {
                ClaimsFile.write(config.reportDir());
                page = HtmlReport.write(config.reportDir());
            }
            Timings timings = RunTimings.of(clock, (System.nanoTime() - start) / 1e9, config, experiment);
            Timings.write(config.reportDir(), timings);
            HtmlReport.write(config.reportDir()); // once more, so that the page shows the timings of this run
            out.println("Wrote " + page);
            out.println(ConsoleSummary.claims(ClaimsFile.read(config.reportDir().resolve(ClaimsFile.FILE_NAME))));
            RunTimings.summary(timings).forEach(out::println);
            return timings;
        }
    }

    /**
     * {@code merge OUT DIR...}: checks that the results folders belong together ({@link ResultsMerge}), copies them
     * into {@code OUT/results}, and builds {@code OUT/index.html} and {@code OUT/claims.json} from the whole. With
     * {@code repro.claims=enforce} a paper's gain ruled out after Holm's adjustment makes the exit status 1 (a CI gate).
     */
    private static int merge(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("merge needs OUT and at least one results folder: merge OUT DIR1 DIR2 ...");
        }
        Path outDir = Path.of(args.get(0));
        ResultsMerge.Merged merged = ResultsMerge.merge(args.subList(1, args.size()).stream().map(Path::of).toList());
        ResultsMerge.copy(merged, outDir.resolve("results"));
        out.println("Merged " + merged.runs().size() + " results files from " + (args.size() - 1) + " folders into "
                + outDir.resolve("results"));
        ClaimsFile.write(outDir);
        out.println("Wrote " + HtmlReport.write(outDir));
        ClaimsFile.Contents claims = ClaimsFile.read(outDir.resolve(ClaimsFile.FILE_NAME));
        out.println(ConsoleSummary.claims(claims));
        ClaimsMode mode = ClaimsMode.parse(System.getProperty(Settings.CLAIMS.key(), Settings.CLAIMS.defaultValue()));
        List<String> failing = new java.util.ArrayList<>(claims.claims().stream().filter(v -> Claims.failsBuild(mode, v))
                .map(v -> v.backbone() + " · " + v.metricLabel()).toList());
        if (Claims.failsBuild(mode, claims.paper().verdict())) {
            failing.add("the paper's claim");
        }
        if (!failing.isEmpty()) {
            err.println("birads-repro: repro.claims=enforce: the paper's gain ruled out (after Holm's adjustment): "
                    + String.join(", ", failing));
            return 1;
        }
        return 0;
    }

    /** {@code pretrain-fixtures [--out DIR] [--every-epoch] [--epochs N] [--per-kind TRAIN,HELDOUT] [ID ...]}. */
    private static void pretrainFixtures(List<String> args, Path projectDir, PrintStream out) {
        List<String> given = new java.util.ArrayList<>(args);
        String outDir = option(given, "--out");
        boolean everyEpoch = given.remove("--every-epoch");
        FixturePretraining.Recipe recipe = FixturePretraining.Recipe.DEFAULT;
        String epochs = option(given, "--epochs");
        if (epochs != null) {
            recipe = recipe.withEpochs(positive("--epochs", epochs));
        }
        String perKind = option(given, "--per-kind");
        if (perKind != null) {
            String[] counts = perKind.split(",", -1);
            if (counts.length != 2) {
                throw new IllegalArgumentException("pretrain-fixtures: --per-kind takes TRAIN,HELDOUT (source images "
                        + "per kind), not '" + perKind + "'");
            }
            recipe = recipe.withImages(positive("--per-kind", counts[0]), positive("--per-kind", counts[1]));
        }
        if (outDir == null && (everyEpoch || !recipe.equals(FixturePretraining.Recipe.DEFAULT))) {
            throw new IllegalArgumentException("pretrain-fixtures: " + FixtureWeights.DIR + " holds what the default "
                    + "recipe produces, nothing else (the regeneration test checks it); write another recipe's files "
                    + "or every epoch's elsewhere with --out DIR");
        }
        Path dir = outDir == null ? projectDir.resolve(FixtureWeights.DIR) : Path.of(outDir);
        List<String> ids = given.isEmpty() ? BackboneRegistry.builtIds() : given;
        FixtureWeights.writeAll(dir, ids, recipe, everyEpoch, FixtureWeights.startEngine(), out);
        out.println("Wrote " + ids.size() + " backbones' weights to " + dir);
    }

    /** Removes {@code name VALUE} from {@code args} and returns VALUE, or null when the option is absent. */
    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size() || args.get(at + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least 1, not '" + value + "'");
    }

    /** {@code shards N}: the plan of the configured cells cut into N shards, with each shard's expected cost. */
    private static void shards(List<String> args, Path projectDir, PrintStream out) {
        ReproConfig config = Settings.fromSystemProperties(projectDir);
        int count;
        try {
            count = args.isEmpty() ? config.shard().count() : Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shards takes a shard count, not '" + args.get(0) + "'");
        }
        if (count < 1) {
            throw new IllegalArgumentException("shards takes a shard count of at least 1, not " + count);
        }
        ShardPlan plan = ShardPlan.of(config, count, Experiment.startEngine(config));
        plan.costPerImage().forEach((id, macs) -> out.printf(Locale.ROOT, "%-14s %,.3f GMAC per image at %d px%n",
                id, macs / 1e9, config.imageSize()));
        for (ShardPlan.Part p : plan.parts()) {
            out.printf(Locale.ROOT, "shard %-7s %,10.3f GMAC per image  %s%n", p.shard().id(), p.cost() / 1e9, p.cells());
        }
    }

    /**
     * One tab-separated line per backbone, like Keras' model summary in one line: id, params with a 1000-class top,
     * params as used (frozen part + 6-way head), feature width, default input size, multiply-adds per image at that
     * size with the 1000-class top (as the architectures were published). Given ids, each line is followed
     * by the layer table of that backbone.
     */
    private static void describe(List<String> ids, Path projectDir, PrintStream out) {
        Experiment.startEngine(Settings.fromSystemProperties(projectDir)); // the counts need networks, not its threads
        boolean fullSize = !"fixture".equals(System.getProperty("repro.profile"));
        for (String id : ids.isEmpty() ? BackboneRegistry.builtIds() : ids) {
            Backbone reference = BackboneRegistry.build(id, fullSize);
            Backbone used = BackboneRegistry.build(id, fullSize);
            int size = reference.defaultInputSize();
            Shape input = new Shape(1, 3, size, size);
            try (NDManager m = NDManager.newBaseManager()) {
                Block withTop = reference.withClassifier(1000);
                long asUsed = count(TransferNetwork.of(used, 0, BiradsCategory.COUNT).endToEnd(), m, input);
                long params = count(withTop, m, input);
                out.println(String.join("\t", id, Long.toString(params), Long.toString(asUsed),
                        Integer.toString(reference.featureWidth()), Integer.toString(size),
                        Long.toString(MultiplyAdds.of(withTop).total())));
                if (!ids.isEmpty()) {
                    LayerTable.print(withTop, out);
                }
            }
        }
    }

    /** Total values of every parameter, BatchNorm running statistics included, as Keras' model.summary() counts. */
    public static long count(Block block, NDManager manager, Shape input) {
        Initialization.initialize(block, manager, input, 0);
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    static Path projectDir() {
        String p = System.getProperty("repro.projectDir");
        return Path.of(p == null ? "." : p).toAbsolutePath().normalize();
    }

    private static final String USAGE = """
            Usage: ./mvnw -q exec:java -Dexec.args="COMMAND" [-Drepro.SETTING=VALUE ...]
              run                  train and evaluate every backbone x split, write results/*.json, claims.json and index.html
              report [REPORT_DIR]  rebuild claims.json and index.html from REPORT_DIR/results/*.json alone
                                   (default: repro.reportDir)
              describe [ID ...]    one line per backbone: id, params with 1000-class top, params as used,
                                   feature width, default input size, multiply-adds per image (-Drepro.profile=fixture for the small variants);
                                   with IDs, each backbone's layer table follows its line
              generate-fixtures [DIR]  regenerate the synthetic phantom dataset (default fixtures/birads-phantoms)
              miniature [--top-stage-backbones ID,ID] [DATA_DIR]  the miniature at the paper's budget: generate it
                                   (default target/miniature-phantoms) unless there, run each pre-declared protocol
                                   (head-only; top-stage, on the backbones given, default all: about 20 minutes a
                                   backbone) into reports/miniature/<protocol>/, write reports/miniature/summary.md
              generate-miniature [DIR]  write the miniature at the paper's budget: 2,881 images in the paper's class
                                   counts at fixture scale, 128 x 160 PNG (default target/miniature-phantoms)
              generate-paper-phantoms [DIR]  write the paper-sized phantom set: 2,881 images in the paper's class
                                   counts, 1024 x 1280 JPEG (default target/paper-phantoms; not committed)
              pretrain-fixtures [--out DIR] [--every-epoch] [--epochs N] [--per-kind TRAIN,HELDOUT] [ID ...]
                                   (through exec:exec@pretrain-fixtures) pretrain the fixture-scale backbones on the source
                                   task (kind of finding) and write fixtures/backbone-weights/ (default: all six);
                                   --every-epoch also writes each earlier epoch's files into DIR/epoch-N/; --epochs and
                                   --per-kind change the recipe (then --out is required)
              shards N             the backbone x split cells cut into N shards (repro.shard=i/N), with expected costs
              merge OUT DIR ...    check that results folders (shards, machines) belong together, name missing cells
                                   and conflicting duplicates, and build OUT/results, OUT/index.html, OUT/claims.json
                                   (-Drepro.claims=enforce: exit status 1 on a paper's gain ruled out)
              settings [--markdown]  list the repro.* settings and their defaults (--markdown: the README's table)
            """;
}
