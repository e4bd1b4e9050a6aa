package org.reportviewer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The global guard sees exceptions that JavaFX would only print: from a {@code runLater}, from an
 * {@code AnimationTimer} (where a throwing paint runs), and behind a handler the app installed itself.
 * Each test checks and clears what the guard caught, so the guard's own after-each check then passes.
 */
@ExtendWith(ApplicationExtension.class)
class FxExceptionGuardTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 100));
        stage.show();
    }

    /**
     * TestFX keeps FX-thread exceptions too, but rethrows them only from its next wait call; these tests
     * look at the guard alone, so they wait with a latch and then drop TestFX's copy.
     */
    @AfterEach
    void dropTestFxCopies() {
        WaitForAsyncUtils.clearExceptions();
    }

    private static void afterFxQueue() {
        CountDownLatch ran = new CountDownLatch(1);
        Platform.runLater(ran::countDown);
        await(ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anExceptionInRunLaterIsCaught() {
        Platform.runLater(() -> {
            throw new IllegalStateException("deliberate, from runLater");
        });
        afterFxQueue();
        assertThatThrownBy(FxExceptionGuard::verifyNoFxExceptions)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("deliberate, from runLater");
        FxExceptionGuard.verifyNoFxExceptions(); // cleared: nothing left for the after-each check
    }

    @Test
    void anExceptionInAnAnimationTimerIsCaught() {
        CountDownLatch pulsed = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                Platform.runLater(pulsed::countDown); // runs after this pulse has handed on the exception
                throw new StringIndexOutOfBoundsException("begin 0, end -4, length 19");
            }
        }.start());
        await(pulsed);
        assertThatThrownBy(FxExceptionGuard::verifyNoFxExceptions).hasMessageContaining("end -4");
    }

    @Test
    void aHandlerTheAppInstalledIsWrappedAndStillCalled() {
        AtomicReference<Throwable> appSaw = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            Thread.UncaughtExceptionHandler h = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> appSaw.set(e));
            return h;
        });
        try {
            FxExceptionGuard.install(); // what the guard does before each test method
            Platform.runLater(() -> {
                throw new IllegalArgumentException("deliberate, behind the app's handler");
            });
            afterFxQueue();
            assertThat(appSaw.get()).hasMessageContaining("behind the app's handler");
            assertThatThrownBy(FxExceptionGuard::verifyNoFxExceptions)
                    .hasMessageContaining("behind the app's handler");
        } finally {
            WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
                Thread.currentThread().setUncaughtExceptionHandler(before);
                return null;
            });
        }
    }
}
