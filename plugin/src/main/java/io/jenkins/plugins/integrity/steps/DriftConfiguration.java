package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.drift.Baseline;
import io.jenkins.plugins.integrity.signing.PublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller drift, as the administrator configures it (Manage Jenkins > System > Pipeline Integrity, or JCasC
 * {@code unclassified: pipelineIntegrityDrift:}): whether {@code checkControllerDrift} may run at all (off by
 * default: the step reads the controller's configuration), where the approved baseline is on the controller, and
 * the public key (or the SHA-256) it is verified by.
 */
@Extension
@Symbol("pipelineIntegrityDrift")
public class DriftConfiguration extends GlobalConfiguration {
    private static final long MAX_BASELINE = 64L << 20;
    private boolean enabled;
    private String baselineFile;
    private String baselineKeyCredentialsId;
    private String baselineSha256;

    public DriftConfiguration() {
        load();
    }

    public static DriftConfiguration get() {
        return ExtensionList.lookupSingleton(DriftConfiguration.class);
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Whether Pipelines may run {@code checkControllerDrift}. */
    @DataBoundSetter
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
        save();
    }

    public String getBaselineFile() {
        return baselineFile;
    }

    /** The approved baseline on the controller ({@code drift snapshot}'s output); none: the hardening report only. */
    @DataBoundSetter
    public void setBaselineFile(String baselineFile) {
        this.baselineFile = Util.fixEmptyAndTrim(baselineFile);
        save();
    }

    public String getBaselineKeyCredentialsId() {
        return baselineKeyCredentialsId;
    }

    /** A file or secret-text credential holding the PEM public key that signed the baseline. */
    @DataBoundSetter
    public void setBaselineKeyCredentialsId(String id) {
        this.baselineKeyCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public String getBaselineSha256() {
        return baselineSha256;
    }

    /** The SHA-256 an unsigned baseline must have. */
    @DataBoundSetter
    public void setBaselineSha256(String baselineSha256) {
        this.baselineSha256 = Util.fixEmptyAndTrim(baselineSha256);
        save();
    }

    /**
     * The configured baseline, verified, or null when none is configured.
     * @throws InvalidInputException naming the baseline when it cannot be read or is refused
     */
    Baseline.Verified baseline() throws IOException {
        if (baselineFile == null) {
            return null;
        }
        Path file = Path.of(baselineFile);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(baselineFile, "no such file on the controller");
        }
        if (Files.size(file) > MAX_BASELINE) {
            throw new InvalidInputException(baselineFile, "larger than 64 MiB");
        }
        List<java.security.PublicKey> keys = List.of();
        if (baselineKeyCredentialsId != null) {
            String source = "credential '" + baselineKeyCredentialsId + "'";
            try {
                keys = List.of(PublicKeys.fromPem(new String(CredentialContent.system(baselineKeyCredentialsId, source),
                        StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, e.getMessage());
            }
        }
        try {
            return Baseline.read(Files.readAllBytes(file), keys, baselineSha256);
        } catch (Baseline.RejectedException e) {
            throw new InvalidInputException(baselineFile, "refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(baselineFile, e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillBaselineKeyCredentialsIdItems(@QueryParameter String baselineKeyCredentialsId) {
        return CredentialContent.systemFileOrTextItems(baselineKeyCredentialsId);
    }
}
