package org.biradsrepro.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.MultiplyAdds;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.ComputeDevice;
import org.biradsrepro.config.Settings;
import org.biradsrepro.experiment.Devices;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.NativeEngine;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The matrix the throughput benchmarks share, and what each of its points needs: one backbone (its frozen part
 * initialised from a fixed seed, a 6-way head not yet initialised) on the device {@code -p device=auto|cpu|gpu}
 * chooses (as {@code repro.device}; the device used is printed, and the parameter is in JMH's JSON), at one scale
 * and image size. {@link EpochThroughputBenchmark} and {@link ForwardThroughputBenchmark} take it as a {@code @Setup}
 * argument, so JMH sets it up first and tears it down last; {@code -p backbone=...}, {@code -p fullSize=true} and
 * {@code -p imageSize=331} apply to both.
 */
@State(Scope.Benchmark)
public class FrozenBackbone {

    @Param({"resnet152", "regnet", "mobilenetv3", "inceptionv3", "nasnetlarge", "nasnetmobile"})
    public String backbone;

    @Param({"false"})
    public boolean fullSize;

    @Param({"80"})
    public int imageSize;

    /** As {@code repro.device}: {@code auto} (DJL's default: the GPU under {@code -Pgpu} where CUDA is found), {@code cpu}, {@code gpu}. */
    @Param({"auto"})
    public String device;

    /**
     * As {@code repro.zeroFill}: {@code where-read} (zero-filled only inside the convolutions that read oneDNN's
     * unwritten channel padding) or {@code everywhere}. JMH forks a JVM per parameter set, and the engine takes it
     * when it starts there; both in one invocation compare them on one machine.
     */
    @Param({"where-read"})
    public String zeroFill;

    /**
     * Whether libtorch asks for transparent huge pages under its allocations of 2 MiB and more (c10's
     * {@code THP_MEM_ALLOC_ENABLE}, set in the fork's environment before the engine loads; the kernel grants them
     * where {@code /sys/kernel/mm/transparent_hugepage/enabled} says madvise or always). Off by default, as the
     * engine runs: in two same-run comparisons on the full-size networks it paid nowhere beyond this benchmark's
     * spread (README, Benchmarks).
     */
    @Param({"false"})
    public boolean hugePages;

    NDManager manager;
    TransferNetwork net;
    /** The frozen part's multiply-adds per image at {@code imageSize}. */
    long frozenMultiplyAdds;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty(Settings.ZERO_FILL.key(), zeroFill);
        NativeLibrary.getInstance("c").getFunction("setenv")
                .invokeInt(new Object[] {"THP_MEM_ALLOC_ENABLE", hugePages ? "1" : "0", 1});
        NativeEngine.State engine = TestEngine.started(); // repro.threads, as the jmh execution passes it
        manager = NDManager.newBaseManager(Devices.resolve(ComputeDevice.parse(device)));
        // The device and thread count belong next to every figure.
        System.out.println("\n# device: " + manager.getDevice() + ", engine " + engine.engine()
                + ", threads " + engine.threads() + ", zero-fill " + engine.zeroFill().id() + ", huge pages " + hugePages);
        net = TransferNetwork.of(BackboneRegistry.build(backbone, fullSize), 0, 6);
        Initialization.initialize(net.frozen(), manager, new Shape(1, 3, imageSize, imageSize), 1);
        frozenMultiplyAdds = MultiplyAdds.of(net.frozen()).total();
        System.out.printf("# %s frozen part at %d px: %,d multiply-adds per image%n", backbone, imageSize, frozenMultiplyAdds);
    }

    /** One image's shape, channels first. */
    Shape imageShape() {
        return new Shape(3, imageSize, imageSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
