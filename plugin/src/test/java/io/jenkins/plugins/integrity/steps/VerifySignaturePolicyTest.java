package io.jenkins.plugins.integrity.steps;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * verifySignature's policy option in a JenkinsRule controller: a release signed with the release key and
 * provenance the controller signed, held to the administrators' policy (a secret file credential) or to one in
 * the workspace; another builder, another provenance key or a policy that is not one fail with the reason.
 */
@WithJenkins
class VerifySignaturePolicyTest {
    @TempDir
    Path keys;

    private void credentials(JenkinsRule j) throws Exception {
        for (String k : new String[] {"release", "provenance", "other"}) {
            Tools.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                    k + ".pem");
            Tools.run(keys, "openssl", "pkey", "-in", k + ".pem", "-pubout", "-out", k + ".pub");
        }
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(file(CredentialsScope.GLOBAL, "release-key", "release.pem"));
        store.add(file(CredentialsScope.SYSTEM, "provenance-key", "provenance.pem"));
        for (String k : new String[] {"release", "provenance", "other"}) {
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, k + "-pub", k + " public key",
                    Secret.fromString(Files.readString(keys.resolve(k + ".pub")))));
        }
        String policy = "builders: [" + j.jenkins.getRootUrl() + "]\nrequireSbom: true\nmaxSecretSeverity: LOW\n"
                + "denyPackages: [event-stream]\n";
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "release-policy", "release policy", "policy.yaml",
                SecretBytes.fromBytes(policy.getBytes(StandardCharsets.UTF_8))));
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "not-a-policy", "not a policy", "policy.yaml",
                SecretBytes.fromBytes("builder: [x]\n".getBytes(StandardCharsets.UTF_8))));
        SystemCredentialsProvider.getInstance().save();
        ProvenanceConfiguration.get().setSigningKeyCredentialsId("provenance-key");
    }

    private FileCredentialsImpl file(CredentialsScope scope, String id, String name) throws Exception {
        return new FileCredentialsImpl(scope, id, id, name, SecretBytes.fromBytes(Files.readAllBytes(keys.resolve(name))));
    }

    private static WorkflowRun run(JenkinsRule j, String name, String verify, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'dist/app-1.0.jar', text: 'the release'
                  writeFile file: 'sbom/app.cdx.json', text: '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}'
                  writeFile file: 'other-builder.yaml', text: 'builders: [https://ci.example.org/]'
                  scanForSecrets path: 'dist'
                  signArtifacts files: 'dist/*.jar', keyCredentialsId: 'release-key'
                  recordProvenance artifacts: 'dist/*.jar', sbom: 'sbom/app.cdx.json'
                  def v = verifySignature files: 'dist/*.jar', keyCredentialsId: 'release-pub', %s
                  echo "release: ${v.status} ${v.summary}"
                }""".formatted(verify), true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    void aReleaseIsHeldToThePolicyAndEachDepartureFailsWithItsReason(JenkinsRule j) throws Exception {
        credentials(j);
        WorkflowRun ok = run(j, "release", "policyCredentialsId: 'release-policy', provenanceKeyCredentialsId:"
                + " 'provenance-pub', provenance: 'pipeline-integrity/provenance.intoto.jsonl'", Result.SUCCESS);
        j.assertLogContains("release: PASS 1 file: 1 VERIFIED; dist/app-1.0.jar: 5 of 5 policy rules hold", ok);
        j.assertLogContains("HOLDS: built by '" + j.jenkins.getRootUrl() + "', an allowed builder", ok);
        j.assertLogContains("HOLDS: the build's secret scan found nothing", ok);

        WorkflowRun builder = run(j, "builder", "policy: 'other-builder.yaml', provenanceKeyCredentialsId:"
                + " 'provenance-pub', provenance: 'pipeline-integrity/provenance.intoto.jsonl'", Result.FAILURE);
        j.assertLogContains("FAILS: built by '" + j.jenkins.getRootUrl() + "', not one of [https://ci.example.org/]",
                builder);

        WorkflowRun key = run(j, "key", "policyCredentialsId: 'release-policy', provenanceKeyCredentialsId: 'other-pub',"
                + " provenance: 'pipeline-integrity/provenance.intoto.jsonl'", Result.FAILURE);
        j.assertLogContains("no trusted key verifies the provenance's signature", key);

        WorkflowRun none = run(j, "none", "policyCredentialsId: 'release-policy', provenanceKeyCredentialsId:"
                + " 'provenance-pub'", Result.FAILURE);
        j.assertLogContains("FAILS: no provenance that verifies: no provenance was given", none);

        WorkflowRun bad = run(j, "bad", "policyCredentialsId: 'not-a-policy'", Result.FAILURE);
        j.assertLogContains("verifySignature: the policy credential 'not-a-policy':", bad);
        j.assertLogContains("builder", bad);

        WorkflowRun outside = run(j, "outside", "policy: '../policy.yaml'", Result.FAILURE);
        j.assertLogContains("the policy ../policy.yaml: is outside the workspace", outside);

        WorkflowRun noPolicy = run(j, "no-policy", "provenance: 'pipeline-integrity/provenance.intoto.jsonl'",
                Result.FAILURE);
        j.assertLogContains("are read with a policy", noPolicy);
    }
}
