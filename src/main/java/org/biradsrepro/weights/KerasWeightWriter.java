package org.biradsrepro.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.biradsrepro.backbone.Backbone;

/**
 * Writes a backbone's current stem and stage parameters as a Keras legacy HDF5 weight file, in the layout
 * {@link KerasWeightFile} reads and Keras' {@code model.save_weights('x.h5')} writes, so that our own weights
 * (the fixture backbones' pretrained ones) travel in the same format as Keras' ImageNet files and go through the
 * same loader.
 *
 * <p>Choices, stated: weight names in the Keras 2 style of every Keras Applications file, the layer name as prefix
 * and {@code :0} as suffix ({@code conv1_conv/kernel:0}), so each layer group holds a nested group of its own name
 * with the datasets (a {@code /} in a name makes nested groups, as h5py makes them); {@code layer_names} lists the layers WITH weights only, in our block order (Keras also lists
 * weightless layers, which its own loader skips; ours have no Keras names to give), split into
 * {@code layer_names0..N} by Keras' own rule when it exceeds 64,512 bytes; root attributes {@code backend}
 * ({@code tensorflow}) and {@code keras_version} ({@value #KERAS_VERSION}, the Keras whose layout this is), plus
 * {@code written_by}, naming this class and the variant. Arrays are float32 in Keras' shapes (channels last).
 * jhdf adds its own {@code _jHDF} attribute. Groups are created in name order, as Keras 3 creates them. h5py reads
 * the result (checked by hand: attributes come back as bytes, as from Keras' files; datasets as float32). Keras'
 * positional loader would need Keras' {@code model.layers} order, which is not ours; its
 * {@code load_weights(by_name=True)} pairs by name and should take such a file (not tried: no Keras here).
 */
public final class KerasWeightWriter {

    /** The Keras version whose legacy layout is written. */
    public static final String KERAS_VERSION = "2.15.0";

    /** Keras' {@code HDF5_OBJECT_HEADER_LIMIT}: above this many bytes a name list is split into chunks. */
    static final int HEADER_LIMIT = 64_512;

    private KerasWeightWriter() {}

    /** Writes {@code backbone}'s stem and stages (initialised) to {@code file}, replacing it. */
    public static void write(Path file, Backbone backbone) {
        write(file, KerasLayerMap.of(backbone), backbone.variant());
    }

    /** Writes the given layers (tests build damaged files from a backbone's layer list this way). */
    static void write(Path file, List<KerasLayer> layers, String variant) {
        try {
            Files.deleteIfExists(file);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new KerasWeightsException(file + ": cannot write: " + KerasWeightFile.oneLine(e), e);
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            putList(hdf, "layer_names", layers.stream().map(KerasLayer::name).toList());
            hdf.putAttribute("backend", "tensorflow");
            hdf.putAttribute("keras_version", KERAS_VERSION);
            hdf.putAttribute("written_by", "org.biradsrepro.weights.KerasWeightWriter: " + variant);
            // Groups in name order, as Keras 3 writes them: h5py (and Keras) cannot create 'a/b' after 'a/b/c'
            // made it implicitly; here an existing group is reused, so the order only mirrors Keras'.
            for (KerasLayer layer : layers.stream().sorted(Comparator.comparing(KerasLayer::name)).toList()) {
                WritableGroup group = groupAt(hdf, layer.name());
                List<String> weightNames = new ArrayList<>();
                for (KerasLayer.Slot slot : layer.slots()) {
                    String weightName = layer.name() + "/" + slot.weight() + ":0";
                    weightNames.add(weightName);
                    int cut = weightName.lastIndexOf('/');
                    groupAt(group, weightName.substring(0, cut)).putDataset(weightName.substring(cut + 1), kerasValues(slot));
                }
                putList(group, "weight_names", weightNames);
            }
        }
    }

    /** The group at a {@code /}-separated path below {@code from}, created where missing (jhdf does not split names). */
    private static WritableGroup groupAt(WritableGroup from, String path) {
        WritableGroup g = from;
        for (String part : path.split("/")) {
            Node child = g.getChildren().get(part);
            if (child == null) {
                g = g.putGroup(part);
            } else if (child instanceof WritableGroup existing) {
                g = existing;
            } else {
                throw new KerasWeightsException("cannot write group " + path + ": " + part + " is a dataset");
            }
        }
        return g;
    }

    /** The parameter in Keras' layout, as the nested Java array jhdf writes ({@code float[kh][kw][in][out]}). */
    private static Object kerasValues(KerasLayer.Slot slot) {
        NDArray djl = slot.parameter().getArray();
        try (NDManager scratch = djl.getManager().newSubManager()) {
            NDArray keras = slot.layout().toKeras(djl.duplicate());
            keras.attach(scratch);
            return nest(keras.toFloatArray(), keras.getShape().getShape());
        }
    }

    static Object nest(float[] flat, long[] shape) {
        if (shape.length == 0) {
            return flat.clone();
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        if (dims.length == 1) {
            return flat.clone();
        }
        Object out = Array.newInstance(float.class, dims);
        fill(out, flat, dims, 0, 0);
        return out;
    }

    private static int fill(Object target, float[] flat, int[] dims, int depth, int offset) {
        if (depth == dims.length - 1) {
            float[] row = (float[]) target;
            System.arraycopy(flat, offset, row, 0, row.length);
            return offset + row.length;
        }
        for (int i = 0; i < dims[depth]; i++) {
            offset = fill(Array.get(target, i), flat, dims, depth + 1, offset);
        }
        return offset;
    }

    /**
     * Keras' {@code save_attributes_to_hdf5_group}: one attribute, or, when the names as a fixed-length byte array
     * exceed {@link #HEADER_LIMIT}, the fewest {@code name0..N} chunks (numpy's {@code array_split}: the first
     * {@code n % k} chunks one longer) that each fit.
     */
    static void putList(WritableGroup group, String name, List<String> values) {
        List<List<String>> chunks = chunks(values);
        if (chunks.size() == 1) {
            group.putAttribute(name, values.toArray(String[]::new));
        } else {
            for (int i = 0; i < chunks.size(); i++) {
                group.putAttribute(name + i, chunks.get(i).toArray(String[]::new));
            }
        }
    }

    static List<List<String>> chunks(List<String> values) {
        // numpy stores the list as one fixed-length byte array: every name takes the longest name's width.
        long width = values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
        for (int k = 1; ; k++) {
            List<List<String>> split = arraySplit(values, k);
            if (split.stream().allMatch(c -> c.size() * width <= HEADER_LIMIT)) {
                return split;
            }
        }
    }

    /** numpy's {@code array_split} into k chunks: the first {@code n % k} one longer than the rest. */
    private static List<List<String>> arraySplit(List<String> values, int k) {
        List<List<String>> out = new ArrayList<>();
        int n = values.size();
        int start = 0;
        for (int i = 0; i < k; i++) {
            int size = n / k + (i < n % k ? 1 : 0);
            out.add(values.subList(start, start + size));
            start += size;
        }
        return out;
    }
}
