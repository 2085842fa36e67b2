package io.github.dl4jzoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The engine settings the zoo applies by default (numbers and commands in src/bench/FINDINGS.md). Uses
 * only DL4J/ND4J/JDK and the shim {@code org.nd4j.nativeblas.Nd4jCpu}. {@link #configure()} runs once, before any
 * network exists (every command that runs a network calls it, through {@link Environment#describe()}).
 *
 * <p>Switches (system properties): {@code -Ddl4jzoo.engine=naive} turns everything off (DL4J defaults);
 * {@code -Ddl4jzoo.helpers=false}, {@code -Ddl4jzoo.threads=N} (0 = leave ND4J's default) turn off single
 * settings; {@code -Ddl4jzoo.fastUpdater=false}, {@code -Ddl4jzoo.javaLstm=false},
 * {@code -Ddl4jzoo.fastDense=false} and {@code -Ddl4jzoo.fastConv=false} keep DL4J's own updaters, LSTM loop and
 * fit ({@link FastUpdaters}, {@link FastLstm}, {@link FastDense}, {@link FastConv}); FastConv's step and FastDense's
 * inference run on two threads when there are two processors ({@link Halves}; {@code -Ddl4jzoo.convThreads=1} keeps
 * one). oneDNN itself is a pom profile ({@code -P '!onednn-x86_64'}).
 */
public final class Engine {
    private Engine() {}

    private static final Map<String, String> APPLIED = new LinkedHashMap<>();
    private static final String CONV_THREADS = Runtime.getRuntime().availableProcessors() >= 2 ? "2" : "1";

    private static String prop(String key, String def) {
        return System.getProperty("dl4jzoo." + key, def);
    }

    /**
     * A switch's value, {@code def} if unset, else one of {@code allowed} (case is ignored). Any other value is
     * refused in one line naming the property: a switch the zoo cannot honour is never ignored.
     */
    private static String choice(String key, String def, String... allowed) {
        String value = prop(key, def);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) return a;
        }
        throw new TrainException("-Ddl4jzoo." + key + "=" + value + ": expected " + String.join(" or ", allowed));
    }

    private static boolean naive() {
        return choice("engine", "tuned", "tuned", "naive").equals("naive");
    }

    /** A setting that is on unless {@code -Ddl4jzoo.KEY=false} or {@code -Ddl4jzoo.engine=naive}. */
    static boolean enabled(String key) {
        return choice(key, "true", "true", "false").equals("true") && !naive();
    }

    /**
     * Threads for FastConv's step and FastDense's inference ({@link Halves}): {@code -Ddl4jzoo.convThreads=1} or
     * {@code 2}, by default 2 where there are two processors or more; 1 under {@code -Ddl4jzoo.engine=naive}.
     */
    static int convThreads() {
        int threads = Integer.parseInt(choice("convThreads", CONV_THREADS, "1", "2"));
        return naive() ? 1 : threads;
    }

    /** ND4J's thread count: {@code -Ddl4jzoo.threads=N}, 1 by default; 0 (or the naive engine) leaves ND4J's own. */
    private static int threads() {
        String value = prop("threads", "1");
        if (!value.matches("[0-9]{1,4}")) {
            throw new TrainException(
                    "-Ddl4jzoo.threads=" + value + ": expected a whole number of threads, or 0 for ND4J's default");
        }
        return naive() ? 0 : Integer.parseInt(value);
    }

    /** {@code -Ddl4jzoo.profiling=MODE}: one of ND4J's profiling modes, or empty (off). */
    private static String profiling() {
        String value = prop("profiling", "");
        List<String> modes =
                Stream.of(OpExecutioner.ProfilingMode.values()).map(Enum::name).toList();
        if (!value.isEmpty() && !modes.contains(value)) {
            throw new TrainException("-Ddl4jzoo.profiling=" + value + ": expected one of " + String.join(", ", modes));
        }
        return naive() ? "" : value;
    }

    /** Refuses, in one line, any switch the engine cannot honour; before anything is trained or written. */
    private static void checkSwitches() {
        naive();
        for (String key : List.of("helpers", "fastUpdater", "javaLstm", "fastDense", "fastConv")) {
            enabled(key);
        }
        convThreads();
        threads();
        profiling();
    }

    /**
     * Applies the process-wide settings and returns what it applied (and what ND4J then reports). A switch it cannot
     * honour ({@code -Ddl4jzoo.convThreads=3}) is refused with a {@link TrainException}, at every call.
     *
     * <ul>
     *   <li>helpers=on: DL4J M2.1 creates no layer helpers unless {@code org.eclipse.deeplearning4j.helpers.disable}
     *       is "false" (its default is "true"), and its oneDNN check needs the shim class
     *       {@code org.nd4j.nativeblas.Nd4jCpu}. With both, ConvolutionLayer and SubsamplingLayer run as the native
     *       conv2d/maxpool2d ops, backed by oneDNN when the onednn jar is on the class path (pom profile
     *       onednn-x86_64). Measured: seed CNN 3-6x, LeNet 3-5x training; 3-5x inference.
     *   <li>threads=1: ND4J's OpenMP pool, its "master" threads and OpenBLAS set to one thread. These networks are
     *       small ops; with 2 threads OpenMP spin-waits fight OpenBLAS and any other process for the 2 cores.
     *       Measured: mlp 2x, conv nets and LSTM up to 5-10x when the machine is shared (cpu time 3-10x lower).
     *       Note ND4J's Environment.setMaxThreads cannot lower the thread count once the library is loaded, so this
     *       goes through NativeOps.setOmpNumThreads and setMaxMasterThreads.
     * </ul>
     */
    public static synchronized Map<String, String> configure() {
        checkSwitches();
        if (!APPLIED.isEmpty()) return Collections.unmodifiableMap(APPLIED);
        APPLIED.put("engine", naive() ? "naive" : "tuned");
        if (enabled("helpers")) {
            // read by org.deeplearning4j.nn.layers.HelperUtils each time a layer is instantiated
            System.setProperty("org.eclipse.deeplearning4j.helpers.disable", "false");
            APPLIED.put("helpers", "on");
        }
        Nd4j.getExecutioner(); // loads the backend; NativeOpsHolder needs it first
        int threads = threads();
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            APPLIED.put("threads", String.valueOf(threads));
        }
        if (convThreads() == 2) APPLIED.put("convThreads", "2");
        String profiling = profiling();
        if (!profiling.isEmpty()) {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.valueOf(profiling));
            APPLIED.put("profiling", profiling);
        }
        APPLIED.put(
                "ompThreads",
                String.valueOf(
                        NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
        APPLIED.put("nd4jMasterThreads", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
        APPLIED.put("blasThreads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
        APPLIED.put("nativeLibrary", nativeLibrary());
        return Collections.unmodifiableMap(APPLIED);
    }

    /** Which libnd4jcpu.so was loaded (shows whether the oneDNN build won), from /proc/self/maps; "?" elsewhere. */
    public static String nativeLibrary() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith("libnd4jcpu.so"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .map(l -> Path.of(l).getParent().getFileName() + "/libnd4jcpu.so")
                    .findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
