package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Severity;

/**
 * A deployment-configuration rule: its id, severity, what it finds and why it matters, and the rule of
 * kube-linter or hadolint it answers to (empty when it is ours alone).
 */
public record DeployRule(String id, Severity severity, String title, String reason, String counterpart) {}
