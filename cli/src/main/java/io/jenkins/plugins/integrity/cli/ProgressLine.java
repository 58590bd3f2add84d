package io.jenkins.plugins.integrity.cli;

import io.jenkins.plugins.integrity.secrets.ScanMonitor;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line redrawn on stderr while a scan runs, for an interactive terminal only. Closing it erases
 * the line, so that the report that follows starts clean.
 */
final class ProgressLine implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final PrintWriter err;

    private ProgressLine(ScanMonitor monitor, PrintWriter err) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> draw(monitor), 250, 250, TimeUnit.MILLISECONDS);
    }

    static ProgressLine start(Terminal terminal, ScanMonitor monitor, PrintWriter err) {
        return terminal.interactive() ? new ProgressLine(monitor, err) : null;
    }

    private void draw(ScanMonitor m) {
        err.printf("\rscanning: %d/%d files, %.1f MB   ", m.filesDone(), m.filesFound(), m.bytesDone() / 1e6);
        err.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\033[K");
        err.flush();
    }
}
