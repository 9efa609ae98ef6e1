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
import org.biradsrepro.phantom.SourceTask;

/**
 * The {@code pretrain-fixtures} command: pretrains every fixture-scale backbone on the source task and writes
 * {@code <id>.h5} (stem and stages, no source head) and {@code <id>.json} (how it was made, held-out accuracy)
 * into {@link #DIR}.
 */
public final class FixtureWeights {

    /** Where the shipped fixture weights live, relative to the project root. */
    public static final String DIR = "fixtures/backbone-weights";

    public static final String COMMAND = "./mvnw -q compile exec:java -Dexec.args=\"pretrain-fixtures\"";

    /** File extension of the weights (the Keras HDF5 layout once the weights-loader's writer is merged). */
    public static final String EXTENSION = ".djl";

    private FixtureWeights() {}

    public static Path weightsFile(Path dir, String id) {
        return dir.resolve(id + EXTENSION);
    }

    /** Pretrains the given backbones in order, writing each one's files as soon as it is done. */
    public static List<FixturePretraining.Result> writeAll(Path dir, List<String> ids, FixturePretraining.Recipe recipe,
                                                           PrintStream out) {
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            SourceImages images = SourceImages.render(recipe.trainPerKind(), recipe.heldOutPerKind(), recipe.imageSize(), recipe.mirrored());
            out.printf(Locale.ROOT, "Rendered %d + %d source images in %.1f s%n", images.train().size(),
                    images.heldOut().size(), (System.nanoTime() - t0) / 1e9);
            List<FixturePretraining.Result> results = new java.util.ArrayList<>();
            for (String id : ids) {
                try (NDManager manager = NDManager.newBaseManager(Engine.getInstance().defaultDevice())) {
                    FixturePretraining.Trained trained = FixturePretraining.pretrain(id, images, recipe, manager);
                    InterimWeights.write(weightsFile(dir, id), trained.backbone());
                    FixturePretraining.Result r = trained.result();
                    Files.writeString(dir.resolve(id + ".json"), json(r, recipe), StandardCharsets.UTF_8);
                    results.add(r);
                    out.printf(Locale.ROOT, "%-13s held-out accuracy %.3f (before BatchNorm recalibration %.3f), "
                                    + "train %.3f, losses %s, %.1f s training, %.1f s in all%n", id, r.heldOutAccuracy(),
                            r.heldOutAccuracyBeforeRecalibration(), r.trainAccuracy(), r.epochLosses().stream()
                                    .map(l -> String.format(Locale.ROOT, "%.3f", l)).toList(), r.trainSeconds(), r.totalSeconds());
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture weights to " + dir.toAbsolutePath(), e);
        }
    }

    /** Loads shipped weights into a backbone whose stem and stages are initialised. */
    public static void load(Path file, org.biradsrepro.backbone.Backbone backbone, NDManager manager) {
        InterimWeights.load(file, backbone, manager);
    }

    static String json(FixturePretraining.Result r, FixturePretraining.Recipe recipe) {
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
        return new GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n";
    }
}
