package io.jenkins.plugins.integrity.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the image tests build their inputs with (umoci, skopeo), failing loudly. */
public final class Tools {
    private Tools() {}

    public static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    /** umoci needs --rootless when the tests do not run as root. */
    public static List<String> umoci(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("umoci"));
        cmd.add(args[0]);
        if (!isRoot() && (args[0].equals("insert") || args[0].equals("unpack") || args[0].equals("repack"))) {
            cmd.add("--rootless");
        }
        cmd.addAll(List.of(args).subList(1, args.length));
        return cmd;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
