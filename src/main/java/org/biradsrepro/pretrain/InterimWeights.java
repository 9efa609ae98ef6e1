package org.biradsrepro.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.Backbone;

/**
 * STOP-GAP until the weights-loader's Keras HDF5 writer lands: the backbone's stem and stage parameters, running
 * statistics included, in their DJL order, as one DJL NDList file. Loading assigns them back by position and
 * checks names and shapes.
 */
public final class InterimWeights {

    private InterimWeights() {}

    public static List<Parameter> parameters(Backbone b) {
        List<Parameter> out = new ArrayList<>(b.stem().getParameters().values());
        b.stages().forEach(s -> out.addAll(s.block().getParameters().values()));
        return out;
    }

    public static void write(Path file, Backbone b) {
        NDList list = new NDList();
        for (Parameter p : parameters(b)) {
            NDArray a = p.getArray();
            NDArray copy = a.duplicate();
            copy.setName(p.getName());
            list.add(copy);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(list.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            list.close();
        }
    }

    public static void load(Path file, Backbone b, NDManager manager) {
        try (InputStream in = Files.newInputStream(file); NDManager m = manager.newSubManager()) {
            NDList list = NDList.decode(m, in.readAllBytes());
            List<Parameter> params = parameters(b);
            if (list.size() != params.size()) {
                throw new IllegalArgumentException(file + ": " + list.size() + " arrays for " + params.size() + " parameters");
            }
            for (int i = 0; i < params.size(); i++) {
                NDArray target = params.get(i).getArray();
                NDArray source = list.get(i);
                if (!target.getShape().equals(source.getShape())) {
                    throw new IllegalArgumentException(file + ": " + params.get(i).getName() + " has shape "
                            + target.getShape() + ", file " + source.getShape());
                }
                target.set(new NDIndex("..."), source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
