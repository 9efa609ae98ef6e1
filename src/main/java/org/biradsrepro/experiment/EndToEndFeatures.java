package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Samples;

/**
 * The images through the frozen part every epoch ({@code repro.featureCache=false}), the whole network trained with
 * the frozen part in inference mode. Every image is held decoded, 3 x size x size floats, and a second copy for each
 * input scaling that changes values (caffe, [-1, 1]), e.g. 1.3 MB per image and copy at 331 px. The frozen part's
 * output is checked once per backbone, before its first run.
 */
final class EndToEndFeatures implements FrozenFeatures {

    private final Samples images;
    private final Map<InputScaling, Samples> scaled = new ConcurrentHashMap<>();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final CheckedFeaturePass pass;

    /** @param images every decoded image, unscaled */
    EndToEndFeatures(Samples images, CheckedFeaturePass pass) {
        this.images = images;
        this.pass = pass;
    }

    @Override
    public Source source(Backbone backbone, TransferNetwork net, StartingWeights start, NDManager runManager) {
        Samples input = scaled.computeIfAbsent(backbone.scaling(), this::scale);
        start.loadInto(backbone, net.frozen());
        if (checked.add(backbone.variant())) {
            try (NDManager m = runManager.newSubManager()) {
                pass.run(backbone, net.frozen(), input, FeatureCache.StoredBatches.NONE, m);
            }
        }
        return new Source(input, net.endToEnd());
    }

    /** The kept images as a backbone takes them; a scaling that changes nothing shares the decoded rows. */
    private Samples scale(InputScaling scaling) {
        if (scaling == InputScaling.NONE) {
            return images;
        }
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = scaling.scale(images.rows()[i]);
        }
        return new Samples(rows, images.itemShapes(), images.labels());
    }

    /** Nothing is extracted or stored: only the images held, each array counted once (a scaling may share them). */
    @Override
    public Counts counts() {
        Set<float[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        arrays.addAll(Arrays.asList(images.rows()));
        scaled.values().forEach(s -> arrays.addAll(Arrays.asList(s.rows())));
        return new Counts(0, 0, 0, 0, arrays.stream().mapToLong(a -> a.length).sum(), 0);
    }
}
