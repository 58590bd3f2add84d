package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Gate;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.check.Severity;
import io.jenkins.plugins.integrity.drift.DriftCheck;
import java.io.IOException;
import java.util.List;

/**
 * Warns administrators when the controller has drifted from its approved baseline at HIGH or worse, as the last
 * periodic check ({@link DriftWatch}) found; only when drift checks are enabled and a baseline is configured.
 */
@Extension
public class DriftMonitor extends AdministrativeMonitor {
    private volatile List<String> drifted = List.of();

    public static DriftMonitor get() {
        return ExtensionList.lookupSingleton(DriftMonitor.class);
    }

    @Override
    public String getDisplayName() {
        return "Pipeline Integrity: controller drift";
    }

    @Override
    public boolean isSecurity() {
        return true;
    }

    @Override
    public boolean isActivated() {
        return !drifted.isEmpty();
    }

    /** The HIGH or worse drifts found last, in words. */
    public List<String> getDrifted() {
        return drifted;
    }

    /** Checks the controller against its baseline now. */
    void refresh() {
        DriftConfiguration config = DriftConfiguration.get();
        if (!config.isEnabled() || config.getBaselineFile() == null) {
            drifted = List.of();
            return;
        }
        try {
            CheckResult r = DriftCheck.of(LiveSnapshot.take(), config.baseline(), Gate.NEVER);
            drifted = r.findings().stream().filter(f -> f.rule().startsWith("drift-")
                    && f.severity().atLeast(Severity.HIGH)).map(f -> f.severity() + " " + f.message()).toList();
        } catch (InvalidInputException | IOException e) {
            drifted = List.of("the baseline cannot be used: " + e.getMessage());
        }
    }
}
