package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ResNet152 against Keras Applications' published figures, and the transfer split's freezing. */
class ResNetTest {

    private static long count(Block block, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, input);
            return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
    }

    @Test
    void fullSizeParameterCountWithImagenetTopEqualsKeras() {
        // keras.applications.ResNet152(weights=None).count_params(): 60,419,944 (BatchNorm moving statistics included)
        Backbone b = ResNet.build(ResNet.RESNET152);
        assertThat(count(b.withClassifier(1000), new Shape(1, 3, 224, 224))).isEqualTo(60_419_944L);
        assertThat(b.featureWidth()).isEqualTo(2048);
        assertThat(b.defaultInputSize()).isEqualTo(224);
    }

    @ParameterizedTest(name = "input {0}x{0}: last stage {1}x{1}")
    @CsvSource({"224, 7", "331, 11", "299, 10", "64, 2"})
    void stageOutputShapesFollowKerasPadding(int size, int last) {
        Backbone b = ResNet.build(ResNet.RESNET152);
        Shape[] shape = b.stem().getOutputShapes(new Shape[] {new Shape(1, 3, size, size)});
        for (Backbone.Stage s : b.stages()) {
            shape = s.block().getOutputShapes(shape);
        }
        assertThat(shape[0]).isEqualTo(new Shape(1, 2048, last, last));
        assertThat(b.withClassifier(1000).getOutputShapes(new Shape[] {new Shape(2, 3, size, size)})[0])
                .isEqualTo(new Shape(2, 1000));
    }

    @Test
    void stagesCarryKerasNames() {
        Backbone b = ResNet.build(ResNet.RESNET152);
        assertThat(b.stages()).extracting(Backbone.Stage::name).containsExactly("conv2", "conv3", "conv4", "conv5");
        assertThat(b.stages().get(1).block().getChildren().keys()).hasSize(8).first().asString().endsWith("conv3_block1");
        assertThat(b.stem().getChildren().keys()).containsExactly("01conv1_conv", "02conv1_bn", "03conv1_relu", "04pool1_pool");
    }

    @Test
    void scaleKnobKeepsStructureAndValidates() {
        ResNet.Variant v = ResNet.RESNET152_FIXTURE;
        assertThat(v.stages()).extracting(ResNet.StageSpec::blocks).containsExactly(1, 1, 1, 1);
        assertThat(v.featureWidth()).isEqualTo(256);
        assertThatThrownBy(() -> ResNet.RESNET152.scaled("x", new int[] {1, 1}, 1)).hasMessageContaining("need 4 block counts");
        assertThatThrownBy(() -> ResNet.RESNET152.scaled("x", new int[] {1, 0, 1, 1}, 1)).hasMessageContaining("conv3");
    }

    @Test
    void fixtureForwardIsFiniteAndGradientsReachTheTrainableTopButNeverTheFrozenPart() {
        TransferNetwork net = TransferNetwork.of(ResNet.build(ResNet.RESNET152_FIXTURE), 1, 6);
        assertThat(net.frozenStages()).containsExactly("conv2", "conv3", "conv4");
        assertThat(net.trainableStages()).containsExactly("conv5");
        BackboneChecks.assertFiniteAndGradientsStopAtTheFrozenPart(net, 64);
    }

    @Test
    void frozenBatchNormKeepsItsRunningStatisticsWhenTheWholeNetworkRunsInTrainingMode() {
        TransferNetwork net = TransferNetwork.of(ResNet.build(ResNet.RESNET152_FIXTURE), 0, 6);
        Block whole = net.endToEnd();
        try (NDManager m = NDManager.newBaseManager()) {
            whole.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(4, 3, 64, 64));
            net.frozen().freezeParameters(true);
            Parameter runningMean = net.frozen().getParameters().values().stream()
                    .filter(p -> p.getName().equals("runningMean")).findFirst().orElseThrow();
            float[] before = runningMean.getArray().toFloatArray();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                whole.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(4, 3, 64, 64)).mul(50)), true);
            }
            assertThat(runningMean.getArray().toFloatArray()).isEqualTo(before);
        }
    }

    @Test
    void trainableStagesOutOfRangeNamesTheValueAndTheStages() {
        assertThatThrownBy(() -> TransferNetwork.of(ResNet.build(ResNet.RESNET152_FIXTURE), 5, 6))
                .hasMessageContaining("repro.trainableStages=5").hasMessageContaining("[conv2, conv3, conv4, conv5]");
    }
}
