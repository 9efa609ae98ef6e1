package org.biradsrepro.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Conv2d}, run inside the current pass's zeroing whenever its input channels leave oneDNN's channel
 * block part-filled ({@link ChannelPadding}); otherwise exactly DJL's. Every convolution of the backbones is one.
 */
public final class PaddingSafeConv2d extends Conv2d {

    private PaddingSafeConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    /** The convolution {@code builder} describes, checked as DJL's {@code build()} checks it. */
    static PaddingSafeConv2d of(Conv2d.Builder builder) {
        builder.build(); // DJL's validation; the validated settings then build this one
        return new PaddingSafeConv2d(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        long inChannels = inputs.head().getShape().get(1);
        if (ChannelPadding.readsUnwrittenPadding(inChannels, groups)) {
            return ChannelPadding.zeroed(() -> super.forwardInternal(ps, inputs, training, params));
        }
        return super.forwardInternal(ps, inputs, training, params);
    }
}
