package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.biradsrepro.backbone.ResNet;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.context.Cpu;
import org.biradsrepro.context.Machine;
import org.biradsrepro.context.Versions;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImageDecoder;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.report.HtmlReport;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.weights.KerasWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one invalidation policy (cache.CacheKey) applied to its three users: decoded pixels (DecodeCache), frozen
 * features (FeatureKeys, the feature cache's computedBy) and finished results (RunOrigin). An edit is
 * simulated as a changed code identity of the edited class's package; as in a real build, it changes the
 * program's fingerprint (versions.code) too. Each edit must invalidate exactly the values that depend on it.
 */
class CachePolicyTest {

    private static final String DECODED = "decoded pixels";
    private static final String FEATURES = "features";
    private static final String RESULTS = "results";

    /** The code identity of a program's packages and its fingerprint ({@code versions.code}). */
    private record Program(Map<String, String> packages, String fingerprint) {

        static final Program AS_BUILT = new Program(CodeIdentity.ofThisProgram(), "f0".repeat(32));

        Program edited(Class<?> edited) {
            Map<String, String> packages = new TreeMap<>(this.packages);
            assertThat(packages).containsKey(edited.getPackageName());
            packages.put(edited.getPackageName(), "edited " + edited.getSimpleName());
            return new Program(packages, "ed".repeat(32));
        }
    }

    private static Map<String, String> machine(String device) {
        Cpu cpu = new Cpu("AuthenticAMD", "26", "2", "AMD EPYC", new TreeSet<>(List.of("avx2", "avx512f")));
        return new Machine(device, "1/1", cpu, 2, 2, 2, "", "zero-filled", true, true, 1024, "Linux").toMap();
    }

    private static Map<String, String> versions(Program p) {
        return new Versions("0.1.0", "abc", p.fingerprint(), "0.36.0", "PyTorch 2.7.1", "17").toMap();
    }

    /** What each stage's key is for a program on a device; results as what RunOrigin compares. */
    private record Keys(String decoded, String features, RunOrigin results) {

        static Keys of(Program p, String device) {
            return new Keys(DecodeCache.key(p.packages(), "ab".repeat(32), 80).text(),
                    FeatureKeys.computedBy(p.packages(), versions(p), machine(device)).text(),
                    new RunOrigin(Map.of("repro.seed", "42"), "fp", Map.of("source", "random"), versions(p), machine(device)));
        }

        Set<String> invalidatedBy(Keys now) {
            Set<String> stale = new LinkedHashSet<>();
            if (!decoded.equals(now.decoded)) {
                stale.add(DECODED);
            }
            if (!features.equals(now.features)) {
                stale.add(FEATURES);
            }
            if (!results.environmentDifferences(now.results).isEmpty()) {
                stale.add(RESULTS);
            }
            return stale;
        }
    }

    private static final Keys BEFORE = Keys.of(Program.AS_BUILT, "cpu()");

    @Test
    void nothingChangedInvalidatesNothing() {
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT, "cpu()"))).isEmpty();
    }

    @Test
    void anEditedDecoderOrPreprocessingRuleInvalidatesDecodedPixelsFeaturesAndResults() {
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT.edited(ImageDecoder.class), "cpu()")))
                .containsExactly(DECODED, FEATURES, RESULTS);
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT.edited(ImagePreprocessor.class), "cpu()")))
                .containsExactly(DECODED, FEATURES, RESULTS);
    }

    @Test
    void anEditedBackboneOrWeightLoaderKeepsTheDecodedPixels() {
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT.edited(ResNet.class), "cpu()")))
                .containsExactly(FEATURES, RESULTS);
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT.edited(KerasWeights.class), "cpu()")))
                .containsExactly(FEATURES, RESULTS);
    }

    @Test
    void codeThatComputesNoCachedValueInvalidatesOnlyTheResultsWhoseCodeItIsPartOf() {
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT.edited(HtmlReport.class), "cpu()")))
                .containsExactly(RESULTS);
    }

    @Test
    void anotherDeviceKeepsDecodedPixelsButNotFeaturesOrResults() {
        // Before the device was in the feature key, repro.featureBatch=128 on the CPU gave the GPU's key.
        assertThat(BEFORE.invalidatedBy(Keys.of(Program.AS_BUILT, "gpu(0)"))).containsExactly(FEATURES, RESULTS);
    }

    @Test
    void theDecodeCacheServesAnEntryToTheSameCodeAndDecodesAgainForAnEditedDecoder(@TempDir Path tmp)
            throws IOException {
        Path image = Files.copy(Path.of("fixtures", "bad-images", "gray16.png"), tmp.resolve("image.png"));
        Path dir = tmp.resolve("cache");
        new DecodeCache(dir).load(image, new ImagePreprocessor(4));

        ImagePreprocessor sameCode = new ImagePreprocessor(4);
        new DecodeCache(dir, Program.AS_BUILT.edited(ResNet.class).packages()).load(image, sameCode);
        ImagePreprocessor editedDecoder = new ImagePreprocessor(4);
        new DecodeCache(dir, Program.AS_BUILT.edited(ImageDecoder.class).packages()).load(image, editedDecoder);

        assertThat(sameCode.decodes()).as("an edited backbone leaves the pixels valid").isZero();
        assertThat(editedDecoder.decodes()).as("an edited decoder").isEqualTo(1);
    }
}
