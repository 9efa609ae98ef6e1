package org.biradsrepro.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.biradsrepro.backbone.Backbone;

/**
 * Loads a Keras legacy HDF5 weight file into a backbone's stem and stages, in place.
 *
 * <p>Steps: read the whole file ({@link KerasWeightFile#read}: a damaged file fails before anything changes), list
 * our weighted layers ({@link KerasLayerMap}), pair and check every layer's array count and Keras shape
 * ({@link LayerPairing}: still nothing changed), then convert each array to DJL's layout ({@link KerasLayout}) and
 * copy it into the parameter's existing array ({@code getArray().set(new NDIndex("..."), value)}: DJL's
 * {@code Parameter.setArray} refuses a parameter that already has a shape, and a trainer's parameter store keeps
 * the arrays it was given). Every parameter of the stem and stages, BatchNorm's moving statistics included, is
 * assigned exactly once, or the load fails; a head (not part of the {@link Backbone}) is never touched.
 *
 * <p>The backbone's blocks must be initialised first (for the input size they will see: NASNet's shapes do not
 * depend on it, but its blocks are only shaped once initialised).
 */
public final class KerasWeights {

    private KerasWeights() {}

    /** Reads {@code file} and loads it into {@code backbone}; any problem is one line naming the file (and layer). */
    public static LoadReport load(Path file, Backbone backbone) {
        return load(KerasWeightFile.read(file), backbone);
    }

    /** Loads an already read file. */
    public static LoadReport load(KerasWeightFile file, Backbone backbone) {
        checkConventions(file);
        List<KerasLayer> layers = KerasLayerMap.of(backbone);
        List<LayerPairing.Pair> pairs = LayerPairing.pair(file, layers, backbone.variant());
        Map<Parameter, Integer> assigned = new IdentityHashMap<>();
        long values = 0;
        int byCounter = 0;
        int renamed = 0;
        for (LayerPairing.Pair pair : pairs) {
            KerasLayer m = pair.model();
            if (KerasNames.autoName(m.name()).isPresent()) {
                byCounter++;
            } else if (!pair.file().name().equals(m.name())) {
                renamed++;
            }
            for (int i = 0; i < m.slots().size(); i++) {
                KerasLayer.Slot slot = m.slots().get(i);
                KerasWeightFile.WeightArray a = pair.file().arrays().get(i);
                NDArray target = slot.parameter().getArray();
                try (NDManager scratch = target.getManager().newSubManager()) {
                    NDArray keras = scratch.create(a.values(), new Shape(a.shape()));
                    target.set(new NDIndex("..."), slot.layout().toDjl(keras));
                }
                assigned.merge(slot.parameter(), 1, Integer::sum);
                values += a.values().length;
            }
        }
        List<Parameter> all = KerasLayerMap.parameters(backbone);
        for (Parameter p : all) {
            int n = assigned.getOrDefault(p, 0);
            if (n != 1) {
                throw new IllegalStateException(backbone.variant() + ": parameter " + p.getName() + " (" + p.getId()
                        + ") was assigned " + n + " times from " + file.file() + "; the layer map is incomplete");
            }
        }
        if (assigned.size() != all.size()) {
            throw new IllegalStateException(backbone.variant() + ": " + assigned.size() + " parameters assigned but the "
                    + "stem and stages hold " + all.size());
        }
        return new LoadReport(file.file(), backbone.variant(), pairs.size(), assigned.size(), values, byCounter,
                renamed, file.weightNameStyle(), file.kerasVersion(), file.backend());
    }

    /**
     * Keras converts two kinds of old file on load and so would have to be followed here: Keras 1 files (other
     * weight orders and names) and Theano files (convolution kernels flipped). No Keras Applications file of the
     * six is either; refuse them rather than load them wrongly.
     */
    private static void checkConventions(KerasWeightFile file) {
        if (file.kerasVersion().equals("1") || file.kerasVersion().startsWith("1.")) {
            throw new KerasWeightsException(file.file() + ": written by Keras " + file.kerasVersion()
                    + "; Keras 1 files are not supported (load and save it with Keras 2 or later first)");
        }
        if (file.backend().equalsIgnoreCase("theano")) {
            throw new KerasWeightsException(file.file() + ": written with the Theano backend, whose convolution "
                    + "kernels are flipped; not supported (convert it with Keras first)");
        }
    }
}
