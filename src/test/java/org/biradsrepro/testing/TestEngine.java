package org.biradsrepro.testing;

import java.nio.file.Path;
import java.util.Map;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.train.NativeEngine;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The engine of a test JVM, started once before the first test (JUnit finds this listener through
 * {@code META-INF/services}) exactly as a session starts it: {@link Experiment#startEngine} with {@code repro.threads}
 * as the build passes it, else its default. Started first, so that no test that touches DJL directly loads the
 * engine with another thread count or without the zero-filling allocator; tests that need the value take it here.
 */
public final class TestEngine implements LauncherSessionListener {

    /** The engine every test of this JVM runs on. */
    public static NativeEngine.State started() {
        return Experiment.startEngine(configuration());
    }

    /** The build's configuration as far as the engine goes: {@code repro.threads} and {@code repro.zeroFill}. */
    private static ReproConfig configuration() {
        String threads = System.getProperty(Settings.THREADS.key(), Settings.THREADS.defaultValue());
        String zeroFill = System.getProperty(Settings.ZERO_FILL.key(), Settings.ZERO_FILL.defaultValue());
        return Settings.fromMap(Map.of(Settings.THREADS.key(), threads, Settings.ZERO_FILL.key(), zeroFill),
                Path.of(System.getProperty("repro.projectDir", ".")));
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        started();
    }
}
