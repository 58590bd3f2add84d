package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelScanTest {
    @Test
    void resultsComeInTheItemsOrderWhicheverThreadRanThem() {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> squares = SecretScanner.inParallel(items, 3, i -> {
            threads.add(Thread.currentThread().getName());
            return i * i;
        });
        assertThat(squares).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(squares.get(i)).isEqualTo(i * i);
        }
        assertThat(threads).containsOnly("secret-scan");
        assertThat(SecretScanner.inParallel(List.of(), 2, i -> i)).isEmpty();
    }

    @Test
    void theFirstFailureIsThrownAsItselfAndStopsTheRest() {
        AtomicInteger ran = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 2_000).boxed().toList();
        assertThatThrownBy(() -> SecretScanner.inParallel(items, 2, i -> {
            ran.incrementAndGet();
            if (i == 10) {
                throw new InvalidInputException("blob 10", "not readable");
            }
            sleep(); // all 2,000 would take two seconds
            return i;
        })).isInstanceOf(InvalidInputException.class).hasMessageContaining("blob 10");
        assertThat(ran.get()).as("items run after the failure").isLessThan(items.size());

        assertThatThrownBy(() -> SecretScanner.inParallel(List.of(1, 2), 2, i -> {
            throw new OutOfMemoryError("planted");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
