package org.biradsrepro.weights;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keras' own ImageNet weight files for the six backbones, {@code include_top=False} (the suite replaces the top):
 * the name Keras caches each under, the name in its URL where that differs (NASNet), the hash Keras publishes and
 * checks ({@code get_file(..., file_hash=...)}: 32 hex digits are MD5, 64 SHA-256), and the URL Keras fetches.
 * Copied from the Keras Applications sources (keras-team/keras v2.15.0 and Keras 3; see
 * shared/reference/facts.md); a user who has run the Keras model once has the file in {@code ~/.keras/models}.
 *
 * <p>Only the variants the paper's six use are listed: RegNetY008 among the 24 RegNets and MobileNetV3 Large and
 * Small at alpha 1.0. Other variants have files too, but their hashes were not checked here; for them, pass the
 * file explicitly.
 */
public final class KerasWeightCatalogue {

    /** Where Keras Applications' weights live; each family has its folder. */
    public static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/";

    /**
     * One published file.
     *
     * @param backboneId our registry id ({@code resnet152})
     * @param variantKey the registry's variant key ({@code y008}, {@code large}; the id for one-variant families)
     * @param kerasModel Keras' function name ({@code RegNetY008})
     * @param fileName the name Keras caches it under in {@code models/}
     * @param urlFileName the last part of the URL; differs from {@code fileName} for NASNet only
     * @param folder the URL's family folder ({@code resnet/})
     * @param hash the published hash, lower-case hex: MD5 (32) or SHA-256 (64)
     */
    public record Entry(String backboneId, String variantKey, String kerasModel, String fileName, String urlFileName,
                        String folder, String hash) {
        public Entry {
            hash = hash.toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{32}|[0-9a-f]{64}")) {
                throw new IllegalArgumentException(kerasModel + ": a published hash has 32 (MD5) or 64 (SHA-256) hex digits: " + hash);
            }
        }

        /** {@code MD5} or {@code SHA-256}, by the hash's length, as Keras' {@code get_file} decides. */
        public String hashAlgorithm() {
            return hash.length() == 32 ? "MD5" : "SHA-256";
        }

        public String url() {
            return BASE_URL + folder + urlFileName;
        }

        /** The names a folder is searched for: the cached name, then the URL's where it differs. */
        public List<String> fileNames() {
            return Stream.of(fileName, urlFileName).distinct().toList();
        }
    }

    /** The paper's six backbones' files, in the registry's order. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry("regnet", "y008", "RegNetY008", "regnety008_notop.h5", "regnety008_notop.h5", "regnet/",
                    "b11f5432a216ee640fe9be6e32939defa8d08b8d136349bf3690715a98752ca1"),
            new Entry("resnet152", "resnet152", "ResNet152", "resnet152_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "resnet152_weights_tf_dim_ordering_tf_kernels_notop.h5", "resnet/", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
            new Entry("mobilenetv3", "large", "MobileNetV3Large", "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5",
                    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5", "mobilenet_v3/", "07fb09a5933dd0c8eaafa16978110389"),
            new Entry("mobilenetv3", "small", "MobileNetV3Small", "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5",
                    "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5", "mobilenet_v3/", "d3e8ec802a04aa4fc771ee12a9a9b836"),
            new Entry("inceptionv3", "inceptionv3", "InceptionV3", "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5", "inception_v3/", "bcbd6486424b2319ff4ef7d526e38f63"),
            new Entry("nasnetlarge", "nasnetlarge", "NASNetLarge", "nasnet_large_no_top.h5", "NASNet-large-no-top.h5",
                    "nasnet/", "d81d89dc07e6e56530c4e77faddd61b5"),
            new Entry("nasnetmobile", "nasnetmobile", "NASNetMobile", "nasnet_mobile_no_top.h5", "NASNet-mobile-no-top.h5",
                    "nasnet/", "1ed92395b5b598bdda52abe5c0dbfd63"));

    private KerasWeightCatalogue() {}

    public static Optional<Entry> find(String backboneId, String variantKey) {
        return ENTRIES.stream().filter(e -> e.backboneId().equals(backboneId) && e.variantKey().equals(variantKey)).findFirst();
    }

    /** The entry, or a one-line error listing what is catalogued and saying how to use another file. */
    public static Entry require(String backboneId, String variantKey) {
        return find(backboneId, variantKey).orElseThrow(() -> new KerasWeightsException("No Keras ImageNet weight file "
                + "is catalogued for " + backboneId + " variant " + variantKey + "; catalogued: "
                + ENTRIES.stream().map(e -> e.backboneId() + "/" + e.variantKey()).collect(Collectors.joining(", "))
                + ". Pass the .h5 file explicitly (its SHA-256 is recorded, no published hash is checked)."));
    }
}
