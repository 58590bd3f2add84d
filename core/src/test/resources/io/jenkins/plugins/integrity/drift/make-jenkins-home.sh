#!/usr/bin/env bash
# Makes the JENKINS_HOME fixture of the drift tests with a real Jenkins: boots jenkins.war on 127.0.0.1 with
# the Pipeline plugins and an init script that configures it as an administrator would (a user database with
# signup off, logged-in users in full control, CSRF protection, credentials, a Pipeline job in the sandbox and
# one outside it, a folder, an agent, a shared library, script approvals), lets Jenkins save everything, stops it
# and keeps the files Jenkins wrote (without its caches, logs and secrets/).
# usage: make-jenkins-home.sh JENKINS_WAR PLUGINS_DIR OUT_DIR
set -euo pipefail
war=$1; plugins=$2; out=$3
home=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
mkdir -p "$home/plugins" "$home/init.groovy.d"
cp "$plugins"/*.jpi "$home/plugins/"
cat > "$home/init.groovy.d/configure.groovy" <<'GROOVY'
import com.cloudbees.plugins.credentials.*
import com.cloudbees.plugins.credentials.domains.*
import com.cloudbees.plugins.credentials.impl.*
import org.jenkinsci.plugins.plaincredentials.impl.*
import hudson.security.*
import hudson.slaves.*
import hudson.util.Secret
import jenkins.model.Jenkins
import org.jenkinsci.plugins.workflow.job.WorkflowJob
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition

def j = Jenkins.get()
def realm = new HudsonPrivateSecurityRealm(false, false, null)
realm.createAccount('admin', 'fixture-admin-' + 'password-1')
j.securityRealm = realm
def strategy = new FullControlOnceLoggedInAuthorizationStrategy()
strategy.allowAnonymousRead = false
j.authorizationStrategy = strategy
j.crumbIssuer = new csrf.DefaultCrumbIssuer(true)
j.numExecutors = 0
j.slaveAgentPort = 50000
def store = SystemCredentialsProvider.getInstance().getCredentials()
store.add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'deploy', 'deploy account', 'deployer',
    'FIXTURE-deploy-' + 'secret-value'))
store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'api-token', 'an API token',
    Secret.fromString('FIXTURE-api-' + 'token-value')))
SystemCredentialsProvider.getInstance().save()
def sandboxed = j.createProject(WorkflowJob, 'app-build')
sandboxed.definition = new CpsFlowDefinition("node { echo 'build' }", true)
sandboxed.save()
def trusted = j.createProject(WorkflowJob, 'release')
trusted.definition = new CpsFlowDefinition("node { sh 'make release' }", false)
trusted.save()
def folder = j.createProject(com.cloudbees.hudson.plugins.folder.Folder, 'team')
def inner = folder.createProject(WorkflowJob, 'service')
inner.definition = new CpsFlowDefinition("echo 'in a folder'", true)
inner.save()
def agent = new DumbSlave('agent-1', '/home/jenkins/agent', new JNLPLauncher())
agent.numExecutors = 2
agent.labelString = 'linux docker'
j.addNode(agent)
def approval = org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval.get()
approval.approveSignature('method java.lang.Runtime exec java.lang.String')
approval.approveSignature('method java.lang.String toUpperCase')
def lib = new org.jenkinsci.plugins.workflow.libs.LibraryConfiguration('shared-steps',
    new org.jenkinsci.plugins.workflow.libs.SCMSourceRetriever(new jenkins.scm.impl.SingleSCMSource('lib',
        new hudson.scm.NullSCM())))
lib.defaultVersion = 'main'
lib.implicit = true
lib.allowVersionOverride = true
org.jenkinsci.plugins.workflow.libs.GlobalLibraries.get().libraries = [lib]
def user = hudson.model.User.getById('admin', false)
user.getProperty(jenkins.security.ApiTokenProperty).tokenStore.generateNewToken('ci')
user.save()
j.save()
println 'fixture configured'
GROOVY
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
JENKINS_HOME="$home" java -Xmx1g -Djava.awt.headless=true -Djenkins.install.runSetupWizard=false \
  -Dhudson.model.UpdateCenter.never=true -Dhudson.model.DownloadService.never=true -jar "$war" \
  --httpListenAddress=127.0.0.1 --httpPort="$port" --webroot="$home/war" > "$home/jenkins.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  grep -q "Jenkins is fully up and running" "$home/jenkins.log" && break
  sleep 1
done
grep -q "fixture configured" "$home/jenkins.log" || { tail -50 "$home/jenkins.log" >&2; exit 1; }
sleep 3
kill "$pid"; wait "$pid" || true
rm -rf "$out" && mkdir -p "$out"
( cd "$home" && find . -type f \( -name '*.xml' -o -name '*.groovy' \) -not -path './war/*' -not -path './plugins/*' \
    -not -path './secrets/*' -not -path './logs/*' -not -path '*/builds/*' -not -path './jobs/*/workspace*' \
    -not -path './fingerprints/*' -not -path './updates/*' -print0 | xargs -0 -I{} cp --parents {} "$out/" )
# the plugins as Jenkins unpacked them: each one's manifest, and the archive name, which says enabled or not
mkdir -p "$out/plugins"
for jpi in "$home"/plugins/*.jpi; do
  name=$(basename "$jpi" .jpi)
  mkdir -p "$out/plugins/$name/META-INF"
  cp "$home/plugins/$name/META-INF/MANIFEST.MF" "$out/plugins/$name/META-INF/"
done
echo "fixture written to $out"
