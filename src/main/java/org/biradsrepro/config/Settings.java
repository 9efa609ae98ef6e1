package org.biradsrepro.config;

import static org.biradsrepro.config.SettingTypes.BOOLEAN;
import static org.biradsrepro.config.SettingTypes.DOUBLE;
import static org.biradsrepro.config.SettingTypes.INT;
import static org.biradsrepro.config.SettingTypes.LONG;
import static org.biradsrepro.config.SettingTypes.OPEN_UNIT;
import static org.biradsrepro.config.SettingTypes.TEXT;
import static org.biradsrepro.config.SettingTypes.named;
import static org.biradsrepro.config.SettingTypes.oneOf;
import static org.biradsrepro.config.SettingTypes.range;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.biradsrepro.data.DatasetLayout;

/**
 * The {@code repro.*} settings: one table, one row per setting (key, type, default per profile, validation,
 * description), in the order the README, the {@code settings} command and the results files list them. Everything
 * else is derived from it: parsing ({@link #fromMap}), the defaults and the validation of {@link ReproConfig.Builder},
 * the configuration echoed into results files ({@link #recorded}), the {@code settings} command and the README's
 * table ({@link #markdownTable}, checked against the README by a test).
 *
 * <p>Adding a setting: a row here, an accessor on {@link ReproConfig} (and a builder method, if tests set it),
 * then paste {@code settings --markdown} into the README. Unknown {@code repro.*} keys are errors, so that a
 * misspelt setting never silently falls back to its default.
 */
public final class Settings {

    private Settings() {}

    public static final Setting<Path> DATASET = Setting.of("repro.dataset", SettingTypes.DATASET, "fixtures/birads-phantoms",
            "dataset folder, or the `.csv`/`.xlsx` file listing its images").projectDefault();
    public static final Setting<DatasetLayout> DATASET_LAYOUT = Setting.of("repro.datasetLayout",
            SettingTypes.type((key, v, dir) -> DatasetLayout.fromId(v).orElseThrow(() ->
                    new InvalidSettingException(key, v, "one of " + DatasetLayout.ids())), DatasetLayout::id),
            "auto", Arrays.stream(DatasetLayout.values()).map(l -> "`" + l.id() + "`")
                    .collect(Collectors.collectingAndThen(Collectors.toList(), Settings::orList)) + " (see above)");
    public static final Setting<Boolean> OFFICIAL_SPLIT = Setting.of("repro.officialSplit", BOOLEAN, "false",
            "`true`: the dataset's own train/test assignment (VinDr-Mammo, CBIS-DDSM) as the one split; "
            + "`repro.splits` is not used");
    /** Chosen before the others, whose defaults it sets; {@link ReproConfig#builder(Profile)} takes it. */
    public static final Setting<Profile> PROFILE = Setting.of("repro.profile", named(Profile::parse, Profile::id), "fixture",
            "`fixture` (small networks, 80x80) or `paper` (full-size networks, 331x331)");
    public static final Setting<List<String>> BACKBONES = Setting.of("repro.backbones", SettingTypes.LIST,
            String.join(",", ReproConfig.PAPER_BACKBONES),
            "comma list of backbone ids, run in this order (default: the paper's six, in its Table 2 order)")
            .checked(SettingTypes.idList(ReproConfig.PAPER_BACKBONES));
    public static final Setting<Integer> SPLITS = Setting.of("repro.splits", INT, "5",
            "repeated stratified 80/20 splits").checked(range(1, 100));
    public static final Setting<Long> SEED = Setting.of("repro.seed", LONG, "42",
            "base seed for splits, shuffling and initialisation");
    public static final Setting<Integer> MAX_EPOCHS = Setting.of("repro.maxEpochs", INT, "", "epoch budget (Table 1)")
            .perProfile(p -> Integer.toString(p.maxEpochs())).checked(range(1, 100_000));
    public static final Setting<Integer> IMAGE_SIZE = Setting.of("repro.imageSize", INT, "", "square input size")
            .perProfile(p -> Integer.toString(p.imageSize())).checked(range(32, 2048));
    public static final Setting<Path> REPORT_DIR = Setting.of("repro.reportDir", SettingTypes.PATH, "reports",
            "where `results/*.json` and `index.html` go").use(Setting.Use.UNRECORDED);
    public static final Setting<IncompatibleResultsPolicy> ON_INCOMPATIBLE_RESULTS = Setting.of("repro.onIncompatibleResults",
            named(IncompatibleResultsPolicy::parse, IncompatibleResultsPolicy::id), "fail", "finished runs already in "
            + "`results/` are reused when their settings, dataset content, starting weights, code and machine match "
            + "(see *Stopping and restarting a run*); of other settings, data or weights: `fail` stops before any work "
            + "naming each difference, `restart` deletes them and starts over; of other code or another machine they are "
            + "always computed again")
            .use(Setting.Use.UNRECORDED);
    public static final Setting<Double> TEST_FRACTION = Setting.of("repro.testFraction", DOUBLE, "0.2",
            "share of each class held out for testing (section 4.2)").checked(OPEN_UNIT);
    public static final Setting<Integer> BATCH_SIZE = Setting.of("repro.batchSize", INT, "32", "mini-batch size (Table 1)")
            .checked(range(1, 65_536));
    public static final Setting<Double> LEARNING_RATE = Setting.of("repro.learningRate", DOUBLE, "0.001",
            "Adamax learning rate (Table 1)").checked((key, v) -> {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new InvalidSettingException(key, Double.toString(v), "a finite number > 0");
                }
                return v;
            });
    public static final Setting<Integer> PATIENCE = Setting.of("repro.patience", INT, "5",
            "early-stopping patience, Keras semantics (epochs since the best, not since the previous epoch)")
            .checked(range(0, 100_000));
    public static final Setting<Boolean> EARLY_STOPPING = Setting.of("repro.earlyStopping", BOOLEAN, "true",
            "`false` reproduces Keras monitoring a `val_loss` that never exists (it never stops)");
    public static final Setting<Monitor> MONITOR = Setting.of("repro.monitor", named(Monitor::parse, Monitor::kerasName),
            "loss", "the loss that picks the kept weights and drives early stopping: `loss` (training loss, as the "
            + "paper) or `val_loss` (a validation set carved from the training side, never the test side)");
    public static final Setting<Double> VALIDATION_FRACTION = Setting.of("repro.validationFraction", DOUBLE, "0.1",
            "share of the training side held out as validation data with `repro.monitor=val_loss`").checked(OPEN_UNIT);
    public static final Setting<Integer> TRAINABLE_STAGES = Setting.of("repro.trainableStages", INT, "0",
            "top backbone stages that train with the new head (0: head only)").checked(range(0, 16));
    public static final Setting<Boolean> FEATURE_CACHE = Setting.of("repro.featureCache", BOOLEAN, "true",
            "compute the frozen part once per image and reuse it across epochs, splits and variants; images are then "
            + "streamed through it a batch at a time, never all held in memory");
    public static final Setting<Optional<Path>> FEATURE_CACHE_DIR = Setting.of("repro.featureCacheDir",
            SettingTypes.optionalPath(true), "target/feature-cache", "folder keeping the frozen part's features between "
            + "runs (with `repro.featureCache=true`), one entry per batch keyed by backbone, weights (SHA-256), images' "
            + "content, preprocessing, cut, device, engine, CPU identity and code: a second run or a restart does no forward pass again; `off` "
            + "disables").projectDefault().use(Setting.Use.UNRECORDED);
    public static final Setting<Integer> FEATURE_BATCH = Setting.of("repro.featureBatch", INT, "32",
            "images per batch of the frozen part's pass on the CPU (on a GPU: 128); the last bits of a feature may "
            + "depend on it, so it is recorded. Fixture 32; paper 8: full-size ResNet152 at 331 px ran at 2.9 images/s "
            + "with 8, 2.3 with 4 and 0.8 with 16 on a 2-core AMD EPYC, and with one malloc arena (MALLOC_ARENA_MAX=1) "
            + "3.0 with 8 against 2.5 with 16 (README, Benchmarks): larger batches' activations outgrow the caches")
            .perProfile(p -> p == Profile.PAPER ? "8" : "32").checked(range(1, 4096));
    public static final Setting<Integer> THREADS = Setting.of("repro.threads", INT, "2",
            "PyTorch intra-op threads; results depend on it, so it is recorded").checked(range(1, 1024));
    public static final Setting<ZeroFill> ZERO_FILL = Setting.of("repro.zeroFill", named(ZeroFill::parse, ZeroFill::id),
            "where-read", "where libtorch's allocator zero-fills fresh memory: `where-read` (everywhere but the frozen "
            + "inference pass, which zero-fills only inside the convolutions that can read oneDNN's unwritten channel "
            + "padding) or `everywhere`; the same features either way, the first faster; recorded as the machine's "
            + "`allocator`").use(Setting.Use.UNRECORDED);
    public static final Setting<ComputeDevice> DEVICE = Setting.of("repro.device",
            named(ComputeDevice::parse, ComputeDevice::id), "auto", "where the networks run: `auto` (DJL's default "
            + "device: the GPU when a CUDA engine (`-Pgpu`) and a CUDA runtime are found, else the CPU), `cpu` (always; "
            + "the bit-identical route) or `gpu` (the first GPU; an error where there is none); the device used is "
            + "recorded with the machine");
    public static final Setting<Shard> SHARD = Setting.of("repro.shard", named(Shard::parse, Shard::id), "all",
            "`i/n` (1-based): run only shard i of n of the backbone x split cells, balanced by expected cost "
            + "(multiply-adds x images); `merge` joins the shards' results folders; changes no result")
            .use(Setting.Use.UNRECORDED);
    public static final Setting<Pairing> PAIRING = Setting.of("repro.pairing", named(Pairing::parse, Pairing::id), "paired",
            "`paired`: both variants from one training run; `independent`: the baseline from a second run of the same "
            + "split with its own head and shuffling seeds, as the paper's two experiments were: each difference then mixes "
            + "the checkpoint effect with run-to-run variance");
    public static final Setting<Integer> REPLICATES = Setting.of("repro.replicates", INT, "2", "independent trainings "
            + "per split (own head and shuffling seeds; the second uses the independent pairing's), each kept with both "
            + "weight sets: the verdicts use the first, the decomposition of the paper's gain into checkpoint effect and "
            + "run-to-run variance uses all").checked(range(1, 20));
    public static final Setting<ClaimsMode> CLAIMS = Setting.of("repro.claims", named(ClaimsMode::parse, ClaimsMode::id),
            "report", "`report`: verdicts are recorded and the build passes; `enforce`: a claim whose paper's gain is "
            + "ruled out after Holm's adjustment fails the build, with its numbers (not exercised, undetectable or "
            + "uninformative never does)").use(Setting.Use.UNRECORDED);
    public static final Setting<BadImagePolicy> ON_BAD_IMAGE = Setting.of("repro.onBadImage",
            named(BadImagePolicy::parse, BadImagePolicy::id), "fail", "`fail`: an undecodable image stops the run "
            + "before training, every bad file listed with its reason; `skip`: they are left out before the splits are "
            + "drawn and listed as skipped in the results and the report");
    public static final Setting<ProgressMode> PROGRESS = Setting.of("repro.progress",
            named(ProgressMode::parse, ProgressMode::id), "auto", "progress on standard error: `auto` (bars on a "
            + "terminal, lines otherwise), `bar` (bars with rate and time left), `lines` (a line per stage and one every "
            + "30 s, for logs) or `off`; changes no result").use(Setting.Use.UNRECORDED);
    public static final Setting<Long> MAX_IMAGE_PIXELS = Setting.of("repro.maxImagePixels", LONG,
            Long.toString(ReproConfig.DEFAULT_MAX_IMAGE_PIXELS), "an image whose header declares more pixels is "
            + "refused before decoding (decompression bombs); mammograms reach 20 MP").checked((key, v) -> {
                if (v < 4 || v > ReproConfig.MAX_ARRAY_PIXELS) {
                    throw new InvalidSettingException(key, Long.toString(v),
                            "an integer from 4 (2x2) to " + ReproConfig.MAX_ARRAY_PIXELS + " (the largest Java array)");
                }
                return v;
            });
    public static final Setting<Optional<Path>> DECODE_CACHE = Setting.of("repro.decodeCache",
            SettingTypes.optionalPath(true), "target/decode-cache", "folder caching decoded, resized images keyed by "
            + "content hash, size and the code identity of the decoders and preprocessing; `off` disables").projectDefault().use(Setting.Use.UNRECORDED);
    public static final Setting<String> REGNET_VARIANT = Setting.of("repro.regnetVariant", TEXT, "y008",
            "which Keras RegNet `regnet` builds: `x002`..`x320`, `y002`..`y320` (the paper does not say); recorded as "
            + "the variant, e.g. `regnety008`; the fixture profile has one small stand-in, for `y008`, and refuses the others")
            .checked(oneOf(ReproConfig.REGNET_VARIANTS));
    public static final Setting<String> MOBILENETV3_VARIANT = Setting.of("repro.mobilenetv3Variant", TEXT, "large",
            "which Keras MobileNetV3 `mobilenetv3` builds: `large` or `small`")
            .checked(oneOf(ReproConfig.MOBILENETV3_VARIANTS));
    public static final Setting<BackboneWeights> WEIGHTS = Setting.of("repro.weights",
            SettingTypes.type((key, v, dir) -> BackboneWeights.parse(v, dir), BackboneWeights::id), "",
            "backbone weights: `random` (seeded Glorot-uniform), `imagenet` (Keras Applications' ImageNet files), "
            + "`fixture` (the pretrained fixture weights in `fixtures/backbone-weights`) or the path of a Keras `.h5` file")
            .perProfile(p -> p == Profile.PAPER ? BackboneWeights.IMAGENET.id() : BackboneWeights.FIXTURE.id())
            .checked(SettingTypes.WEIGHTS_FILE_EXISTS);
    public static final Setting<Optional<Path>> WEIGHTS_DIR = Setting.of("repro.weightsDir",
            SettingTypes.optionalPath(false), "", "an existing folder searched first for Keras' weight files")
            .checked(SettingTypes.FOLDER_EXISTS_IF_GIVEN);
    /** Read by the browser test alone (it.ReportBrowserIT); changes no result, so ReproConfig does not hold it. */
    public static final Setting<Boolean> REQUIRE_BROWSER_SETTING = Setting.of("repro.requireBrowser", BOOLEAN, "false",
            "the report's browser test fails, instead of skipping, without Chromium (on when `CI` is set); changes no "
            + "result").use(Setting.Use.HARNESS);

    /** The table, in order. */
    public static final List<Setting<?>> ALL = List.of(DATASET, DATASET_LAYOUT, OFFICIAL_SPLIT, PROFILE, BACKBONES, SPLITS,
            SEED, MAX_EPOCHS, IMAGE_SIZE, REPORT_DIR, ON_INCOMPATIBLE_RESULTS,
            TEST_FRACTION, BATCH_SIZE, LEARNING_RATE, PATIENCE, EARLY_STOPPING,
            MONITOR, VALIDATION_FRACTION, TRAINABLE_STAGES, FEATURE_CACHE, FEATURE_CACHE_DIR, FEATURE_BATCH, THREADS, ZERO_FILL, DEVICE, SHARD, PAIRING, REPLICATES, CLAIMS, ON_BAD_IMAGE,
            PROGRESS, MAX_IMAGE_PIXELS, DECODE_CACHE, REGNET_VARIANT, MOBILENETV3_VARIANT, WEIGHTS, WEIGHTS_DIR,
            REQUIRE_BROWSER_SETTING);

    /** The settings a {@link ReproConfig} holds: all but the test harness's. */
    static final List<Setting<?>> CONFIG = ALL.stream().filter(s -> s.use() != Setting.Use.HARNESS).toList();

    /** Test harness only: see {@link #REQUIRE_BROWSER_SETTING}. */
    public static final String REQUIRE_BROWSER = "repro.requireBrowser";

    static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";

    /** Reads the settings from system properties; {@code projectDir} resolves the default dataset and report dir. */
    public static ReproConfig fromSystemProperties(Path projectDir) {
        return fromMap(toMap(System.getProperties()), projectDir);
    }

    /**
     * The config of the {@code repro.*} keys in {@code raw} (other keys are ignored; blank values mean the default),
     * relative paths resolved against {@code projectDir}, validated.
     */
    public static ReproConfig fromMap(Map<String, String> raw, Path projectDir) {
        Map<String, String> given = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith("repro.") && !k.equals("repro.projectDir") && !k.startsWith("repro.jmh")
                    && v != null && !v.isBlank()) {
                given.put(k, v.trim());
            }
        });
        for (String key : given.keySet()) {
            if (ALL.stream().noneMatch(s -> s.key().equals(key))) {
                throw new InvalidSettingException("Unknown setting " + key + "; known settings: "
                        + String.join(", ", ALL.stream().map(Setting::key).toList()) + ".");
            }
        }
        // The profile's own default is the same in every profile.
        Profile profile = given.containsKey(PROFILE.key()) ? PROFILE.parse(given.get(PROFILE.key()), projectDir)
                : PROFILE.defaultIn(Profile.FIXTURE, projectDir);
        ReproConfig.Builder b = ReproConfig.builder(profile, projectDir);
        for (Setting<?> s : CONFIG) {
            if (s != PROFILE && given.containsKey(s.key())) {
                parseInto(b, s, given.get(s.key()), projectDir);
            }
        }
        ReproConfig config = b.build();
        String engineThreads = raw.get(ENGINE_THREADS);
        if (engineThreads != null && !engineThreads.equals(Integer.toString(config.threads()))) {
            throw new InvalidSettingException("repro.threads=" + config.threads() + " but " + ENGINE_THREADS + "="
                    + engineThreads + " is set too; results depend on the thread count, so set only repro.threads.");
        }
        return config;
    }

    private static <T> void parseInto(ReproConfig.Builder b, Setting<T> s, String text, Path projectDir) {
        b.set(s, s.parse(text, projectDir));
    }

    /**
     * The recorded settings of a config as {@code repro.*} keys and the texts that parse back to its values, in the
     * table's order: the configuration every results file echoes, enough to rerun.
     */
    public static Map<String, String> recorded(ReproConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting<?> s : CONFIG) {
            if (s.use() == Setting.Use.RECORDED) {
                m.put(s.key(), formatted(config, s));
            }
        }
        return m;
    }

    private static <T> String formatted(ReproConfig config, Setting<T> s) {
        return s.format(config.get(s));
    }

    /** One line per setting for the {@code settings} command: key, description, default. */
    public static List<String> listing() {
        return ALL.stream().map(s -> String.format(Locale.ROOT, "%-26s %-40s default: %s",
                s.key(), s.plainDescription(), s.defaultValue())).toList();
    }

    /** The README's settings table, derived from this one ({@code settings --markdown} prints it). */
    public static String markdownTable() {
        StringBuilder t = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        ALL.forEach(s -> t.append("| `").append(s.key()).append("` | ").append(s.defaultMarkdown()).append(" | ")
                .append(s.description()).append(" |\n"));
        return t.toString();
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String orList(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
