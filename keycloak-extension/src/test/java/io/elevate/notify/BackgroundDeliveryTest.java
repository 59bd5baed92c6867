package io.elevate.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

@DisplayName("SNS and webhook delivery in the background")
class BackgroundDeliveryTest {

    @Test
    void theCallerDoesNotWaitForAReceiverThatDoesNotAnswer() throws InterruptedException {
        CountDownLatch receiverAnswers = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        Notifier slowReceiver = notice -> {
            try {
                receiverAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.countDown();
        };
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Notifiers.inBackground(executor, slowReceiver).send(TestNotices.requested("Operator"));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(waitedMillis).isLessThan(1_000);
            assertThat(delivered.getCount()).as("not delivered before the receiver answers").isEqualTo(1);
            receiverAnswers.countDown();
            assertThat(delivered.await(5, TimeUnit.SECONDS)).as("delivered once it answers").isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aNoticeTheExecutorRefusesIsLoggedNotThrown() {
        Notifier refused = Notifiers.inBackground(task -> {
            throw new RejectedExecutionException("shutting down");
        }, notice -> {
        });

        assertThatNoException().isThrownBy(() -> refused.send(TestNotices.requested("Operator")));
    }
}
