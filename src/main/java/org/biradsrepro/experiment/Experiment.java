package org.biradsrepro.experiment;

import ai.djl.engine.Engine;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.Monitor;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetScanner;
import org.biradsrepro.data.ImagePreprocessor;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.Split;
import org.biradsrepro.data.StratifiedSplitter;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Protocol;
import org.biradsrepro.train.Samples;

/**
 * One reproduction session over a dataset: decodes it once, draws the splits once, and trains each
 * backbone x split once (memoised), so that the baseline and the improved test cases of a split share one run.
 */
public final class Experiment implements AutoCloseable {

    /** A finished run: its results file contents, and the raw outcome for checks the file does not carry. */
    public record Run(RunResult result, PairedTraining.Outcome outcome) {}

    private static final int EXTRACT_BATCH = 32;

    private final ReproConfig config;
    private final Dataset dataset;
    private final Samples images;
    private final List<Split> splits;
    private final NDManager manager;
    private final FeatureCache cache = new FeatureCache();
    private final Map<InputScaling, Samples> scaled = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, String> versions;
    private final Map<String, String> machine;

    private Experiment(ReproConfig config, Path projectDir, Dataset dataset, Samples images, List<Split> splits) {
        this.config = config;
        this.dataset = dataset;
        this.images = images;
        this.splits = List.copyOf(splits);
        this.manager = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
        // Read once per session: neither the checkout nor the machine changes between runs.
        this.versions = Provenance.versions(projectDir);
        this.machine = Provenance.machine(config.threads());
    }

    /**
     * Validates everything that can be validated before training: backbone ids, the dataset's layout, every
     * image's decoding (all bad files are listed, not only the first), the splits.
     */
    public static Experiment open(ReproConfig config, Path projectDir) {
        config.backbones().forEach(BackboneRegistry::require);
        Settings.pinEngineThreads(config);
        Dataset dataset = DatasetScanner.scan(config.dataset());
        Samples images = decodeAll(dataset, new ImagePreprocessor(config.imageSize()));
        List<Split> splits = StratifiedSplitter.split(dataset.labels(), config.testFraction(), config.seed(), config.splits());
        // A run owns its results folder: files of an earlier run (other backbones, more splits) must not merge in.
        ResultsFiles.clear(config.reportDir().resolve("results"));
        return new Experiment(config, projectDir, dataset, images, splits);
    }

    private static Samples decodeAll(Dataset dataset, ImagePreprocessor pre) {
        float[][] rows = new float[dataset.size()][];
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            LabeledImage image = dataset.images().get(i);
            try {
                rows[i] = pre.load(image.path());
            } catch (DatasetException e) {
                failures.add(image.id() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new DatasetException(failures.size() + " of " + dataset.size() + " images in "
                    + dataset.root().toAbsolutePath() + " cannot be used; nothing was trained:\n  "
                    + String.join("\n  ", failures));
        }
        return new Samples(rows, new Shape(ImagePreprocessor.CHANNELS, pre.size(), pre.size()), dataset.labels());
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

    /** How many times the frozen part ran over the whole dataset: once per backbone when the cache is on. */
    public int featureExtractions() {
        return cache.computations();
    }

    public Path resultsDir() {
        return config.reportDir().resolve("results");
    }

    /** The run for a backbone and a 1-based split, training it the first time it is asked for. */
    public Run run(String backbone, int splitIndex) {
        if (splitIndex < 1 || splitIndex > splits.size()) {
            throw new IllegalArgumentException("split " + splitIndex + " out of 1.." + splits.size());
        }
        return runs.computeIfAbsent(backbone + "#" + splitIndex, k -> train(backbone, splits.get(splitIndex - 1)));
    }

    private Run train(String backboneId, Split split) {
        Backbone backbone = config.variantOf(backboneId)
                .map(variant -> BackboneRegistry.build(backboneId, variant, config.fullSizeBackbones()))
                .orElseGet(() -> BackboneRegistry.build(backboneId, config.fullSizeBackbones()));
        TransferNetwork net = TransferNetwork.of(backbone, config.trainableStages(), BiradsCategory.COUNT);
        Samples input = scaled.computeIfAbsent(backbone.scaling(), this::scale);
        long frozenSeed = Seeds.derive(config.seed(), Seeds.FROZEN, 0);
        try (NDManager runManager = manager.newSubManager()) {
            Samples samples;
            Block trained;
            if (config.featureCache()) {
                FeatureCache.Key key = new FeatureCache.Key(backbone.variant(), frozenSeed, config.trainableStages(),
                        config.imageSize(), dataset.fingerprint());
                samples = cache.get(key, () -> {
                    try (NDManager m = manager.newSubManager()) {
                        Initialization.initialize(net.frozen(), m, input.batchShape(1), frozenSeed);
                        return FeatureCache.extract(net.frozen(), input, m, EXTRACT_BATCH);
                    }
                });
                trained = net.trainable();
            } else {
                Initialization.initialize(net.frozen(), runManager, input.batchShape(1), frozenSeed);
                net.frozen().freezeParameters(true);
                samples = input;
                trained = net.endToEnd();
            }
            Shape frozenOut = net.frozen().getOutputShapes(new Shape[] {input.batchShape(1)})[0].slice(1);
            Initialization.initialize(net.trainable(), runManager, new Shape(1).addAll(frozenOut),
                    Seeds.derive(config.seed(), Seeds.HEAD, split.index()));

            int[] trainIdx = split.train();
            int[] validationIdx = new int[0];
            if (config.monitor() == Monitor.VAL_LOSS) {
                int[][] carved = carveValidation(trainIdx, split.index());
                trainIdx = carved[0];
                validationIdx = carved[1];
            }
            List<Parameter> watched = net.trainable().getParameters().values();
            PairedTraining.Outcome outcome = PairedTraining.run(trained, watched, samples.subset(trainIdx),
                    validationIdx.length == 0 ? null : samples.subset(validationIdx), samples.subset(split.test()),
                    Protocol.of(config), Seeds.derive(config.seed(), Seeds.SHUFFLE, split.index()), runManager);
            RunResult result = RunResults.of(this, backbone, net, split, trainIdx.length, validationIdx.length, outcome,
                    versions, machine,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ResultsFiles.write(resultsDir(), result);
            return new Run(result, outcome);
        }
    }

    /** Splits the training side once more, stratified, for val_loss; the test side is never used to steer training. */
    private int[][] carveValidation(int[] trainIdx, int splitIndex) {
        int[] labels = Arrays.stream(trainIdx).map(i -> dataset.images().get(i).label()).toArray();
        Split inner = StratifiedSplitter.split(labels, config.validationFraction(),
                Seeds.derive(config.seed(), Seeds.VALIDATION, splitIndex), 1).get(0);
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
        return new Samples(rows, images.itemShape(), images.labels());
    }

    /** The settings as {@code repro.*} keys and values: enough to rerun. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("repro.dataset", config.dataset().toString());
        m.put("repro.profile", config.profile().id());
        m.put("repro.backbones", String.join(",", config.backbones()));
        m.put("repro.splits", Integer.toString(config.splits()));
        m.put("repro.seed", Long.toString(config.seed()));
        m.put("repro.maxEpochs", Integer.toString(config.maxEpochs()));
        m.put("repro.imageSize", Integer.toString(config.imageSize()));
        m.put("repro.testFraction", Double.toString(config.testFraction()));
        m.put("repro.batchSize", Integer.toString(config.batchSize()));
        m.put("repro.learningRate", Double.toString(config.learningRate()));
        m.put("repro.patience", Integer.toString(config.patience()));
        m.put("repro.earlyStopping", Boolean.toString(config.earlyStopping()));
        m.put("repro.monitor", config.monitor().kerasName());
        m.put("repro.validationFraction", Double.toString(config.validationFraction()));
        m.put("repro.trainableStages", Integer.toString(config.trainableStages()));
        m.put("repro.featureCache", Boolean.toString(config.featureCache()));
        m.put("repro.threads", Integer.toString(config.threads()));
        m.put("repro.regnetVariant", config.regnetVariant());
        m.put("repro.mobilenetv3Variant", config.mobilenetv3Variant());
        m.put("optimizer", "Adamax(beta1=0.9, beta2=0.999, epsilon=1e-7)");
        m.put("loss", "sparse categorical cross-entropy on softmax");
        m.put("backboneWeights", "random glorot-uniform initialisation from the seed (no ImageNet weights are available offline)");
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
