package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A scheduled task the database fails (every connection in use, as Spring Session's minute sweep met
 * it while a test held the pool, or the database away) is one WARN line, not an ERROR with its stack;
 * any other failure of a task is still an ERROR with its stack (black-box finding OVERLOAD 6,
 * 2026-12-07). Run on the application's own scheduler, the one every scheduled task uses.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskFailuresTest extends ServerTest {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aTaskTheDatabaseFailedIsOneWarningAndAnyOtherFailureAnErrorWithItsStack(CapturedOutput output) throws Exception {
        // What the pool throws when every connection stays in use past its wait: a timeout with no cause.
        runFailing(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms")));
        await(output, "could not run now");
        String warning = output.getOut().lines().filter(line -> line.contains("could not run now")).findFirst().orElseThrow();
        assertThat(warning).contains(" WARN ").contains("Connection is not available");
        assertThat(output.getOut()).doesNotContain("Unexpected error occurred in scheduled task")
                .doesNotContain("at org.springframework.transaction");

        runFailing(new IllegalStateException("a defect of the task itself"));
        await(output, "Unexpected error occurred in scheduled task");
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: a defect of the task itself")
                .containsPattern("\\n\\s+at org\\.behalf\\.server\\.ScheduledTaskFailuresTest");
    }

    private void runFailing(RuntimeException failure) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(() -> {
            ran.countDown();
            throw failure;
        }, java.time.Instant.now());
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CapturedOutput output, String words) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!output.getOut().contains(words) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(output.getOut()).contains(words);
    }
}
