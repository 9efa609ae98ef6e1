package org.biradsrepro.experiment;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.biradsrepro.config.ComputeDevice;
import org.biradsrepro.config.InvalidSettingException;

/** {@code repro.device} resolved on this machine's engine (the experiment's and the benchmarks' one rule). */
public final class Devices {

    private Devices() {}

    /**
     * {@code auto}: DJL's default device (the first GPU when its CUDA engine found a CUDA runtime, else the CPU);
     * {@code cpu}: the CPU; {@code gpu}: the first GPU, refused with the reason where the engine sees none.
     */
    public static Device resolve(ComputeDevice choice) {
        Engine engine = Engine.getInstance();
        return switch (choice) {
            case AUTO -> engine.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() > 0) {
                    yield Device.gpu();
                }
                throw new InvalidSettingException("repro.device", "gpu", "a machine where the engine ("
                        + engine.getEngineName() + " " + engine.getVersion() + ") sees a GPU; it sees none. Build "
                        + "with -Pgpu (the CUDA 12.4 PyTorch of DJL 0.33) and put a CUDA 12.4+ runtime's libcudart.so "
                        + "on the loader path (LD_LIBRARY_PATH); or use repro.device=auto or cpu");
            }
        };
    }
}
