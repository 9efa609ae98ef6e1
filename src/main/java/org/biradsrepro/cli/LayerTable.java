package org.biradsrepro.cli;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The layers of an initialised network, one row per block that owns parameters: the path of reference layer names
 * (DJL's two-digit position prefixes removed), the block type, each parameter's shape and the values it holds.
 * It is the list a weight loader walks to match Keras' layers one by one.
 */
final class LayerTable {

    private LayerTable() {}

    static void print(Block root, PrintStream out) {
        out.printf(Locale.ROOT, "%-72s %-16s %12s  %s%n", "layer", "type", "values", "parameters");
        walk(root, "", out);
    }

    private static void walk(Block block, String path, PrintStream out) {
        if (!block.getDirectParameters().isEmpty()) {
            long values = block.getDirectParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            String params = block.getDirectParameters().stream()
                    .map(p -> p.getKey() + p.getValue().getArray().getShape())
                    .collect(Collectors.joining(" "));
            out.printf(Locale.ROOT, "%-72s %-16s %,12d  %s%n", path, block.getClass().getSimpleName(), values, params);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey().replaceFirst("^\\d{2}", "");
            walk(child.getValue(), path.isEmpty() ? name : path + "/" + name, out);
        }
    }

}
