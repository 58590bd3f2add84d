package io.jenkins.plugins.integrity.steps;

import hudson.Util;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters of a step that may reach an image registry: the Username with password credential to log in
 * with, and whether to speak plain HTTP to a registry that is not on a loopback address.
 */
public abstract class RegistryStep extends Step {
    private String registryCredentialsId;
    private boolean plainHttp;

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    /** A Username with password credential for the registry the step's images are in. */
    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    public boolean isPlainHttp() {
        return plainHttp;
    }

    /** Speak plain HTTP to a registry that is not on a loopback address. */
    @DataBoundSetter
    public void setPlainHttp(boolean plainHttp) {
        this.plainHttp = plainHttp;
    }

    /** The registry login ({user, password}, both null without a credential), read on the controller. */
    String[] registryLogin(Run<?, ?> run, String function) throws IOException {
        return CredentialContent.registryLogin(run, registryCredentialsId, function);
    }
}
