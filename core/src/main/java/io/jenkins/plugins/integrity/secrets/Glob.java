package io.jenkins.plugins.integrity.secrets;

import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, as Jenkins users write them in {@code archiveArtifacts}: {@code *} matches
 * within a directory name, {@code **} across directories (so {@code **}{@code /*.yml} also matches
 * {@code a.yml}), {@code ?} one character; a pattern ending in {@code /} matches everything below it.
 * Paths are relative, with forward slashes.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;

    public Glob(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("an empty glob pattern matches nothing");
        }
        String p = pattern.trim().replace('\\', '/');
        if (p.endsWith("/")) {
            p = p + "**";
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        this.pattern = pattern.trim();
        this.regex = Pattern.compile(toRegex(p));
    }

    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean slashAfter = glob.startsWith("**/", i);
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
                continue;
            }
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
