package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** checkDeployConfig in a JenkinsRule controller: a privileged Deployment fails the build; allowances; the map. */
@WithJenkins
class CheckDeployConfigStepTest {
    static final String DEPLOYMENT = "apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: service}\\nspec:\\n"
            + "  template:\\n    spec:\\n      containers:\\n        - name: app\\n          image: app:1.0\\n"
            + "          securityContext: {privileged: true}\\n";

    private static WorkflowRun run(JenkinsRule j, String name, String body, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'k8s/deployment.yaml', text: '" + DEPLOYMENT
                + "'\n" + body + "\n}", true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    void aPrivilegedDeploymentFailsTheBuildAndIsOnTheReport(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "deploy", "  checkDeployConfig()", Result.FAILURE);
        j.assertLogContains("k8s-privileged-container", b);
        j.assertLogContains("k8s/deployment.yaml:10", b);
        String page = j.createWebClient().getPage(b, "pipeline-integrity/").getWebResponse().getContentAsString();
        assertThat(page).contains("k8s-privileged-container").contains("Deployment/service (document 1");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void aBuiltImagesConfigurationInItsRegistryIsCheckedToo(JenkinsRule j) throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(tmp.resolve("registry"), null, null)) {
            java.nio.file.Files.createDirectories(tmp.resolve("rootfs/etc"));
            io.jenkins.plugins.integrity.oci.TestImage.create(tmp, "1.0").layer(tmp.resolve("rootfs"))
                    .config("--config.exposedports", "22/tcp", "--config.user", "app")
                    .push(registry.address() + "/team/app:1.0");
            WorkflowJob p = j.createProject(WorkflowJob.class, "image");
            p.setDefinition(new CpsFlowDefinition("node { checkDeployConfig images: '" + registry.address()
                    + "/team/app:1.0' }", true));
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("image-ssh-port", b);
            j.assertLogContains("1 image", b);
            j.assertLogNotContains("image-user-root", b);
        }
        WorkflowJob outside = j.createProject(WorkflowJob.class, "outside-image");
        outside.setDefinition(new CpsFlowDefinition("node { checkDeployConfig images: 'oci:/etc:1.0' }", true));
        j.assertLogContains("outside the workspace", j.buildAndAssertStatus(Result.FAILURE, outside));
    }

    /** A Deployment that passes every other rule, of this image. */
    private static String hardened(String image) {
        return "apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: web}\\nspec:\\n  template:\\n    spec:\\n"
                + "      automountServiceAccountToken: false\\n      securityContext:\\n        runAsNonRoot: true\\n"
                + "        seccompProfile: {type: RuntimeDefault}\\n      containers:\\n        - name: web\\n"
                + "          image: " + image + "\\n          securityContext:\\n"
                + "            allowPrivilegeEscalation: false\\n            readOnlyRootFilesystem: true\\n"
                + "            capabilities: {drop: [ALL]}\\n"
                + "          resources:\\n            limits: {cpu: 500m, memory: 256Mi}\\n"
                + "            requests: {cpu: 100m, memory: 128Mi}\\n";
    }

    @Test
    void theImagesTheManifestsNameMustBeSignedByTheKeyCredential(JenkinsRule j) throws Exception {
        try (var registry = io.jenkins.plugins.integrity.oci.LocalRegistry.start(tmp.resolve("registry"), null, null)) {
            for (String tag : new String[] {"signed", "unsigned"}) {
                java.nio.file.Path rootfs = java.nio.file.Files.createDirectories(tmp.resolve("rootfs-" + tag + "/etc"));
                java.nio.file.Files.writeString(rootfs.resolve("hostname"), tag);
                io.jenkins.plugins.integrity.oci.TestImage.create(tmp, tag).layer(rootfs.getParent())
                        .push(registry.address() + "/team/web:" + tag);
            }
            io.jenkins.plugins.integrity.oci.Tools.run(tmp, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-out", "k.pem");
            io.jenkins.plugins.integrity.oci.Tools.run(tmp, "openssl", "pkey", "-in", "k.pem", "-pubout", "-out", "k.pub");
            var key = io.jenkins.plugins.integrity.signing.SigningKey.fromPem(java.nio.file.Files.readString(tmp
                    .resolve("k.pem")), null);
            var client = new io.jenkins.plugins.integrity.oci.RegistryClient(registry.address(), null, false);
            var signed = new io.jenkins.plugins.integrity.signing.ImageSigner(client).sign(
                    io.jenkins.plugins.integrity.oci.ImageReference.parse(registry.address() + "/team/web:signed"), key)
                    .image();
            var unsigned = client.manifest("team/web", "unsigned").digest();
            var store = com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance().getCredentials();
            store.add(new org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl(
                    com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL, "deploy-pub", "deploy key",
                    hudson.util.Secret.fromString(java.nio.file.Files.readString(tmp.resolve("k.pub")))));
            WorkflowJob p = j.createProject(WorkflowJob.class, "signed");
            p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'k8s/web.yaml', text: '" + hardened(
                    registry.address() + "/team/web@" + signed) + "'\n  checkDeployConfig keyCredentialsId: 'deploy-pub'\n}",
                    true));
            WorkflowRun ok = j.buildAndAssertSuccess(p);
            j.assertLogContains("images' signatures: 1 verified, 0 not", ok);
            WorkflowJob q = j.createProject(WorkflowJob.class, "unsigned");
            q.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'k8s/web.yaml', text: '" + hardened(
                    registry.address() + "/team/web@" + unsigned) + "'\n  checkDeployConfig keyCredentialsId: 'deploy-pub'\n}",
                    true));
            WorkflowRun bad = j.buildAndAssertStatus(Result.FAILURE, q);
            j.assertLogContains("k8s-image-unsigned", bad);
            j.assertLogContains("k8s/web.yaml:13", bad);
            WorkflowJob scoped = j.createProject(WorkflowJob.class, "scoped");
            scoped.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'k8s/web.yaml', text: '" + hardened(
                    registry.address() + "/team/web@" + unsigned) + "'\n  checkDeployConfig signedImages: 'registry.example.com/**'\n}",
                    true));
            j.assertLogContains("signedImages needs keyCredentialsId", j.buildAndAssertStatus(Result.FAILURE, scoped));
            WorkflowJob denied = j.createProject(WorkflowJob.class, "denied");
            denied.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'k8s/web.yaml', text: '" + hardened(
                    registry.address() + "/team/web@" + signed) + "'\n  checkDeployConfig keyCredentialsId: 'deploy-pub',"
                    + " signedImages: 'registry.example.com/**', denyOtherImages: true\n}", true));
            WorkflowRun deniedRun = j.buildAndAssertStatus(Result.FAILURE, denied);
            j.assertLogContains("others are denied", deniedRun);
        }
    }

    @Test
    void theTrustParametersAreTheStepsOwnAsThePipelineSyntaxSeesThem(JenkinsRule j) throws Exception {
        var model = new org.jenkinsci.plugins.structs.describable.DescribableModel<>(CheckDeployConfigStep.class);
        CheckDeployConfigStep step = model.instantiate(java.util.Map.of("paths", "k8s", "keyCredentialsId", "release-pub",
                "certificateIdentityRegexp", "https://ci\\.example\\.com/.*", "signedImages", "registry.example.com/**"));
        assertThat(step.getKeyCredentialsId()).isEqualTo("release-pub");
        assertThat(step.getCertificateIdentityRegexp()).isEqualTo("https://ci\\.example\\.com/.*");
        assertThat(model.uninstantiate2_(step).toMap()).containsEntry("keyCredentialsId", "release-pub")
                .containsEntry("signedImages", "registry.example.com/**").containsEntry("paths", "k8s");
        var verify = new org.jenkinsci.plugins.structs.describable.DescribableModel<>(VerifySignatureStep.class);
        assertThat(verify.getParameter("trustedRootCredentialsId")).isNotNull();
        assertThat(verify.getParameter("keyCredentialsId")).isNotNull();
        for (Class<?> type : java.util.List.of(GenerateSbomStep.class, SignImageStep.class, RecordProvenanceStep.class,
                VerifySignatureStep.class, CheckDeployConfigStep.class)) {
            var registry = new org.jenkinsci.plugins.structs.describable.DescribableModel<>(type);
            assertThat(registry.getParameter("registryCredentialsId")).as(type.getSimpleName()).isNotNull();
            assertThat(registry.getParameter("plainHttp")).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void allowancesAndFailOnNoneReturnTheResultToTheScript(JenkinsRule j) throws Exception {
        WorkflowRun b = run(j, "report", "  def r = checkDeployConfig paths: 'k8s', failOn: 'NONE',"
                + " allow: 'k8s-privileged-container:k8s/**'\n  echo \"deploy ${r.status}: ${r.summary}\"", Result.SUCCESS);
        j.assertLogContains("deploy WARN:", b);
        j.assertLogContains("1 allowed", b);
        j.assertLogNotContains("k8s-privileged-container ", b);
        WorkflowRun bad = run(j, "bad", "  checkDeployConfig allow: 'nope'", Result.FAILURE);
        j.assertLogContains("RULE:GLOB", bad);
        WorkflowRun outside = run(j, "outside", "  checkDeployConfig paths: '../..'", Result.FAILURE);
        j.assertLogContains("outside the workspace", outside);
    }
}
