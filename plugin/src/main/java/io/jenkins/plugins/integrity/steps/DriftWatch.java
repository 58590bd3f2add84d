package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.concurrent.TimeUnit;

/** Every hour, checks the controller against its approved baseline, for the administrative monitor. */
@Extension
public class DriftWatch extends AsyncPeriodicWork {
    public DriftWatch() {
        super("Pipeline Integrity controller drift");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.HOURS.toMillis(1);
    }

    @Override
    public long getInitialDelay() {
        return TimeUnit.MINUTES.toMillis(2);
    }

    @Override
    protected void execute(TaskListener listener) {
        DriftMonitor.get().refresh();
        listener.getLogger().println("controller drift: " + DriftMonitor.get().getDrifted().size()
                + " drift(s) at HIGH or worse");
    }
}
