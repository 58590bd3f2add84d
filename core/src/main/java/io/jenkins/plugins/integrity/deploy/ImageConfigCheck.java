package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import io.jenkins.plugins.integrity.oci.ImageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The image configuration rules of {@link DeployRules}, on a built image's configuration (what the Dockerfile
 * produced, whatever wrote it): the user, the exposed ports, a shell as the entrypoint, secret-looking
 * environment variables (named, never shown), and a base image the labels name without its digest.
 */
final class ImageConfigCheck {

    private ImageConfigCheck() {}

    static List<Finding> check(String image, ImageConfig config) {
        List<Finding> out = new ArrayList<>();
        String user = config.user().strip();
        if (config.runsAsRoot()) {
            out.add(finding("image-user-root", image, "config/User", user.isEmpty() ? "no user: the image runs as root"
                    : "the user is " + user));
        }
        for (String p : config.exposedPorts()) {
            if (p.equals("22") || p.startsWith("22/")) {
                out.add(finding("image-ssh-port", image, "config/ExposedPorts", "port " + p + " (SSH) is exposed"));
            }
        }
        List<String> run = new ArrayList<>(config.entrypoint());
        if (run.isEmpty()) {
            run.addAll(config.cmd());
        }
        if (run.size() >= 2 && run.get(0).matches("(/usr)?(/bin/)?(ba|da|a)?sh") && run.get(1).equals("-c")) {
            out.add(finding("image-shell-entrypoint", image, config.entrypoint().isEmpty() ? "config/Cmd"
                    : "config/Entrypoint", "the process is started through " + run.get(0) + " -c"));
        }
        for (int i = 0; i < config.env().size(); i++) {
            String e = config.env().get(i);
            String name = e.contains("=") ? e.substring(0, e.indexOf('=')) : e;
            String value = e.contains("=") ? e.substring(e.indexOf('=') + 1) : "";
            if (DeployRules.SECRET_NAME.matcher(name).matches() && !value.isBlank()) {
                out.add(finding("image-secret-in-env", image, "config/Env/" + i, "the environment variable " + name
                        + " looks like a secret and has a value (not shown here)"));
            }
        }
        String baseName = config.labels().get("org.opencontainers.image.base.name");
        if (baseName != null && !config.labels().containsKey("org.opencontainers.image.base.digest")) {
            out.add(finding("image-base-unpinned", image, "config/Labels", "the base " + baseName
                    + " is named without its digest"));
        }
        return out;
    }

    private static Finding finding(String rule, String image, String where, String message) {
        DeployRule r = DeployRules.get(rule);
        return new Finding(rule, r.severity(), message + " (" + where + ")", Location.ofFile(image),
                Digests.sha256Hex(DeployCheck.CHECK, rule, image, where));
    }
}
