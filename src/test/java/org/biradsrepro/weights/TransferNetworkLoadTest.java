package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.train.Initialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the transfer network as the experiment builds it (frozen part and trainable part initialised separately),
 * a load reaches the frozen stages and the trainable ones, and leaves the new head exactly as it was.
 */
class TransferNetworkLoadTest {

    @TempDir
    Path dir;

    @Test
    void frozenAndTrainableStagesLoadTheHeadStaysNew() {
        Backbone source = BackboneRegistry.build("nasnetmobile", false);
        Backbone target = BackboneRegistry.build("nasnetmobile", false);
        Path file = dir.resolve("nasnetmobile.h5");
        try (NDManager m = NDManager.newBaseManager()) {
            WeightTesting.initialise(source, m, WeightTesting.SIZE, 1);
            WeightTesting.randomise(source, 11);
            KerasWeightWriter.write(file, source);

            TransferNetwork net = TransferNetwork.of(target, 1, 6);
            Shape input = new Shape(1, 3, WeightTesting.SIZE, WeightTesting.SIZE);
            Initialization.initialize(net.frozen(), m, input, 3);
            Initialization.initialize(net.trainable(), m, net.frozen().getOutputShapes(new Shape[] {input}), 4);
            List<Parameter> head = net.trainable().getParameters().values().stream()
                    .filter(p -> !KerasLayerMap.parameters(target).contains(p)).toList();
            assertThat(head).hasSize(2);
            Map<Parameter, float[]> headBefore = WeightTesting.snapshot(head);
            List<Parameter> trainableStage = target.stages().get(2).block().getParameters().values();
            Map<Parameter, float[]> stageBefore = WeightTesting.snapshot(trainableStage);

            LoadReport report = KerasWeights.load(file, target);

            assertThat(report.parameters()).isEqualTo(KerasLayerMap.parameters(target).size());
            headBefore.forEach((p, v) -> assertThat(p.getArray().toFloatArray()).as("head " + p.getName()).isEqualTo(v));
            stageBefore.forEach((p, v) -> assertThat(p.getArray().toFloatArray()).as("cells_3 " + p.getName()).isNotEqualTo(v));
        }
    }
}
