package org.reportviewer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fails the running test when any exception reaches the JavaFX Application Thread's uncaught-exception
 * handler — a paint that throws in an {@code AnimationTimer}, an event handler, a {@code runLater}.
 * JavaFX only prints those and carries on, so without this a window test passes while its window
 * throws every frame.
 *
 * <p>Registered for every test class through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (junit-platform.properties). It wraps the
 * FX thread's handler before each test and again just before the test method runs (after a
 * {@code @Start} that may have installed the app's own handler), always delegating to the handler it
 * wrapped; after each test it lets pending FX events run and fails with what it caught. Tests that
 * never start the toolkit are not affected.
 */
public final class FxExceptionGuard implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback {

    private static final Queue<Throwable> CAUGHT = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        CAUGHT.clear();
        install();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (install()) {
            try {
                WaitForAsyncUtils.waitForFxEvents(); // lets a pending pulse (and its paint) run
            } catch (RuntimeException delayed) {
                // TestFX's own check rethrows an FX-thread exception here only when a test happens to
                // call it after the fact; the Recorder saw the same exception and reports it below.
            }
        }
        verifyNoFxExceptions();
    }

    /**
     * Throws an {@link AssertionError} naming every exception that reached the FX thread's handler since
     * the last check (and forgets them).
     */
    public static void verifyNoFxExceptions() {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t; (t = CAUGHT.poll()) != null; ) {
            seen.add(t);
        }
        if (!seen.isEmpty()) {
            AssertionError e = new AssertionError(seen.size() + " exception(s) reached the JavaFX Application "
                    + "Thread's uncaught-exception handler; the first: " + seen.get(0), seen.get(0));
            seen.subList(1, seen.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Wraps the FX thread's current handler in a recorder, unless it is one already.
     *
     * @return false when the toolkit is not running (nothing to guard)
     */
    static boolean install() {
        CountDownLatch done = new CountDownLatch(1);
        Runnable wrap = () -> {
            Thread fx = Thread.currentThread();
            Thread.UncaughtExceptionHandler current = fx.getUncaughtExceptionHandler();
            if (!(current instanceof Recorder)) {
                fx.setUncaughtExceptionHandler(new Recorder(current));
            }
            done.countDown();
        };
        if (Platform.isFxApplicationThread()) {
            wrap.run();
            return true;
        }
        try {
            Platform.runLater(wrap);
        } catch (IllegalStateException toolkitNotRunning) {
            return false;
        }
        try {
            // After Platform.exit() runLater drops the task silently: then there is nothing to guard.
            return done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Records, then hands the exception to the handler it replaced (the app's dialog, or printing). */
    private record Recorder(Thread.UncaughtExceptionHandler delegate) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            CAUGHT.add(e);
            if (delegate != null) {
                delegate.uncaughtException(t, e);
            }
        }
    }
}
