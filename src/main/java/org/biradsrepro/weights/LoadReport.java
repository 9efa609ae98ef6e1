package org.biradsrepro.weights;

import java.nio.file.Path;

/**
 * What a load did, for results and the report.
 *
 * @param file the file read
 * @param variant the backbone variant it went into
 * @param layers weighted layers paired and assigned (every weighted layer of the stem and stages)
 * @param parameters DJL parameters assigned, each exactly once (all of the stem's and stages')
 * @param values numbers assigned
 * @param pairedByCounter layers paired by Keras' automatic-name counter rather than by name (InceptionV3)
 * @param renamed layers whose file name differs from ours in text but not after the tf.keras renaming rule
 * @param weightNameStyle {@code keras2} ({@code kernel:0}), {@code keras3} ({@code kernel}) or {@code mixed}
 * @param kerasVersion the file's {@code keras_version} attribute, or empty
 * @param backend the file's {@code backend} attribute, or empty
 */
public record LoadReport(Path file, String variant, int layers, int parameters, long values, int pairedByCounter,
                         int renamed, String weightNameStyle, String kerasVersion, String backend) {

    /** One line for logs. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %d layers, %d parameters, %,d values into %s "
                        + "(%d paired by Keras' automatic-name counter, %d by the tf.keras renaming rule; weight names %s, "
                        + "keras_version %s)", file.getFileName(), layers, parameters, values, variant, pairedByCounter,
                renamed, weightNameStyle, kerasVersion.isEmpty() ? "unknown" : kerasVersion);
    }
}
