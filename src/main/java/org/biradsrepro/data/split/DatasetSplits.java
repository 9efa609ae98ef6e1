package org.biradsrepro.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;

/**
 * Splits of a {@link Dataset} that do not leak: no patient and no identical content on both sides. Drawn with
 * {@link StratifiedSplitter} over the dataset's split groups, or taken from the dataset's official train/test
 * assignment; either way checked before use.
 */
public final class DatasetSplits {

    private DatasetSplits() {}

    /** Seeded stratified splits; by patient and identical content where the dataset has either. */
    public static List<Split> draw(Dataset dataset, double testFraction, long seed, int count) {
        List<Split> splits = dataset.hasSplitGroups()
                ? StratifiedSplitter.split(dataset.labels(), dataset.splitGroups(), testFraction, seed, count)
                : StratifiedSplitter.split(dataset.labels(), testFraction, seed, count);
        splits.forEach(s -> requireNoLeak(dataset, s));
        return splits;
    }

    /**
     * The dataset's own train/test assignment (VinDr-Mammo's {@code split} column, CBIS-DDSM's train/test CSVs)
     * as split 1, seed 0.
     */
    public static Split official(Dataset dataset) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            LabeledImage image = dataset.images().get(i);
            String subset = image.officialSubset();
            if ("training".equals(subset) || "train".equals(subset)) {
                train.add(i);
            } else if ("test".equals(subset)) {
                test.add(i);
            } else {
                without.add(image.id() + (subset == null ? "" : " ('" + subset + "')"));
            }
        }
        if (!without.isEmpty()) {
            throw new DatasetException("repro.officialSplit=true, but " + without.size() + " image(s) of "
                    + dataset.root().toAbsolutePath() + " (" + dataset.layout().id()
                    + " layout) have no official training/test assignment, e.g. "
                    + without.subList(0, Math.min(10, without.size())) + ".");
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new DatasetException("The official split of " + dataset.root().toAbsolutePath() + " has "
                    + train.size() + " training and " + test.size() + " test images; both sides need images.");
        }
        Split split = new Split(1, 0, train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
        requireNoLeak(dataset, split);
        return split;
    }

    /** What a split keeps together: "patient" where the data has patient ids, "image" otherwise. */
    public static String unit(Dataset dataset) {
        return dataset.patientCount() > 0 ? "patient" : "image";
    }

    /** Refuses a split with a patient, or identical content, on both sides, listing every one. */
    public static void requireNoLeak(Dataset dataset, Split split) {
        Set<String> trainPatients = new TreeSet<>();
        Set<String> trainHashes = new TreeSet<>();
        for (int i : split.train()) {
            if (dataset.images().get(i).patientId() != null) {
                trainPatients.add(dataset.images().get(i).patientId());
            }
            trainHashes.add(dataset.contentHashes().get(i));
        }
        Set<String> patients = new LinkedHashSet<>();
        Set<String> copies = new LinkedHashSet<>();
        for (int i : split.test()) {
            LabeledImage image = dataset.images().get(i);
            if (image.patientId() != null && trainPatients.contains(image.patientId())) {
                patients.add(image.patientId());
            }
            if (trainHashes.contains(dataset.contentHashes().get(i))) {
                copies.add(image.id() + " (identical to a training image)");
            }
        }
        if (!patients.isEmpty() || !copies.isEmpty()) {
            List<String> lines = new ArrayList<>();
            if (!patients.isEmpty()) {
                lines.add(patients.size() + " patient(s) on both sides: " + String.join(", ", patients));
            }
            if (!copies.isEmpty()) {
                lines.add(copies.size() + " test image(s) whose content is also on the training side: "
                        + String.join(", ", copies));
            }
            throw new DatasetException("Split " + split.index() + " of " + dataset.root().toAbsolutePath()
                    + " leaks test data into training; refused:\n  " + String.join("\n  ", lines));
        }
    }

    /** Group numbers of a subset of the dataset's images (for carving a validation set from the training side). */
    public static int[] groupsOf(Dataset dataset, int[] indices) {
        int[] all = dataset.splitGroups();
        return Arrays.stream(indices).map(i -> all[i]).toArray();
    }
}
