package org.biradsrepro.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Multiply-adds of one image's forward pass, counted layer by layer as the papers count them (He et al., Szegedy et
 * al., Zoph et al., Howard et al., Radosavovic et al.): every convolution and dense layer, one multiply-add per
 * weight use; BatchNorm, activations, pooling and additions are left out. A FLOP count is twice this.
 *
 * <p>The network must have been initialised: each layer's input shape is what DJL recorded when it was, so the count
 * is for that input size, per image of the batch it was initialised with.
 */
public final class MultiplyAdds {

    /** One counted layer: its path of block names, and its multiply-adds per image. */
    public record Layer(String path, String type, long multiplyAdds) {}

    /** The layers that count, in the network's order, and their total. */
    public record Count(List<Layer> layers, long total) {
        public Count {
            layers = List.copyOf(layers);
        }

        /** Floating-point operations: a multiply and an add per multiply-add. */
        public long flops() {
            return 2 * total;
        }
    }

    private MultiplyAdds() {}

    /** Multiply-adds per image of {@code block}, initialised beforehand at the input size of interest. */
    public static Count of(Block block) {
        List<Layer> layers = new ArrayList<>();
        walk(block, "", layers);
        return new Count(layers, layers.stream().mapToLong(Layer::multiplyAdds).sum());
    }

    private static void walk(Block block, String path, List<Layer> out) {
        if (block instanceof Convolution conv) {
            out.add(new Layer(path, "Convolution", convolution(conv, path)));
            return;
        }
        if (block instanceof Linear linear) {
            out.add(new Layer(path, "Linear", dense(linear, path)));
            return;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey().replaceFirst("^\\d{2}", "");
            walk(child.getValue(), path.isEmpty() ? name : path + "/" + name, out);
        }
    }

    /** Output positions x output channels x (input channels per group x kernel area), per image. */
    static long convolution(Convolution conv, String path) {
        Shape in = inputOf(conv, path);
        Shape out = conv.getOutputShapes(new Shape[] {in})[0];
        long perOutput = in.get(1) / conv.getGroups() * conv.getKernelShape().size();
        return out.size() / out.get(0) * perOutput;
    }

    /** Input features x units, for each of the image's rows (one, after pooling). */
    static long dense(Linear linear, String path) {
        Shape in = inputOf(linear, path);
        long features = in.get(in.dimension() - 1);
        long units = linear.getOutputShapes(new Shape[] {in})[0].tail();
        return in.size() / in.get(0) / features * features * units;
    }

    private static Shape inputOf(Block block, String path) {
        Shape[] shapes;
        try {
            shapes = block.getInputShapes();
        } catch (IllegalStateException e) { // DJL's own refusal names no layer
            shapes = null;
        }
        if (shapes == null || shapes.length == 0 || shapes[0] == null) {
            throw new IllegalStateException("layer " + path + " has no input shape: initialise the network first");
        }
        return shapes[0];
    }
}
