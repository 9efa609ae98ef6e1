package org.biradsrepro.config;

import java.util.Locale;

/**
 * Where the networks run ({@code repro.device}). {@code auto}: DJL's default device, the GPU when a CUDA engine
 * and a CUDA runtime are found, else the CPU; {@code cpu}: the CPU even where a GPU is present (the bit-identical
 * route); {@code gpu}: the first GPU, and a clear error where there is none.
 */
public enum ComputeDevice {
    AUTO,
    CPU,
    GPU;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComputeDevice parse(String text) {
        return Choices.parse("repro.device", text, values(), ComputeDevice::id);
    }
}
