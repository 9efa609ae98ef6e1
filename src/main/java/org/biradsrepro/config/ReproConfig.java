package org.biradsrepro.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.image.ImageDecoder;

/**
 * Everything that determines a run's numbers: one value per setting of {@link Settings}' table (where each one's
 * meaning, default and validation are declared), plus whether the networks are built at full size. Immutable;
 * built and validated by {@link Builder#build()}, which names the offending setting and value. Two runs with equal
 * configs, equal data and equal thread counts give bit-identical results on the CPU.
 */
public final class ReproConfig {

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

    /**
     * The variants each family builds at fixture scale, where it builds a small stand-in. MobileNetV3 shrinks the
     * chosen size (alpha 0.25); RegNet builds one design (y002, one block per stage) that stands for the default
     * y008 alone, so another choice is refused rather than silently replaced. Families not listed have one variant.
     * The backbone registry refuses the same (a test holds the two together).
     */
    public static final Map<String, List<String>> FIXTURE_VARIANTS =
            Map.of("regnet", List.of("y008"), "mobilenetv3", MOBILENETV3_VARIANTS);

    private final Map<Setting<?>, Object> values;
    private final boolean fullSizeBackbones;

    private ReproConfig(Map<Setting<?>, Object> values, boolean fullSizeBackbones) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.fullSizeBackbones = fullSizeBackbones;
    }

    /** The value of one setting of the table. */
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException(setting.key() + " configures no run (" + setting.use() + ")");
        }
        @SuppressWarnings("unchecked") // set only through Builder.set(Setting<T>, T)
        T v = (T) values.get(setting);
        return v;
    }

    /** Folder with one sub-folder per BI-RADS class, or the file listing the images. */
    public Path dataset() { return get(Settings.DATASET); }
    /** The defaults this config started from. */
    public Profile profile() { return get(Settings.PROFILE); }
    /** Backbone ids, trimmed and lower-cased, in run order. */
    public List<String> backbones() { return get(Settings.BACKBONES); }
    /** Number of repeated stratified random train/test splits (the paper: 5). */
    public int splits() { return get(Settings.SPLITS); }
    /** Base seed: splits, shuffling and initialisation derive from it. */
    public long seed() { return get(Settings.SEED); }
    public int maxEpochs() { return get(Settings.MAX_EPOCHS); }
    public int imageSize() { return get(Settings.IMAGE_SIZE); }
    public Path reportDir() { return get(Settings.REPORT_DIR); }
    /** What a run does with finished runs of other settings, data or weights in its results folder. */
    public IncompatibleResultsPolicy onIncompatibleResults() { return get(Settings.ON_INCOMPATIBLE_RESULTS); }
    public double testFraction() { return get(Settings.TEST_FRACTION); }
    public int batchSize() { return get(Settings.BATCH_SIZE); }
    public double learningRate() { return get(Settings.LEARNING_RATE); }
    public int patience() { return get(Settings.PATIENCE); }
    public boolean earlyStopping() { return get(Settings.EARLY_STOPPING); }
    public Monitor monitor() { return get(Settings.MONITOR); }
    public double validationFraction() { return get(Settings.VALIDATION_FRACTION); }
    public int trainableStages() { return get(Settings.TRAINABLE_STAGES); }
    public boolean featureCache() { return get(Settings.FEATURE_CACHE); }
    /** Folder keeping the frozen part's features between runs; empty: none (the in-memory cache alone). */
    public Optional<Path> featureCacheDir() { return get(Settings.FEATURE_CACHE_DIR); }
    /** Images per batch of the frozen part's pass on the CPU. */
    public int featureBatch() { return get(Settings.FEATURE_BATCH); }
    public int threads() { return get(Settings.THREADS); }
    public ZeroFill zeroFill() { return get(Settings.ZERO_FILL); }
    /** Where the networks run: DJL's default device, the CPU, or the first GPU. */
    public ComputeDevice device() { return get(Settings.DEVICE); }
    /** Which part of the backbone x split cells this process runs ({@link Shard#ALL}: all of them). */
    public Shard shard() { return get(Settings.SHARD); }
    public DatasetLayout datasetLayout() { return get(Settings.DATASET_LAYOUT); }
    public boolean officialSplit() { return get(Settings.OFFICIAL_SPLIT); }
    public Pairing pairing() { return get(Settings.PAIRING); }
    public int replicates() { return get(Settings.REPLICATES); }
    public ClaimsMode claims() { return get(Settings.CLAIMS); }
    public BadImagePolicy onBadImage() { return get(Settings.ON_BAD_IMAGE); }
    public ProgressMode progress() { return get(Settings.PROGRESS); }
    public long maxImagePixels() { return get(Settings.MAX_IMAGE_PIXELS); }
    /** Folder of decoded and resized images keyed by content and preprocessing; empty: no cache. */
    public Optional<Path> decodeCache() { return get(Settings.DECODE_CACHE); }
    /** Which RegNet of Keras' design space {@code regnet} means ({@code y008}: RegNetY-800MF). */
    public String regnetVariant() { return get(Settings.REGNET_VARIANT); }
    public String mobilenetv3Variant() { return get(Settings.MOBILENETV3_VARIANT); }
    /** Where the backbones' weights come from. */
    public BackboneWeights weights() { return get(Settings.WEIGHTS); }
    /** An extra folder searched first for Keras' weight files. */
    public Optional<Path> weightsDir() { return get(Settings.WEIGHTS_DIR); }

    /** Build networks at their published size rather than the small fixture stand-ins (the profile's choice). */
    public boolean fullSizeBackbones() {
        return fullSizeBackbones;
    }

    /** The variant chosen for a backbone family that has several; empty for a family with one. */
    public Optional<String> variantOf(String backboneId) {
        return switch (backboneId) {
            case "regnet" -> Optional.of(regnetVariant());
            case "mobilenetv3" -> Optional.of(mobilenetv3Variant());
            default -> Optional.empty();
        };
    }

    public static Builder builder(Profile profile) {
        return new Builder(profile, null);
    }

    /**
     * A builder with every default of the table, relative paths resolved against {@code projectDir} (the bundled
     * dataset, the decode and feature caches); what {@link Settings#fromMap} starts from.
     */
    static Builder builder(Profile profile, Path projectDir) {
        return new Builder(profile, Objects.requireNonNull(projectDir, "projectDir"));
    }

    /** A builder pre-filled with this config's values, for deriving a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(profile(), null).fullSizeBackbones(fullSizeBackbones);
        b.values.putAll(values);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReproConfig c && c.fullSizeBackbones == fullSizeBackbones && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, fullSizeBackbones);
    }

    @Override
    public String toString() {
        return "ReproConfig" + Settings.recorded(this) + (fullSizeBackbones ? " full size" : " fixture scale");
    }

    /**
     * Builder with the profile's defaults from the table; required: {@link #dataset(Path)}, unless made with a
     * project folder. Nothing is checked before {@link #build()}.
     */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private boolean fullSizeBackbones;

        private Builder(Profile profile, Path projectDir) {
            Objects.requireNonNull(profile, "profile");
            for (Setting<?> s : Settings.CONFIG) {
                values.put(s, projectDir == null ? s.codeDefault(profile) : s.defaultIn(profile, projectDir));
            }
            values.put(Settings.PROFILE, profile);
            this.fullSizeBackbones = profile.fullSizeBackbones();
        }

        /** Sets any setting of the table but the profile, which {@link ReproConfig#builder(Profile)} fixes. */
        public <T> Builder set(Setting<T> setting, T value) {
            if (setting == Settings.PROFILE || !values.containsKey(setting)) {
                throw new IllegalArgumentException(setting.key() + " cannot be set on a builder"
                        + (setting == Settings.PROFILE ? "; ReproConfig.builder(profile) chooses it" : ""));
            }
            values.put(setting, value);
            return this;
        }

        public Builder dataset(Path v) { return set(Settings.DATASET, v); }
        public Builder backbones(List<String> v) { return set(Settings.BACKBONES, List.copyOf(v)); }
        public Builder splits(int v) { return set(Settings.SPLITS, v); }
        public Builder seed(long v) { return set(Settings.SEED, v); }
        public Builder maxEpochs(int v) { return set(Settings.MAX_EPOCHS, v); }
        public Builder imageSize(int v) { return set(Settings.IMAGE_SIZE, v); }
        public Builder reportDir(Path v) { return set(Settings.REPORT_DIR, v); }
        public Builder onIncompatibleResults(IncompatibleResultsPolicy v) { return set(Settings.ON_INCOMPATIBLE_RESULTS, v); }
        public Builder testFraction(double v) { return set(Settings.TEST_FRACTION, v); }
        public Builder batchSize(int v) { return set(Settings.BATCH_SIZE, v); }
        public Builder learningRate(double v) { return set(Settings.LEARNING_RATE, v); }
        public Builder patience(int v) { return set(Settings.PATIENCE, v); }
        public Builder earlyStopping(boolean v) { return set(Settings.EARLY_STOPPING, v); }
        public Builder monitor(Monitor v) { return set(Settings.MONITOR, v); }
        public Builder validationFraction(double v) { return set(Settings.VALIDATION_FRACTION, v); }
        public Builder trainableStages(int v) { return set(Settings.TRAINABLE_STAGES, v); }
        public Builder featureCache(boolean v) { return set(Settings.FEATURE_CACHE, v); }
        /** The folder keeping features between runs; null (a code-built config's default) keeps none on disk. */
        public Builder featureCacheDir(Path v) { return set(Settings.FEATURE_CACHE_DIR, Optional.ofNullable(v)); }
        public Builder featureBatch(int v) { return set(Settings.FEATURE_BATCH, v); }
        public Builder threads(int v) { return set(Settings.THREADS, v); }
        public Builder zeroFill(ZeroFill v) { return set(Settings.ZERO_FILL, v); }
        public Builder device(ComputeDevice v) { return set(Settings.DEVICE, v); }
        public Builder shard(Shard v) { return set(Settings.SHARD, v); }
        public Builder datasetLayout(DatasetLayout v) { return set(Settings.DATASET_LAYOUT, v); }
        public Builder officialSplit(boolean v) { return set(Settings.OFFICIAL_SPLIT, v); }
        public Builder pairing(Pairing v) { return set(Settings.PAIRING, v); }
        public Builder replicates(int v) { return set(Settings.REPLICATES, v); }
        public Builder claims(ClaimsMode v) { return set(Settings.CLAIMS, v); }
        public Builder onBadImage(BadImagePolicy v) { return set(Settings.ON_BAD_IMAGE, v); }
        public Builder progress(ProgressMode v) { return set(Settings.PROGRESS, v); }
        public Builder maxImagePixels(long v) { return set(Settings.MAX_IMAGE_PIXELS, v); }
        /** The decode cache folder; null (a code-built config's default) turns the cache off. */
        public Builder decodeCache(Path v) { return set(Settings.DECODE_CACHE, Optional.ofNullable(v)); }
        public Builder regnetVariant(String v) { return set(Settings.REGNET_VARIANT, v); }
        public Builder mobilenetv3Variant(String v) { return set(Settings.MOBILENETV3_VARIANT, v); }
        public Builder weights(BackboneWeights v) { return set(Settings.WEIGHTS, v); }
        /** An extra folder searched first for Keras' weight files; null: none. */
        public Builder weightsDir(Path v) { return set(Settings.WEIGHTS_DIR, Optional.ofNullable(v)); }

        /** Networks at their published size, or the fixture stand-ins; the profile's choice unless set. */
        public Builder fullSizeBackbones(boolean v) {
            this.fullSizeBackbones = v;
            return this;
        }

        /** Validates every setting by its row of the table, then the choices that depend on each other. */
        public ReproConfig build() {
            Map<Setting<?>, Object> checked = new LinkedHashMap<>();
            for (Setting<?> s : Settings.CONFIG) {
                checked.put(s, validate(s));
            }
            ReproConfig config = new ReproConfig(checked, fullSizeBackbones);
            if (!fullSizeBackbones) {
                requireFixtureVariant(config, "regnet", Settings.REGNET_VARIANT,
                        "the fixture profile builds one small RegNet (the y002 design, one block per stage) that "
                        + "stands for it; other variants are built at full size only (repro.profile=paper)");
                requireFixtureVariant(config, "mobilenetv3", Settings.MOBILENETV3_VARIANT, "");
            }
            return config;
        }

        private <T> T validate(Setting<T> s) {
            @SuppressWarnings("unchecked") // put only by the constructor and set(Setting<T>, T)
            T raw = (T) values.get(s);
            T v = s.validate(raw);
            if (v == null) {
                throw new InvalidSettingException(s.key() + " is required");
            }
            return v;
        }

        private static void requireFixtureVariant(ReproConfig c, String family, Setting<String> setting, String why) {
            String chosen = c.get(setting);
            List<String> allowed = FIXTURE_VARIANTS.get(family);
            if (!allowed.contains(chosen)) {
                throw new InvalidSettingException(setting.key(), chosen, String.join(" or ", allowed)
                        + " at fixture scale" + (why.isEmpty() ? "" : ": " + why));
            }
        }
    }
}
