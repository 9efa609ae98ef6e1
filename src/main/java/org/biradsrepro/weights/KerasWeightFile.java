package org.biradsrepro.weights;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Keras legacy HDF5 weight file, read whole: the layout {@code model.save_weights('x.h5')} writes (and
 * {@code model.save('x.h5')}, which nests the same under a {@code model_weights} group), which is the layout of
 * every Keras Applications ImageNet file.
 *
 * <p>The layout, as Keras' {@code legacy/saving/legacy_h5_format.py} writes and reads it: the root attribute
 * {@code layer_names} lists every layer in the model's {@code model.layers} order, weightless ones included
 * (split into {@code layer_names0}, {@code layer_names1}, .. when it would exceed HDF5's 64 KB attribute limit);
 * each layer has a group of its name whose attribute {@code weight_names} lists its arrays in the layer's weight
 * order (trainable first). Datasets are found THROUGH those names, never by building paths: Keras 2 names carry a
 * {@code :0} suffix and usually the layer name as a prefix ({@code conv1_conv/kernel:0}), Keras 3 names have no
 * suffix, and a {@code /} in a layer or weight name is a nested group, because h5py creates the intermediate
 * groups ({@code expanded_conv/depthwise/BatchNorm} in tf.keras' MobileNetV3 file).
 *
 * <p>Everything is read at once, so that a truncated or damaged file fails here, with its name, and not halfway
 * through assigning values to a network.
 *
 * @param file where it was read from
 * @param layers every layer of {@code layer_names}, in file order, weightless ones with no arrays
 * @param kerasVersion the root attribute {@code keras_version}, or empty
 * @param backend the root attribute {@code backend}, or empty
 * @param underModelWeights whether the layers sit under {@code model_weights} (a {@code model.save} file)
 */
public record KerasWeightFile(Path file, List<Layer> layers, String kerasVersion, String backend,
                              boolean underModelWeights) {

    /** HDF5's format signature, the first eight bytes of a file without a user block (every Keras file). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    public KerasWeightFile {
        layers = List.copyOf(layers);
    }

    /** One layer group: its name as listed and its arrays in {@code weight_names} order. */
    public record Layer(String name, List<WeightArray> arrays) {
        public Layer {
            arrays = List.copyOf(arrays);
        }

        public boolean hasWeights() {
            return !arrays.isEmpty();
        }
    }

    /**
     * One dataset.
     *
     * @param name its entry in {@code weight_names}, e.g. {@code conv1_conv/kernel:0}
     * @param shape Keras' shape (channels last: a Conv2D kernel is {@code kh, kw, in/groups, out})
     * @param values row-major, as stored (float64 files are narrowed to float32, which is what the layers hold)
     */
    public record WeightArray(String name, long[] shape, float[] values) {
        public String shapeText() {
            return KerasWeightFile.shapeText(shape);
        }
    }

    /** The layers that have arrays, in file order: the ones Keras' loader pairs with the model's. */
    public List<Layer> weightedLayers() {
        return layers.stream().filter(Layer::hasWeights).toList();
    }

    /** Whether the weight names follow Keras 2 ({@code kernel:0}) or Keras 3 ({@code kernel}); "none" without arrays. */
    public String weightNameStyle() {
        List<String> names = layers.stream().flatMap(l -> l.arrays().stream()).map(WeightArray::name).toList();
        if (names.isEmpty()) {
            return "none";
        }
        long withSuffix = names.stream().filter(n -> n.matches(".*:\\d+$")).count();
        return withSuffix == names.size() ? "keras2" : withSuffix == 0 ? "keras3" : "mixed";
    }

    /** Reads the whole file; any problem is one {@link KerasWeightsException} line naming the file (and layer). */
    public static KerasWeightFile read(Path file) {
        checkReadableHdf5(file);
        try (HdfFile hdf = new HdfFile(file)) {
            Group root = hdf;
            boolean nested = false;
            if (!hasListAttribute(root, "layer_names")) {
                Node mw = root.getChildren().get("model_weights");
                if (mw instanceof Group g && hasListAttribute(g, "layer_names")) {
                    root = g;
                    nested = true;
                } else {
                    throw new KerasWeightsException(file + ": no 'layer_names' attribute at the root or under "
                            + "'model_weights': not a Keras legacy HDF5 weight file (Keras 3 '.weights.h5' files "
                            + "use another layout; save with model.save_weights('x.h5'))");
                }
            }
            List<String> layerNames = listAttribute(root, "layer_names", file, null);
            List<Layer> layers = new ArrayList<>(layerNames.size());
            for (String name : layerNames) {
                layers.add(readLayer(root, name, file));
            }
            return new KerasWeightFile(file, layers, stringAttribute(hdf, root, "keras_version"),
                    stringAttribute(hdf, root, "backend"), nested);
        } catch (KerasWeightsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasWeightsException(file + ": unreadable HDF5 (damaged or truncated?): " + oneLine(e), e);
        }
    }

    private static Layer readLayer(Group root, String name, Path file) {
        Node node = lookup(root, name);
        if (!(node instanceof Group group)) {
            throw new KerasWeightsException(file + ": layer '" + name + "' is listed in layer_names but has no group");
        }
        if (!hasListAttribute(group, "weight_names")) {
            throw new KerasWeightsException(file + ": layer '" + name + "' has no 'weight_names' attribute");
        }
        List<WeightArray> arrays = new ArrayList<>();
        for (String weightName : listAttribute(group, "weight_names", file, name)) {
            Node d = lookup(group, weightName);
            if (!(d instanceof Dataset dataset)) {
                throw new KerasWeightsException(file + ": layer '" + name + "': weight '" + weightName
                        + "' is listed in weight_names but there is no such dataset");
            }
            arrays.add(new WeightArray(weightName, dataset.getDimensionsAsLong(), floats(dataset, file, name)));
        }
        return new Layer(name, arrays);
    }

    /** Follows a Keras name through nested groups ({@code a/b/kernel:0}); null where a part is missing. */
    private static Node lookup(Group from, String name) {
        Node node = from;
        for (String part : name.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static float[] floats(Dataset dataset, Path file, String layer) {
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new KerasWeightsException(file + ": layer '" + layer + "': dataset " + dataset.getName()
                + " holds " + dataset.getJavaType().getSimpleName() + ", expected float32 or float64");
    }

    /** {@code name}, or {@code name0}, {@code name1}, .. as Keras splits a long list. */
    private static boolean hasListAttribute(Node node, String name) {
        return node.getAttributes().containsKey(name) || node.getAttributes().containsKey(name + "0");
    }

    /** Keras' {@code load_attributes_from_hdf5_group}: one attribute, or its chunks {@code name0..N} in order. */
    private static List<String> listAttribute(Node node, String name, Path file, String layer) {
        List<String> out = new ArrayList<>();
        if (node.getAttributes().containsKey(name)) {
            out.addAll(strings(node.getAttribute(name)));
        } else {
            for (int chunk = 0; node.getAttributes().containsKey(name + chunk); chunk++) {
                out.addAll(strings(node.getAttribute(name + chunk)));
            }
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw new KerasWeightsException(file + ": " + (layer == null ? "" : "layer '" + layer + "': ")
                    + "attribute '" + name + "' holds an empty name");
        }
        return out;
    }

    private static List<String> strings(Attribute attribute) {
        if (attribute.isEmpty()) {
            return List.of();
        }
        Object data = attribute.getData();
        List<String> out = new ArrayList<>();
        if (data != null && data.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                out.add(text(Array.get(data, i)));
            }
        } else {
            out.add(text(data));
        }
        return out;
    }

    private static String text(Object o) {
        String s = o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
        return s.replace("\0", "");
    }

    private static String stringAttribute(HdfFile hdf, Group root, String name) {
        for (Node n : List.<Node>of(root, hdf)) {
            if (n.getAttributes().containsKey(name)) {
                List<String> s = strings(n.getAttribute(name));
                return s.isEmpty() ? "" : s.get(0);
            }
        }
        return "";
    }

    /**
     * Refuses, with a precise reason, what is not a whole HDF5 file: a missing file, another format (no HDF5
     * signature: a PNG, a Keras 3 {@code .keras} zip), and a truncated download (shorter than the end-of-file
     * address its superblock records).
     */
    private static void checkReadableHdf5(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasWeightsException(file + ": no such file");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw new KerasWeightsException(file + ": cannot read: " + oneLine(e), e);
        }
        if (n < 8 || !Arrays.equals(head, SIGNATURE)) {
            throw new KerasWeightsException(file + ": not an HDF5 file (it starts with " + hex(head, n)
                    + ", not HDF5's signature 89 48 44 46 0d 0a 1a 0a)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = Superblock.readSuperblock(channel, 0).getEndOfFileAddress();
            long size = channel.size();
            if (size < end) {
                throw new KerasWeightsException(file + ": truncated HDF5 file: " + size + " bytes, its superblock "
                        + "says " + end + " (an interrupted download? fetch it again)");
            }
        } catch (KerasWeightsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new KerasWeightsException(file + ": damaged HDF5 superblock: " + oneLine(e), e);
        }
    }

    private static String hex(byte[] b, int n) {
        if (n <= 0) {
            return "nothing (empty file)";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    static String shapeText(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
