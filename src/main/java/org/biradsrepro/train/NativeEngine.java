package org.biradsrepro.train;

import ai.djl.engine.Engine;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.biradsrepro.backbone.ChannelPadding;
import org.biradsrepro.config.ZeroFill;

/**
 * Starts DJL's PyTorch engine the one way this project trusts, and says how it actually runs.
 *
 * <p><b>Why the allocator zero-fills.</b> libtorch 2.7.1 sends a float32 convolution to oneDNN whenever its kernel
 * is not 1x1 (and 1x1 ones with a batch of 16 or more, or with more than one thread). With AVX-512, oneDNN copies
 * the input into a blocked layout of 16 channels per block; when the input's channel count is not a multiple of
 * 16 (20, 24, 40, .. : the fixture backbones are an eighth of Keras' widths, and MobileNetV3 and NASNet have such
 * widths at full size too) the copy's padding channels are taken from libtorch's CPU allocator and never written.
 * The padded weights there are zero, so the result is right whenever the stale bytes are finite (0 x finite = 0),
 * and a whole batch turns NaN when they happen to hold a NaN or infinity bit pattern: "InceptionV3's first epoch
 * has loss NaN", at random, on some machines more than others. With libtorch's own debug switch
 * {@code caffe2_cpu_allocator_do_junk_fill} on (fresh memory filled with NaN-like junk) the same convolution is
 * NaN every time; with {@code caffe2_cpu_allocator_do_zero_fill} on, never, and the output is bit-identical to
 * a convolution of the explicitly padded input. Zero-filling is libtorch's documented allocator switch, costs a
 * memset per allocation, and leaves every result of a correct kernel unchanged; disabling oneDNN instead would
 * route depthwise and grouped convolutions to per-group loops many times slower. {@code NativeEngineTest} shows
 * both sides.
 *
 * <p><b>Where it zero-fills.</b> Everywhere, except in the frozen inference pass under {@code repro.zeroFill=where-read}
 * (the default; {@link #inferencePass}): there fresh memory is left as it comes, and only the convolutions that can
 * read unwritten channel padding ({@link ChannelPadding}) run with the switch on. That pass is most of a run's time
 * and the memsets were a quarter of it (full-size ResNet152, batch 8). Training passes keep it everywhere: their
 * backward kernels read such memory too. {@code ZeroFillWhereReadTest} fills everything else with junk at the
 * production shapes and requires the same bits.
 *
 * <p><b>Why the engine is a value started once.</b> libtorch reads its thread count once, when it loads, and
 * results depend on it; so the engine is started once per JVM, by the code that owns the configuration
 * ({@code experiment.Experiment.startEngine}: {@code repro.threads}; {@code pretrain.FixtureWeights.startEngine}:
 * the fixture weights' own count), and the {@link State} it returns is handed to whatever builds networks or
 * records provenance. A second start asking for another count fails, naming both, instead of silently running
 * with the first; so does a start after something loaded DJL's engine behind this class's back with another
 * count. The count recorded with a result is the one libtorch reports ({@code at::get_num_threads()}), which
 * a start has checked equals the one asked for.
 */
public final class NativeEngine {

    /** The engine as it runs: libtorch's own thread count, its allocator and how freed native memory is kept. */
    public record State(String engine, int threads, ZeroFill zeroFill, boolean heapRetained,
                        boolean singleArena) {

        /** Where the allocator zero-fills, as the results record it (the machine's {@code allocator}). */
        public String allocator() {
            return zeroFill == ZeroFill.EVERYWHERE ? "zero-filled (libtorch caffe2_cpu_allocator_do_zero_fill)"
                    : "zero-filled (libtorch caffe2_cpu_allocator_do_zero_fill), in the frozen inference pass only "
                    + "inside convolutions whose input channels a group are not a multiple of 16 (repro.zeroFill=where-read)";
        }

        /**
         * Empty when glibc keeps large activations' pages between batches for every thread; otherwise what to set,
         * for the console (the results record it either way).
         */
        public String arenaNote() {
            return !heapRetained || singleArena ? "" : NativeHeap.ARENA_MAX_VARIABLE + "=1 is not set, so glibc maps "
                    + "and unmaps large activations on every batch; full-size feature passes run up to 2x faster with it "
                    + "in the environment the JVM starts in (bench/paper-protocol.sh sets it; README, Performance). "
                    + "Results are the same.";
        }
    }

    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String ZERO_FILL = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    private static final String JUNK_FILL = "FLAGS_caffe2_cpu_allocator_do_junk_fill";

    /** How the engine runs, once started in this JVM; the thread count cannot change after that. */
    private static State started;

    /** What the frozen pass fills fresh memory with under where-read: outside and inside the padded convolutions. */
    record PassFill(Fill outside, Fill paddedConvolutions) {
        static final PassFill WHERE_READ = new PassFill(Fill.NONE, Fill.ZERO);
    }

    private static volatile PassFill passFill = PassFill.WHERE_READ;

    private NativeEngine() {}

    /**
     * Starts the engine with {@code threads} intra-op threads and one inter-op thread, makes its allocator
     * zero-fill (in the frozen pass as {@code zeroFill} says), keeps freed native memory in the heap
     * ({@link NativeHeap}), and returns how it runs. Once per JVM: a later call with the same count and zero-fill
     * returns the same value; with another it fails, naming both.
     */
    public static synchronized State start(int threads, ZeroFill zeroFill) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (started == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            State loaded = load(zeroFill);
            if (loaded.threads() != threads) {
                throw new IllegalStateException(alreadyRunning(loaded.threads(), threads)
                        + "; DJL's engine was loaded before NativeEngine.start");
            }
            started = loaded;
        }
        if (started.threads() != threads) {
            throw new IllegalStateException(alreadyRunning(started.threads(), threads));
        }
        if (started.zeroFill() != zeroFill) {
            throw new IllegalStateException("the PyTorch engine zero-fills " + started.zeroFill().id() + " in this JVM and "
                    + zeroFill.id() + " was asked for: one JVM's results come from one setting (set repro.zeroFill once, "
                    + "or run in a fresh JVM)");
        }
        return started;
    }

    /**
     * Runs a frozen inference pass as the engine's {@code repro.zeroFill} says: under {@code where-read} with fresh
     * memory left unfilled except inside the convolutions that can read unwritten channel padding, then zero-filled
     * everywhere again; under {@code everywhere} as it is. The pass runs on this thread and no other libtorch work
     * may run meanwhile (the allocator's switches are process-wide): the feature pass is the only work of its time.
     */
    public static <T> T inferencePass(Supplier<T> pass) {
        if (running().zeroFill() != ZeroFill.WHERE_READ) {
            return pass.get();
        }
        PassFill fill = passFill;
        allocatorFill(fill.outside());
        try {
            return ChannelPadding.around(convolution -> {
                allocatorFill(fill.paddedConvolutions());
                try {
                    return convolution.get();
                } finally {
                    allocatorFill(fill.outside());
                }
            }, pass);
        } finally {
            allocatorFill(Fill.ZERO);
        }
    }

    /**
     * Test hook: what {@link #inferencePass} fills fresh memory with under where-read, outside and inside the
     * padded convolutions ({@code JUNK} outside shows any other read of unwritten memory); returns the previous.
     */
    static synchronized PassFill passFill(PassFill fill) {
        PassFill previous = passFill;
        passFill = fill;
        return previous;
    }

    /**
     * The engine as started in this JVM, for code that must not run before it (every network's initialisation)
     * yet is handed no {@link State}: it fails rather than start the engine as a side effect with a count of its own.
     */
    public static synchronized State running() {
        if (started == null) {
            throw new IllegalStateException("the PyTorch engine has not been started in this JVM: start it once, with "
                    + "the configuration's thread count, before building networks (Experiment.startEngine; in tests "
                    + "testing.TestEngine)");
        }
        return started;
    }

    private static String alreadyRunning(int running, int asked) {
        return String.format(Locale.ROOT, "the PyTorch engine runs %d intra-op threads in this JVM and %d were asked "
                + "for: libtorch fixes its thread count when it loads, and results depend on it (set repro.threads "
                + "once, or run in a fresh JVM)", running, asked);
    }

    private static State load(ZeroFill zeroFill) {
        Engine engine = Engine.getInstance();
        allocatorFill(Fill.ZERO);
        if (!zeroFilled()) {
            throw new IllegalStateException("libtorch's allocator did not take the zero-fill switch");
        }
        boolean heapRetained = NativeHeap.retainFreedMemory();
        return new State(engine.getEngineName() + " " + engine.getVersion(), libtorchThreads(), zeroFill,
                heapRetained, NativeHeap.singleArena());
    }

    /** libtorch's {@code at::get_num_threads()}. */
    static int libtorchThreads() {
        Engine.getInstance();
        Function f = torch().getFunction("_ZN2at15get_num_threadsEv");
        return f.invokeInt(new Object[0]);
    }

    /** What libtorch's CPU allocator writes into fresh memory (its two switches exclude each other). */
    enum Fill { NONE, ZERO, JUNK }

    /**
     * Test hook for libtorch's allocator switches: {@code ZERO} makes fresh CPU memory zeros, {@code JUNK} fills
     * it with NaN-like junk, so that a kernel reading memory it never wrote shows it every time, not once in a while.
     */
    static synchronized void allocatorFill(Fill fill) {
        Engine.getInstance();
        setFlag(ZERO_FILL, false);
        setFlag(JUNK_FILL, false);
        if (fill != Fill.NONE) {
            setFlag(fill == Fill.ZERO ? ZERO_FILL : JUNK_FILL, true);
        }
    }

    static boolean zeroFilled() {
        return flag(ZERO_FILL);
    }

    private static boolean flag(String name) {
        return flagAddress(name).getByte(0) != 0;
    }

    private static void setFlag(String name, boolean on) {
        flagAddress(name).setByte(0, (byte) (on ? 1 : 0));
    }

    /** The switches' addresses, looked up once: a where-read pass turns them around every padded convolution. */
    private static final Map<String, Pointer> FLAG_ADDRESSES = new ConcurrentHashMap<>();

    private static Pointer flagAddress(String name) {
        return FLAG_ADDRESSES.computeIfAbsent(name, n -> c10().getGlobalVariableAddress(n));
    }

    // The engine has loaded these already (from DJL's cache folder); JNA finds the loaded copies by name.
    private static NativeLibrary c10() {
        return NativeLibrary.getInstance("c10");
    }

    private static NativeLibrary torch() {
        return NativeLibrary.getInstance("torch_cpu");
    }
}
