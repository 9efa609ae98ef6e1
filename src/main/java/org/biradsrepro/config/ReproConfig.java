package org.biradsrepro.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.ImageDecoder;

/**
 * Everything that determines a run's numbers. Immutable; built and validated by {@link Builder#build()}, which
 * names the offending setting and value. Two runs with equal configs, equal data and equal thread counts give
 * bit-identical results on the CPU.
 *
 * @param dataset folder with one sub-folder per BI-RADS class
 * @param profile the defaults this config started from
 * @param backbones backbone ids, in run order
 * @param splits number of repeated stratified random train/test splits (the paper: 5)
 * @param seed base seed: splits, shuffling and initialisation derive from it
 * @param maxEpochs epoch budget (Table 1: 200)
 * @param imageSize images are resized to imageSize x imageSize (section 4.2: 331)
 * @param reportDir where results JSON and the HTML report go
 * @param testFraction share of each class held out for testing (the paper: 0.2)
 * @param batchSize mini-batch size (Table 1: 32)
 * @param learningRate Adamax learning rate (Table 1: 0.001)
 * @param patience early-stopping patience in epochs, Keras semantics (Table 1: 5)
 * @param earlyStopping whether early stopping is on; off reproduces Keras monitoring a val_loss that never exists
 * @param monitor the loss that picks the kept weights and drives early stopping
 * @param validationFraction share of the training side held out as validation data when monitoring val_loss
 * @param trainableStages how many top stages of the backbone train along with the new head (0: head only)
 * @param featureCache compute the frozen part once per image and reuse it across epochs, splits and variants
 * @param fullSizeBackbones build networks at their published size rather than the small fixture variants
 * @param threads PyTorch intra-op threads; results depend on it, so it is part of the config
 * @param datasetLayout how the dataset is laid out on disk; {@code auto} recognises it
 * @param officialSplit use the dataset's own train/test assignment (one split) instead of drawing splits
 * @param pairing whether the baseline comes from the improved variant's run or from a separate run
 * @param claims whether a claim judged not reproduced fails the claims test (it never changes a number)
 * @param onBadImage stop before training on undecodable images, or skip them (listed either way)
 * @param maxImagePixels an image whose header declares more pixels is refused before decoding
 * @param decodeCache folder of decoded and resized images keyed by content and preprocessing; empty: no cache
 * @param regnetVariant which RegNet of Keras' design space {@code regnet} means ({@code y008}: RegNetY-800MF)
 * @param mobilenetv3Variant which MobileNetV3 {@code mobilenetv3} means ({@code large} or {@code small})
 */
public record ReproConfig(
        Path dataset,
        Profile profile,
        List<String> backbones,
        int splits,
        long seed,
        int maxEpochs,
        int imageSize,
        Path reportDir,
        double testFraction,
        int batchSize,
        double learningRate,
        int patience,
        boolean earlyStopping,
        Monitor monitor,
        double validationFraction,
        int trainableStages,
        boolean featureCache,
        boolean fullSizeBackbones,
        int threads,
        DatasetLayout datasetLayout,
        boolean officialSplit,
        Pairing pairing,
        ClaimsMode claims,
        BadImagePolicy onBadImage,
        long maxImagePixels,
        Optional<Path> decodeCache,
        String regnetVariant,
        String mobilenetv3Variant) {

    /** The paper's six backbones, in the order of its Table 2 (ids as used in settings and file names). */
    public static final List<String> PAPER_BACKBONES =
            List.of("regnet", "resnet152", "mobilenetv3", "inceptionv3", "nasnetlarge", "nasnetmobile");

    public static final long DEFAULT_MAX_IMAGE_PIXELS = ImageDecoder.DEFAULT_MAX_PIXELS;
    static final long MAX_ARRAY_PIXELS = Integer.MAX_VALUE - 8;
    /** Keras Applications' RegNets ({@code regnet.py} MODEL_CONFIGS keys); the paper does not say which it used. */
    public static final List<String> REGNET_VARIANTS = List.of(
            "x002", "x004", "x006", "x008", "x016", "x032", "x040", "x064", "x080", "x120", "x160", "x320",
            "y002", "y004", "y006", "y008", "y016", "y032", "y040", "y064", "y080", "y120", "y160", "y320");

    /** Keras Applications' MobileNetV3Large and MobileNetV3Small. */
    public static final List<String> MOBILENETV3_VARIANTS = List.of("large", "small");

    public ReproConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(datasetLayout, "datasetLayout");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(onBadImage, "onBadImage");
        Objects.requireNonNull(decodeCache, "decodeCache");
        backbones = List.copyOf(backbones);
        Objects.requireNonNull(regnetVariant, "regnetVariant");
        Objects.requireNonNull(mobilenetv3Variant, "mobilenetv3Variant");
    }

    /** The variant chosen for a backbone family that has several; empty for a family with one. */
    public Optional<String> variantOf(String backboneId) {
        return switch (backboneId) {
            case "regnet" -> Optional.of(regnetVariant);
            case "mobilenetv3" -> Optional.of(mobilenetv3Variant);
            default -> Optional.empty();
        };
    }

    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    /** A builder pre-filled with this config's values, for deriving a variant. */
    public Builder toBuilder() {
        return new Builder(profile)
                .dataset(dataset).backbones(backbones).splits(splits).seed(seed).maxEpochs(maxEpochs)
                .imageSize(imageSize).reportDir(reportDir).testFraction(testFraction).batchSize(batchSize)
                .learningRate(learningRate).patience(patience).earlyStopping(earlyStopping).monitor(monitor)
                .validationFraction(validationFraction).trainableStages(trainableStages)
                .featureCache(featureCache).fullSizeBackbones(fullSizeBackbones).threads(threads)
                .datasetLayout(datasetLayout).officialSplit(officialSplit)
                .pairing(pairing).claims(claims)
                .onBadImage(onBadImage).maxImagePixels(maxImagePixels).decodeCache(decodeCache.orElse(null))
                .regnetVariant(regnetVariant).mobilenetv3Variant(mobilenetv3Variant);
    }

    /** Builder with the profile's defaults; required: {@link #dataset(Path)}. */
    public static final class Builder {
        private final Profile profile;
        private Path dataset;
        private List<String> backbones = PAPER_BACKBONES;
        private int splits = 5;
        private long seed = 42L;
        private int maxEpochs;
        private int imageSize;
        private Path reportDir = Path.of("reports");
        private double testFraction = 0.2;
        private int batchSize = 32;
        private double learningRate = 0.001;
        private int patience = 5;
        private boolean earlyStopping = true;
        private Monitor monitor = Monitor.LOSS;
        private double validationFraction = 0.1;
        private int trainableStages = 0;
        private boolean featureCache = true;
        private boolean fullSizeBackbones;
        private int threads = 2;
        private DatasetLayout datasetLayout = DatasetLayout.AUTO;
        private boolean officialSplit;
        private Pairing pairing = Pairing.PAIRED;
        private ClaimsMode claims = ClaimsMode.REPORT;
        private BadImagePolicy onBadImage = BadImagePolicy.FAIL;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
        private Path decodeCache;
        private String regnetVariant = "y008";
        private String mobilenetv3Variant = "large";

        private Builder(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.maxEpochs = profile.maxEpochs();
            this.imageSize = profile.imageSize();
            this.fullSizeBackbones = profile.fullSizeBackbones();
        }

        public Builder dataset(Path v) { this.dataset = v; return this; }
        public Builder backbones(List<String> v) { this.backbones = List.copyOf(v); return this; }
        public Builder splits(int v) { this.splits = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder maxEpochs(int v) { this.maxEpochs = v; return this; }
        public Builder imageSize(int v) { this.imageSize = v; return this; }
        public Builder reportDir(Path v) { this.reportDir = v; return this; }
        public Builder testFraction(double v) { this.testFraction = v; return this; }
        public Builder batchSize(int v) { this.batchSize = v; return this; }
        public Builder learningRate(double v) { this.learningRate = v; return this; }
        public Builder patience(int v) { this.patience = v; return this; }
        public Builder earlyStopping(boolean v) { this.earlyStopping = v; return this; }
        public Builder monitor(Monitor v) { this.monitor = v; return this; }
        public Builder validationFraction(double v) { this.validationFraction = v; return this; }
        public Builder trainableStages(int v) { this.trainableStages = v; return this; }
        public Builder featureCache(boolean v) { this.featureCache = v; return this; }
        public Builder fullSizeBackbones(boolean v) { this.fullSizeBackbones = v; return this; }
        public Builder threads(int v) { this.threads = v; return this; }
        public Builder datasetLayout(DatasetLayout v) { this.datasetLayout = v; return this; }
        public Builder officialSplit(boolean v) { this.officialSplit = v; return this; }
        public Builder pairing(Pairing v) { this.pairing = v; return this; }
        public Builder claims(ClaimsMode v) { this.claims = v; return this; }
        public Builder onBadImage(BadImagePolicy v) { this.onBadImage = v; return this; }
        public Builder maxImagePixels(long v) { this.maxImagePixels = v; return this; }
        /** The decode cache folder; null (the builder's default) turns the cache off. */
        public Builder decodeCache(Path v) { this.decodeCache = v; return this; }
        public Builder regnetVariant(String v) { this.regnetVariant = v; return this; }
        public Builder mobilenetv3Variant(String v) { this.mobilenetv3Variant = v; return this; }

        public ReproConfig build() {
            if (dataset == null) {
                throw new InvalidSettingException("repro.dataset is required");
            }
            List<String> ids = new ArrayList<>();
            for (String b : backbones) {
                String id = b.trim().toLowerCase(Locale.ROOT);
                if (!PAPER_BACKBONES.contains(id)) {
                    throw new InvalidSettingException("repro.backbones", b, "a comma list of " + String.join(",", PAPER_BACKBONES));
                }
                if (ids.contains(id)) {
                    throw new InvalidSettingException("repro.backbones", b, "each backbone once");
                }
                ids.add(id);
            }
            if (ids.isEmpty()) {
                throw new InvalidSettingException("repro.backbones", "", "at least one backbone id");
            }
            requireRange("repro.splits", splits, 1, 100);
            requireRange("repro.maxEpochs", maxEpochs, 1, 100_000);
            requireRange("repro.imageSize", imageSize, 32, 2048);
            requireRange("repro.batchSize", batchSize, 1, 65_536);
            requireRange("repro.patience", patience, 0, 100_000);
            requireRange("repro.trainableStages", trainableStages, 0, 16);
            requireRange("repro.threads", threads, 1, 1024);
            if (maxImagePixels < 4 || maxImagePixels > MAX_ARRAY_PIXELS) {
                throw new InvalidSettingException("repro.maxImagePixels", Long.toString(maxImagePixels),
                        "an integer from 4 (2x2) to " + MAX_ARRAY_PIXELS + " (the largest Java array)");
            }
            requireOpenUnit("repro.testFraction", testFraction);
            requireOpenUnit("repro.validationFraction", validationFraction);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new InvalidSettingException("repro.learningRate", Double.toString(learningRate), "a finite number > 0");
            }
            String regnet = requireOneOf("repro.regnetVariant", regnetVariant, REGNET_VARIANTS);
            String mobilenetv3 = requireOneOf("repro.mobilenetv3Variant", mobilenetv3Variant, MOBILENETV3_VARIANTS);
            return new ReproConfig(dataset, profile, ids, splits, seed, maxEpochs, imageSize, reportDir, testFraction,
                    batchSize, learningRate, patience, earlyStopping, monitor, validationFraction, trainableStages, featureCache,
                    fullSizeBackbones, threads, datasetLayout, officialSplit, pairing, claims, onBadImage, maxImagePixels,
                    Optional.ofNullable(decodeCache), regnet, mobilenetv3);
        }

        /** The value, trimmed and lower-cased, if it is one of the allowed names. */
        private static String requireOneOf(String key, String value, List<String> allowed) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new InvalidSettingException(key, String.valueOf(value), "one of " + String.join(", ", allowed));
            }
            return v;
        }

        private static void requireRange(String key, int value, int min, int max) {
            if (value < min || value > max) {
                throw new InvalidSettingException(key, Integer.toString(value), "an integer from " + min + " to " + max);
            }
        }

        private static void requireOpenUnit(String key, double value) {
            if (!(value > 0 && value < 1)) {
                throw new InvalidSettingException(key, Double.toString(value), "a number strictly between 0 and 1");
            }
        }
    }
}
