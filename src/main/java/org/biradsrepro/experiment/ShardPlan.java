package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.MultiplyAdds;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Shard;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.results.Cell;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.NativeEngine;

/**
 * How the backbone x split cells of a configuration are cut into {@code n} shards: deterministic (the same
 * configuration gives the same plan in every process), disjoint, together the whole matrix, and balanced by each
 * cell's expected cost rather than by count, since one NASNetLarge cell costs as much as dozens of MobileNet cells.
 *
 * <p>A cell's expected cost is its backbone's multiply-adds per image at the configured image size
 * ({@link MultiplyAdds}, the network as trained: frozen part, trainable stages and head), times the images it
 * passes: every cell of a configuration passes the same dataset, so that factor scales all cells alike and the
 * plan is computed before the dataset is read. Cells are assigned greedily, most expensive first, each to the
 * shard with the least cost so far (longest processing time first: at most 4/3 of the best possible largest
 * shard); ties go to the configuration's order of backbones, then splits, and to the lowest shard number.
 */
public final class ShardPlan {

    /** One shard's cells, in the configuration's order, and their summed cost (multiply-adds per image). */
    public record Part(Shard shard, List<Cell> cells, long cost) {}

    private final List<Part> parts;
    private final Map<String, Long> costPerImage;

    private ShardPlan(List<Part> parts, Map<String, Long> costPerImage) {
        this.parts = List.copyOf(parts);
        this.costPerImage = Map.copyOf(costPerImage);
    }

    /** Every cell of a configuration, backbones in its order, then splits. */
    public static List<Cell> cells(ReproConfig config) {
        int splits = config.officialSplit() ? 1 : config.splits();
        return config.backbones().stream()
                .flatMap(b -> IntStream.rangeClosed(1, splits).mapToObj(k -> new Cell(b, k))).toList();
    }

    /**
     * The plan of the configuration's shard count; costs are computed only when there is more than one shard, on
     * {@code engine} (the session's: {@code Experiment.startEngine}).
     */
    public static ShardPlan of(ReproConfig config, NativeEngine.State engine) {
        return of(config, config.shard().count(), engine);
    }

    /** The configuration's cells cut into {@code count} shards (the configuration's own shard setting aside). */
    public static ShardPlan of(ReproConfig config, int count, NativeEngine.State engine) {
        List<Cell> cells = cells(config);
        if (count == 1) {
            return new ShardPlan(List.of(new Part(Shard.ALL, cells, 0)), Map.of());
        }
        Map<String, Long> costs = costPerImage(config, engine);
        return assign(cells, c -> costs.get(c.backbone()), count, costs);
    }

    /** Longest processing time first, with the tie-breaks of the class comment; {@code cells} in run order. */
    static ShardPlan assign(List<Cell> cells, ToLongFunction<Cell> cost, int count, Map<String, Long> costPerImage) {
        List<Integer> order = IntStream.range(0, cells.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> cost.applyAsLong(cells.get(i))).reversed()
                        .thenComparingInt(i -> i))
                .toList();
        long[] load = new long[count];
        int[] shardOf = new int[cells.size()];
        for (int i : order) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            shardOf[i] = least;
            load[least] += cost.applyAsLong(cells.get(i));
        }
        List<Part> parts = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int shard = s;
            parts.add(new Part(new Shard(s + 1, count),
                    IntStream.range(0, cells.size()).filter(i -> shardOf[i] == shard).mapToObj(cells::get).toList(),
                    load[s]));
        }
        return new ShardPlan(parts, costPerImage);
    }

    /** The cells of one shard of this plan, in the configuration's order. */
    public List<Cell> cellsOf(Shard shard) {
        if (shard.count() != parts.size()) {
            throw new IllegalArgumentException("shard " + shard.id() + " is not one of a plan of " + parts.size() + " shards");
        }
        return parts.get(shard.index() - 1).cells();
    }

    public List<Part> parts() {
        return parts;
    }

    /** Multiply-adds per image of each backbone at the configured size; empty for a plan of one shard. */
    public Map<String, Long> costPerImage() {
        return costPerImage;
    }

    /**
     * Each backbone's multiply-adds per image, as a session builds and sizes it ({@link SessionPlan}). The networks
     * are built on the session's engine, taken as a parameter because a plan must never start one itself: planning
     * must not fix a thread count.
     */
    static Map<String, Long> costPerImage(ReproConfig config, NativeEngine.State engine) {
        Map<String, Long> costs = new LinkedHashMap<>();
        Shape input = new Shape(1, ImagePreprocessor.CHANNELS, config.imageSize(), config.imageSize());
        for (String id : config.backbones()) {
            Backbone backbone = SessionPlan.buildBackbone(config, id);
            TransferNetwork net = TransferNetwork.of(backbone, config.trainableStages(), BiradsCategory.COUNT);
            Block whole = net.endToEnd();
            try (NDManager m = NDManager.newBaseManager()) {
                Initialization.initialize(whole, m, input, 0);
                costs.put(id, MultiplyAdds.of(whole).total());
            }
        }
        return costs;
    }
}
