package org.biradsrepro.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.weights.KerasWeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pretrain-fixtures --every-epoch} is how the number of pretraining epochs was chosen (README, Weights), so
 * what it writes for an earlier epoch must be what a run stopped there writes, and writing it must not change the
 * run. Compared bit for bit, every array and every recorded number but the timings, on a small source set (25
 * training and 5 held-out images per kind, 2 epochs), through the command itself (about 30 s for the three runs).
 */
class EarlierEpochsTest {

    private static final String ID = "resnet152";
    private static final List<String> SMALL = List.of("--per-kind", "25,5");

    @TempDir
    Path dir;

    @Test
    void anEarlierEpochsFilesAreThoseOfARunStoppedThereAndWritingThemChangesNothing() throws Exception {
        Path withEarlier = pretrain("two-every-epoch", "--epochs", "2", "--every-epoch");
        Path one = pretrain("one", "--epochs", "1");
        Path two = pretrain("two", "--epochs", "2");

        Path earlier = FixtureWeights.epochDir(withEarlier, 1);
        assertThat(earlier.resolve(ID + ".json")).exists();
        assertThat(FixtureWeights.epochDir(withEarlier, 2)).doesNotExist();
        assertSame(earlier, one);
        assertSame(withEarlier, two);
        // The comparison can tell epochs apart: the second one changes the network.
        assertThat(values(two)).isNotEqualTo(values(one));
        assertThat(json(two).getAsJsonArray("epochLosses")).hasSize(2);
    }

    private Path pretrain(String name, String... options) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("--out", out.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(options));
        args.add(ID);
        Files.createDirectories(out);
        PretrainCommand.run(dir.resolve(name + ".log"), 5, args.toArray(String[]::new));
        return out;
    }

    private static void assertSame(Path actual, Path expected) throws IOException {
        JsonObject a = json(actual);
        JsonObject e = json(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        for (String key : e.keySet()) {
            assertThat(a.get(key)).as("%s in %s", key, actual).isEqualTo(e.get(key));
        }
        assertThat(values(actual)).as("the arrays of %s", actual).isEqualTo(values(expected));
    }

    private static JsonObject json(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(ID + ".json"), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Every array of every layer, as raw float bits, in file order. */
    private static List<List<Integer>> values(Path dir) {
        List<List<Integer>> out = new ArrayList<>();
        for (KerasWeightFile.Layer layer : KerasWeightFile.read(dir.resolve(ID + FixtureWeights.EXTENSION)).weightedLayers()) {
            for (KerasWeightFile.WeightArray array : layer.arrays()) {
                List<Integer> bits = new ArrayList<>(array.values().length);
                for (float v : array.values()) {
                    bits.add(Float.floatToRawIntBits(v));
                }
                out.add(bits);
            }
        }
        return out;
    }
}
