package org.biradsrepro.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.UnscaledBatchNorm;

/**
 * The Keras layers with weights that a backbone holds (its stem and stages; never a head), found by walking the
 * DJL block tree. Every backbone names each block after the Keras layer it ports (see {@code describe ID}), so a
 * block that owns parameters IS a Keras layer of that name; what remains is its Keras class and weight order:
 *
 * <ul>
 *   <li>DJL {@code Conv2d}: Keras {@code Conv2D} (kernel, [bias]), grouped ones too (RegNet: Keras' kernel is
 *       (kh, kw, in/groups, out), the same permutation). It is a {@code DepthwiseConv2D} (MobileNetV3) when it has
 *       more than one group and one input channel per group, which is what a depthwise convolution is; RegNet's
 *       grouped convolutions have at least 8 channels per group in Keras' whole table, so the two never meet.</li>
 *   <li>A block with exactly the two convolutions {@code depthwise} and {@code pointwise} (NASNet's
 *       {@code separable_conv_*}): one Keras {@code SeparableConv2D} named like the block, depthwise_kernel then
 *       pointwise_kernel.</li>
 *   <li>DJL {@code BatchNorm}: gamma, beta, moving_mean, moving_variance; {@link UnscaledBatchNorm} (Keras'
 *       {@code scale=False}): beta, moving_mean, moving_variance.</li>
 *   <li>DJL {@code Linear}: Dense kernel (transposed), bias; no backbone has one below its top.</li>
 * </ul>
 *
 * Any other block with parameters stops the walk with its path: a new layer type needs a mapping written here,
 * not a guess.
 */
public final class KerasLayerMap {

    private KerasLayerMap() {}

    /** The weighted Keras layers of a backbone's stem and stages, in our block order. Its blocks must be initialised. */
    public static List<KerasLayer> of(Backbone backbone) {
        List<KerasLayer> layers = new ArrayList<>();
        walk(backbone.stem(), "stem", layers);
        for (Backbone.Stage s : backbone.stages()) {
            walk(s.block(), "stages/" + s.name(), layers);
        }
        checkUnique(layers, backbone.variant());
        return List.copyOf(layers);
    }

    /** Every parameter of the stem and stages: what a complete load must assign, each exactly once. */
    public static List<Parameter> parameters(Backbone backbone) {
        List<Parameter> all = new ArrayList<>();
        backbone.stem().getParameters().values().forEach(all::add);
        backbone.stages().forEach(s -> s.block().getParameters().values().forEach(all::add));
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return all.stream().filter(seen::add).toList();
    }

    /** DJL's child keys carry a two-digit position prefix ({@code 01conv1_conv}); the Keras name is the rest. */
    static String blockName(String key) {
        return key.replaceFirst("^\\d{2}", "");
    }

    private static void walk(Block block, String path, List<KerasLayer> out) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        KerasLayer separable = separable(block, name, path);
        if (separable != null) {
            out.add(separable);
            return;
        }
        if (!block.getDirectParameters().isEmpty()) {
            out.add(layer(block, name, path));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), path + "/" + blockName(child.getKey()), out);
        }
    }

    private static KerasLayer separable(Block block, String name, String path) {
        if (block.getChildren().size() != 2 || !block.getDirectParameters().isEmpty()) {
            return null;
        }
        Block depthwise = null;
        Block pointwise = null;
        for (Pair<String, Block> c : block.getChildren()) {
            String n = blockName(c.getKey());
            if (n.equals("depthwise")) {
                depthwise = c.getValue();
            } else if (n.equals("pointwise")) {
                pointwise = c.getValue();
            }
        }
        if (!(depthwise instanceof Convolution dw) || !(pointwise instanceof Convolution)) {
            return null;
        }
        if (!isDepthwise(dw) || dw.isIncludeBias()) {
            throw new KerasWeightsException("layer " + name + " (" + path + "): a SeparableConv2D needs a bias-free "
                    + "depthwise convolution with one input channel per group");
        }
        List<KerasLayer.Slot> slots = new ArrayList<>();
        slots.add(new KerasLayer.Slot("depthwise_kernel", param(dw, Parameter.Type.WEIGHT, path), KerasLayout.DEPTHWISE_KERNEL));
        slots.add(new KerasLayer.Slot("pointwise_kernel", param(pointwise, Parameter.Type.WEIGHT, path), KerasLayout.CONV_KERNEL));
        if (((Convolution) pointwise).isIncludeBias()) {
            slots.add(new KerasLayer.Slot("bias", param(pointwise, Parameter.Type.BIAS, path), KerasLayout.AS_IS));
        }
        return new KerasLayer(name, KerasLayer.Kind.SEPARABLE_CONV2D, path, slots);
    }

    private static KerasLayer layer(Block block, String name, String path) {
        List<KerasLayer.Slot> slots = new ArrayList<>();
        KerasLayer.Kind kind;
        if (block instanceof Convolution conv) {
            boolean depthwise = isDepthwise(conv);
            kind = depthwise ? KerasLayer.Kind.DEPTHWISE_CONV2D : KerasLayer.Kind.CONV2D;
            slots.add(new KerasLayer.Slot(depthwise ? "depthwise_kernel" : "kernel", param(block, Parameter.Type.WEIGHT, path),
                    depthwise ? KerasLayout.DEPTHWISE_KERNEL : KerasLayout.CONV_KERNEL));
            if (conv.isIncludeBias()) {
                slots.add(new KerasLayer.Slot("bias", param(block, Parameter.Type.BIAS, path), KerasLayout.AS_IS));
            }
        } else if (block instanceof BatchNorm) {
            kind = KerasLayer.Kind.BATCH_NORMALIZATION;
            slots.add(new KerasLayer.Slot("gamma", param(block, Parameter.Type.GAMMA, path), KerasLayout.AS_IS));
            addBatchNormRest(block, path, slots);
        } else if (block instanceof UnscaledBatchNorm) {
            kind = KerasLayer.Kind.BATCH_NORMALIZATION_NO_SCALE;
            addBatchNormRest(block, path, slots);
        } else if (block instanceof Linear) {
            kind = KerasLayer.Kind.DENSE;
            slots.add(new KerasLayer.Slot("kernel", param(block, Parameter.Type.WEIGHT, path), KerasLayout.DENSE_KERNEL));
            slots.add(new KerasLayer.Slot("bias", param(block, Parameter.Type.BIAS, path), KerasLayout.AS_IS));
        } else {
            throw new KerasWeightsException("layer " + name + " (" + path + "): no Keras mapping for a "
                    + block.getClass().getSimpleName() + " with parameters " + block.getDirectParameters().keys());
        }
        if (slots.size() != block.getDirectParameters().size()) {
            throw new KerasWeightsException("layer " + name + " (" + path + "): " + block.getDirectParameters().size()
                    + " DJL parameters " + block.getDirectParameters().keys() + " but " + slots.size() + " Keras arrays");
        }
        return new KerasLayer(name, kind, path, slots);
    }

    private static void addBatchNormRest(Block block, String path, List<KerasLayer.Slot> slots) {
        slots.add(new KerasLayer.Slot("beta", param(block, Parameter.Type.BETA, path), KerasLayout.AS_IS));
        slots.add(new KerasLayer.Slot("moving_mean", param(block, Parameter.Type.RUNNING_MEAN, path), KerasLayout.AS_IS));
        slots.add(new KerasLayer.Slot("moving_variance", param(block, Parameter.Type.RUNNING_VAR, path), KerasLayout.AS_IS));
    }

    /** More than one group and one input channel per group: Keras' DepthwiseConv2D (depth multiplier 1). */
    private static boolean isDepthwise(Convolution conv) {
        Parameter w = conv.getDirectParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.WEIGHT).findFirst().orElseThrow();
        return conv.getGroups() > 1 && w.isInitialized() && w.getArray().getShape().get(1) == 1
                && conv.getFilters() == conv.getGroups();
    }

    private static Parameter param(Block block, Parameter.Type type, String path) {
        List<Parameter> found = block.getDirectParameters().values().stream().filter(p -> p.getType() == type).toList();
        if (found.size() != 1) {
            throw new KerasWeightsException(path + ": expected one " + type + " parameter, found " + found.size());
        }
        Parameter p = found.get(0);
        if (!p.isInitialized()) {
            throw new KerasWeightsException(path + ": parameter " + p.getName() + " is not initialised; initialise the "
                    + "network (frozen and trainable parts) for its input size before loading weights");
        }
        return p;
    }

    private static void checkUnique(List<KerasLayer> layers, String variant) {
        Map<String, String> seen = new HashMap<>();
        for (KerasLayer l : layers) {
            String key = KerasNames.normalise(l.name());
            String before = seen.putIfAbsent(key, l.path());
            if (before != null) {
                throw new KerasWeightsException(variant + ": two blocks map to the Keras layer name '" + l.name()
                        + "': " + before + " and " + l.path());
            }
        }
    }
}
