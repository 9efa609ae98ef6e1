package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks every backbone family's test runs the same way: counts, shapes, names, forward and gradients. */
final class BackboneChecks {

    private BackboneChecks() {}

    /** Parameter values, BatchNorm running statistics included (Keras' {@code count_params()}), and without them. */
    record Counts(long total, long trainable) {}

    static Counts count(Block block, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, input);
            long total = 0;
            long trainable = 0;
            for (Parameter p : block.getParameters().values()) {
                long size = p.getArray().size();
                total += size;
                if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                    trainable += size;
                }
            }
            return new Counts(total, trainable);
        }
    }

    /** The output shape of the stem and every stage, as the frozen part and the top see it. */
    static Shape featureMapShape(Backbone b, int batch, int size) {
        Shape[] shape = b.stem().getOutputShapes(new Shape[] {new Shape(batch, 3, size, size)});
        for (Backbone.Stage s : b.stages()) {
            shape = s.block().getOutputShapes(shape);
        }
        return shape[0];
    }

    /** The feature map at an input size is {@code last x last} and {@link Backbone#featureWidth} deep; the top gives 1000. */
    static void assertOutputShapes(Backbone b, int input, int last) {
        assertThat(featureMapShape(b, 2, input)).isEqualTo(new Shape(2, b.featureWidth(), last, last));
        assertThat(b.withClassifier(1000).getOutputShapes(new Shape[] {new Shape(2, 3, input, input)})[0])
                .isEqualTo(new Shape(2, 1000));
    }

    /** Every block's own name, depth first, without DJL's two-digit position prefix. */
    static List<String> layerNames(Block block) {
        List<String> names = new ArrayList<>();
        block.getChildren().forEach(child -> {
            names.add(child.getKey().replaceFirst("^\\d{2}", ""));
            names.addAll(layerNames(child.getValue()));
        });
        return names;
    }

    /** The block of that name anywhere below {@code block}. */
    static Optional<Block> find(Block block, String name) {
        for (var child : block.getChildren()) {
            if (child.getKey().replaceFirst("^\\d{2}", "").equals(name)) {
                return Optional.of(child.getValue());
            }
            Optional<Block> deeper = find(child.getValue(), name);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Runs a padding block on ones and returns the padded plane of the first channel. */
    static float[][] padOnes(Block pad, int h, int w) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = pad.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 1, h, w))), false)
                    .singletonOrThrow();
            int rows = (int) y.getShape().get(2);
            float[][] plane = new float[rows][];
            for (int r = 0; r < rows; r++) {
                plane[r] = y.get("0,0," + r).toFloatArray();
            }
            return plane;
        }
    }

    /**
     * One training-mode pass of the whole transfer network on 0..255 images: the output is finite, every trainable
     * parameter gets a gradient, no frozen one does.
     */
    static void assertFiniteAndGradientsStopAtTheFrozenPart(TransferNetwork net, int size) {
        Block whole = net.endToEnd();
        Shape input = new Shape(4, 3, size, size);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            whole.initialize(m, DataType.FLOAT32, input);
            net.frozen().freezeParameters(true);
            NDArray x = m.randomUniform(0f, 255f, input);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = whole.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(new Shape(4, 6));
                assertThat(out.isInfinite().any().getBoolean() || out.isNaN().any().getBoolean()).isFalse();
                gc.backward(out.square().sum());
            }
            int withGradient = 0;
            for (var p : net.trainable().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).as(p.getKey()).isPositive();
                    withGradient++;
                }
            }
            assertThat(withGradient).isPositive();
            for (var p : net.frozen().getParameters()) {
                assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
                assertThat(p.getValue().getArray().hasGradient()).as(p.getKey()).isFalse();
            }
        }
    }
}
