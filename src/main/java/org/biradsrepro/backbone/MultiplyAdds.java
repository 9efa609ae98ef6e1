package org.biradsrepro.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

/**
 * The multiply-adds of one forward pass of an initialised network, per image: every convolution's kernel values
 * times the positions of its output (a grouped or depthwise kernel holds only its group's inputs, so the product
 * is exact for those too), and every dense layer's kernel values times the positions it is applied at. Pooling,
 * normalisation and activations are left out: they are a few percent of a CNN's arithmetic. The figure is what
 * "FLOPs" means in the RegNet and MobileNet papers (multiply-adds), half of the other usage's FLOPs.
 *
 * <p>It needs no forward pass: each layer's input shapes are those DJL recorded when the network was
 * initialised, so initialise it with images of the size of interest (any batch).
 */
public final class MultiplyAdds {

    private MultiplyAdds() {}

    /** Multiply-adds of one image through {@code initialised}, at the input size it was initialised with. */
    public static long perImage(Block initialised) {
        long total = 0;
        if (initialised instanceof Convolution conv) {
            Shape out = conv.getOutputShapes(conv.getInputShapes())[0];
            total += kernelValues(conv) * out.slice(2).size(); // output positions of one image
        } else if (initialised instanceof Linear dense) {
            Shape in = dense.getInputShapes()[0];
            total += kernelValues(dense) * (in.size() / in.get(0) / in.get(in.dimension() - 1));
        }
        for (Pair<String, Block> child : initialised.getChildren()) {
            total += perImage(child.getValue());
        }
        return total;
    }

    private static long kernelValues(Block block) {
        Parameter weight = block.getParameters().get("weight");
        if (weight == null || !weight.isInitialized()) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " has no initialised kernel: initialise "
                    + "the network first");
        }
        return weight.getArray().size();
    }
}
