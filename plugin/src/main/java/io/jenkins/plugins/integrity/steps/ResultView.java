package io.jenkins.plugins.integrity.steps;

import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Subject;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A {@link CheckResult} as Jenkins' remote API exports it, with the field names of docs/formats.md, so that
 * {@code /pipeline-integrity/api/json} reads like {@code --format json}.
 */
@ExportedBean(defaultVisibility = 3)
public final class ResultView {
    private final CheckResult result;

    ResultView(CheckResult result) {
        this.result = result;
    }

    @Exported
    public String getCheck() {
        return result.check();
    }

    @Exported
    public String getStatus() {
        return result.status().name();
    }

    @Exported
    public String getSummary() {
        return result.summary();
    }

    @Exported
    public List<FindingView> getFindings() {
        return result.findings().stream().map(FindingView::new).toList();
    }

    @Exported
    public Map<String, Number> getMetrics() {
        return result.metrics();
    }

    @Exported
    public List<SubjectView> getSubjects() {
        return result.subjects().stream().map(SubjectView::new).toList();
    }

    /** A finding as the remote API exports it. */
    @ExportedBean(defaultVisibility = 4)
    public static final class FindingView {
        private final Finding finding;

        FindingView(Finding finding) {
            this.finding = finding;
        }

        @Exported
        public String getRule() {
            return finding.rule();
        }

        @Exported
        public String getSeverity() {
            return finding.severity().name();
        }

        @Exported
        public String getMessage() {
            return finding.message();
        }

        @Exported
        public LocationView getLocation() {
            return finding.location() == null ? null : new LocationView(finding);
        }

        @Exported
        public String getFingerprint() {
            return finding.fingerprint();
        }
    }

    /** A finding's location as the remote API exports it. */
    @ExportedBean(defaultVisibility = 5)
    public static final class LocationView {
        private final Finding finding;

        LocationView(Finding finding) {
            this.finding = finding;
        }

        @Exported
        public String getFile() {
            return finding.location().file();
        }

        @Exported
        public int getLine() {
            return finding.location().line();
        }

        @Exported
        public int getColumn() {
            return finding.location().column();
        }

        /** The commit, for findings about a commit or made in a repository's history (else not exported). */
        @Exported(skipNull = true)
        public String getCommit() {
            return finding.location().commit();
        }
    }

    /** A subject as the remote API exports it. */
    @ExportedBean(defaultVisibility = 4)
    public static final class SubjectView {
        private final Subject subject;

        SubjectView(Subject subject) {
            this.subject = subject;
        }

        @Exported
        public String getName() {
            return subject.name();
        }

        @Exported
        public Map<String, String> getDigests() {
            return subject.digests();
        }
    }
}
