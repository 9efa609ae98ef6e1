package org.biradsrepro.weights;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a layer name in a file is compared with a layer name in our model.
 *
 * <p>{@link #normalise}: tf.keras (Keras 2) named MobileNetV3's layers with slashes and TF-slim capitals
 * ({@code Conv}, {@code Conv/BatchNorm}, {@code expanded_conv/depthwise/BatchNorm},
 * {@code expanded_conv_1/squeeze_excite/Conv_1}); Keras 3 renamed them ({@code conv}, {@code conv_bn},
 * {@code expanded_conv_depthwise_bn}, {@code expanded_conv_1_squeeze_excite_conv_1}), and our blocks carry the Keras
 * 3 names. The rule, applied to both sides: a {@code /BatchNorm} part becomes {@code _bn}, every other {@code /}
 * becomes {@code _}, and case is ignored. It maps every tf.keras MobileNetV3 name onto its Keras 3 name and leaves
 * the other families' names as they are, up to case (RegNet's {@code _Stage_} and {@code XBlock} keep matching
 * because both sides are lowered).
 *
 * <p>{@link #autoName}: Keras gives unnamed layers a per-class counter ({@code conv2d}, {@code conv2d_1}, ..). Keras
 * 2.0, which wrote InceptionV3's ImageNet file, started at {@code conv2d_1}; Keras 3 and our port start at the bare
 * {@code conv2d}. Such names are paired by rank within their class, not by text.
 */
public final class KerasNames {

    /** The automatic names of the layer classes with weights that occur unnamed in Keras Applications (InceptionV3). */
    private static final Pattern AUTO = Pattern.compile(
            "(conv2d|batch_normalization|dense|depthwise_conv2d|separable_conv2d)(?:_(\\d+))?");

    private KerasNames() {}

    /** The comparison key of a layer name (see the class comment). */
    public static String normalise(String name) {
        return name.replace("/BatchNorm", "_bn").replace('/', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * A Keras automatic name split into its class prefix and creation counter ({@code conv2d_5} is
     * {@code (conv2d, 5)}, a bare {@code conv2d} is {@code (conv2d, 0)}); empty for any other name.
     */
    public static Optional<AutoName> autoName(String name) {
        Matcher m = AUTO.matcher(normalise(name));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AutoName(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
    }

    /** A Keras automatic layer name: the class prefix and the counter Keras appended (0 for none). */
    public record AutoName(String prefix, int counter) {}
}
