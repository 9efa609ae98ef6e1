package org.biradsrepro.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biradsrepro.context.Cpu;
import org.biradsrepro.phantom.SourceTask;
import org.biradsrepro.config.ZeroFill;
import org.biradsrepro.train.NativeEngine;
import org.biradsrepro.weights.KerasWeightWriter;
import org.biradsrepro.weights.KerasWeights;

/**
 * The {@code pretrain-fixtures} command: pretrains every fixture-scale backbone on the source task and writes
 * {@code <id>.h5} (stem and stages, no source head) and {@code <id>.json} (how it was made, held-out accuracy)
 * into {@link #DIR}.
 */
public final class FixtureWeights {

    /** Where the shipped fixture weights live, relative to the project root. */
    public static final String DIR = "fixtures/backbone-weights";

    public static final String COMMAND = "./mvnw -q compile exec:exec@pretrain-fixtures";

    /** Keras legacy HDF5 layout, written by {@link KerasWeightWriter}, read by {@link KerasWeights}. */
    public static final String EXTENSION = ".h5";

    /**
     * The environment the command must run in. oneDNN's AVX2 and AVX-512 backward-data convolution kernels return
     * NaN input gradients at random for layers with few channels (measured with PyTorch 2.7.1 on an AMD EPYC
     * family 26: a 3x3 convolution with 6 or 8 channels, 1 run in 3 to 10), which the fixture-scale ResNet and
     * InceptionV3 have; capped at SSE4.1 they are correct. The caps also make Zen 4 and Zen 5 machines pick the
     * same oneDNN and ATen kernels. They are read when the native library loads, so they cannot be set from Java.
     */
    public static final Map<String, String> PINNED_KERNELS = Map.of("ONEDNN_MAX_CPU_ISA", "SSE41",
            "ATEN_CPU_CAPABILITY", "avx2");

    /**
     * The intra-op threads the fixture weights are trained with, whatever {@code repro.threads} says: the files
     * depend on it, and the shipped ones were made with it.
     */
    public static final int THREADS = 2;

    private FixtureWeights() {}

    /**
     * The engine the pretraining runs on ({@link #THREADS}, zero-filling as {@code repro.zeroFill}'s default: the
     * same bits either way); started once per JVM, like every engine.
     */
    public static NativeEngine.State startEngine() {
        return NativeEngine.start(THREADS, ZeroFill.WHERE_READ);
    }

    public static Path weightsFile(Path dir, String id) {
        return dir.resolve(id + EXTENSION);
    }

    /** Where {@link #writeAll} with {@code everyEpoch} puts the files of an epoch before the last. */
    public static Path epochDir(Path dir, int epoch) {
        return dir.resolve("epoch-" + epoch);
    }

    /**
     * Pretrains the given backbones in order, writing each one's files as soon as it is done.
     *
     * @param everyEpoch also write, after each epoch before the last, the files the recipe stopped there would
     *                   write, into {@link #epochDir}: the source accuracy against the number of epochs, in one run
     * @param engine the engine as {@link #startEngine} started it; its thread count is recorded
     */
    public static List<FixturePretraining.Result> writeAll(Path dir, List<String> ids, FixturePretraining.Recipe recipe,
                                                           boolean everyEpoch, NativeEngine.State engine,
                                                           PrintStream out) {
        requirePinnedKernels();
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            SourceImages images = SourceImages.render(recipe.trainPerKind(), recipe.heldOutPerKind(), recipe.imageSize(), recipe.mirrored());
            out.printf(Locale.ROOT, "Rendered %d + %d source images in %.1f s%n", images.train().size(),
                    images.heldOut().size(), (System.nanoTime() - t0) / 1e9);
            List<FixturePretraining.Result> results = new java.util.ArrayList<>();
            for (String id : ids) {
                try (NDManager manager = NDManager.newBaseManager(Engine.getInstance().defaultDevice())) {
                    FixturePretraining.Trained trained = FixturePretraining.pretrain(id, images, recipe, manager,
                            everyEpoch ? (earlier, shorter) -> write(epochDir(dir, shorter.epochs()), earlier, shorter,
                                    engine, out) : null);
                    results.add(write(dir, trained, recipe, engine, out));
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture weights to " + dir.toAbsolutePath(), e);
        }
    }

    private static FixturePretraining.Result write(Path dir, FixturePretraining.Trained trained,
                                                   FixturePretraining.Recipe recipe, NativeEngine.State engine,
                                                   PrintStream out) {
        FixturePretraining.Result r = trained.result();
        try {
            Files.createDirectories(dir);
            KerasWeightWriter.write(weightsFile(dir, r.id()), trained.backbone());
            Files.writeString(dir.resolve(r.id() + ".json"), json(r, recipe, engine), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture weights to " + dir.toAbsolutePath(), e);
        }
        out.printf(Locale.ROOT, "%-13s %d epochs: held-out accuracy %.3f (before BatchNorm recalibration %.3f), "
                        + "train %.3f, losses %s, %.1f s training, %.1f s in all%n", r.id(), recipe.epochs(),
                r.heldOutAccuracy(), r.heldOutAccuracyBeforeRecalibration(), r.trainAccuracy(), r.epochLosses().stream()
                        .map(l -> String.format(Locale.ROOT, "%.3f", l)).toList(), r.trainSeconds(), r.totalSeconds());
        return r;
    }

    /** Refuses to train unless the native kernels are pinned ({@link #PINNED_KERNELS}). */
    public static void requirePinnedKernels() {
        List<String> missing = new java.util.ArrayList<>();
        new java.util.TreeMap<>(PINNED_KERNELS).forEach((key, value) -> {
            if (!value.equals(System.getenv(key))) {
                missing.add(key + "=" + value);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("pretraining needs " + String.join(" and ", missing)
                    + " in the environment (oneDNN's wider kernels return NaN gradients for thin layers on some CPUs); "
                    + "run it as " + COMMAND + ", which sets them");
        }
    }

    /** Loads shipped weights into a backbone whose stem and stages are initialised. */
    public static void load(Path file, org.biradsrepro.backbone.Backbone backbone, NDManager manager) {
        KerasWeights.load(file, backbone);
    }

    /**
     * The CPU as the shipped records name it ("AMD EPYC, family 26"): the regeneration test compares it before it
     * asks for bit-exact weights. The full identity, flags included, is recorded beside it ({@code cpuIdentity}).
     */
    public static String cpu() {
        Cpu cpu = Cpu.ofThisMachine();
        return cpu.modelName() + ", family " + cpu.family();
    }

    static String json(FixturePretraining.Result r, FixturePretraining.Recipe recipe, NativeEngine.State engine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backbone", r.id());
        m.put("variant", r.variant());
        m.put("file", r.id() + EXTENSION);
        m.put("contents", "stem and stages (no source head), BatchNorm moving statistics recalibrated on the source training images");
        m.put("sourceTask", "kind of finding on synthetic phantoms (org.biradsrepro.phantom.SourceTask), not BI-RADS");
        m.put("sourceSeed", SourceTask.SEED);
        m.put("classes", SourceTask.KINDS.stream().map(SourceTask.Kind::id).toList());
        m.put("trainImages", r.trainImages());
        m.put("trainImagesNote", recipe.trainPerKind() + " per kind" + (recipe.mirrored() ? ", each also left-right mirrored" : ""));
        m.put("heldOutImages", r.heldOutImages());
        m.put("imageSize", recipe.imageSize());
        m.put("epochs", recipe.epochs());
        m.put("batchSize", recipe.batchSize());
        m.put("optimizer", "Adam, learning rate " + recipe.learningRate());
        m.put("seed", recipe.seed());
        m.put("epochLosses", r.epochLosses());
        m.put("trainAccuracy", r.trainAccuracy());
        m.put("heldOutAccuracy", r.heldOutAccuracy());
        m.put("heldOutAccuracyBeforeRecalibration", r.heldOutAccuracyBeforeRecalibration());
        m.put("batchNormLayers", r.batchNormLayers());
        m.put("command", COMMAND);
        m.put("environment", new java.util.TreeMap<>(PINNED_KERNELS));
        m.put("threads", Integer.toString(engine.threads())); // as libtorch runs them, read back at start
        m.put("cpu", cpu());
        m.put("cpuIdentity", Cpu.ofThisMachine().identity());
        return new GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n";
    }
}
