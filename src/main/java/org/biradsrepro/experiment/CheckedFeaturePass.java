package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.FiniteFeatures;
import org.biradsrepro.train.SampleSource;
import org.biradsrepro.train.Samples;

/**
 * One pass of every image through a frozen part, refused when any output is NaN or infinite (naming the images and
 * the first bad layer): what both {@link FrozenFeatures} do before a head sees anything.
 */
final class CheckedFeaturePass {

    /** Images per batch on a GPU, where a larger batch keeps it busy (inference mode holds no activations for backward). */
    static final int GPU_BATCH = 128;

    private final int cpuBatch;
    private final List<String> imageIds;
    private final Progress progress;

    /** @param cpuBatch images per batch off the GPU ({@code repro.featureBatch}) */
    CheckedFeaturePass(int cpuBatch, Dataset dataset, Progress progress) {
        this.cpuBatch = cpuBatch;
        this.imageIds = dataset.images().stream().map(LabeledImage::id).toList();
        this.progress = progress;
    }

    /** The frozen part's output for every image of {@code input}, batches read from or kept in {@code stored}. */
    Samples run(Backbone backbone, Block frozen, SampleSource input, FeatureCache.StoredBatches stored, NDManager m) {
        Samples features;
        try (Progress.Stage pass = progress.start(StageKind.FEATURES, backbone.id(), input.size())) {
            features = FeatureCache.extract(frozen, input, m, m.getDevice().isGpu() ? GPU_BATCH : cpuBatch, stored,
                    pass::advance);
        }
        FiniteFeatures.check(backbone.variant(), features, imageIds, frozen, input, m);
        return features;
    }
}
