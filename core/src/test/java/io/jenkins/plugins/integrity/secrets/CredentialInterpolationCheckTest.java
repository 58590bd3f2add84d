package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialInterpolationCheckTest {
    private final SecretScanner scanner = new SecretScanner(RuleSet.builtIn());

    private List<String> found(String file, String jenkinsfile) {
        return scanner.findingsIn(file, jenkinsfile).stream()
                .map(f -> f.rule() + "@" + f.location().line() + ":" + f.location().column()).toList();
    }

    @Test
    void flagsWithCredentialsVariablesInterpolatedByGroovy() {
        String jenkinsfile = """
                node {
                  withCredentials([usernamePassword(credentialsId: 'nexus', usernameVariable: 'USER', passwordVariable: 'PASS')]) {
                    sh "curl -u ${USER}:${PASS} https://nexus.corp.local"
                    sh "curl -u $USER:$PASS https://nexus.corp.local"
                  }
                  withCredentials([string(credentialsId: 'gh', variable: 'TOKEN')]) {
                    sh \"\"\"
                      git push https://x:${env.TOKEN}@github.com/acme/app.git
                    \"\"\"
                  }
                }
                """;
        assertThat(found("Jenkinsfile", jenkinsfile)).containsExactly(
                "jenkins-credential-interpolation@3:25", "jenkins-credential-interpolation@4:23",
                "jenkins-credential-interpolation@8:26");
        Finding f = scanner.findingsIn("Jenkinsfile", jenkinsfile).get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).startsWith("Credential variable 'PASS' is interpolated by Groovy");
    }

    @Test
    void flagsEnvironmentCredentialsAndTheirPasswordPart() {
        String jenkinsfile = """
                pipeline {
                  agent any
                  environment { NEXUS = credentials('nexus') }
                  stages { stage('d') { steps {
                    sh "curl -u $NEXUS_USR:$NEXUS_PSW https://nexus.corp.local"
                    sh "docker login -p ${NEXUS} registry"
                  } } }
                }
                """;
        assertThat(found("ci/deploy.jenkinsfile", jenkinsfile)).containsExactly(
                "jenkins-credential-interpolation@5:28", "jenkins-credential-interpolation@6:25");
    }

    @Test
    void theSafeFormsRaiseNothing() {
        String jenkinsfile = """
                node {
                  withCredentials([string(credentialsId: 'gh', variable: 'TOKEN')]) {
                    sh 'curl -H "Authorization: token $TOKEN" https://api.github.com'
                    sh '''curl -H "Authorization: token ${TOKEN}" https://api.github.com'''
                    sh "curl -H 'Authorization: token \\$TOKEN' https://api.github.com"
                    echo "build ${BUILD_NUMBER} of ${JOB_NAME}"
                    // sh "curl ${TOKEN}" is what we must not do
                    /* sh "curl ${TOKEN}" */
                  }
                }
                """;
        assertThat(found("Jenkinsfile", jenkinsfile)).isEmpty();
    }

    @Test
    void onlyJenkinsfilesAndGroovyScriptsAreChecked() {
        String text = "withCredentials([string(credentialsId: 'gh', variable: 'TOKEN')]) { sh \"echo ${TOKEN}\" }\n";
        assertThat(found("vars/deploy.groovy", text)).hasSize(1);
        assertThat(found("init.groovy.d/users.groovy", text)).hasSize(1);
        assertThat(found("README.md", text)).isEmpty();
    }
}
