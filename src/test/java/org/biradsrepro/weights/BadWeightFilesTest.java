package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be used stop the load with one line naming the file and, where it applies, the layer; and
 * nothing is assigned before every layer has been checked.
 */
class BadWeightFilesTest {

    @TempDir
    Path dir;

    private NDManager manager;
    private Backbone resnet;
    private List<KerasLayer> layers;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        resnet = BackboneRegistry.build("resnet152", false);
        WeightTesting.initialise(resnet, manager, 64, 1);
        layers = KerasLayerMap.of(resnet);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void aPngIsNotHdf5() {
        Path png = Path.of(System.getProperty("repro.projectDir", "."), "fixtures", "bad-images", "one-pixel.png");
        assertOneLine(() -> KerasWeights.load(png, resnet), png + ": not an HDF5 file (it starts with 89 50 4e 47");
    }

    @Test
    void anEmptyFileIsNotHdf5() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertOneLine(() -> KerasWeights.load(empty, resnet), "empty.h5: not an HDF5 file (it starts with nothing");
    }

    @Test
    void aTruncatedDownloadIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("cut.h5");
        KerasWeightWriter.write(file, resnet);
        long size = Files.size(file);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(size / 2);
        }
        assertOneLine(() -> KerasWeights.load(file, resnet), "cut.h5: truncated HDF5 file: " + size / 2
                + " bytes, its superblock says " + size);
    }

    @Test
    void anotherModelsFileSaysWhatItHolds() {
        Path file = dir.resolve("resnet.h5");
        KerasWeightWriter.write(file, resnet);
        Backbone nasnet = BackboneRegistry.build("nasnetmobile", false);
        WeightTesting.initialise(nasnet, manager, 64, 1);
        assertOneLine(() -> KerasWeights.load(file, nasnet), "resnet.h5: file holds ResNet layers (conv1_conv, conv1_bn,",
                "expected nasnetmobile-fixture's: 0 of its", "unmatched include stem_conv1, stem_bn1,",
                "Is this another model's file?");
    }

    @Test
    void anInceptionFileIntoResNetSaysSoToo() {
        Backbone inception = BackboneRegistry.build("inceptionv3", false);
        WeightTesting.initialise(inception, manager, 80, 1);
        Path file = dir.resolve("inception.h5");
        KerasWeightWriter.write(file, inception);
        assertOneLine(() -> KerasWeights.load(file, resnet), "inception.h5: file holds InceptionV3-style "
                + "(automatically named) layers (conv2d, batch_normalization, conv2d_1, batch_normalization_1 and 184 more)");
    }

    @Test
    void aMissingLayerIsNamed() {
        Path file = dir.resolve("missing.h5");
        List<KerasLayer> without = new ArrayList<>(layers);
        without.remove(5);
        KerasWeightWriter.write(file, without, "damaged");
        assertOneLine(() -> KerasWeights.load(file, resnet), "missing.h5: 1 layer(s) of resnet152-fixture missing "
                + "from the file: " + layers.get(5).name());
    }

    @Test
    void anExtraLayerIsNamed() {
        Path file = dir.resolve("extra.h5");
        List<KerasLayer> with = new ArrayList<>(layers);
        KerasLayer copy = layers.get(0);
        with.add(new KerasLayer("conv6_block1_1_conv", copy.kind(), copy.path(), copy.slots()));
        KerasWeightWriter.write(file, with, "damaged");
        assertOneLine(() -> KerasWeights.load(file, resnet), "extra.h5: 1 extra layer(s) with weights in the file "
                + "that resnet152-fixture does not have: conv6_block1_1_conv");
    }

    @Test
    void anArrayCountMismatchNamesLayerAndArrays() {
        Path file = dir.resolve("count.h5");
        List<KerasLayer> damaged = new ArrayList<>(layers);
        KerasLayer bn = layers.get(1);
        assertThat(bn.name()).isEqualTo("conv1_bn");
        damaged.set(1, new KerasLayer(bn.name(), bn.kind(), bn.path(), bn.slots().subList(1, 4)));
        KerasWeightWriter.write(file, damaged, "damaged");
        assertOneLine(() -> KerasWeights.load(file, resnet), "count.h5: layer conv1_bn: 3 array(s) in the file "
                + "(conv1_bn/beta:0, conv1_bn/moving_mean:0, conv1_bn/moving_variance:0), but our BatchNormalization "
                + "has 4 (gamma, beta, moving_mean, moving_variance)");
    }

    @Test
    void aShapeMismatchNamesExpectedAndFoundShapes() {
        Path file = dir.resolve("shape.h5");
        List<KerasLayer> damaged = new ArrayList<>(layers);
        KerasLayer stem = layers.get(0);
        KerasLayer other = layers.stream().filter(l -> l.name().equals("conv2_block1_2_conv")).findFirst().orElseThrow();
        damaged.set(0, new KerasLayer(stem.name(), other.kind(), stem.path(), other.slots()));
        KerasWeightWriter.write(file, damaged, "damaged");
        assertOneLine(() -> KerasWeights.load(file, resnet), "shape.h5: layer conv1_conv: array conv1_conv/kernel:0 "
                + "has shape (3, 3, 8, 8), expected (7, 7, 3, 8) for our Conv2D kernel");
    }

    @Test
    void nothingIsAssignedWhenAnyLayerFails() {
        Path file = dir.resolve("late.h5");
        List<KerasLayer> damaged = new ArrayList<>(layers);
        damaged.remove(damaged.size() - 1);
        KerasWeightWriter.write(file, damaged, "damaged");
        var before = WeightTesting.snapshot(KerasLayerMap.parameters(resnet));
        assertThatThrownBy(() -> KerasWeights.load(file, resnet)).isInstanceOf(KerasWeightsException.class);
        before.forEach((p, v) -> assertThat(p.getArray().toFloatArray()).isEqualTo(v));
    }

    @Test
    void anUninitialisedBackboneIsRefusedBeforeReading() {
        Path file = dir.resolve("ok.h5");
        KerasWeightWriter.write(file, resnet);
        Backbone fresh = BackboneRegistry.build("resnet152", false);
        assertOneLine(() -> KerasWeights.load(file, fresh), "is not initialised; initialise the network");
    }

    @Test
    void anHdf5FileWithoutLayerNamesIsNotAKerasWeightFile() {
        Path file = dir.resolve("plain.h5");
        try (WritableHdfFile h = HdfFile.write(file)) {
            h.putGroup("data").putDataset("x", new float[] {1, 2});
        }
        assertOneLine(() -> KerasWeights.load(file, resnet), "plain.h5: no 'layer_names' attribute at the root or "
                + "under 'model_weights': not a Keras legacy HDF5 weight file");
    }

    @Test
    void aListedLayerWithoutItsGroupOrAttributeOrDatasetIsNamed() {
        Path noGroup = dir.resolve("nogroup.h5");
        try (WritableHdfFile h = HdfFile.write(noGroup)) {
            h.putAttribute("layer_names", new String[] {"conv1_conv"});
        }
        assertOneLine(() -> KerasWeightFile.read(noGroup), "nogroup.h5: layer 'conv1_conv' is listed in layer_names "
                + "but has no group");

        Path noAttribute = dir.resolve("noattribute.h5");
        try (WritableHdfFile h = HdfFile.write(noAttribute)) {
            h.putAttribute("layer_names", new String[] {"conv1_conv"});
            h.putGroup("conv1_conv");
        }
        assertOneLine(() -> KerasWeightFile.read(noAttribute), "noattribute.h5: layer 'conv1_conv' has no "
                + "'weight_names' attribute");

        Path noDataset = dir.resolve("nodataset.h5");
        try (WritableHdfFile h = HdfFile.write(noDataset)) {
            h.putAttribute("layer_names", new String[] {"conv1_conv"});
            WritableGroup g = h.putGroup("conv1_conv");
            g.putAttribute("weight_names", new String[] {"conv1_conv/kernel:0"});
            g.putGroup("conv1_conv").putDataset("bias:0", new float[] {1, 2});
        }
        assertOneLine(() -> KerasWeightFile.read(noDataset), "nodataset.h5: layer 'conv1_conv': weight "
                + "'conv1_conv/kernel:0' is listed in weight_names but there is no such dataset");
    }

    @Test
    void keras1AndTheanoFilesAreRefused() {
        for (String[] attrs : new String[][] {{"keras_version", "1.2.2"}, {"backend", "theano"}}) {
            Path file = dir.resolve(attrs[1] + ".h5");
            try (WritableHdfFile h = HdfFile.write(file)) {
                h.putAttribute("layer_names", new String[] {"conv1"});
                h.putAttribute(attrs[0], attrs[1]);
                WritableGroup g = h.putGroup("conv1");
                g.putAttribute("weight_names", new String[] {"conv1_W"});
                g.putDataset("conv1_W", new float[] {1, 2});
            }
            assertOneLine(() -> KerasWeights.load(file, resnet), file + ": written ",
                    attrs[0].equals("backend") ? "Theano backend" : "Keras 1 files are not supported");
        }
    }

    @Test
    void longLayerNameListsAreSplitAsKerasSplitsThem() {
        KerasLayer bn = layers.get(1);
        List<KerasLayer> many = new ArrayList<>();
        for (int i = 0; i < 1700; i++) {
            many.add(new KerasLayer(String.format("layer_%04d_with_a_name_long_enough_to_split", i), bn.kind(),
                    bn.path(), bn.slots()));
        }
        assertThat(KerasWeightWriter.chunks(many.stream().map(KerasLayer::name).toList()))
                .extracting(List::size).containsExactly(850, 850);
        Path file = dir.resolve("split.h5");
        KerasWeightWriter.write(file, many, "split");
        KerasWeightFile read = KerasWeightFile.read(file);
        assertThat(read.layers()).extracting(KerasWeightFile.Layer::name)
                .containsExactlyElementsOf(many.stream().map(KerasLayer::name).toList());
    }

    private static void assertOneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... parts) {
        assertThatThrownBy(call).isInstanceOf(KerasWeightsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(parts));
    }
}
