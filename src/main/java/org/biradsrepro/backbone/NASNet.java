package org.biradsrepro.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.NASNetCells.Level;

/**
 * NASNet-A, as Keras Applications' {@code nasnet.py} builds it (Zoph et al., 2018): a stem convolution, two
 * reduction cells, then three groups of {@code numBlocks} normal cells with a reduction cell between groups. The
 * cells themselves, as tables of branch operations, are in {@link NASNetCells}.
 *
 * <p>Every cell takes two inputs, the outputs of the previous two cells, and passes on two ({@link CellInputs}
 * {@code (x, p)}), so the pair is what crosses a boundary between stages. The first cell ({@code stem_1}) sees
 * only {@code x} (Keras' {@code p=None}).
 *
 * <p>Layer names are Keras' ({@code normal_conv_1_3}, {@code separable_conv_1_bn_normal_left1_3},
 * {@code adjust_bn_3}; cell ids {@code stem_1}, {@code stem_2}, {@code 0}.., {@code reduce_N}); weightless layers
 * that Keras leaves unnamed get descriptive names.
 *
 * <p>Stages, for freezing: the stem is {@code stem_conv1} + {@code stem_1} + {@code stem_2}; {@code cells_1}
 * holds normal cells 0..N-1; {@code cells_2} the reduction cell {@code reduce_N} and the next N normal cells;
 * {@code cells_3} {@code reduce_2N}, the last N normal cells and the final ReLU, which Keras applies before its
 * pooling. Only {@code cells_3} ends in a single tensor; the stem and the other stages output {@code (x, p)}.
 */
public final class NASNet {

    /**
     * The arguments of Keras' {@code NASNet(...)} function; NASNet-A "N @ P" is {@code numBlocks} @
     * {@code penultimateFilters}.
     *
     * @param id registry id of the family
     * @param name the variant's name
     * @param penultimateFilters channels of the last cells' output (with filter multiplier 2); 24 x the base filters
     * @param numBlocks normal cells per group (three groups)
     * @param stemFilters channels of the stem convolution
     * @param skipReduction whether the cell after a reduction cell takes the reduction cell's own {@code p} rather
     *     than its input as its second input (NASNetLarge: yes)
     * @param filterMultiplier width growth per reduction
     * @param defaultSize the input size Keras builds it for
     */
    public record Variant(String id, String name, int penultimateFilters, int numBlocks, int stemFilters,
                          boolean skipReduction, int filterMultiplier, int defaultSize) {
        public Variant {
            if (numBlocks < 1) {
                throw new IllegalArgumentException(name + ": numBlocks must be at least 1: " + numBlocks);
            }
            if (stemFilters < 1 || filterMultiplier < 1) {
                throw new IllegalArgumentException(name + ": stemFilters and filterMultiplier must be positive: "
                        + stemFilters + ", " + filterMultiplier);
            }
            int unit = 24 * filterMultiplier * filterMultiplier;
            if (penultimateFilters < unit || penultimateFilters % unit != 0) {
                throw new IllegalArgumentException(name + ": penultimate filters must be a positive multiple of 24 * "
                        + "filterMultiplier^2 = " + unit + " (Keras' rule): " + penultimateFilters);
            }
        }

        /** Keras' {@code filters}: the width of the first group's cells. */
        public int filters() {
            return penultimateFilters / 24;
        }

        /** Channels of the last normal cell: six branches of {@code filters * multiplier^2}. */
        public int featureWidth() {
            return 6 * filters() * filterMultiplier * filterMultiplier;
        }

        /** The scale knob: fewer cells per group, fewer filters, a narrower stem; everything else kept. */
        public Variant scaled(String scaledName, int blocks, int penultimate, int stem) {
            return new Variant(id, scaledName, penultimate, blocks, stem, skipReduction, filterMultiplier, defaultSize);
        }
    }

    /** NASNetLarge: NASNet-A (6 @ 4032), default input 331. */
    public static final Variant LARGE = new Variant("nasnetlarge", "nasnetlarge", 4032, 6, 96, true, 2, 331);

    /** NASNetMobile: NASNet-A (4 @ 1056), default input 224. */
    public static final Variant MOBILE = new Variant("nasnetmobile", "nasnetmobile", 1056, 4, 32, false, 2, 224);

    /** Fixture-scale NASNetLarge: one normal cell per group, a tenth-ish of the width; skip_reduction kept. */
    public static final Variant LARGE_FIXTURE = LARGE.scaled("nasnetlarge-fixture", 1, 288, 16);

    /** Fixture-scale NASNetMobile: one normal cell per group, narrower. */
    public static final Variant MOBILE_FIXTURE = MOBILE.scaled("nasnetmobile-fixture", 1, 192, 8);

    private NASNet() {}

    public static Backbone build(Variant v) {
        int f = v.filters();
        int m = v.filterMultiplier();
        Builder b = new Builder(v.stemFilters());
        Chain stem = new Chain()
                .add("stem_conv1", NASNetCells.conv(v.stemFilters(), 3, 2))
                .add("stem_bn1", NASNetCells.bn())
                .add("stem_1", b.reduction("stem_1", f / (m * m), false))
                .add("stem_2", b.reduction("stem_2", f / m, false));
        List<Backbone.Stage> stages = new ArrayList<>();
        int width = f;
        for (int group = 0; group < 3; group++, width *= m) {
            Chain stage = new Chain();
            if (group > 0) {
                String id = "reduce_" + group * v.numBlocks();
                stage.add(id, b.reduction(id, width, v.skipReduction()));
            }
            for (int i = 0; i < v.numBlocks(); i++) {
                // Keras: normal cells 0..N-1, then N+1..2N after reduce_N, then 2N+1..3N after reduce_2N
                String id = Integer.toString(group * v.numBlocks() + i + (group > 0 ? 1 : 0));
                stage.add(id, b.normal(id, width));
            }
            if (group == 2) {
                stage.add("final_relu", new LambdaBlock(l -> new NDList(Activation.relu(CellInputs.of(l).x())), "final_relu"));
            }
            stages.add(new Backbone.Stage("cells_" + (group + 1), stage));
        }
        return new Backbone(v.id(), v.name(), InputScaling.TF, stem, stages, v.featureWidth(), v.defaultSize(), 32,
                Backbone::poolAndDense);
    }

    /**
     * Follows the channels and the resolution level of {@code x} and {@code p} while the cells are created, because
     * each cell's adjust branch and its separable convolutions' widths depend on them (see
     * {@link NASNetCells#adjust}).
     */
    private static final class Builder {
        private Level x;
        private Level p;

        Builder(int stemChannels) {
            x = new Level(stemChannels, 0);
        }

        Block normal(String id, int filters) {
            Block cell = new NASNetCells.Cell(NASNetCells.NORMAL, id, filters, NASNetCells.adjust(id, filters, x, p),
                    false);
            p = x;
            x = new Level(6 * filters, x.level());
            return cell;
        }

        Block reduction(String id, int filters, boolean skipReduction) {
            Block cell = new NASNetCells.Cell(NASNetCells.REDUCTION, id, filters, NASNetCells.adjust(id, filters, x, p),
                    skipReduction);
            // Keras: x, p0 = _reduction_a_cell(x, p); p = p if skip_reduction else p0 (p0 being the cell's input)
            p = skipReduction ? p : x;
            x = new Level(4 * filters, x.level() + 1);
            return cell;
        }
    }
}
