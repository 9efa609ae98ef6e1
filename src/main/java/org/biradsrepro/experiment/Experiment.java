package org.biradsrepro.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
import org.biradsrepro.train.FiniteFeatures;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.NativeEngine;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Protocol;
import org.biradsrepro.train.Samples;

/**
 * One reproduction session over a dataset: decodes it once, draws the splits once, and trains each
 * backbone x split once (memoised), so that the baseline and the improved test cases of a split share one run.
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

    /** Images per batch of the frozen-feature pass (FeatureCacheEquivalenceTest sizes its dataset against it). */
    static final int EXTRACT_BATCH = 32;
    /** The same on a GPU, where a larger batch keeps it busy (inference mode holds no activations for backward). */
    static final int EXTRACT_BATCH_GPU = 128;

    private final ReproConfig config;
    private final Dataset dataset;
    private final Samples images;
    private final List<Split> splits;
    private final NDManager manager;
    private final FeatureCache cache = new FeatureCache();
    private final Map<InputScaling, Samples> scaled = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Set<String> checkedEndToEnd = ConcurrentHashMap.newKeySet();
    private final Map<String, StartingWeights> startingWeights;
    private final Map<String, String> versions;
    private final Map<String, String> machine;
    private final List<Cell> cells;
    private final int reusedRuns;
    private final Progress progress;

    private Experiment(ReproConfig config, Dataset dataset, Samples images, List<Split> splits,
                       Map<String, StartingWeights> startingWeights, Map<String, String> versions,
                       Map<String, String> machine, Map<String, RunResult> reused, Device device, List<Cell> cells,
                       Progress progress) {
        this.config = config;
        this.progress = progress;
        this.startingWeights = Map.copyOf(startingWeights);
        this.dataset = dataset;
        this.images = images;
        this.splits = List.copyOf(splits);
        this.manager = NDManager.newBaseManager(device);
        this.cells = List.copyOf(cells);
        this.versions = versions;
        this.machine = machine;
        reused.forEach((key, result) -> runs.put(key, new Run(result, Optional.empty())));
        this.reusedRuns = reused.size();
    }

    /**
     * Validates everything that can be validated before training: backbone ids, the dataset's layout, every
     * image's decoding (all bad files are listed, not only the first), the splits; and decides what to do with the
     * finished runs already in the results folder ({@link FinishedRuns}): reuse them, stop, or compute them again.
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
        Samples images = decoded.images();
        // Drawn after decoding, so that with repro.onBadImage=skip the splits see only the images left.
        List<Split> splits = config.officialSplit() ? List.of(DatasetSplits.official(dataset))
                : DatasetSplits.draw(dataset, config.testFraction(), config.seed(), config.splits());
        // Read once per session: neither the checkout nor the machine changes between runs.
        Map<String, String> versions = Provenance.versions(projectDir);
        Map<String, String> machine = Provenance.machine(engine, device, config.shard());
        // A folder holds the runs of one origin: earlier runs that match are reused, others never merge in.
        Map<String, RunResult> reused = finished.resume(backbone -> new RunOrigin(settingsOf(config), dataset.fingerprint(),
                weights.containsKey(backbone) ? weights.get(backbone).describe() : Map.of(), versions, machine),
                config.onIncompatibleResults(), System.err);
        return new Experiment(config, dataset, images, splits, weights, versions, machine, reused, device, cells,
                progress);
    }

    /** The images that decoded, and the dataset narrowed to them (the bad ones listed as skipped). */
    private record Decoded(Dataset dataset, Samples images) {}

    /**
     * Decodes every image (through the decode cache when it is on). Every bad file is collected with its reason;
     * with {@code repro.onBadImage=fail} they stop the run together, with {@code skip} they leave the dataset.
     */
    private static Decoded decodeAll(Dataset dataset, ReproConfig config, Progress.Stage stage) {
        ImagePreprocessor pre = new ImagePreprocessor(config.imageSize(), config.maxImagePixels());
        DecodeCache decodeCache = config.decodeCache().map(DecodeCache::new).orElse(null);
        float[][] decoded = new float[dataset.size()][];
        SkippedFile[] failed = new SkippedFile[dataset.size()];
        // Images are independent: decode them on all cores; each lands at its own index, so order is unchanged.
        IntStream.range(0, dataset.size()).parallel().forEach(i -> {
            LabeledImage image = dataset.images().get(i);
            try {
                decoded[i] = decodeCache == null ? pre.load(image.path()) : decodeCache.load(image.path(), pre);
            } catch (DatasetException e) {
                failed[i] = new SkippedFile(image.id(), e.getMessage());
            }
            stage.advance(1);
        });
        List<float[]> rows = Arrays.stream(decoded).filter(Objects::nonNull).toList();
        // Files the layout lists but that cannot be read at all count as bad images too, under the same policy.
        List<SkippedFile> bad = new ArrayList<>(dataset.unusable());
        Arrays.stream(failed).filter(Objects::nonNull).forEach(bad::add);
        String summary = bad.size() + " of " + (dataset.size() + dataset.unusable().size()) + " images in " + dataset.root().toAbsolutePath()
                + " cannot be used";
        if (!bad.isEmpty() && (config.onBadImage() == BadImagePolicy.FAIL || rows.isEmpty())) {
            throw new DatasetException(summary + "; nothing was trained"
                    + (rows.isEmpty() ? "" : " (repro.onBadImage=skip would leave them out, listed in the results)")
                    + ":\n  " + String.join("\n  ", bad.stream().map(b -> b.id() + ": " + b.reason()).toList()));
        }
        Dataset used = bad.isEmpty() ? dataset : dataset.without(bad);
        Shape shape = new Shape(ImagePreprocessor.CHANNELS, pre.size(), pre.size());
        return new Decoded(used, new Samples(rows.toArray(float[][]::new), shape, used.labels()));
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

    /** How many times the frozen part ran over the whole dataset: once per backbone when the cache is on. */
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
        int[] trainIdx = split.train();
        int[] validationIdx = new int[0];
        if (config.monitor() == Monitor.VAL_LOSS) {
            int[][] carved = carveValidation(trainIdx, split.index());
            trainIdx = carved[0];
            validationIdx = carved[1];
        }
        TrainedRun improvedRun = trainOnce(backboneId, split, trainIdx, validationIdx,
                Seeds.derive(config.seed(), Seeds.HEAD, split.index()),
                Seeds.derive(config.seed(), Seeds.SHUFFLE, split.index()));
        TrainedRun baselineRun = config.pairing() == Pairing.PAIRED ? improvedRun
                : trainOnce(backboneId, split, trainIdx, validationIdx,
                        Seeds.derive(config.seed(), Seeds.BASELINE_RUN_HEAD, split.index()),
                        Seeds.derive(config.seed(), Seeds.BASELINE_RUN_SHUFFLE, split.index()));
        RunResult result;
        try (Progress.Stage evaluation = progress.start(StageKind.EVALUATION, backboneId, split.test().length)) {
            result = RunResults.of(this, improvedRun, baselineRun, split, trainIdx.length, validationIdx.length,
                    versions, machine, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ResultsFiles.write(resultsDir(), result);
            evaluation.advance(split.test().length);
        }
        return new Run(result, Optional.of(new Run.Trained(improvedRun.outcome(), baselineRun.outcome())));
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
                               long shuffleSeed) {
        Backbone backbone = buildBackbone(config, backboneId);
        TransferNetwork net = TransferNetwork.of(backbone, config.trainableStages(), BiradsCategory.COUNT);
        Samples input = scaled.computeIfAbsent(backbone.scaling(), this::scale);
        StartingWeights start = startingWeights.get(backboneId);
        try (NDManager runManager = manager.newSubManager()) {
            // The whole network exists for the run, both parts initialised and frozen where they must be: the
            // weight loader checks every layer's shape against the file, and nothing holds closed arrays.
            Initialization.initialize(net.frozen(), runManager, input.batchShapes(1), Seeds.derive(config.seed(), Seeds.FROZEN, 0));
            net.frozen().freezeParameters(true);
            // One array per image, or two where a family passes two feature maps between stages.
            Shape[] frozenOut = net.frozen().getOutputShapes(input.batchShapes(1));
            Initialization.initialize(net.trainable(), runManager, frozenOut, headSeed);
            start.loadInto(backbone, net.trainable()); // the trainable stages start pretrained too; the head stays new
            FrozenSource frozen = config.featureCache() ? cachedFeatures(backbone, net, input, start, runManager)
                    : throughFrozenPart(backbone, net, input, start, runManager);
            List<Parameter> watched = net.trainable().getParameters().values();
            Samples samples = frozen.samples();
            PairedTraining.Outcome outcome;
            try (Progress.Stage training = progress.start(StageKind.TRAINING, backboneId,
                    (long) trainIdx.length * config.maxEpochs())) {
                outcome = PairedTraining.run(frozen.trained(), watched, samples.subset(trainIdx),
                        validationIdx.length == 0 ? null : samples.subset(validationIdx), samples.subset(split.test()),
                        Protocol.of(config), shuffleSeed, runManager, (epoch, maxEpochs, epochImages) -> {
                            training.status(String.format(Locale.ROOT, "split %d · epoch %d/%d · loss %.4f",
                                    split.index(), epoch.epoch(), maxEpochs, epoch.trainLoss()));
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

    /** The frozen part's output, computed once per backbone, weights and input; later runs reuse it. */
    private FrozenSource cachedFeatures(Backbone backbone, TransferNetwork net, Samples input, StartingWeights start,
                                        NDManager runManager) {
        FeatureCache.Key key = new FeatureCache.Key(backbone.variant(), Seeds.derive(config.seed(), Seeds.FROZEN, 0),
                config.trainableStages(), config.imageSize(), dataset.fingerprint(), start.describe());
        Samples features = cache.get(key, () -> {
            start.loadInto(backbone, net.frozen());
            try (NDManager m = runManager.newSubManager()) {
                return checkedFeatures(backbone, net.frozen(), input, m);
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
                checkedFeatures(backbone, net.frozen(), input, m);
            }
        }
        return new FrozenSource(input, net.endToEnd());
    }

    /** The frozen part's output for every image, refused when any of it is NaN or infinite. */
    private Samples checkedFeatures(Backbone backbone, Block frozen, Samples input, NDManager m) {
        Samples features;
        try (Progress.Stage pass = progress.start(StageKind.FEATURES, backbone.id(), input.size())) {
            features = FeatureCache.extract(frozen, input, m,
                    m.getDevice().isGpu() ? EXTRACT_BATCH_GPU : EXTRACT_BATCH, pass::advance);
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

    private Samples scale(InputScaling scaling) {
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
