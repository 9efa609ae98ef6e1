package org.biradsrepro.weights;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Pairs a file's layers with a model's layers, and checks each pair's arrays (count and Keras shape).
 *
 * <p>Why by name, when Keras' own legacy loader ({@code load_weights} on an {@code .h5} file, {@code by_name=False})
 * pairs by position: it takes the file's layers that have weights and the model's {@code model.layers} that have
 * weights, in order, and checks counts and shapes. That order is Keras' topological sort of the functional graph
 * (by depth from the input, ties broken by a traversal from the outputs), not the order in which our DJL blocks
 * sit, and reproducing the sort for six graphs would be a second port of each architecture with its own bugs. For
 * a file of the same architecture the names and the order coincide, so pairing by name gives the same pairs as
 * Keras' rule wherever Keras' rule succeeds, and it names the culprit where a file does not fit. The cost, said
 * plainly: a file whose layers were renamed (another Keras version naming layers differently) fails here where
 * Keras' positional rule might still have loaded it; the names are normalised ({@link KerasNames#normalise}) for the
 * one renaming known to matter (tf.keras' MobileNetV3), and automatically named layers (InceptionV3's
 * {@code conv2d_N}) are paired by their creation counter, rank by rank within a class, whatever number the file's
 * counting starts at: that IS a positional rule, in Keras' creation order, which is ours too.
 *
 * <p>Every model layer must be matched exactly once and every file layer with weights must be used; a
 * missing layer, an extra one, a wrong array count or a wrong shape stops the load with one line naming file and
 * layer. A file of another model (few or no names in common) is said to be that.
 */
public final class LayerPairing {

    /** How many names a message lists before it says "and N more". */
    private static final int SHOWN = 4;

    private LayerPairing() {}

    /** A model layer and the file layer that holds its arrays. */
    public record Pair(KerasLayer model, KerasWeightFile.Layer file) {}

    /**
     * Pairs and checks; throws {@link KerasWeightsException} on the first problem.
     *
     * @param expected what the model is, for messages (e.g. {@code nasnetlarge-fixture})
     */
    public static List<Pair> pair(KerasWeightFile file, List<KerasLayer> model, String expected) {
        Map<KerasLayer, KerasWeightFile.Layer> found = new IdentityHashMap<>();
        Set<KerasWeightFile.Layer> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> missing = new ArrayList<>();
        String autoProblem = null;

        Map<String, KerasWeightFile.Layer> fileByName = new HashMap<>();
        Map<String, List<KerasWeightFile.Layer>> fileAuto = new LinkedHashMap<>();
        // Layers with weights first, so that a weightless layer never hides one of the same name.
        for (KerasWeightFile.Layer l : file.weightedLayers()) {
            Optional<KerasNames.AutoName> auto = KerasNames.autoName(l.name());
            if (auto.isPresent()) {
                fileAuto.computeIfAbsent(auto.get().prefix(), k -> new ArrayList<>()).add(l);
            } else if (fileByName.putIfAbsent(KerasNames.normalise(l.name()), l) != null) {
                throw new KerasWeightsException(file.file() + ": two layers with weights named '" + l.name()
                        + "' (after the tf.keras renaming rule) in layer_names");
            }
        }
        // A weightless layer with a model layer's name is kept, so that it fails as an array count mismatch.
        for (KerasWeightFile.Layer l : file.layers()) {
            if (!l.hasWeights()) {
                fileByName.putIfAbsent(KerasNames.normalise(l.name()), l);
            }
        }
        Map<String, List<KerasLayer>> modelAuto = new LinkedHashMap<>();
        for (KerasLayer m : model) {
            Optional<KerasNames.AutoName> auto = KerasNames.autoName(m.name());
            if (auto.isPresent()) {
                modelAuto.computeIfAbsent(auto.get().prefix(), k -> new ArrayList<>()).add(m);
                continue;
            }
            KerasWeightFile.Layer f = fileByName.get(KerasNames.normalise(m.name()));
            if (f == null) {
                missing.add(m.name());
            } else {
                found.put(m, f);
                used.add(f);
            }
        }
        for (Map.Entry<String, List<KerasLayer>> e : modelAuto.entrySet()) {
            List<KerasLayer> ours = new ArrayList<>(e.getValue());
            ours.sort(Comparator.comparingInt(m -> KerasNames.autoName(m.name()).orElseThrow().counter()));
            List<KerasWeightFile.Layer> theirs = new ArrayList<>(fileAuto.getOrDefault(e.getKey(), List.of()));
            theirs.sort(Comparator.comparingInt(l -> KerasNames.autoName(l.name()).orElseThrow().counter()));
            if (theirs.isEmpty()) {
                ours.forEach(m -> missing.add(m.name()));
                continue;
            }
            if (theirs.size() != ours.size()) {
                autoProblem = "the file has " + theirs.size() + " automatically named " + e.getKey() + " layers ("
                        + range(theirs.stream().map(KerasWeightFile.Layer::name).toList()) + "), the model "
                        + ours.size() + " (" + range(ours.stream().map(KerasLayer::name).toList()) + ")";
                ours.forEach(m -> missing.add(m.name()));
                continue;
            }
            for (int i = 0; i < ours.size(); i++) {
                found.put(ours.get(i), theirs.get(i));
                used.add(theirs.get(i));
            }
        }
        List<String> extra = file.layers().stream().filter(l -> l.hasWeights() && !used.contains(l))
                .map(KerasWeightFile.Layer::name).toList();

        if (found.isEmpty() || found.size() * 2 < model.size()) {
            List<String> fileNames = file.weightedLayers().stream().map(KerasWeightFile.Layer::name).toList();
            throw new KerasWeightsException(file.file() + ": file holds " + family(fileNames) + " layers ("
                    + firstFew(fileNames) + "), expected " + expected + "'s: " + found.size() + " of its "
                    + model.size() + " weighted layers matched, unmatched include " + firstFew(missing)
                    + ". Is this another model's file?");
        }
        if (autoProblem != null) {
            throw new KerasWeightsException(file.file() + ": " + autoProblem);
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder s = new StringBuilder(file.file().toString()).append(": ");
            if (!missing.isEmpty()) {
                s.append(missing.size()).append(" layer(s) of ").append(expected).append(" missing from the file: ")
                        .append(firstFew(missing));
            }
            if (!extra.isEmpty()) {
                s.append(missing.isEmpty() ? "" : "; ").append(extra.size())
                        .append(" extra layer(s) with weights in the file that ").append(expected)
                        .append(" does not have: ").append(firstFew(extra));
            }
            throw new KerasWeightsException(s.toString());
        }

        List<Pair> pairs = new ArrayList<>(model.size());
        for (KerasLayer m : model) {
            KerasWeightFile.Layer f = found.get(m);
            checkArrays(file, m, f);
            pairs.add(new Pair(m, f));
        }
        return pairs;
    }

    private static void checkArrays(KerasWeightFile file, KerasLayer m, KerasWeightFile.Layer f) {
        String where = file.file() + ": layer " + f.name()
                + (KerasNames.normalise(f.name()).equals(KerasNames.normalise(m.name())) ? "" : " (our " + m.name() + ")");
        if (f.arrays().size() != m.slots().size()) {
            throw new KerasWeightsException(where + ": " + f.arrays().size() + " array(s) in the file ("
                    + f.arrays().stream().map(KerasWeightFile.WeightArray::name).collect(Collectors.joining(", "))
                    + "), but our " + m.kind().kerasClass() + " has " + m.slots().size() + " ("
                    + m.slots().stream().map(KerasLayer.Slot::weight).collect(Collectors.joining(", ")) + ")");
        }
        for (int i = 0; i < f.arrays().size(); i++) {
            KerasWeightFile.WeightArray a = f.arrays().get(i);
            KerasLayer.Slot slot = m.slots().get(i);
            Shape expected = slot.kerasShape();
            if (!Arrays.equals(a.shape(), expected.getShape())) {
                throw new KerasWeightsException(where + ": array " + a.name() + " has shape " + a.shapeText()
                        + ", expected " + KerasWeightFile.shapeText(expected.getShape()) + " for our "
                        + m.kind().kerasClass() + " " + slot.weight());
            }
        }
    }

    /** A guess at the architecture of a list of Keras layer names, for the message about another model's file. */
    static String family(List<String> names) {
        Map<String, String> signs = new LinkedHashMap<>();
        signs.put("conv\\d_block\\d+_.*", "ResNet");
        signs.put("expanded_conv.*", "MobileNetV3");
        signs.put(".*_stage_\\d+_[xy]block_.*", "RegNet");
        signs.put("(stem_conv1|normal_conv_1_.*|separable_conv_\\d_.*|adjust_.*)", "NASNet");
        signs.put("(conv2d|batch_normalization)(_\\d+)?", "InceptionV3-style (automatically named)");
        Set<String> hits = new TreeSet<>();
        for (String n : names) {
            String key = KerasNames.normalise(n);
            signs.forEach((regex, fam) -> {
                if (key.matches(regex)) {
                    hits.add(fam);
                }
            });
        }
        return hits.isEmpty() ? "unrecognised" : String.join("/", hits);
    }

    static String firstFew(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        String shown = names.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return names.size() > SHOWN ? shown + " and " + (names.size() - SHOWN) + " more" : shown;
    }

    private static String range(List<String> names) {
        return names.size() == 1 ? names.get(0) : names.get(0) + " .. " + names.get(names.size() - 1);
    }
}
