package org.biradsrepro.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.biradsrepro.config.BadImagePolicy;
import org.biradsrepro.config.Monitor;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.data.layout.DatasetScanner;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.data.split.StratifiedSplitter;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.train.Samples;

/**
 * The dataset a session trains on: scanned, every image decoded once to check it (all bad files are listed, not only
 * the first; {@code repro.onBadImage}: stop, or leave them out as {@link Dataset#skipped}), split once, and each
 * split's validation side carved from its training side.
 *
 * <p>With the feature cache on the decoded values are dropped as soon as each image has passed: the feature pass
 * streams the images again later ({@link ImageStream}), so the session holds no image. Without it every epoch needs
 * every image, and they are kept ({@link #images}).
 */
final class CheckedDataset {

    private final ReproConfig config;
    private final Dataset dataset;
    private final Function<Path, float[]> decode;
    private final Samples images;
    private final List<Split> splits;

    private CheckedDataset(ReproConfig config, Dataset dataset, Function<Path, float[]> decode, Samples images,
                           List<Split> splits) {
        this.config = config;
        this.dataset = dataset;
        this.decode = decode;
        this.images = images;
        this.splits = List.copyOf(splits);
    }

    static CheckedDataset open(ReproConfig config, Progress progress) {
        Dataset scanned;
        try (Progress.Stage scan = progress.start(StageKind.SCAN, "", 0)) {
            scanned = DatasetScanner.scan(config.dataset(), config.datasetLayout());
            scan.advance(scanned.size());
        }
        try (Progress.Stage decode = progress.start(StageKind.DECODE, "", scanned.size())) {
            return decodeAll(scanned, config, decode);
        }
    }

    /**
     * Decodes every image (through the decode cache when it is on), keeping the values only without the feature
     * cache. Every bad file is collected with its reason; with {@code repro.onBadImage=fail} they stop the run
     * together, with {@code skip} they leave the dataset.
     */
    private static CheckedDataset decodeAll(Dataset dataset, ReproConfig config, Progress.Stage stage) {
        ImagePreprocessor pre = new ImagePreprocessor(config.imageSize(), config.maxImagePixels());
        DecodeCache decodeCache = config.decodeCache().map(DecodeCache::new).orElse(null);
        Function<Path, float[]> decode = decodeCache == null ? pre::load : file -> decodeCache.load(file, pre);
        boolean keep = !config.featureCache();
        float[][] decoded = new float[dataset.size()][];
        boolean[] ok = new boolean[dataset.size()];
        SkippedFile[] failed = new SkippedFile[dataset.size()];
        // Images are independent: decode them on all cores; each lands at its own index, so order is unchanged.
        // Unkept, an image's values are garbage as soon as it has decoded: the check holds a few images at a time.
        IntStream.range(0, dataset.size()).parallel().forEach(i -> {
            LabeledImage image = dataset.images().get(i);
            try {
                float[] values = decode.apply(image.path());
                decoded[i] = keep ? values : null;
                ok[i] = true;
            } catch (DatasetException e) {
                failed[i] = new SkippedFile(image.id(), e.getMessage());
            }
            stage.advance(1);
        });
        int usable = (int) IntStream.range(0, ok.length).filter(i -> ok[i]).count();
        // Files the layout lists but that cannot be read at all count as bad images too, under the same policy.
        List<SkippedFile> bad = new ArrayList<>(dataset.unusable());
        Arrays.stream(failed).filter(Objects::nonNull).forEach(bad::add);
        String summary = bad.size() + " of " + (dataset.size() + dataset.unusable().size()) + " images in " + dataset.root().toAbsolutePath()
                + " cannot be used";
        if (!bad.isEmpty() && (config.onBadImage() == BadImagePolicy.FAIL || usable == 0)) {
            throw new DatasetException(summary + "; nothing was trained"
                    + (usable == 0 ? "" : " (repro.onBadImage=skip would leave them out, listed in the results)")
                    + ":\n  " + String.join("\n  ", bad.stream().map(b -> b.id() + ": " + b.reason()).toList()));
        }
        Dataset used = bad.isEmpty() ? dataset : dataset.without(bad);
        Samples images = keep ? new Samples(Arrays.stream(decoded).filter(Objects::nonNull).toArray(float[][]::new),
                ImageStream.imageShape(config.imageSize()), used.labels()) : null;
        // Drawn after decoding, so that with repro.onBadImage=skip the splits see only the images left.
        List<Split> splits = config.officialSplit() ? List.of(DatasetSplits.official(used))
                : DatasetSplits.draw(used, config.testFraction(), config.seed(), config.splits());
        return new CheckedDataset(config, used, decode, images, splits);
    }

    /** The images that decoded; the bad ones, with {@code repro.onBadImage=skip}, listed as skipped. */
    Dataset dataset() {
        return dataset;
    }

    /** The preprocessing of one file, through the decode cache when it is on. */
    Function<Path, float[]> decode() {
        return decode;
    }

    /** Every decoded image, kept only without the feature cache; {@code null} with it (images are streamed instead). */
    Samples images() {
        return images;
    }

    List<Split> splits() {
        return splits;
    }

    /** The split of a 1-based index; any other index is refused, naming the range. */
    Split split(int splitIndex) {
        if (splitIndex < 1 || splitIndex > splits.size()) {
            throw new IllegalArgumentException("split " + splitIndex + " out of 1.." + splits.size());
        }
        return splits.get(splitIndex - 1);
    }

    /** What a split trains on and, with {@code repro.monitor=val_loss}, what it validates on. */
    Sides sides(Split split) {
        if (config.monitor() != Monitor.VAL_LOSS) {
            return new Sides(split.train(), new int[0]);
        }
        int[] trainIdx = split.train();
        int[] labels = Arrays.stream(trainIdx).map(i -> dataset.images().get(i).label()).toArray();
        // Grouped like the test split, so that no patient is on both sides of the validation split either.
        Split inner = StratifiedSplitter.split(labels, DatasetSplits.groupsOf(dataset, trainIdx),
                config.validationFraction(), Seeds.derive(config.seed(), Seeds.VALIDATION, split.index()), 1).get(0);
        return new Sides(Arrays.stream(inner.train()).map(i -> trainIdx[i]).toArray(),
                Arrays.stream(inner.test()).map(i -> trainIdx[i]).toArray());
    }
}
