package io.jenkins.plugins.integrity.secrets;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a running scan, for whoever wants to show it (the CLI polls it to draw a progress line).
 * The scanner only counts; it never prints.
 */
public final class ScanMonitor {
    private final AtomicLong filesFound = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();

    void found(long files) {
        filesFound.set(files);
    }

    void done(long bytes) {
        filesDone.incrementAndGet();
        bytesDone.addAndGet(bytes);
    }

    public long filesFound() {
        return filesFound.get();
    }

    public long filesDone() {
        return filesDone.get();
    }

    public long bytesDone() {
        return bytesDone.get();
    }
}
