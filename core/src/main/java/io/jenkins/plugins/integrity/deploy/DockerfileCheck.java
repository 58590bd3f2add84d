package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.Digests;
import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Dockerfile rules of {@link DeployRules}: root as the final user, remote ADDs, bases by tag, secrets in ARG
 * and ENV (named, never shown), scripts piped from the network into a shell, package caches left behind, sudo,
 * SSH servers, and no HEALTHCHECK.
 */
final class DockerfileCheck {
    private static final Pattern CURL_PIPE = Pattern.compile("(?i)\\b(curl|wget)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|z|da|k)?sh\\b");
    private static final Pattern APT_INSTALL = Pattern.compile("(?i)\\bapt(-get)?\\s+(-\\S+\\s+)*install\\b");
    private static final Pattern APK_ADD = Pattern.compile("(?i)\\bapk\\s+(-\\S+\\s+)*add\\b");
    private static final Pattern SSH_SERVER = Pattern.compile("(?i)\\b(openssh-server|dropbear)\\b");

    private DockerfileCheck() {}

    private static final Pattern ARG_DEFAULT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** The defaults of an ARG instruction ({@code ARG A=1 B="two"}); a name without one has none. */
    static java.util.Map<String, String> argDefaults(String args) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        java.util.regex.Matcher m = ARG_DEFAULT.matcher(args);
        while (m.find()) {
            String v = m.group(2);
            if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(m.group(1), v);
        }
        return out;
    }

    /**
     * A FROM's image with the global ARGs' defaults put in ({@code ${BASE}}, {@code $BASE}, {@code ${BASE:-x}}),
     * as the builder does when no --build-arg is given; a variable without a value stays as written.
     */
    static String substitute(String image, java.util.Map<String, String> args) {
        java.util.regex.Matcher m = VARIABLE.matcher(image);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String value = args.get(name);
            if ((value == null || value.isEmpty()) && m.group(2) != null) {
                value = m.group(2);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null || value.isEmpty()
                    ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<Finding> check(String file, Dockerfile d) {
        List<Finding> out = new ArrayList<>();
        int last = d.lastStage();
        Set<String> stageNames = new HashSet<>();
        String user = null;
        Dockerfile.Instruction userAt = null;
        boolean healthcheck = false;
        java.util.Map<String, String> globalArgs = new java.util.HashMap<>();
        boolean seenFrom = false;
        for (Dockerfile.Instruction in : d.instructions()) {
            String args = in.arguments();
            if (!seenFrom && in.keyword().equals("ARG")) {
                globalArgs.putAll(argDefaults(args));
            }
            switch (in.keyword()) {
                case "FROM" -> {
                    seenFrom = true;
                    String[] parts = args.replaceAll("--platform=\\S+", "").strip().split("\\s+");
                    String written = parts.length == 0 ? "" : parts[0];
                    String image = substitute(written, globalArgs);
                    if (parts.length >= 3 && parts[parts.length - 2].equalsIgnoreCase("AS")) {
                        stageNames.add(parts[parts.length - 1].toLowerCase(Locale.ROOT));
                    }
                    boolean earlierStage = stageNames.contains(image.toLowerCase(Locale.ROOT));
                    if (!image.isEmpty() && !earlierStage && !image.equals("scratch") && !image.contains("@sha256:")
                            && !image.contains("$")) {
                        out.add(finding("dockerfile-base-unpinned", file, in, "FROM " + (written.equals(image) ? image
                                : written + " (" + image + ")") + (image.contains(":")
                                && !image.endsWith(":latest") ? "" : " (no tag or :latest)") + " is not pinned by digest"));
                    }
                    if (in.stage() == last) {
                        user = null;
                        userAt = null;
                        healthcheck = false;
                    }
                }
                case "USER" -> {
                    if (in.stage() == last) {
                        user = args.strip();
                        userAt = in;
                    }
                }
                case "HEALTHCHECK" -> {
                    if (in.stage() == last && !args.strip().equalsIgnoreCase("NONE")) {
                        healthcheck = true;
                    }
                }
                case "ADD" -> {
                    for (String a : args.split("\\s+")) {
                        if (a.matches("(?i)(https?|ftp)://.*")) {
                            out.add(finding("dockerfile-add-url", file, in, "ADD fetches " + a.replaceAll("\\?.*", "")));
                            break;
                        }
                    }
                }
                case "ARG", "ENV" -> {
                    for (String name : assignedNames(in.keyword(), args)) {
                        if (DeployRules.SECRET_NAME.matcher(name).matches()) {
                            out.add(finding("dockerfile-secret-in-build-arg", file, in, in.keyword() + " " + name
                                    + " looks like a secret; its value is kept in the image (not shown here)"));
                        }
                    }
                }
                case "EXPOSE" -> {
                    for (String p : args.split("\\s+")) {
                        if (p.equals("22") || p.startsWith("22/")) {
                            out.add(finding("dockerfile-ssh", file, in, "EXPOSE 22: an SSH port"));
                        }
                    }
                }
                case "RUN" -> run(file, in, out);
                default -> { }
            }
        }
        boolean root = io.jenkins.plugins.integrity.oci.ImageConfig.isRoot(user);
        Dockerfile.Instruction anchor = d.instructions().isEmpty() ? new Dockerfile.Instruction("", "", 1, 0)
                : d.instructions().stream().filter(i -> i.stage() == last && i.keyword().equals("FROM")).findFirst()
                        .orElse(d.instructions().get(0));
        if (root && !d.instructions().isEmpty()) {
            out.add(finding("dockerfile-user-root", file, userAt != null ? userAt : anchor, user == null ? "no USER in the final stage: the"
                    + " image runs as root" : "the last USER is " + user));
        }
        if (!healthcheck && !d.instructions().isEmpty()) {
            out.add(finding("dockerfile-no-healthcheck", file, anchor, "the final stage has no HEALTHCHECK"));
        }
        return out;
    }

    private static void run(String file, Dockerfile.Instruction in, List<Finding> out) {
        String cmd = in.arguments();
        if (CURL_PIPE.matcher(cmd).find()) {
            out.add(finding("dockerfile-curl-pipe-shell", file, in, "a download piped into a shell"));
        }
        if (APT_INSTALL.matcher(cmd).find() && !cmd.contains("/var/lib/apt/lists")) {
            out.add(finding("dockerfile-apt-lists-kept", file, in, "apt-get install without rm -rf /var/lib/apt/lists/*"));
        }
        if (APK_ADD.matcher(cmd).find() && !cmd.contains("--no-cache")) {
            out.add(finding("dockerfile-apk-cache-kept", file, in, "apk add without --no-cache"));
        }
        if (cmd.matches("(?s)(.*[;&|]\\s*)?sudo\\s.*") || cmd.startsWith("sudo ")) {
            out.add(finding("dockerfile-sudo", file, in, "sudo in RUN"));
        }
        if ((APT_INSTALL.matcher(cmd).find() || APK_ADD.matcher(cmd).find() || cmd.matches("(?is).*\\b(yum|dnf)\\s+install.*"))
                && SSH_SERVER.matcher(cmd).find()) {
            out.add(finding("dockerfile-ssh", file, in, "an SSH server is installed"));
        }
    }

    /** The names an ARG or ENV sets: {@code ARG NAME[=v]}, {@code ENV A=1 B=2}, and the legacy {@code ENV NAME value}. */
    static List<String> assignedNames(String keyword, String args) {
        List<String> names = new ArrayList<>();
        String a = args.strip();
        if (a.isEmpty()) {
            return names;
        }
        String first = a.split("\\s+", 2)[0];
        if (keyword.equals("ENV") && !first.contains("=")) {
            names.add(first);
            return names;
        }
        for (String token : a.split("\\s+")) {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                names.add(name);
            }
        }
        return names;
    }

    private static Finding finding(String rule, String file, Dockerfile.Instruction in, String message) {
        DeployRule r = DeployRules.get(rule);
        return new Finding(rule, r.severity(), message, new Location(file, in.line(), 0, null),
                Digests.sha256Hex(DeployCheck.CHECK, rule, file, Integer.toString(in.line()), message));
    }
}
