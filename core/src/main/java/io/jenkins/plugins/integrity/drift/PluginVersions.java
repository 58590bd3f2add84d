package io.jenkins.plugins.integrity.drift;

/**
 * Orders plugin versions as far as their leading numbers go: {@code 1.10} is after {@code 1.9}, and
 * {@code 4303.v8fa_2a_581f0a_6} after {@code 4290.vc4b_5a_7a_6c2b_8} (Jenkins' incremental versions start with the
 * build number). When the numbers are equal but the texts differ, neither is after the other.
 */
final class PluginVersions {
    private PluginVersions() {}

    /** Negative when {@code a} is older, positive when newer, 0 when equal or not comparable. */
    static int compare(String a, String b) {
        String[] x = a.split("[.\\-]");
        String[] y = b.split("[.\\-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].matches("\\d{1,18}");
            boolean ny = y[i].matches("\\d{1,18}");
            if (!nx || !ny) {
                return 0;
            }
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        if (x.length != y.length) {
            String[] longer = x.length > y.length ? x : y;
            if (longer[Math.min(x.length, y.length)].matches("\\d{1,18}")) {
                return x.length > y.length ? 1 : -1;
            }
        }
        return 0;
    }
}
