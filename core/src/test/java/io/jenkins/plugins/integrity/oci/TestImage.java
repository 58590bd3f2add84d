package io.jenkins.plugins.integrity.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout built with the real umoci, one layer per step, from real files the test puts in place.
 * {@code oci(tag)} names it for the generator; {@link #dockerArchive} and {@link #push} move it with skopeo.
 */
public final class TestImage {
    private final Path layout;
    private final String tag;

    private TestImage(Path layout, String tag) {
        this.layout = layout;
        this.tag = tag;
    }

    public static TestImage create(Path dir, String tag) throws IOException, InterruptedException {
        Path layout = dir.resolve("layout");
        if (!Files.exists(layout)) {
            run(dir, "init", "--layout", layout.toString());
        }
        run(dir, "new", "--image", layout + ":" + tag);
        return new TestImage(layout, tag);
    }

    /** Adds a layer holding the directory's contents at the root. */
    public TestImage layer(Path rootfs) throws IOException, InterruptedException {
        run(layout.getParent(), "insert", "--image", ref(), rootfs.toString(), "/");
        return this;
    }

    /** Adds a layer that replaces a directory (an opaque directory) with the given contents. */
    public TestImage opaque(Path contents, String target) throws IOException, InterruptedException {
        run(layout.getParent(), "insert", "--image", ref(), "--opaque", contents.toString(), target);
        return this;
    }

    /** Adds a layer that removes a path (a whiteout). */
    public TestImage whiteout(String target) throws IOException, InterruptedException {
        run(layout.getParent(), "insert", "--image", ref(), "--whiteout", target);
        return this;
    }

    public TestImage config(String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("config", "--image", ref()));
        args.addAll(List.of(options));
        run(layout.getParent(), args.toArray(String[]::new));
        return this;
    }

    public Path layout() {
        return layout;
    }

    public String ref() {
        return layout + ":" + tag;
    }

    /** The reference the generator reads: {@code oci:DIR:TAG}. */
    public ImageReference oci() {
        return ImageReference.parse("oci:" + ref());
    }

    /** The image saved as {@code docker save} would, by skopeo. */
    public ImageReference dockerArchive(Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Tools.run(layout.getParent(), "skopeo", "copy", "-q", "oci:" + ref(), "docker-archive:" + file + ":test/image:"
                + tag);
        return ImageReference.parse("docker-archive:" + file);
    }

    /** The image copied by skopeo into another layout with its layers recompressed as zstd (tar+zstd). */
    public ImageReference zstd(Path layoutDir) throws IOException, InterruptedException {
        Tools.run(layout.getParent(), "skopeo", "copy", "-q", "--dest-compress-format", "zstd", "oci:" + ref(), "oci:"
                + layoutDir + ":" + tag);
        return ImageReference.parse("oci:" + layoutDir + ":" + tag);
    }

    /** Pushes the image to a registry with skopeo (plain HTTP, as to a local registry). */
    public void push(String target, String... credentials) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "-q", "--dest-tls-verify=false"));
        if (credentials.length == 2) {
            cmd.add("--dest-creds=" + credentials[0] + ":" + credentials[1]);
        }
        cmd.add("oci:" + ref());
        cmd.add("docker://" + target);
        Tools.run(layout.getParent(), cmd.toArray(String[]::new));
    }

    private void run(String... args) throws IOException, InterruptedException {
        run(layout.getParent(), args);
    }

    private static void run(Path dir, String... args) throws IOException, InterruptedException {
        Tools.run(dir, Tools.umoci(args).toArray(String[]::new));
    }
}
