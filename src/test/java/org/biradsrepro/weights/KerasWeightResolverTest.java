package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.biradsrepro.backbone.BackboneRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras' file names, hashes and URLs, the folders searched in order, the hash checks. Nothing downloads. */
class KerasWeightResolverTest {

    @TempDir
    Path dir;

    @Test
    void everyBackboneHasItsKerasFileCatalogued() {
        for (String id : BackboneRegistry.builtIds()) {
            String variant = BackboneRegistry.require(id).defaultVariant();
            assertThat(KerasWeightCatalogue.find(id, variant)).as(id).isPresent();
        }
        assertThat(KerasWeightCatalogue.require("mobilenetv3", "small").fileName())
                .isEqualTo("weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5");
        KerasWeightCatalogue.Entry large = KerasWeightCatalogue.require("nasnetlarge", "nasnetlarge");
        assertThat(large.fileNames()).containsExactly("nasnet_large_no_top.h5", "NASNet-large-no-top.h5");
        assertThat(large.url()).isEqualTo("https://storage.googleapis.com/tensorflow/keras-applications/nasnet/NASNet-large-no-top.h5");
        assertThat(large.hashAlgorithm()).isEqualTo("MD5");
        KerasWeightCatalogue.Entry regnet = KerasWeightCatalogue.require("regnet", "y008");
        assertThat(regnet.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(regnet.url()).isEqualTo("https://storage.googleapis.com/tensorflow/keras-applications/regnet/regnety008_notop.h5");
        assertThat(KerasWeightCatalogue.require("mobilenetv3", "large").url()).isEqualTo(
                "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5");
    }

    @Test
    void anUncataloguedVariantSaysWhatIsAndWhatToDo() {
        assertThatThrownBy(() -> KerasWeightCatalogue.require("regnet", "x002")).isInstanceOf(KerasWeightsException.class)
                .hasMessageContaining("regnet variant x002").hasMessageContaining("regnet/y008")
                .hasMessageContaining("Pass the .h5 file explicitly");
    }

    @Test
    void aMissingFileNamesTheFileEveryFolderAndTheUrl() {
        KerasWeightCatalogue.Entry e = KerasWeightCatalogue.require("nasnetmobile", "nasnetmobile");
        Path weights = dir.resolve("w");
        Path kerasHome = dir.resolve("kh");
        Path home = dir.resolve("home");
        assertThatThrownBy(() -> KerasWeightResolver.find(e, weights, Map.of("KERAS_HOME", kerasHome.toString()), home))
                .isInstanceOf(KerasWeightsException.class)
                .hasMessage("Keras' NASNetMobile weights not found: looked for nasnet_mobile_no_top.h5 or "
                        + "NASNet-mobile-no-top.h5 in " + weights + ", " + kerasHome.resolve("models") + ", "
                        + home.resolve(".keras/models") + ". Keras fetches it from "
                        + "https://storage.googleapis.com/tensorflow/keras-applications/nasnet/NASNet-mobile-no-top.h5; "
                        + "put it in one of those folders (nothing here downloads).");
    }

    @Test
    void foldersAreSearchedInOrderAndBothNasnetSpellingsCount() throws IOException {
        byte[] content = "pretend weights".getBytes();
        Path kerasHome = dir.resolve("kh");
        Path home = dir.resolve("home");
        Path inHome = write(home.resolve(".keras/models/nasnet_large_no_top.h5"), content);
        Path inKerasHome = write(kerasHome.resolve("models/NASNet-large-no-top.h5"), content);
        KerasWeightResolver.Hashes h = KerasWeightResolver.hashes(inHome);
        KerasWeightCatalogue.Entry e = new KerasWeightCatalogue.Entry("nasnetlarge", "nasnetlarge", "NASNetLarge",
                "nasnet_large_no_top.h5", "NASNet-large-no-top.h5", "nasnet/", h.md5());

        KerasWeightResolver.Resolved r = KerasWeightResolver.find(e, null, Map.of("KERAS_HOME", kerasHome.toString()), home);
        assertThat(r.file()).isEqualTo(inKerasHome);
        assertThat(r.source()).isEqualTo(KerasWeightResolver.Source.KERAS_HOME);
        assertThat(r.publishedHashChecked()).isTrue();
        assertThat(r.sha256()).isEqualTo(h.sha256()).hasSize(64);

        Path inWeights = write(dir.resolve("w/nasnet_large_no_top.h5"), content);
        assertThat(KerasWeightResolver.find(e, dir.resolve("w"), Map.of(), home).file()).isEqualTo(inWeights);
        assertThat(KerasWeightResolver.find(e, null, Map.of(), home).source()).isEqualTo(KerasWeightResolver.Source.USER_HOME);
    }

    @Test
    void aHashMismatchStopsNamingBothHashes() throws IOException {
        KerasWeightCatalogue.Entry e = KerasWeightCatalogue.require("resnet152", "resnet152");
        Path f = write(dir.resolve(e.fileName()), "not the real file".getBytes());
        String md5 = KerasWeightResolver.hashes(f).md5();
        assertThatThrownBy(() -> KerasWeightResolver.find(e, dir, Map.of(), dir.resolve("home")))
                .isInstanceOf(KerasWeightsException.class)
                .hasMessageContaining(f + ": MD5 " + md5 + ", but Keras publishes ee4c566cf9a93f14d82f913c2dc6dd0c for ResNet152")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSha256EntryIsCheckedWithSha256() throws IOException {
        Path f = write(dir.resolve("regnety008_notop.h5"), "x".getBytes());
        KerasWeightCatalogue.Entry e = KerasWeightCatalogue.require("regnet", "y008");
        assertThatThrownBy(() -> KerasWeightResolver.find(e, dir, Map.of(), dir))
                .hasMessageContaining("SHA-256 " + KerasWeightResolver.hashes(f).sha256() + ", but Keras publishes b11f5432");
    }

    @Test
    void anExplicitFileSkipsThePublishedHashButRecordsItsSha256() throws IOException {
        Path f = write(dir.resolve("mine.h5"), "abc".getBytes());
        KerasWeightResolver.Resolved r = KerasWeightResolver.explicit(f);
        assertThat(r.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(r.publishedHashChecked()).isFalse();
        assertThat(r.source()).isEqualTo(KerasWeightResolver.Source.EXPLICIT);
    }

    private static Path write(Path p, byte[] content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }
}
