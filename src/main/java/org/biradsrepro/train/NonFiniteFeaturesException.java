package org.biradsrepro.train;

import java.util.List;
import java.util.Optional;

/**
 * The frozen part produced a NaN or an infinity for some images, so training did not start: the head's loss would
 * be NaN from its first batch, whatever the learning rate.
 */
public final class NonFiniteFeaturesException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int IDS_SHOWN = 10;

    private final String backbone;
    private final List<String> imageIds;
    private final Optional<String> layer;

    NonFiniteFeaturesException(String backbone, int images, List<String> imageIds, boolean inputFinite,
                               Optional<String> layer) {
        super(message(backbone, images, imageIds, inputFinite, layer));
        this.backbone = backbone;
        this.imageIds = List.copyOf(imageIds);
        this.layer = layer;
    }

    public String backbone() {
        return backbone;
    }

    public List<String> imageIds() {
        return imageIds;
    }

    /** The first layer whose output was non-finite when traced again, if the trace saw it. */
    public Optional<String> layer() {
        return layer;
    }

    private static String message(String backbone, int images, List<String> ids, boolean inputFinite,
                                  Optional<String> layer) {
        String shown = String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size())))
                + (ids.size() > IDS_SHOWN ? ", ... (" + (ids.size() - IDS_SHOWN) + " more)" : "");
        String where;
        if (!inputFinite) {
            where = "the image itself (" + ids.get(0) + ") already holds a non-finite value after preprocessing";
        } else if (layer.isPresent()) {
            where = "the first layer whose output is non-finite is " + layer.get() + " (traced again on " + ids.get(0)
                    + ", whose input is finite)";
        } else {
            where = "traced again on " + ids.get(0) + " every layer's output was finite, so the fault is "
                    + "intermittent: a kernel reading memory it never wrote, or an engine shared between threads";
        }
        return "Non-finite features: the frozen part of " + backbone + " gave NaN or infinity for " + ids.size()
                + " of " + images + " images (" + shown + "); " + where + ". Nothing was trained: this is not a "
                + "learning-rate problem.";
    }
}
