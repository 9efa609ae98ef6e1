package org.biradsrepro.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Section 4.1's transfer set-up: the backbone's lower part is frozen, its original top is replaced by global
 * average pooling and a new dense head with one output per BI-RADS category, and the top
 * {@code trainableStages} stages may train along with the head.
 *
 * <p>The frozen part ends with the pooling when no stage trains, so what it produces per image is a feature
 * vector rather than a feature map: that is what gets cached, and it is small. When stages train, the frozen part
 * ends between stages and passes on whatever crosses that boundary, one feature map or several; all are cached.
 *
 * @param frozen stem and lower stages (and the pooling when no stage trains); always run in inference mode
 * @param trainable top stages, pooling when not frozen, and the new head
 * @param frozenStages names of the frozen stages
 * @param trainableStages names of the stages that train
 */
public record TransferNetwork(Backbone backbone, Block frozen, Block trainable, List<String> frozenStages,
                              List<String> trainableStages) {

    public static final String HEAD = "birads_head";

    public static TransferNetwork of(Backbone backbone, int trainableStageCount, int classes) {
        int n = backbone.stages().size();
        if (trainableStageCount < 0 || trainableStageCount > n) {
            throw new IllegalArgumentException("repro.trainableStages=" + trainableStageCount + " but "
                    + backbone.variant() + " has " + n + " stages "
                    + backbone.stages().stream().map(Backbone.Stage::name).toList() + "; use 0 to " + n + ".");
        }
        Chain frozen = new Chain().add("stem", backbone.stem());
        Chain trainable = new Chain();
        List<Backbone.Stage> lower = backbone.stages().subList(0, n - trainableStageCount);
        List<Backbone.Stage> upper = backbone.stages().subList(n - trainableStageCount, n);
        lower.forEach(s -> frozen.add(s.name(), s.block()));
        upper.forEach(s -> trainable.add(s.name(), s.block()));
        (upper.isEmpty() ? frozen : trainable).add("avg_pool", Pool.globalAvgPool2dBlock());
        trainable.add(HEAD, Linear.builder().setUnits(classes).build());
        return new TransferNetwork(backbone, frozen, trainable,
                lower.stream().map(Backbone.Stage::name).toList(), upper.stream().map(Backbone.Stage::name).toList());
    }

    /** The whole network for end-to-end passes: the frozen part (forced into inference mode), then the rest. */
    public Block endToEnd() {
        return new Chain().add("frozen", new InferenceOnly(frozen)).add("trainable", trainable);
    }
}
