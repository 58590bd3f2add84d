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
