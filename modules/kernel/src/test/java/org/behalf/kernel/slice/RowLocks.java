package org.behalf.kernel.slice;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A row lock held by another transaction, for tests of a repository's locked reads on MySQL. */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * Runs {@code lock} in a transaction on another thread and keeps that transaction open while
     * {@code check} runs in a transaction of its own whose lock waits give up after one second
     * (InnoDB's {@code innodb_lock_wait_timeout}, restored afterwards, as the pool reuses the
     * connection), then ends the holding transaction.
     */
    public static void whileHeldElsewhere(TransactionTemplate transactions, JdbcTemplate jdbc, Runnable lock, Runnable check)
            throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            lock.run();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            if (!locked.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other transaction never took the lock");
            }
            transactions.executeWithoutResult(tx -> {
                jdbc.execute("SET SESSION innodb_lock_wait_timeout = 1");
                try {
                    check.run();
                } finally {
                    jdbc.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
            });
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
