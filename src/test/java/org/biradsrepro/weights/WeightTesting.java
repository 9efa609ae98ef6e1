package org.biradsrepro.weights;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.train.Initialization;

/** Shared helpers of the weight tests: build and initialise backbones, fill them with seeded values, run them. */
final class WeightTesting {

    /** The fixture profile's input size (InceptionV3 needs at least 75). */
    static final int SIZE = 80;

    private WeightTesting() {}

    /** The backbone with its Keras top, initialised with a seed: one block to run, the backbone's blocks inside. */
    static Block initialise(Backbone b, NDManager m, int size, long seed) {
        Block whole = b.withClassifier(6);
        Initialization.initialize(whole, m, new Shape(1, 3, size, size), seed);
        return whole;
    }

    /**
     * Every stem and stage parameter set to seeded values unlike any initialiser's: kernels uniform with variance
     * 1 / fan-in (so that activations stay finite through a hundred layers: the features are compared), scales and
     * moving variances in [0.5, 1.5], offsets, moving means and biases in [-0.5, 0.5].
     */
    static void randomise(Backbone b, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        for (Parameter p : KerasLayerMap.parameters(b)) {
            NDArray a = p.getArray();
            NDManager m = a.getManager();
            NDArray r = switch (p.getType()) {
                case WEIGHT -> {
                    float limit = (float) Math.sqrt(3.0 * a.getShape().get(0) / a.size());
                    yield m.randomUniform(-limit, limit, a.getShape());
                }
                case GAMMA, RUNNING_VAR -> m.randomUniform(0.5f, 1.5f, a.getShape());
                default -> m.randomUniform(-0.5f, 0.5f, a.getShape());
            };
            a.set(new NDIndex("..."), r);
            r.close();
        }
    }

    /** Copies of every stem and stage parameter's values, keyed by the parameter. */
    static Map<Parameter, float[]> snapshot(List<Parameter> params) {
        Map<Parameter, float[]> out = new IdentityHashMap<>();
        params.forEach(p -> out.put(p, p.getArray().toFloatArray()));
        return out;
    }

    /** The backbone's features (stem and stages, inference mode) for a seeded input in [-1, 1]. */
    static float[] features(Backbone b, NDManager m, int size) {
        Engine.getInstance().setRandomSeed(99);
        NDList x = new NDList(m.randomUniform(-1f, 1f, new Shape(2, 3, size, size), DataType.FLOAT32));
        ParameterStore ps = new ParameterStore(m, false);
        x = b.stem().forward(ps, x, false);
        for (Backbone.Stage s : b.stages()) {
            x = s.block().forward(ps, x, false);
        }
        return x.get(0).toFloatArray();
    }
}
