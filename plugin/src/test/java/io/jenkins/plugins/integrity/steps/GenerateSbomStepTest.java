package io.jenkins.plugins.integrity.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.integrity.check.Status;
import io.jenkins.plugins.integrity.oci.TestImage;
import io.jenkins.plugins.integrity.oci.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class GenerateSbomStepTest {
    @TempDir
    Path tmp;

    private static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** An OCI layout built by umoci from this machine's dpkg database, with an sshd, copied into the workspace. */
    private void imageInWorkspace(JenkinsRule j, WorkflowJob p) throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("usr/sbin"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("var/lib/dpkg/status"));
        Files.copy(Path.of("/etc/os-release"), rootfs.resolve("etc/os-release"));
        Files.writeString(rootfs.resolve("usr/sbin/sshd"), "#!/bin/sh\n");
        Tools.run(tmp, "chmod", "755", rootfs.resolve("usr/sbin/sshd").toString());
        TestImage image = TestImage.create(tmp, "v1").layer(rootfs).config("--config.user", "1000");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        new FilePath(image.layout().toFile()).copyRecursiveTo(ws.child("build/image"));
    }

    @Test
    void aWorkspaceSbomIsWrittenArchivedAndReturned(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j, "dir", """
                node {
                  writeFile file: 'web/package-lock.json', text: '{"lockfileVersion": 3, "packages": {"node_modules/left-pad": {"version": "1.3.0"}}}'
                  def s = generateSbom()
                  echo "sbom status=${s.status} components=${s.components} file=${s.sbomFile}"
                }""");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("sbom status=PASS components=1 file=pipeline-integrity/bom.cdx.json", b);
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).contains("pipeline-integrity/bom.cdx.json");
        String bom = Files.readString(b.getRootDir().toPath().resolve("archive/pipeline-integrity/bom.cdx.json"));
        assertThat(bom).contains("\"specVersion\" : \"1.6\"").contains("pkg:npm/left-pad@1.3.0");
        IntegrityReportAction action = b.getAction(IntegrityReportAction.class);
        assertThat(action.getResults()).singleElement().satisfies(r -> {
            assertThat(r.check()).isEqualTo("sbom");
            assertThat(r.metrics().get("components")).isEqualTo(1L);
        });
    }

    @Test
    void anImageWithAnSshServerFailsTheBuildNamingTheLayer(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j, "image", """
                node {
                  generateSbom image: 'oci:build/image:v1', denyPackages: 'bash'
                  echo 'DEPLOYED: must never be reached'
                }""");
        imageInWorkspace(j, p);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("image/ssh-server-binary", b);
        j.assertLogContains("usr/sbin/sshd", b);
        j.assertLogContains("in layer 0 (sha256:", b);
        j.assertLogContains("sbom/denied-package", b);
        j.assertLogContains("generateSbom: FAIL", b);
        j.assertLogNotContains("DEPLOYED", b);
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).contains("pipeline-integrity/bom.cdx.json");
        IntegrityReportAction action = b.getAction(IntegrityReportAction.class);
        assertThat(action.getResults()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat((Long) r.metrics().get("components")).isGreaterThan(50L);
        });
    }

    @Test
    void reportOnlyKeepsTheBuildGreen(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j, "lenient", """
                node {
                  def s = generateSbom image: 'oci:build/image:v1', failOn: 'NONE', format: 'xml', archive: false
                  echo "lenient status=${s.status} file=${s.sbomFile} first=${s.findings[0].rule}"
                }""");
        imageInWorkspace(j, p);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("lenient status=WARN file=pipeline-integrity/bom.cdx.xml first=image/ssh-server-binary", b);
        assertThat(b.getArtifacts()).isEmpty();
    }

    @Test
    void aReleaseTarballInTheWorkspaceIsReadInPlace(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j, "tarball", """
                node {
                  def s = generateSbom path: 'dist/release.tar.gz', archive: false
                  echo "tarball status=${s.status} components=${s.components}"
                }""");
        Path release = tmp.resolve("release");
        Files.createDirectories(release.resolve("app"));
        Files.writeString(release.resolve("app/package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {"
                + "\"node_modules/left-pad\": {\"version\": \"1.3.0\"}, \"node_modules/ms\": {\"version\": \"2.1.3\"}}}");
        FilePath dist = j.jenkins.getWorkspaceFor(p).child("dist");
        dist.mkdirs();
        Tools.run(release, "tar", "-czf", dist.child("release.tar.gz").getRemote(), "app");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("tarball status=PASS components=2", b);
    }

    @Test
    void imagesAndOutputsOutsideTheWorkspaceAreRefused(JenkinsRule j) throws Exception {
        WorkflowRun escape = j.buildAndAssertStatus(Result.FAILURE, job(j, "escape", """
                node { generateSbom image: 'oci:../../etc:v1' }"""));
        j.assertLogContains("is outside the workspace", escape);
        WorkflowRun out = j.buildAndAssertStatus(Result.FAILURE, job(j, "out", """
                node { generateSbom output: '../bom.json' }"""));
        j.assertLogContains("is outside the workspace", out);
        WorkflowRun missing = j.buildAndAssertStatus(Result.FAILURE, job(j, "creds", """
                node { generateSbom image: '127.0.0.1:1/x:y', registryCredentialsId: 'nope' }"""));
        j.assertLogContains("no username/password credential with id 'nope'", missing);
        WorkflowRun bad = j.buildAndAssertStatus(Result.FAILURE, job(j, "bad", """
                node { generateSbom image: 'Not A Ref' }"""));
        j.assertLogContains("not a valid", bad);
    }
}
