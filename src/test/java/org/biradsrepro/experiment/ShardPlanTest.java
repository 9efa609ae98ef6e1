package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Shard;
import org.biradsrepro.results.Cell;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

    /** Costs shaped like the paper's backbones: one very expensive, one cheap, others between. */
    private static final Map<String, Long> COSTS = new LinkedHashMap<>(Map.of(
            "nasnetlarge", 24_000L, "resnet152", 11_500L, "inceptionv3", 5_700L, "mobilenetv3", 220L));

    private static List<Cell> cells(List<String> backbones, int splits) {
        return backbones.stream().flatMap(b -> IntStream.rangeClosed(1, splits).mapToObj(k -> new Cell(b, k))).toList();
    }

    private static ShardPlan plan(List<Cell> cells, int count) {
        return ShardPlan.assign(cells, c -> COSTS.get(c.backbone()), count, COSTS);
    }

    @Test
    void shardsAreDisjointTheirUnionIsTheMatrixAndThePlanIsDeterministic() {
        List<Cell> all = cells(List.of("mobilenetv3", "resnet152", "inceptionv3", "nasnetlarge"), 5);
        for (int n = 1; n <= 25; n++) {
            ShardPlan plan = plan(all, n);
            List<Cell> union = new ArrayList<>();
            plan.parts().forEach(p -> union.addAll(p.cells()));
            assertThat(union).as("%d shards", n).hasSameSizeAs(all).containsExactlyInAnyOrderElementsOf(all);
            for (ShardPlan.Part p : plan.parts()) {
                assertThat(p.cost()).isEqualTo(p.cells().stream().mapToLong(c -> COSTS.get(c.backbone())).sum());
                // Each shard's cells keep the configuration's order (backbones, then splits).
                assertThat(p.cells()).isSortedAccordingTo((a, b) -> Integer.compare(all.indexOf(a), all.indexOf(b)));
                assertThat(plan(all, n).cellsOf(p.shard())).isEqualTo(p.cells());
            }
        }
    }

    @Test
    void balancedByCostWithinTheGreedyBoundOfTheBestPossibleAssignment() {
        // Small enough to find the best assignment by trying all of them (3^8), an independent reference.
        List<Cell> cells = cells(List.of("nasnetlarge", "resnet152", "inceptionv3", "mobilenetv3"), 2);
        int n = 3;
        long best = Long.MAX_VALUE;
        for (int code = 0; code < Math.pow(n, cells.size()); code++) {
            long[] load = new long[n];
            int c = code;
            for (Cell cell : cells) {
                load[c % n] += COSTS.get(cell.backbone());
                c /= n;
            }
            best = Math.min(best, java.util.Arrays.stream(load).max().orElseThrow());
        }
        long largest = plan(cells, n).parts().stream().mapToLong(ShardPlan.Part::cost).max().orElseThrow();
        // Graham's bound for longest processing time first: (4/3 - 1/(3n)) of the optimum.
        assertThat((double) largest).isLessThanOrEqualTo((4.0 / 3 - 1.0 / (3 * n)) * best);
        // A split by count (cells 1-3, 4-6, 7-8) would put both NASNetLarge cells and a ResNet one together.
        assertThat(largest).isLessThan(2 * 24_000L + 11_500L);
    }

    @Test
    void expensiveCellsGetShardsOfTheirOwnAndCheapOnesFillTheRest() {
        List<Cell> all = cells(List.of("nasnetlarge", "mobilenetv3"), 3);
        ShardPlan plan = plan(all, 3);
        // Three NASNetLarge cells, one per shard; the cheap cells spread over the least loaded.
        assertThat(plan.parts()).allSatisfy(p -> assertThat(p.cells()).filteredOn(c -> c.backbone().equals("nasnetlarge")).hasSize(1));
        assertThat(plan.parts().stream().mapToLong(ShardPlan.Part::cost).max().orElseThrow()
                - plan.parts().stream().mapToLong(ShardPlan.Part::cost).min().orElseThrow()).isLessThanOrEqualTo(220);
    }

    @Test
    void theConfiguredBackbonesCostTheirMultiplyAddsAndEveryProcessPlansAlike() {
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(Path.of("unused")).splits(3)
                .backbones(List.of("mobilenetv3", "resnet152", "nasnetmobile")).shard(new Shard(2, 2)).build();
        ShardPlan plan = ShardPlan.of(config, TestEngine.started());
        assertThat(plan.costPerImage()).containsOnlyKeys("mobilenetv3", "resnet152", "nasnetmobile")
                .allSatisfy((id, macs) -> assertThat(macs).isPositive());
        assertThat(plan.parts()).hasSize(2);
        assertThat(ShardPlan.of(config, TestEngine.started()).parts()).isEqualTo(plan.parts());
        assertThat(ShardPlan.of(config.toBuilder().shard(Shard.ALL).build(), TestEngine.started()).cellsOf(Shard.ALL))
                .isEqualTo(ShardPlan.cells(config)).hasSize(9);
        assertThatThrownBy(() -> plan.cellsOf(new Shard(1, 3))).hasMessageContaining("plan of 2 shards");
    }

    @Test
    void shardSettingIsOneBasedAndNamesWhatIsExpected() {
        assertThat(Shard.parse("2/8")).isEqualTo(new Shard(2, 8));
        assertThat(Shard.parse("all")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse(" 1 / 1 ").whole()).isTrue();
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "")) {
            assertThatThrownBy(() -> Shard.parse(bad)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("repro.shard").hasMessageContaining("1-based");
        }
    }
}
