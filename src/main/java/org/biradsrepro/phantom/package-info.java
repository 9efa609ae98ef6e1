/**
 * Synthetic, mammogram-like phantoms for the suite's bundled fixture dataset.
 *
 * <p>This package owns the generator ({@link org.biradsrepro.phantom.PhantomGenerator}), its settings
 * ({@link org.biradsrepro.phantom.PhantomSpec}) and the promise that the PNGs committed under
 * {@code fixtures/birads-phantoms/} are exactly what the generator draws for the fixture spec.
 *
 * <p>The fixtures are synthetic because the paper's data (KAU-BCMD, and the DDSM images it is often combined with)
 * may not be redistributed with this repository and must not be downloaded while tests run. The phantoms keep what
 * the pipeline needs from a real set: one folder per BI-RADS class 0..5 with the paper's class imbalance, 8-bit
 * grayscale breast images, and classes that differ by what a radiologist looks for (mass shape and margin,
 * calcification morphology, or, for BI-RADS 0, an image too poor to read), drawn over a textured breast with
 * modest contrast so that the task is learnable but not trivial.
 *
 * <p>Rendering is bit-reproducible on every JVM: each image has its own seed derived from (base seed, class, index),
 * random numbers come from a fixed SplitMix64 generator, transcendental functions use {@link java.lang.StrictMath},
 * pixels are computed into a {@code double[]} without any Java2D drawing, and quantisation uses one explicit
 * rounding rule.
 */
package org.biradsrepro.phantom;
