package org.biradsrepro.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.BadImagePolicy;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.Monitor;
import org.biradsrepro.config.Pairing;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.context.RunContext;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.data.layout.DatasetScanner;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.data.split.StratifiedSplitter;
import org.biradsrepro.results.Cell;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.FeatureStore;
import org.biradsrepro.train.FiniteFeatures;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.NativeEngine;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Protocol;
import org.biradsrepro.train.SampleSource;
import org.biradsrepro.train.Samples;

/**
 * One reproduction session over a dataset: checks that every image decodes, draws the splits once, and trains each
 * backbone x split once (memoised), so that the baseline and the improved test cases of a split share one run.
 *
 * <p>Memory. With the feature cache on (the default) the session holds no decoded images: each backbone's feature
 * pass decodes and scales one batch of {@link #EXTRACT_BATCH} images at a time (a decode cache hit is a read) and
 * keeps only the frozen part's output, so what grows with the dataset is the features alone (a pooled vector per
 * image with the head alone training; the stage boundary's feature maps with {@code repro.trainableStages} above 0).
 * Without it ({@code repro.featureCache=false}) every epoch needs every image, so the session holds them all:
 * 3 x size x size floats per image, and a second copy for each input scaling that changes values (caffe,
 * [-1, 1]), e.g. 1.3 MB per image and copy at 331 px.
 * With {@code repro.pairing=independent} the baseline comes from a second training of the same split with its
 * own seeds ({@link Seeds#BASELINE_RUN_HEAD}, {@link Seeds#BASELINE_RUN_SHUFFLE}); the improved variant is the
 * same as when paired.
 *
 * <p>A session resumes: finished runs already in its results folder are reused when their settings, dataset,
 * starting weights, code and machine match ({@link FinishedRuns}), so a run killed at any moment and started again
 * ends with the results an uninterrupted run gives (timestamps and timings apart, {@link RunResult}).
 */
public final class Experiment implements AutoCloseable {

    /**
     * A finished backbone x split: its results file contents and, when this session trained it, the raw outcomes
     * for checks the file does not carry. A run reused from an earlier session's results file has its result alone.
     */
    public record Run(RunResult result, Optional<Trained> trained) {

        /**
         * The trainings behind a result: {@code outcome} gave the improved variant, {@code baselineOutcome} the
         * baseline: the same object when paired, a separate run when independent.
         */
        public record Trained(PairedTraining.Outcome outcome, PairedTraining.Outcome baselineOutcome) {}

        /** Whether the result was read back from an earlier session's results file rather than trained in this one. */
        public boolean reused() {
            return trained.isEmpty();
        }
    }

    /**
     * Images per batch of the frozen-feature pass at fixture scale, {@code repro.featureBatch}'s fixture default
     * (FeatureCacheEquivalenceTest sizes its dataset against it).
     */
    static final int EXTRACT_BATCH = 32;
    /** The same on a GPU, where a larger batch keeps it busy (inference mode holds no activations for backward). */
    static final int EXTRACT_BATCH_GPU = 128;

    private final ReproConfig config;
    private final Dataset dataset;
    /** The preprocessing of one file, through the decode cache when it is on. */
    private final Function<Path, float[]> decode;
    /** Every decoded image, only without the feature cache (null with it: images are streamed instead). */
    private final Samples images;
    private final List<Split> splits;
    private final NDManager manager;
    private final FeatureCache cache = new FeatureCache();
    private final FeatureStore featureStore;
    /** What computes the frozen part's output besides the network: engine, threads, CPU, code (a feature key part). */
    private final String computedBy;
    private final AtomicInteger largestImageBatch = new AtomicInteger();
    private final Map<InputScaling, Samples> scaled = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** The controls' results by control and cell; apart from {@link #runs}, whose computations they call. */
    private final Map<String, RunResult> controls = new ConcurrentHashMap<>();
    /** The controls whose folder this session has cleared of an earlier session's files. */
    private final Set<Control> clearedControls = EnumSet.noneOf(Control.class);
    private final Set<String> checkedEndToEnd = ConcurrentHashMap.newKeySet();
    private final Map<String, StartingWeights> startingWeights;
    private final Map<String, String> versions;
    private final Map<String, String> machine;
    private final List<Cell> cells;
    private final int reusedRuns;
    private final Progress progress;

    private Experiment(ReproConfig config, Decoded decoded, List<Split> splits, NativeEngine.State engine,
                       Map<String, StartingWeights> startingWeights, Map<String, String> versions,
                       Map<String, String> machine, Map<String, RunResult> reused, Device device, List<Cell> cells,
                       Progress progress) {
        this.config = config;
        this.progress = progress;
        this.startingWeights = Map.copyOf(startingWeights);
        this.dataset = decoded.dataset();
        this.decode = decoded.decode();
        this.images = decoded.images();
        this.splits = List.copyOf(splits);
        this.manager = NDManager.newBaseManager(device);
        this.cells = List.copyOf(cells);
        this.versions = versions;
        this.machine = machine;
        reused.forEach((key, result) -> runs.put(key, new Run(result, Optional.empty())));
        this.reusedRuns = reused.size();
        Optional<Path> featureDir = config.featureCacheDir().filter(d -> config.featureCache());
        this.featureStore = featureDir.map(d -> FeatureStore.inFolder(d, message -> System.err.println("birads-repro: " + message)))
                .orElseGet(FeatureStore::none);
        // Kernels differ between devices, engine versions, thread counts and CPUs, and so may the last bits of a
        // feature; features on disk are never served to another machine or to changed code.
        this.computedBy = featureDir.isEmpty() ? "this session" : FeatureComputation.computedBy(versions, machine);
    }

    /**
     * Validates everything that can be validated before training: backbone ids, the dataset's layout, every
     * image's decoding (all bad files are listed, not only the first), the splits; and decides what to do with the
     * finished runs already in the results folder ({@link FinishedRuns}): reuse them, stop, or compute them again.
     * With the feature cache on, the decoded images are not kept (see the class comment on memory).
     */
    public static Experiment open(ReproConfig config, Path projectDir) {
        return open(config, projectDir, Progress.NONE);
    }

    /** As {@link #open(ReproConfig, Path)}, reporting every stage of the session to {@code progress}. */
    public static Experiment open(ReproConfig config, Path projectDir, Progress progress) {
        // This process's cells: all of them, or its shard's. A shard owns only its own cells' files, so shards may
        // share one results folder (a Kubernetes volume) without reading, reusing or deleting each other's.
        List<Cell> cells = ShardPlan.of(config).cellsOf(config.shard());
        Set<String> ownFiles = cells.stream().map(Cell::fileName).collect(Collectors.toSet());
        // First, before any work: finished runs of other settings stop the run here, not after the weights and decoding.
        FinishedRuns finished = FinishedRuns.read(config.reportDir().resolve("results"),
                config.shard().whole() ? name -> true : ownFiles::contains);
        finished.checkSettings(settingsOf(config), config.onIncompatibleResults());
        Map<String, StartingWeights> weights = new LinkedHashMap<>();
        for (String id : config.backbones()) {
            Backbone b = buildBackbone(config, id);
            if (config.imageSize() < b.minInputSize()) {
                throw new InvalidSettingException("repro.imageSize", Integer.toString(config.imageSize()),
                        "at least " + b.minInputSize() + " for " + b.variant() + ", whose reductions leave nothing of a smaller image");
            }
            // Before any work: a missing or damaged weight file stops the run here, not after hours of others.
            weights.put(id, StartingWeights.resolve(config, projectDir, b));
        }
        NativeEngine.State engine = NativeEngine.start(config.threads());
        Device device = Devices.resolve(config.device()); // before any work: repro.device=gpu without a GPU stops here
        if (!engine.honoured()) {
            System.err.println("birads-repro: " + engine.note() + "; the results record " + engine.threads() + ".");
        }
        if (!engine.arenaNote().isEmpty()) {
            System.err.println("birads-repro: " + engine.arenaNote());
        }
        Dataset scanned;
        try (Progress.Stage scan = progress.start(StageKind.SCAN, "", 0)) {
            scanned = DatasetScanner.scan(config.dataset(), config.datasetLayout());
            scan.advance(scanned.size());
        }
        Decoded decoded;
        try (Progress.Stage decode = progress.start(StageKind.DECODE, "", scanned.size())) {
            decoded = decodeAll(scanned, config, decode);
        }
        Dataset dataset = decoded.dataset();
        // Drawn after decoding, so that with repro.onBadImage=skip the splits see only the images left.
        List<Split> splits = config.officialSplit() ? List.of(DatasetSplits.official(dataset))
                : DatasetSplits.draw(dataset, config.testFraction(), config.seed(), config.splits());
        // Read once per session: neither the checkout nor the machine changes between runs.
        RunContext context = Provenance.context(settingsOf(config), projectDir, engine, device, config.shard());
        Map<String, String> versions = context.versions().toMap();
        Map<String, String> machine = context.machine().toMap();
        // A folder holds the runs of one origin: earlier runs that match are reused, others never merge in.
        Map<String, RunResult> reused = finished.resume(backbone -> new RunOrigin(context.settings(), dataset.fingerprint(),
                weights.containsKey(backbone) ? weights.get(backbone).describe() : Map.of(), versions, machine),
                config.onIncompatibleResults(), System.err);
        return new Experiment(config, decoded, splits, engine, weights, versions, machine, reused, device, cells,
                progress);
    }

    /**
     * The dataset narrowed to the images that decoded (the bad ones listed as skipped), how a file is decoded, and
     * the decoded images where they are kept (only without the feature cache; else null).
     */
    private record Decoded(Dataset dataset, Function<Path, float[]> decode, Samples images) {}

    /**
     * Decodes every image (through the decode cache when it is on), keeping the values only without the feature
     * cache. Every bad file is collected with its reason; with {@code repro.onBadImage=fail} they stop the run
     * together, with {@code skip} they leave the dataset.
     */
    private static Decoded decodeAll(Dataset dataset, ReproConfig config, Progress.Stage stage) {
        ImagePreprocessor pre = new ImagePreprocessor(config.imageSize(), config.maxImagePixels());
        DecodeCache decodeCache = config.decodeCache().map(DecodeCache::new).orElse(null);
        Function<Path, float[]> decode = decodeCache == null ? pre::load : file -> decodeCache.load(file, pre);
        boolean keep = !config.featureCache();
        float[][] decoded = new float[dataset.size()][];
        boolean[] ok = new boolean[dataset.size()];
        SkippedFile[] failed = new SkippedFile[dataset.size()];
        // Images are independent: decode them on all cores; each lands at its own index, so order is unchanged.
        // Unkept, an image's values are garbage as soon as it has decoded: the check holds a few images at a time.
        IntStream.range(0, dataset.size()).parallel().forEach(i -> {
            LabeledImage image = dataset.images().get(i);
            try {
                float[] values = decode.apply(image.path());
                decoded[i] = keep ? values : null;
                ok[i] = true;
            } catch (DatasetException e) {
                failed[i] = new SkippedFile(image.id(), e.getMessage());
            }
            stage.advance(1);
        });
        int usable = (int) IntStream.range(0, ok.length).filter(i -> ok[i]).count();
        // Files the layout lists but that cannot be read at all count as bad images too, under the same policy.
        List<SkippedFile> bad = new ArrayList<>(dataset.unusable());
        Arrays.stream(failed).filter(Objects::nonNull).forEach(bad::add);
        String summary = bad.size() + " of " + (dataset.size() + dataset.unusable().size()) + " images in " + dataset.root().toAbsolutePath()
                + " cannot be used";
        if (!bad.isEmpty() && (config.onBadImage() == BadImagePolicy.FAIL || usable == 0)) {
            throw new DatasetException(summary + "; nothing was trained"
                    + (usable == 0 ? "" : " (repro.onBadImage=skip would leave them out, listed in the results)")
                    + ":\n  " + String.join("\n  ", bad.stream().map(b -> b.id() + ": " + b.reason()).toList()));
        }
        Dataset used = bad.isEmpty() ? dataset : dataset.without(bad);
        Samples images = keep ? new Samples(Arrays.stream(decoded).filter(Objects::nonNull).toArray(float[][]::new),
                imageShape(config), used.labels()) : null;
        return new Decoded(used, decode, images);
    }

    /** One preprocessed image: channels first, the configured size. */
    private static Shape imageShape(ReproConfig config) {
        return new Shape(ImagePreprocessor.CHANNELS, config.imageSize(), config.imageSize());
    }

    public ReproConfig config() {
        return config;
    }

    public Dataset dataset() {
        return dataset;
    }

    public List<Split> splits() {
        return splits;
    }

    /** What the results say of a backbone's starting weights: source, file, SHA-256, how they were made. */
    public Map<String, String> weightsOf(String backboneId) {
        StartingWeights w = startingWeights.get(backboneId);
        if (w == null) {
            throw new IllegalArgumentException("backbone " + backboneId + " is not part of this session " + config.backbones());
        }
        return w.describe();
    }

    /** How many runs this session took from an earlier session's results files instead of training them. */
    public int reusedRuns() {
        return reusedRuns;
    }

    /**
     * How many times the frozen part's output was assembled for the whole dataset: once per backbone when the cache
     * is on (from forward passes, or from the feature cache on disk: see {@link #featureBatchesComputed()}).
     */
    public int featureExtractions() {
        return cache.computations();
    }

    /** The backbone x split cells of this session's shard ({@code repro.shard}), in run order: all of them by default. */
    public List<Cell> cells() {
        return cells;
    }

    /** The machine as the results record it (CPU model, cores, engine threads, heap, operating system). */
    public Map<String, String> machine() {
        return machine;
    }

    /** The versions the results record (suite, commit, DJL, engine, Java). */
    public Map<String, String> versions() {
        return versions;
    }

    /** Batches of the feature pass that ran through the frozen part; 0 when every one came from disk. */
    public int featureBatchesComputed() {
        return featureStore.computedBatches();
    }

    /** Batches of the feature pass read from the feature cache on disk ({@code repro.featureCacheDir}). */
    public int featureBatchesFromDisk() {
        return featureStore.storedBatchesRead();
    }

    /** Feature cache entries on disk found damaged, reported and computed again. */
    public int damagedFeatureEntries() {
        return featureStore.damagedEntries();
    }

    /**
     * Float values of decoded images this session holds now, each array counted once: 0 with the feature cache
     * (images are streamed), every image and its scaled copies without it.
     */
    long heldImageValues() {
        Set<float[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        if (images != null) {
            arrays.addAll(Arrays.asList(images.rows()));
        }
        scaled.values().forEach(s -> arrays.addAll(Arrays.asList(s.rows())));
        return arrays.stream().mapToLong(a -> a.length).sum();
    }

    /** The most images a feature pass of this session held decoded at once. */
    int largestImageBatch() {
        return largestImageBatch.get();
    }

    public Path resultsDir() {
        return config.reportDir().resolve("results");
    }

    /**
     * The run for a backbone and a 1-based split, training it the first time it is asked for, unless an earlier
     * session of the same origin finished it (then its results file is the run, untouched).
     */
    public Run run(String backbone, int splitIndex) {
        if (splitIndex < 1 || splitIndex > splits.size()) {
            throw new IllegalArgumentException("split " + splitIndex + " out of 1.." + splits.size());
        }
        return runs.computeIfAbsent(runKey(backbone, splitIndex), k -> train(backbone, splits.get(splitIndex - 1)));
    }

    /** The memo key of a backbone x split. */
    static String runKey(String backbone, int splitIndex) {
        return backbone + "#" + splitIndex;
    }

    private Run train(String backboneId, Split split) {
        Sides sides = sides(split);
        String label = "split " + split.index();
        TrainedRun improvedRun = trainMain(backboneId, split, sides, Protocol.of(config), label);
        // Run 2 is independent pairing's baseline run and the first replicate alike: trained once for both.
        TrainedRun second = config.pairing() == Pairing.PAIRED && config.replicates() < 2 ? null
                : trainSecond(backboneId, split, sides, label);
        TrainedRun baselineRun = config.pairing() == Pairing.PAIRED ? improvedRun : second;
        List<TrainedRun> further = new ArrayList<>();
        for (int run = 2; run <= config.replicates(); run++) {
            further.add(run == 2 ? second : trainOnce(backboneId, split, sides.train(), sides.validation(),
                    Seeds.derive(config.seed(), Seeds.headOf(run), split.index()),
                    Seeds.derive(config.seed(), Seeds.shuffleOf(run), split.index()), Protocol.of(config),
                    label + " · run " + run));
        }
        RunResult result;
        try (Progress.Stage evaluation = progress.start(StageKind.EVALUATION, backboneId, split.test().length)) {
            List<RunResult.Replicate> replicates = new ArrayList<>();
            for (int i = 0; i < further.size(); i++) {
                replicates.add(RunResults.replicate(i + 2, dataset, split, further.get(i)));
            }
            result = RunResults.of(this, improvedRun, baselineRun, split, sides.train().length,
                    sides.validation().length, versions, machine, now()).withReplicates(replicates);
            ResultsFiles.write(resultsDir(), result);
            evaluation.advance(split.test().length);
        }
        return new Run(result, Optional.of(new Run.Trained(improvedRun.outcome(), baselineRun.outcome())));
    }

    /** What a split trains on and, with {@code repro.monitor=val_loss}, what it validates on (training side only). */
    private record Sides(int[] train, int[] validation) {}

    private Sides sides(Split split) {
        if (config.monitor() == Monitor.VAL_LOSS) {
            int[][] carved = carveValidation(split.train(), split.index());
            return new Sides(carved[0], carved[1]);
        }
        return new Sides(split.train(), new int[0]);
    }

    /** The matrix's training of a split (the improved variant's run), under {@code protocol}: its seeds. */
    private TrainedRun trainMain(String backboneId, Split split, Sides sides, Protocol protocol, String label) {
        return trainOnce(backboneId, split, sides.train(), sides.validation(),
                Seeds.derive(config.seed(), Seeds.HEAD, split.index()),
                Seeds.derive(config.seed(), Seeds.SHUFFLE, split.index()), protocol, label);
    }

    /** The separate second run of a split, independent pairing's baseline: its own head and shuffling seeds. */
    private TrainedRun trainSecond(String backboneId, Split split, Sides sides, String label) {
        return trainOnce(backboneId, split, sides.train(), sides.validation(),
                Seeds.derive(config.seed(), Seeds.BASELINE_RUN_HEAD, split.index()),
                Seeds.derive(config.seed(), Seeds.BASELINE_RUN_SHUFFLE, split.index()), Protocol.of(config), label);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Where a control's results files go: {@code reportDir/controls/<id>/}, never among the paper's runs. */
    public Path controlDir(Control control) {
        return config.reportDir().resolve("controls").resolve(control.id());
    }

    /**
     * A control's result for a backbone and a 1-based split ({@link Control}), computed the first time it is asked
     * for in this session and written to {@link #controlDir}; the folder's files from an earlier session are
     * deleted before this session's first (those of this session's cells alone, when it is a shard). Its
     * configuration echo names the control ({@link RunResult#CONTROL_KEY}) and what it changed, so it can never
     * pass for a paper run. The test side is the split's, untouched.
     * <ul>
     *   <li>{@link Control#NOISY_END}: the matrix's paired training of the cell (same sides, features, seeds and
     *       protocol) with early stopping off and its final epochs perturbed ({@link Control#perturbation});
     *       baseline its last-epoch weights, improved its lowest-loss ones, as in the matrix.</li>
     *   <li>{@link Control#AA}: improved is the last-epoch variant of {@link #run}'s training (taken from the
     *       matrix's result when paired; not trained again), baseline the last epoch of a second training with
     *       independent pairing's seeds (the matrix's own second run when {@code repro.pairing=independent}),
     *       pairing {@code independent}, and the kept epoch the first run's last.</li>
     * </ul>
     */
    public RunResult control(Control control, String backbone, int splitIndex) {
        if (splitIndex < 1 || splitIndex > splits.size()) {
            throw new IllegalArgumentException("split " + splitIndex + " out of 1.." + splits.size());
        }
        if (!startingWeights.containsKey(backbone)) {
            throw new IllegalArgumentException("backbone " + backbone + " is not part of this session " + config.backbones());
        }
        return controls.computeIfAbsent(control.id() + "/" + runKey(backbone, splitIndex), k -> {
            clearOnce(control);
            Split split = splits.get(splitIndex - 1);
            RunResult result = control == Control.NOISY_END ? noisyEnd(backbone, split) : aa(backbone, split);
            ResultsFiles.write(controlDir(control), result);
            return result;
        });
    }

    /** Deletes what an earlier session left in a control's folder, once, before this session writes there. */
    private void clearOnce(Control control) {
        synchronized (clearedControls) {
            if (clearedControls.isEmpty() && config.shard().whole()) {
                deleteRetiredControls();
            }
            if (clearedControls.add(control)) {
                Path dir = controlDir(control);
                Set<String> own = cells.stream().map(Cell::fileName).collect(Collectors.toSet());
                Predicate<String> owned = config.shard().whole() ? name -> true : own::contains;
                ResultsFiles.deletePartial(dir, owned);
                ResultsFiles.runFiles(dir).stream().filter(f -> owned.test(f.getFileName().toString()))
                        .forEach(Experiment::delete);
            }
        }
    }

    /**
     * Deletes the folders of controls this code no longer defines (an earlier design's, e.g. {@code lr-spike}): the
     * page judges every folder under {@code controls/}, and a retired control's verdict would read as current.
     */
    private void deleteRetiredControls() {
        Path root = config.reportDir().resolve("controls");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                if (Control.byId(folder.getFileName().toString()).isEmpty()) {
                    ResultsFiles.runFiles(folder).forEach(Experiment::delete);
                    ResultsFiles.deletePartial(folder, name -> true);
                    try (java.util.stream.Stream<Path> rest = Files.list(folder)) {
                        if (rest.findAny().isEmpty()) {
                            Files.delete(folder);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear retired controls in " + root.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete an earlier session's control file " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private RunResult noisyEnd(String backboneId, Split split) {
        Sides sides = sides(split);
        Protocol protocol = Protocol.of(config).withoutEarlyStopping().with(Control.NOISY_END.perturbation());
        TrainedRun perturbed = trainMain(backboneId, split, sides, protocol,
                Control.NOISY_END.id() + " · split " + split.index());
        try (Progress.Stage evaluation = progress.start(StageKind.EVALUATION, backboneId, split.test().length)) {
            RunResult result = RunResults.of(this, perturbed, perturbed, split, sides.train().length,
                    sides.validation().length, controlSettings(Control.NOISY_END,
                            "early stopping off; " + protocol.perturbation().describe(protocol.maxEpochs())),
                    versions, machine, now());
            evaluation.advance(split.test().length);
            return result;
        }
    }

    private RunResult aa(String backboneId, Split split) {
        Run main = run(backboneId, split.index());
        RunResult r = main.result();
        String label = Control.AA.id() + " · split " + split.index();
        RunResult.Variant first;
        RunResult.Variant second;
        RunResult.BaselineRun secondRun;
        if (r.isPaired() && !r.replicates().isEmpty()) {
            // The first replicate is the second run, with the same seeds: its last epoch, not trained again.
            first = r.variants().get(RunResult.BASELINE);
            RunResult.Replicate two = r.replicates().get(0);
            second = two.variants().get(RunResult.BASELINE);
            secondRun = new RunResult.BaselineRun(two.headSeed(), two.shuffleSeed(), two.history(), two.bestEpoch(),
                    two.lastEpoch(), two.stoppedEarly());
        } else if (r.isPaired()) {
            // The matrix's baseline is the first run's last epoch, whether trained now or read from its file.
            first = r.variants().get(RunResult.BASELINE);
            TrainedRun again = trainSecond(backboneId, split, sides(split), label);
            second = RunResults.lastEpoch(dataset, split, again.outcome());
            secondRun = RunResults.separateRun(again);
        } else {
            // Independent pairing already has the second run: the matrix's baseline. The first run's last epoch is
            // not in the results file; a run reused from one is trained again, the same seeds giving the same run.
            PairedTraining.Outcome o = main.trained().map(Run.Trained::outcome)
                    .orElseGet(() -> trainMain(backboneId, split, sides(split), Protocol.of(config), label).outcome());
            first = RunResults.lastEpoch(dataset, split, o);
            second = r.variants().get(RunResult.BASELINE);
            secondRun = r.baselineRun();
        }
        try (Progress.Stage evaluation = progress.start(StageKind.EVALUATION, backboneId, split.test().length)) {
            RunResult result = RunResults.aa(r, first, second, secondRun, controlSettings(Control.AA,
                    "improved: the last epoch of the matrix run (head and shuffle seeds '" + Seeds.HEAD + "', '"
                            + Seeds.SHUFFLE + "'); baseline: the last epoch of a second run ('" + Seeds.BASELINE_RUN_HEAD
                            + "', '" + Seeds.BASELINE_RUN_SHUFFLE + "'); no kept epoch"), now());
            evaluation.advance(split.test().length);
            return result;
        }
    }

    /** The session's settings echo, with the control's id and what it did to the runs it compares. */
    private Map<String, String> controlSettings(Control control, String what) {
        Map<String, String> m = new LinkedHashMap<>(settings());
        m.put(RunResult.CONTROL_KEY, control.id());
        m.put(RunResult.CONTROL_DESCRIPTION_KEY, control.description());
        m.put(RunResult.CONTROL_EXPECT_KEY, control.mustBeReproduced() ? RunResult.CONTROL_MUST_REPRODUCE
                : RunResult.CONTROL_MUST_NOT_REPRODUCE);
        m.put("control", what);
        return m;
    }

    /** A fresh backbone as the configuration names it: size from the profile, variant from its setting if it has one. */
    static Backbone buildBackbone(ReproConfig config, String id) {
        return config.variantOf(id)
                .map(variant -> BackboneRegistry.build(id, variant, config.fullSizeBackbones()))
                .orElseGet(() -> BackboneRegistry.build(id, config.fullSizeBackbones()));
    }

    /** One training run of a fresh network: what it produced, and the seeds that made it differ from others. */
    record TrainedRun(Backbone backbone, TransferNetwork net, PairedTraining.Outcome outcome, long headSeed,
                    long shuffleSeed) {}

    private TrainedRun trainOnce(String backboneId, Split split, int[] trainIdx, int[] validationIdx, long headSeed,
                               long shuffleSeed, Protocol protocol, String label) {
        Backbone backbone = buildBackbone(config, backboneId);
        TransferNetwork net = TransferNetwork.of(backbone, config.trainableStages(), BiradsCategory.COUNT);
        Shape[] oneImage = {new Shape(1).addAll(imageShape(config))};
        StartingWeights start = startingWeights.get(backboneId);
        try (NDManager runManager = manager.newSubManager()) {
            // The whole network exists for the run, both parts initialised and frozen where they must be: the
            // weight loader checks every layer's shape against the file, and nothing holds closed arrays.
            Initialization.initialize(net.frozen(), runManager, oneImage, Seeds.derive(config.seed(), Seeds.FROZEN, 0));
            net.frozen().freezeParameters(true);
            // One array per image, or two where a family passes two feature maps between stages.
            Shape[] frozenOut = net.frozen().getOutputShapes(oneImage);
            Initialization.initialize(net.trainable(), runManager, frozenOut, headSeed);
            start.loadInto(backbone, net.trainable()); // the trainable stages start pretrained too; the head stays new
            FrozenSource frozen = config.featureCache() ? cachedFeatures(backbone, net, start, runManager)
                    : throughFrozenPart(backbone, net, scaled.computeIfAbsent(backbone.scaling(), this::scale), start,
                            runManager);
            List<Parameter> watched = net.trainable().getParameters().values();
            Samples samples = frozen.samples();
            PairedTraining.Outcome outcome;
            try (Progress.Stage training = progress.start(StageKind.TRAINING, backboneId,
                    (long) trainIdx.length * protocol.maxEpochs())) {
                outcome = PairedTraining.run(frozen.trained(), watched, samples.subset(trainIdx),
                        validationIdx.length == 0 ? null : samples.subset(validationIdx), samples.subset(split.test()),
                        protocol, shuffleSeed, runManager, (epoch, maxEpochs, epochImages) -> {
                            training.status(String.format(Locale.ROOT, "%s · epoch %d/%d · loss %.4f",
                                    label, epoch.epoch(), maxEpochs, epoch.trainLoss()));
                            training.advance(epochImages);
                        });
            }
            return new TrainedRun(backbone, net, outcome, headSeed, shuffleSeed);
        }
    }

    /**
     * What a run trains on and what it trains: the frozen part's cached output and the trainable part, or the images
     * and the whole network (the frozen part in inference mode). Either way the frozen part has been loaded with the
     * starting weights and its output checked for non-finite values before training.
     */
    private record FrozenSource(Samples samples, Block trained) {}

    /**
     * The frozen part's output, computed once per backbone, weights and input, from images streamed a batch at a
     * time; later runs reuse it, and batches on disk from an earlier session are read instead of computed.
     */
    private FrozenSource cachedFeatures(Backbone backbone, TransferNetwork net, StartingWeights start,
                                        NDManager runManager) {
        FeatureCache.Key key = new FeatureCache.Key(backbone.variant(), config.fullSizeBackbones(),
                Seeds.derive(config.seed(), Seeds.FROZEN, 0), config.trainableStages(),
                new ImagePreprocessor(config.imageSize(), config.maxImagePixels()).settingsKey(),
                backbone.scaling().name(), start.describe(), computedBy, dataset.fingerprint());
        Samples features = cache.get(key, () -> {
            start.loadInto(backbone, net.frozen());
            ImageStream input = new ImageStream(dataset.images().stream().map(LabeledImage::path).toList(),
                    dataset.labels(), decode, config.imageSize(), backbone.scaling());
            try (NDManager m = runManager.newSubManager()) {
                return checkedFeatures(backbone, net.frozen(), input,
                        featureStore.batches(key.computation(), dataset.contentHashes()), m);
            } finally {
                largestImageBatch.accumulateAndGet(input.largestBatch(), Math::max);
            }
        });
        return new FrozenSource(features, net.trainable());
    }

    /** The images through the frozen part every epoch; its output is checked once per backbone, before the first. */
    private FrozenSource throughFrozenPart(Backbone backbone, TransferNetwork net, Samples input, StartingWeights start,
                                           NDManager runManager) {
        start.loadInto(backbone, net.frozen());
        if (checkedEndToEnd.add(backbone.variant())) {
            try (NDManager m = runManager.newSubManager()) {
                checkedFeatures(backbone, net.frozen(), input, FeatureCache.StoredBatches.NONE, m);
            }
        }
        return new FrozenSource(input, net.endToEnd());
    }

    /** The frozen part's output for every image, refused when any of it is NaN or infinite. */
    private Samples checkedFeatures(Backbone backbone, Block frozen, SampleSource input,
                                    FeatureCache.StoredBatches stored, NDManager m) {
        Samples features;
        try (Progress.Stage pass = progress.start(StageKind.FEATURES, backbone.id(), input.size())) {
            features = FeatureCache.extract(frozen, input, m,
                    m.getDevice().isGpu() ? EXTRACT_BATCH_GPU : config.featureBatch(), stored, pass::advance);
        }
        FiniteFeatures.check(backbone.variant(), features, dataset.images().stream().map(LabeledImage::id).toList(),
                frozen, input, m);
        return features;
    }

    /** Splits the training side once more, stratified, for val_loss; the test side is never used to steer training. */
    private int[][] carveValidation(int[] trainIdx, int splitIndex) {
        int[] labels = Arrays.stream(trainIdx).map(i -> dataset.images().get(i).label()).toArray();
        // Grouped like the test split, so that no patient is on both sides of the validation split either.
        Split inner = StratifiedSplitter.split(labels, DatasetSplits.groupsOf(dataset, trainIdx),
                config.validationFraction(), Seeds.derive(config.seed(), Seeds.VALIDATION, splitIndex), 1).get(0);
        return new int[][] {
            Arrays.stream(inner.train()).map(i -> trainIdx[i]).toArray(),
            Arrays.stream(inner.test()).map(i -> trainIdx[i]).toArray()
        };
    }

    /** The kept images as a backbone takes them; a scaling that changes nothing shares the decoded rows. */
    private Samples scale(InputScaling scaling) {
        if (scaling == InputScaling.NONE) {
            return images;
        }
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = scaling.scale(images.rows()[i]);
        }
        return new Samples(rows, images.itemShapes(), images.labels());
    }

    /**
     * The settings as {@code repro.*} keys and values, every recorded row of {@link Settings}' table (the backbone
     * weights among them), and the two choices that are not settings: enough to rerun.
     */
    public Map<String, String> settings() {
        return settingsOf(config);
    }

    private static Map<String, String> settingsOf(ReproConfig config) {
        Map<String, String> m = new LinkedHashMap<>(Settings.recorded(config));
        m.put("optimizer", "Adamax(beta1=0.9, beta2=0.999, epsilon=1e-7)");
        m.put("loss", "sparse categorical cross-entropy on softmax");
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
