package io.jenkins.plugins.integrity.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * For every built-in rule, lines that must be found (with the secret they hold) and lines that must not,
 * in the config files where such credentials really turn up.
 */
final class RuleSamples {
    record Sample(String rule, boolean secret, String file, String text, String value) {
        @Override
        public String toString() {
            return (secret ? "finds " : "ignores ") + rule + " in " + file;
        }
    }

    static List<Sample> all() {
        Tokens t = new Tokens(20261123);
        List<Sample> s = new ArrayList<>();
        String v;

        v = Tokens.join("AKIA", t.of(Tokens.BASE32, 16));
        s.add(yes("aws-access-key-id", "credentials", "[default]\naws_access_key_id = " + v + "\n", v));
        s.add(no("aws-access-key-id", "README.md", "Use a key such as AKIAIOSFODNN7EXAMPLE in the docs.\n"));
        s.add(no("aws-access-key-id", "ids.txt", "ID AKIA" + "1234\n"));

        v = t.of(Tokens.BASE64, 40);
        s.add(yes("aws-secret-access-key", "deploy.sh", "export AWS_SECRET_ACCESS_KEY=" + v + "\n", v));
        s.add(no("aws-secret-access-key", "credentials",
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"));
        s.add(no("aws-secret-access-key", "deploy.sh", "export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\n"));

        v = Tokens.join("AIza", t.of(Tokens.ALNUM + "_-", 34), "Q");
        s.add(yes("gcp-api-key", "app.yaml", "maps:\n  key: " + v + "\n", v));
        s.add(no("gcp-api-key", "app.yaml", "maps:\n  key: AIza" + "SyShort\n"));

        v = Tokens.join("ghp_", t.alnum(36));
        s.add(yes("github-pat", "Jenkinsfile", "sh 'git clone https://github.com/acme/app.git' // " + v + "\n", v));
        s.add(no("github-pat", "Jenkinsfile", "// ghp_" + "x".repeat(36) + "\n"));

        v = Tokens.join("github_pat_", t.alnum(22), "_", t.alnum(59));
        s.add(yes("github-fine-grained-pat", "ci.env", "GH_PAT=" + v + "\n", v));
        s.add(no("github-fine-grained-pat", "ci.env", "GH_PAT=github_pat_" + "X".repeat(82) + "\n"));

        v = Tokens.join("gho_", t.alnum(36));
        s.add(yes("github-oauth-token", "hosts.yml", "github.com:\n    oauth_token: " + v + "\n", v));
        s.add(no("github-oauth-token", "hosts.yml", "github.com:\n    oauth_token: gho_" + "0".repeat(36) + "\n"));

        v = Tokens.join("ghs_", t.alnum(36));
        s.add(yes("github-app-token", "build.log.txt", "using installation token " + v + "\n", v));
        s.add(no("github-app-token", "notes.txt", "ghs_" + "a".repeat(36) + "\n"));

        v = Tokens.join("ghr_", t.alnum(36));
        s.add(yes("github-refresh-token", "token.json", "{\"refresh_token\": \"" + v + "\"}\n", v));
        s.add(no("github-refresh-token", "token.json", "{\"refresh_token\": \"ghr_" + "abc\"}\n"));

        v = Tokens.join("glpat-", t.alnum(20));
        s.add(yes("gitlab-pat", ".gitlab-ci.yml", "variables:\n  GITLAB_TOKEN: " + v + "\n", v));
        s.add(no("gitlab-pat", ".gitlab-ci.yml", "variables:\n  GITLAB_TOKEN: glpat-" + "x".repeat(20) + "\n"));

        v = Tokens.join("glrt-", t.alnum(20));
        s.add(yes("gitlab-runner-token", "config.toml", "[[runners]]\n  token = \"" + v + "\"\n", v));
        s.add(no("gitlab-runner-token", "config.toml", "[[runners]]\n  token = \"glrt-" + "short\"\n"));

        v = Tokens.join("glptt-", t.of(Tokens.HEX, 40));
        s.add(yes("gitlab-pipeline-trigger-token", "trigger.sh", "curl -F token=" + v + " https://gitlab.local\n", v));
        s.add(no("gitlab-pipeline-trigger-token", "trigger.sh", "curl -F token=glptt-" + "g".repeat(40) + "\n"));

        v = Tokens.join("gldt-", t.alnum(20));
        s.add(yes("gitlab-deploy-token", "values.yaml", "registry:\n  deployToken: " + v + "\n", v));
        s.add(no("gitlab-deploy-token", "values.yaml", "registry:\n  deployToken: gldt-" + "0".repeat(20) + "\n"));

        v = Tokens.join("AQAAABAAAA", t.of(Tokens.BASE64, 52), "==");
        s.add(yes("jenkins-encrypted-secret", "credentials.xml", "<com.cloudbees.plugins.credentials.impl."
                + "UsernamePasswordCredentialsImpl>\n  <password>{" + v + "}</password>\n", v));
        s.add(no("jenkins-encrypted-secret", "credentials.xml", "<password>{AQAAABAAAA" + "A".repeat(40) + "}</password>\n"));

        v = Tokens.join("11", t.of(Tokens.HEX, 32));
        s.add(yes("jenkins-api-token", "trigger.sh", "java -jar jenkins-cli.jar -s $JENKINS_URL -auth deploy:" + v
                + " build app\n", v));
        s.add(no("jenkins-api-token", "CHANGELOG.md", "Fixed in commit 11" + t.of(Tokens.HEX, 32) + ".\n"));

        v = java.util.Base64.getEncoder().encodeToString(("deploy:" + t.alnum(14)).getBytes());
        s.add(yes("docker-config-auth", "config.json", "{\"auths\": {\"registry.corp.local\": {\"auth\": \"" + v
                + "\"}}}\n", v));
        s.add(no("docker-config-auth", "config.json", "{\"auths\": {\"registry.corp.local\": {}}, \"credsStore\": \"pass\"}\n"));

        v = Tokens.join("xoxb-", t.of(Tokens.DIGITS, 12), "-", t.of(Tokens.DIGITS, 12), "-", t.alnum(24));
        s.add(yes("slack-bot-token", "notify.groovy", "def slackToken = '" + v + "'\n", v));
        s.add(no("slack-bot-token", "notify.groovy", "// a bot token starts with xoxb-" + "\n"));

        v = Tokens.join("xoxp-", t.of(Tokens.DIGITS, 12), "-", t.of(Tokens.DIGITS, 12), "-",
                t.of(Tokens.DIGITS, 13), "-", t.of(Tokens.HEX, 32));
        s.add(yes("slack-user-token", "slack.properties", "slack.user.token=" + v + "\n", v));
        s.add(no("slack-user-token", "slack.properties", "slack.user.token=xoxp-" + "123\n"));

        v = Tokens.join("xapp-1-A", t.of(Tokens.UPPER + Tokens.DIGITS, 10), "-", t.of(Tokens.DIGITS, 13), "-",
                t.of(Tokens.HEX, 64));
        s.add(yes("slack-app-token", "bot.env", "SLACK_APP_TOKEN=" + v + "\n", v));
        s.add(no("slack-app-token", "bot.env", "# SLACK_APP_TOKEN is an xapp-" + "token\n"));

        v = Tokens.join("T", t.of(Tokens.UPPER + Tokens.DIGITS, 8), "/B", t.of(Tokens.UPPER + Tokens.DIGITS, 8), "/",
                t.alnum(24));
        s.add(yes("slack-webhook-url", "Jenkinsfile",
                "slackSend baseUrl: 'https://hooks.slack.com/services/" + v + "'\n", v));
        s.add(no("slack-webhook-url", "README.md",
                "https://hooks.slack.com/services/T00000000/B00000000/" + "X".repeat(24) + "\n"));

        v = Tokens.join("sk_", "live_", t.alnum(24));
        s.add(yes("stripe-secret-key", "payment.yml", "stripe:\n  secret: " + v + "\n", v));
        s.add(no("stripe-secret-key", "payment.yml", "stripe:\n  publishable: pk_" + "live_" + t.alnum(24) + "\n"));

        v = Tokens.join("npm_", t.alnum(36));
        s.add(yes("npm-access-token", "publish.sh", "NODE_AUTH_TOKEN=" + v + " npm publish\n", v));
        s.add(no("npm-access-token", "publish.sh", "npm_config_registry=https://registry.npmjs.org/\n"));

        v = t.alnum(36);
        s.add(yes("npmrc-auth", ".npmrc", "//registry.npmjs.org/:_authToken=" + v + "\n", v));
        s.add(no("npmrc-auth", ".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"));

        v = "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n" + t.of(Tokens.BASE64, 70) + "\n" + t.of(Tokens.BASE64, 70)
                + "\n-----END OPENSSH PRIVATE KEY-----";
        s.add(yes("private-key", "deploy_key", v + "\n", v));
        s.add(no("private-key", "key.pub", "-----BEGIN PUBLIC KEY-----\n" + t.of(Tokens.BASE64, 70)
                + "\n-----END PUBLIC KEY-----\n"));

        String header = Tokens.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = Tokens.base64url("{\"sub\":\"build-bot\",\"iat\":1763856000}");
        v = header + "." + payload + "." + t.of(Tokens.URLSAFE, 43);
        s.add(yes("jwt", "api.http", "Authorization: Bearer " + v + "\n", v));
        s.add(no("jwt", "api.http", "Authorization: Bearer " + Tokens.base64url("{\"alg\":\"none\"}") + "."
                + payload + ".\n"));

        v = t.alnum(16);
        s.add(yes("url-basic-auth", "settings.gradle", "url 'https://deploy:" + v + "@nexus.corp.local/repo'\n", v));
        s.add(no("url-basic-auth", "Jenkinsfile", "sh 'git push https://${GIT_USER}:${GIT_PASS}@git.corp.local/app'\n"));
        s.add(no("url-basic-auth", "README.md", "Clone with https://user:changeme@git.corp.local/app\n"));

        v = t.alnum(16);
        s.add(yes("generic-secret-assignment", "application.properties", "spring.datasource.password=" + v + "\n", v));
        s.add(no("generic-secret-assignment", "application.properties", "spring.datasource.password=${DB_PASSWORD}\n"));
        s.add(no("generic-secret-assignment", "config.yml", "token: changeme\napi_key: <token>\n"));
        s.add(no("generic-secret-assignment", "Jenkinsfile",
                "withCredentials([string(credentialsId: 'deploy-token-prod-2024', variable: 'DEPLOY_TOKEN')]) {\n"
                        + "  sh 'curl -H \"Authorization: $DEPLOY_TOKEN\" https://deploy.corp.local'\n}\n"));
        s.add(no("generic-secret-assignment", "Jenkinsfile", "environment {\n  DB_PASSWORD = credentials('db-password-prod')\n}\n"));
        s.add(no("generic-secret-assignment", "deployment.yaml", "secretName: payments-api-tls-cert\n"));

        v = t.alnum(12);
        s.add(yes("generic-xml-secret", "settings.xml", "<server>\n  <id>nexus</id>\n  <password>" + v
                + "</password>\n</server>\n", v));
        s.add(no("generic-xml-secret", "settings.xml", "<server>\n  <password>${env.NEXUS_PASSWORD}</password>\n</server>\n"));
        v = Tokens.join("glft-", t.alnum(20));
        s.add(yes("gitlab-feed-token", "feeds.yml", "rss: https://gitlab.local/dashboard.atom?feed_token=" + v + "\n", v));
        s.add(no("gitlab-feed-token", "feeds.yml", "feed_token: glft-" + "x".repeat(20) + "\n"));

        v = Tokens.join("gloas-", t.alnum(64));
        s.add(yes("gitlab-oauth-app-secret", "oauth.env", "GITLAB_APP_SECRET=" + v + "\n", v));
        s.add(no("gitlab-oauth-app-secret", "oauth.env", "GITLAB_APP_SECRET=${GITLAB_APP_SECRET}\n"));

        v = Tokens.join("glcbt-", t.alnum(3), "_", t.alnum(20));
        s.add(yes("gitlab-cicd-job-token", "debug.log.txt", "using job token " + v + "\n", v));
        s.add(no("gitlab-cicd-job-token", "docs.md", "Job tokens start with glcbt-" + " and expire.\n"));

        v = Tokens.join("sk-proj-", t.alnum(40), "T3Blbk", "FJ", t.alnum(40));
        s.add(yes("openai-api-key", "llm.env", "OPENAI_API_KEY=" + v + "\n", v));
        s.add(no("openai-api-key", "llm.env", "OPENAI_API_KEY=<your key, T3BlbkFJ in the middle>\n"));

        v = Tokens.join("sk-ant-", "api03-", t.of(Tokens.URLSAFE, 93), "AA");
        s.add(yes("anthropic-api-key", "claude.env", "ANTHROPIC_API_KEY=" + v + "\n", v));
        s.add(no("anthropic-api-key", "claude.env", "ANTHROPIC_API_KEY=sk-ant-" + "api03-" + "x".repeat(20) + "\n"));

        v = Tokens.join("SG.", t.alnum(22), ".", t.alnum(43));
        s.add(yes("sendgrid-api-key", "mail.properties", "mail.sendgrid.key=" + v + "\n", v));
        s.add(no("sendgrid-api-key", "mail.properties", "# keys look like SG.xxxx.yyyy\n"));

        v = Tokens.join("shpat_", t.of(Tokens.HEX, 32));
        s.add(yes("shopify-token", "shop.env", "SHOPIFY_TOKEN=" + v + "\n", v));
        s.add(no("shopify-token", "shop.env", "SHOPIFY_TOKEN=shpat_" + "0".repeat(32) + "\n"));

        v = Tokens.join("dop_", "v1_", t.of(Tokens.HEX, 64));
        s.add(yes("digitalocean-token", "do.tfvars", "do_token = \"" + v + "\"\n", v));
        s.add(no("digitalocean-token", "do.tfvars", "do_token = \"dop_" + "v1_" + "f".repeat(64) + "\"\n"));

        v = Tokens.join(t.alnum(14), ".atlas", "v1.", t.alnum(65));
        s.add(yes("terraform-cloud-api-token", ".terraformrc", "credentials \"app.terraform.io\" {\n  token = \"" + v
                + "\"\n}\n", v));
        s.add(no("terraform-cloud-api-token", "README.md", "Tokens contain atlasv1 in the middle.\n"));

        v = Tokens.join("hvs.", t.alnum(95));
        s.add(yes("vault-token", "vault.env", "VAULT_TOKEN=" + v + "\n", v));
        s.add(no("vault-token", "vault.env", "VAULT_TOKEN=hvs." + "a".repeat(20) + "\n"));

        v = Tokens.join("pypi-AgEIcHlwaS5", "vcmc", t.alnum(120));
        s.add(yes("pypi-upload-token", ".pypirc", "[pypi]\nusername = __token__\npassword = " + v + "\n", v));
        s.add(no("pypi-upload-token", ".pypirc", "[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n"));

        v = Tokens.join("rubygems_", t.of(Tokens.HEX, 48));
        s.add(yes("rubygems-api-key", "credentials", "---\n:rubygems_api_key: " + v + "\n", v));
        s.add(no("rubygems-api-key", "credentials", "---\n:rubygems_api_key: <%= ENV['GEM_HOST_API_KEY'] %>\n"));

        v = Tokens.join("dapi", t.of(Tokens.HEX, 32));
        s.add(yes("databricks-token", "databrickscfg", "[DEFAULT]\nhost = https://adb.azuredatabricks.net\nkey = " + v + "\n", v));
        s.add(no("databricks-token", "databrickscfg", "[DEFAULT]\nkey = dapi" + "0".repeat(32) + "\n"));

        v = Tokens.join("NRAK-", t.of(Tokens.UPPER + Tokens.DIGITS, 27));
        s.add(yes("new-relic-user-api-key", "newrelic.yml", "api_key: " + v + "\n", v));
        s.add(no("new-relic-user-api-key", "newrelic.yml", "api_key: NRAK-" + "X".repeat(27) + "\n"));

        v = Tokens.join("ATATT3", t.alnum(186));
        s.add(yes("atlassian-api-token", "jira.properties", "jira.api.token=" + v + "\n", v));
        s.add(no("atlassian-api-token", "jira.properties", "jira.api.token=ATATT3" + "xFf\n"));

        v = Tokens.join("CCIPAT_", t.alnum(22), "_", t.of(Tokens.HEX, 40));
        s.add(yes("circleci-personal-token", "ci.env", "CIRCLE_TOKEN=" + v + "\n", v));
        s.add(no("circleci-personal-token", "ci.env", "CIRCLE_TOKEN=CCIPAT_" + "a".repeat(22) + "_" + "0".repeat(40) + "\n"));

        v = Tokens.join("glsa_", t.alnum(32), "_", t.of(Tokens.HEX, 8));
        s.add(yes("grafana-service-account-token", "grafana.ini", "[auth]\ntoken = " + v + "\n", v));
        s.add(no("grafana-service-account-token", "grafana.ini", "[auth]\ntoken = glsa_" + "a".repeat(32) + "_00000000\n"));

        v = Tokens.join("hf_", t.of(Tokens.UPPER + "abcdefghijklmnopqrstuvwxyz", 34));
        s.add(yes("huggingface-token", "hf.env", "HF_TOKEN=" + v + "\n", v));
        s.add(no("huggingface-token", "hf.env", "HF_TOKEN=hf_" + "a".repeat(34) + "\n"));

        v = Tokens.join("pul-", t.of(Tokens.HEX, 40));
        s.add(yes("pulumi-access-token", "pulumi.env", "PULUMI_ACCESS_TOKEN=" + v + "\n", v));
        s.add(no("pulumi-access-token", "pulumi.env", "PULUMI_ACCESS_TOKEN=pul-" + "0".repeat(40) + "\n"));

        v = Tokens.join("HRKU-", "AA", t.alnum(58));
        s.add(yes("heroku-api-key", "netrc", "machine api.heroku.com\n  login ci@corp.local\n  password " + v + "\n", v));
        s.add(no("heroku-api-key", "README.md", "Heroku API keys start with HRKU-" + "AA and 58 more characters.\n"));

        v = Tokens.join("AGE-SECRET-", "KEY-1", t.of("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58));
        s.add(yes("age-secret-key", "keys.txt", "# created: 2026-11-23\n# public key: age1example\n" + v + "\n", v));
        s.add(no("age-secret-key", "keys.txt", "# public key: age1" + t.of("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58) + "\n"));

        v = Tokens.join(t.of(Tokens.BASE64, 86), "==");
        s.add(yes("azure-storage-account-key", "appsettings.json", "{\"Storage\": \"DefaultEndpointsProtocol=https;"
                + "AccountName=ci;AccountKey=" + v + ";EndpointSuffix=core.windows.net\"}\n", v));
        s.add(no("azure-storage-account-key", "appsettings.json", "{\"Storage\": \"UseDevelopmentStorage=true\"}\n"));

        v = t.alnum(14);
        s.add(yes("nuget-cleartext-password", "NuGet.Config", "<packageSourceCredentials><corp>\n"
                + "  <add key=\"Username\" value=\"ci\" />\n  <add key=\"ClearTextPassword\" value=\"" + v
                + "\" />\n</corp></packageSourceCredentials>\n", v));
        s.add(no("nuget-cleartext-password", "NuGet.Config", "<add key=\"ClearTextPassword\" value=\"%NUGET_PASSWORD%\" />\n"));

        s.addAll(RuleSampleFile.read(20261201));
        return s;
    }

    private static Sample yes(String rule, String file, String text, String value) {
        return new Sample(rule, true, file, text, value);
    }

    private static Sample no(String rule, String file, String text) {
        return new Sample(rule, false, file, text, null);
    }

    private RuleSamples() {}
}
