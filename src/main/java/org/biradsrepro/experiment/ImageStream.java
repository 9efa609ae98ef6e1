package org.biradsrepro.experiment;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.train.SampleSource;

/**
 * A dataset's images as one backbone takes them, decoded and scaled a batch at a time when the feature pass asks
 * for them, and dropped by it once the batch is through the frozen part: what the session holds of the images is
 * one batch, whatever the dataset's size. A batch's images decode in parallel, each into its own slot, so the order
 * and the values are those of decoding them one by one.
 */
final class ImageStream implements SampleSource {

    private final List<Path> files;
    private final int[] labels;
    private final Function<Path, float[]> decode;
    private final InputScaling scaling;
    private final List<Shape> itemShapes;
    private final AtomicInteger largestBatch = new AtomicInteger();

    /**
     * @param decode a file to its preprocessed 0..255 values (through the decode cache when it is on)
     * @param size the preprocessed images' side
     */
    ImageStream(List<Path> files, int[] labels, Function<Path, float[]> decode, int size, InputScaling scaling) {
        if (files.size() != labels.length) {
            throw new IllegalArgumentException(files.size() + " files but " + labels.length + " labels");
        }
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.decode = decode;
        this.scaling = scaling;
        this.itemShapes = List.of(imageShape(size));
    }

    /** One preprocessed image as a network takes it: channels first, {@code size} square. */
    static Shape imageShape(int size) {
        return new Shape(ImagePreprocessor.CHANNELS, size, size);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<Shape> itemShapes() {
        return itemShapes;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public float[][] rows(int from, int to) {
        largestBatch.accumulateAndGet(to - from, Math::max);
        float[][] rows = new float[to - from][];
        IntStream.range(from, to).parallel().forEach(i -> rows[i - from] = scaling.scale(decode.apply(files.get(i))));
        return rows;
    }

    /** The most images asked for at once: what this source ever held decoded. */
    int largestBatch() {
        return largestBatch.get();
    }
}
