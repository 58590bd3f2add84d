package io.jenkins.plugins.integrity.steps;

import io.jenkins.plugins.integrity.commits.AllowedSigners;
import io.jenkins.plugins.integrity.commits.OpenPgpKeys;
import io.jenkins.plugins.integrity.commits.SshKeyList;
import io.jenkins.plugins.integrity.commits.TrustPolicy;
import io.jenkins.plugins.integrity.commits.TrustPolicyReader;
import io.jenkins.plugins.integrity.commits.X509Roots;
import java.io.Serializable;

/**
 * The trust policy as the controller holds it, carried to the agent that verifies: the policy's YAML and
 * the public keys read from the configured credentials (public keys only, nothing secret). Each part is
 * named after its source, so that errors say which credential is wrong.
 */
record TrustMaterial(String policyYaml, byte[] openPgpKeys, String openPgpKeysSource, byte[] allowedSigners,
        String allowedSignersSource, byte[] revokedSshKeys, String revokedSshKeysSource, byte[] x509Roots,
        String x509RootsSource) implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean empty() {
        return openPgpKeys == null && allowedSigners == null && x509Roots == null;
    }

    TrustPolicy policy(boolean requireIdentityMatch) {
        OpenPgpKeys keys = openPgpKeys == null ? OpenPgpKeys.none() : OpenPgpKeys.read(openPgpKeys, openPgpKeysSource);
        AllowedSigners signers = allowedSigners == null ? AllowedSigners.none()
                : AllowedSigners.read(allowedSigners, allowedSignersSource);
        SshKeyList revoked = revokedSshKeys == null ? SshKeyList.none()
                : SshKeyList.read(revokedSshKeys, revokedSshKeysSource);
        X509Roots roots = x509Roots == null ? X509Roots.none() : X509Roots.read(x509Roots, x509RootsSource);
        TrustPolicy policy = TrustPolicyReader.read(policyYaml == null ? "{}" : policyYaml,
                "the trust policy (Manage Jenkins > System > Pipeline Integrity)", keys, signers, revoked, roots);
        return requireIdentityMatch ? policy.withRequireIdentityMatch(true) : policy;
    }
}
