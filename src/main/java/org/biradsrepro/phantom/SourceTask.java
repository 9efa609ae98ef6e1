package org.biradsrepro.phantom;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The pretraining task of the fixture backbones: phantoms labelled by the <em>kind</em> of finding they show, not by
 * BI-RADS. It stands in for ImageNet: a different label set over different images, from which the backbones learn
 * features that the 6-way BI-RADS head then reuses, frozen.
 *
 * <p>Images come from their own seed ({@link #SEED}, not {@link PhantomSpec#FIXTURE_SEED}) and from streams with one
 * more label than the fixture's ({@code (task, kind, index, purpose)} against {@code (class, index, purpose)}), so
 * no source image repeats a fixture image; {@code SourceTaskTest} checks this against every fixture PNG. Breast,
 * texture, findings and defects are drawn by the same code as the fixtures ({@link Findings}, {@link Defect}), at
 * the same 128 x 160 8-bit size. Every image depends only on (kind, index), so classes are as balanced as the
 * caller asks and any range of indices can serve as a held-out split.
 */
public final class SourceTask {

    /** Base seed of the source task; any value other than the fixture's would do. */
    public static final long SEED = 20260101L;

    /** Same size as the fixtures. */
    public static final int WIDTH = 128;
    public static final int HEIGHT = 160;

    // Extra stream label, so that even a seed equal to the fixture's would not reproduce a fixture image.
    private static final long TASK_LABEL = 0x5043_4B49_4E44L;
    private static final long ANATOMY_STREAM = 1;
    private static final long FINDING_STREAM = 2;

    /** The source task's classes: what the image shows, whatever BI-RADS a reader would give it. */
    public enum Kind {
        NONE("no finding"),
        ROUND_MASS("round circumscribed mass"),
        OVAL_MASS("oval circumscribed mass"),
        IRREGULAR_MASS("irregular mass, indistinct margins"),
        SPICULATED_MASS("spiculated mass"),
        POPCORN_CALCIFICATIONS("coarse popcorn calcifications"),
        MICROCALCIFICATION_CLUSTER("cluster of fine microcalcifications"),
        TECHNICAL_DEFECT("technical defect: truncated, blurred or under-exposed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** Lower-case name with hyphens, e.g. {@code round-mass}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final List<Kind> KINDS = List.of(Kind.values());

    private SourceTask() {}

    /** Image {@code index} (from 0) of kind {@code kind}, 128 x 160 8-bit grayscale. */
    public static BufferedImage render(Kind kind, int index) {
        return PhantomGenerator.toImage(intensities(kind, index), WIDTH, HEIGHT);
    }

    static double[] intensities(Kind kind, int index) {
        return intensities(kind, index, true);
    }

    /** Test hook: the same breast with ({@code true}) or without its finding or defect. */
    static double[] intensities(Kind kind, int index, boolean withFinding) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        Breast breast = Breast.random(stream(kind, index, ANATOMY_STREAM), WIDTH, HEIGHT);
        SeededRandom rng = stream(kind, index, FINDING_STREAM);
        if (!withFinding) {
            return Anatomy.render(breast, WIDTH, HEIGHT).intensity;
        }
        if (kind == Kind.TECHNICAL_DEFECT) {
            return PhantomGenerator.defective(breast, rng, WIDTH, HEIGHT);
        }
        Anatomy a = Anatomy.render(breast, WIDTH, HEIGHT);
        switch (kind) {
            case ROUND_MASS -> Findings.roundMass(rng, a);
            case OVAL_MASS -> Findings.ovalMass(rng, a);
            case IRREGULAR_MASS -> Findings.irregularMass(rng, a);
            case SPICULATED_MASS -> Findings.spiculatedMass(rng, a);
            case POPCORN_CALCIFICATIONS -> Findings.popcorn(rng, a);
            case MICROCALCIFICATION_CLUSTER -> Findings.microcalcifications(rng, a);
            default -> {
                // NONE: the breast alone.
            }
        }
        return a.intensity;
    }

    private static SeededRandom stream(Kind kind, int index, long purpose) {
        return new SeededRandom(SeededRandom.derive(SEED, TASK_LABEL, kind.ordinal(), index, purpose));
    }
}
