package io.jenkins.plugins.integrity.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job's integrity trend: for its last builds with an Integrity report, the overall status and the findings by
 * severity, newest first ({@code /job/NAME/pipeline-integrity-trend/}, and its JSON API).
 */
@ExportedBean
public final class IntegrityTrendAction implements Action {
    static final int BUILDS = 20;
    private final Job<?, ?> job;

    IntegrityTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    /** One build of the trend. */
    @ExportedBean
    public static final class Point {
        private final int number;
        private final String status;
        private final Map<String, Integer> findings;

        Point(int number, String status, Map<String, Integer> findings) {
            this.number = number;
            this.status = status;
            this.findings = findings;
        }

        @Exported
        public int getNumber() {
            return number;
        }

        @Exported
        public String getStatus() {
            return status;
        }

        /** Findings by severity, INFO left out: CRITICAL, HIGH, MEDIUM, LOW. */
        @Exported
        public Map<String, Integer> getFindings() {
            return findings;
        }
    }

    @Exported(visibility = 2)
    public List<Point> getBuilds() {
        List<Point> out = new ArrayList<>();
        for (Run<?, ?> r : job.getBuilds().limit(BUILDS)) {
            IntegrityReportAction report = r.getAction(IntegrityReportAction.class);
            if (report == null) {
                continue;
            }
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            for (CheckResult c : report.getResults()) {
                for (Finding f : c.findings()) {
                    if (f.severity() != Severity.INFO) {
                        counts.merge(f.severity(), 1, Integer::sum);
                    }
                }
            }
            Map<String, Integer> bySeverity = new LinkedHashMap<>();
            for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW}) {
                bySeverity.put(s.name(), counts.getOrDefault(s, 0));
            }
            out.add(new Point(r.getNumber(), report.getStatus(), bySeverity));
        }
        return out;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public Api getApi() {
        return new Api(this);
    }

    @Override
    public String getIconFileName() {
        return "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "Integrity trend";
    }

    @Override
    public String getUrlName() {
        return "pipeline-integrity-trend";
    }

    /** Adds the trend to jobs whose last build has an Integrity report. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> last = target.getLastBuild();
            return last != null && last.getAction(IntegrityReportAction.class) != null
                    ? List.of(new IntegrityTrendAction(target)) : List.of();
        }
    }
}
