package org.biradsrepro.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.biradsrepro.data.DatasetLayout;

/**
 * The {@code repro.*} settings, declared in one place with their description, and their parsing into a
 * {@link ReproConfig}. Unknown {@code repro.*} keys are errors, so that a misspelt setting never silently falls
 * back to its default.
 */
public final class Settings {

    /** One user-facing setting. */
    public record Setting(String key, String description, String defaultValue) {}

    static final String DEFAULT_DECODE_CACHE = "target/decode-cache";

    public static final List<Setting> ALL = List.of(
            new Setting("repro.dataset", "dataset folder (or the manifest, spreadsheet or annotations file listing its images)", "fixtures/birads-phantoms"),
            new Setting("repro.datasetLayout", DatasetLayout.ids() + ": how the dataset is laid out; auto recognises it", "auto"),
            new Setting("repro.officialSplit", "use the dataset's own train/test assignment as the one split (VinDr-Mammo, CBIS-DDSM); repro.splits is then not used", "false"),
            new Setting("repro.profile", "fixture (small, fast) or paper (Table 1, 331x331, full-size networks)", "fixture"),
            new Setting("repro.backbones", "comma list of backbone ids (default: the paper's six)", String.join(",", ReproConfig.PAPER_BACKBONES)),
            new Setting("repro.splits", "number of repeated stratified 80/20 splits", "5"),
            new Setting("repro.seed", "base seed for splits, shuffling and initialisation", "42"),
            new Setting("repro.maxEpochs", "epoch budget (Table 1: 200)", "200"),
            new Setting("repro.imageSize", "square input size in pixels", "fixture 80, paper 331"),
            new Setting("repro.reportDir", "where results/*.json and index.html are written", "reports"),
            new Setting("repro.testFraction", "share of each class held out for testing", "0.2"),
            new Setting("repro.batchSize", "mini-batch size", "32"),
            new Setting("repro.learningRate", "Adamax learning rate", "0.001"),
            new Setting("repro.patience", "early-stopping patience in epochs, Keras semantics", "5"),
            new Setting("repro.earlyStopping", "early stopping on the monitored loss (true/false)", "true"),
            new Setting("repro.monitor", "loss (training loss, as in the paper) or val_loss", "loss"),
            new Setting("repro.validationFraction", "share of the training side used as validation with val_loss", "0.1"),
            new Setting("repro.trainableStages", "top backbone stages trained with the head (0: head only)", "0"),
            new Setting("repro.featureCache", "reuse the frozen part's output per image (true/false)", "true"),
            new Setting("repro.threads", "PyTorch intra-op threads (results depend on it)", "2"),
            new Setting("repro.pairing", "paired (both variants from one run) or independent (baseline from a second run with other seeds, as the paper)", "paired"),
            new Setting("repro.claims", "report (verdicts recorded, the build passes) or enforce (a claim not reproduced fails the build)", "report"),
            new Setting("repro.onBadImage", "fail (stop before training, listing every bad image) or skip (drop "
                    + "them, listed in the results and report)", "fail"),
            new Setting("repro.maxImagePixels", "refuse an image whose header declares more pixels, before decoding",
                    Long.toString(ReproConfig.DEFAULT_MAX_IMAGE_PIXELS)),
            new Setting("repro.decodeCache", "folder caching decoded, resized images by content and settings; off "
                    + "disables", DEFAULT_DECODE_CACHE),
            new Setting("repro.regnetVariant", "which Keras RegNet the id regnet builds: "
                    + String.join(",", ReproConfig.REGNET_VARIANTS), "y008"),
            new Setting("repro.mobilenetv3Variant", "which Keras MobileNetV3 the id mobilenetv3 builds: large or small", "large"),
            // Read by the browser test alone (it.ReportBrowserIT); changes no result, so ReproConfig does not hold it.
            new Setting(Settings.REQUIRE_BROWSER, "the report's browser test fails, instead of skipping, without Chromium "
                    + "(true/false; also on when the CI environment variable is set)", "false"));

    /** Test harness only: see {@link #ALL}. */
    public static final String REQUIRE_BROWSER = "repro.requireBrowser";

    static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";

    private Settings() {}

    /** Reads the settings from system properties; {@code projectDir} resolves the default dataset and report dir. */
    public static ReproConfig fromSystemProperties(Path projectDir) {
        return fromMap(toMap(System.getProperties()), projectDir);
    }

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
        Profile profile = given.containsKey("repro.profile") ? Profile.parse(given.get("repro.profile")) : Profile.FIXTURE;
        ReproConfig.Builder b = ReproConfig.builder(profile)
                .dataset(projectDir.resolve("fixtures").resolve("birads-phantoms"))
                .reportDir(projectDir.resolve("reports"))
                .threads(2)
                .decodeCache(projectDir.resolve(DEFAULT_DECODE_CACHE));
        apply(given, "repro.dataset", v -> existingFolder(projectDir, v), b::dataset);
        apply(given, "repro.datasetLayout", v -> DatasetLayout.fromId(v).orElseThrow(() ->
                new InvalidSettingException("repro.datasetLayout", v, "one of " + DatasetLayout.ids())), b::datasetLayout);
        apply(given, "repro.officialSplit", v -> parseBoolean("repro.officialSplit", v), b::officialSplit);
        apply(given, "repro.backbones", v -> Arrays.asList(v.split(",")), b::backbones);
        apply(given, "repro.splits", v -> parseInt("repro.splits", v), b::splits);
        apply(given, "repro.seed", v -> parseLong("repro.seed", v), b::seed);
        apply(given, "repro.maxEpochs", v -> parseInt("repro.maxEpochs", v), b::maxEpochs);
        apply(given, "repro.imageSize", v -> parseInt("repro.imageSize", v), b::imageSize);
        apply(given, "repro.reportDir", v -> projectDir.resolve(v).normalize(), b::reportDir);
        apply(given, "repro.testFraction", v -> parseDouble("repro.testFraction", v), b::testFraction);
        apply(given, "repro.batchSize", v -> parseInt("repro.batchSize", v), b::batchSize);
        apply(given, "repro.learningRate", v -> parseDouble("repro.learningRate", v), b::learningRate);
        apply(given, "repro.patience", v -> parseInt("repro.patience", v), b::patience);
        apply(given, "repro.earlyStopping", v -> parseBoolean("repro.earlyStopping", v), b::earlyStopping);
        apply(given, "repro.monitor", Monitor::parse, b::monitor);
        apply(given, "repro.validationFraction", v -> parseDouble("repro.validationFraction", v), b::validationFraction);
        apply(given, "repro.trainableStages", v -> parseInt("repro.trainableStages", v), b::trainableStages);
        apply(given, "repro.featureCache", v -> parseBoolean("repro.featureCache", v), b::featureCache);
        apply(given, "repro.threads", v -> parseInt("repro.threads", v), b::threads);
        apply(given, "repro.pairing", Pairing::parse, b::pairing);
        apply(given, "repro.claims", ClaimsMode::parse, b::claims);
        apply(given, "repro.onBadImage", BadImagePolicy::parse, b::onBadImage);
        apply(given, "repro.maxImagePixels", v -> parseLong("repro.maxImagePixels", v), b::maxImagePixels);
        apply(given, "repro.decodeCache", v -> v.equalsIgnoreCase("off") ? null : projectDir.resolve(v).normalize(),
                b::decodeCache);
        apply(given, "repro.regnetVariant", v -> v, b::regnetVariant);
        apply(given, "repro.mobilenetv3Variant", v -> v, b::mobilenetv3Variant);
        ReproConfig config = b.build();
        String engineThreads = raw.get(ENGINE_THREADS);
        if (engineThreads != null && !engineThreads.equals(Integer.toString(config.threads()))) {
            throw new InvalidSettingException("repro.threads=" + config.threads() + " but " + ENGINE_THREADS + "="
                    + engineThreads + " is set too; results depend on the thread count, so set only repro.threads.");
        }
        return config;
    }

    /**
     * Makes PyTorch use the configured thread count. Must run before the engine first loads, which reads the
     * property once; the runners call it first thing.
     */
    public static void pinEngineThreads(ReproConfig config) {
        System.setProperty(ENGINE_THREADS, Integer.toString(config.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static <T> void apply(Map<String, String> given, String key, Function<String, T> parse,
                                  Consumer<T> set) {
        String v = given.get(key);
        if (v != null) {
            set.accept(parse.apply(v));
        }
    }

    private static Path existingFolder(Path projectDir, String v) {
        Path p = projectDir.resolve(v).normalize();
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean listing = Files.isRegularFile(p) && (name.endsWith(".csv") || name.endsWith(".xlsx"));
        if (!Files.isDirectory(p) && !listing) {
            throw new InvalidSettingException("repro.dataset", v,
                    "an existing folder, or a .csv or .xlsx file listing the images (resolved to " + p.toAbsolutePath()
                    + ", which " + (Files.exists(p) ? "is not a folder, nor a .csv or .xlsx file" : "does not exist") + ")");
        }
        return p;
    }

    static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, v, "an integer");
        }
    }

    static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, v, "an integer");
        }
    }

    static double parseDouble(String key, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, v, "a finite number");
        }
    }

    static boolean parseBoolean(String key, String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new InvalidSettingException(key, v, "true or false");
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
