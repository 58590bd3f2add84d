package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.check.InvalidInputException;
import io.jenkins.plugins.integrity.oci.ImageSource;
import io.jenkins.plugins.integrity.oci.Layer;
import io.jenkins.plugins.integrity.oci.LayerStream;
import io.jenkins.plugins.integrity.oci.ResolvedImage;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an image's layers in order, as a container runtime would stack them, without writing anything to
 * disk: each layer's entries replace those below, whiteouts ({@code .wh.NAME}) remove a lower layer's path and
 * opaque markers ({@code .wh..wh..opq}) a lower layer's directory contents
 * (https://github.com/opencontainers/image-spec/blob/main/layer.md). Package lists are read as they stream
 * past, and every version of a package database is kept, so that each package is attributed to the layer that
 * introduced it. An entry whose path climbs out of the root ({@code ..}) ends the reading: no real image
 * builder writes one.
 */
final class ImageWalker {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final List<Cataloger> catalogers;
    private final SecretScanner secrets;

    /** @param secrets scans the image's configuration files for secrets, or null not to */
    ImageWalker(List<Cataloger> catalogers, SecretScanner secrets) {
        this.catalogers = catalogers;
        this.secrets = secrets;
    }

    /** What an image holds once its layers are stacked. */
    record Contents(ResolvedImage image, String distro, List<Component> components, Map<String, Integer> layerOf,
            NavigableMap<String, ImageFile> files, List<LayerFinding> secretFindings, List<LayerFinding> unread) {}

    /** A finding made in one layer's file (the layer is an index into the image's layers). */
    record LayerFinding(int layer, Finding finding) {}

    /** One version of a package list: the layer that wrote it and what it names (or its bytes, until the distro is known). */
    private record Version(int layer, Cataloger cataloger, List<Component> components, byte[] content) {}

    /** What is kept of a path while layers stream past. */
    private static final class Node {
        ImageFile file;
        List<Version> versions = new ArrayList<>();
        List<LayerFinding> findings = List.of();
        /** The content's MD5 where the content has secret findings, to tell a package's default file. */
        String md5;
        LayerFinding unread;
    }

    Contents walk(ImageSource source) {
        ResolvedImage image = source.image();
        TreeMap<String, Node> tree = new TreeMap<>();
        String distro = null;
        for (Layer layer : image.layers()) {
            String what = image.name() + " layer " + layer.index() + " (" + layer.id() + ")";
            try (LayerStream in = source.openLayer(layer)) {
                try {
                    distro = readLayer(layer.index(), in, tree, distro, what);
                    in.finish();
                } catch (IOException e) {
                    throw in.explain(e);
                }
            } catch (IOException e) {
                throw new InvalidInputException(what, e.getMessage() == null ? "cannot be read" : e.getMessage());
            }
        }
        return contents(image, tree, distro);
    }

    private String readLayer(int layer, LayerStream in, TreeMap<String, Node> tree, String distroSoFar, String what)
            throws IOException {
        String distro = distroSoFar;
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String path = normalise(e.getName(), what);
            if (path.isEmpty()) {
                continue;
            }
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            String name = path.substring(slash + 1);
            if (name.equals(OPAQUE)) {
                removeBelow(tree, parent, layer, true);
                continue;
            }
            if (name.startsWith(WHITEOUT)) {
                String target = (parent.isEmpty() ? "" : parent + "/") + name.substring(WHITEOUT.length());
                Node n = tree.get(target);
                if (n != null && n.file.layer() < layer) {
                    tree.remove(target);
                }
                removeBelow(tree, target, layer, false);
                continue;
            }
            ImageFile file = file(path, layer, e);
            Node node = tree.get(path);
            if (file.kind() != ImageFile.Kind.DIRECTORY) {
                removeBelow(tree, path, layer + 1, false);
            }
            if (node == null) {
                node = new Node();
                tree.put(path, node);
            }
            node.file = file;
            node.findings = List.of();
            node.md5 = null;
            node.unread = null;
            if (file.kind() != ImageFile.Kind.FILE) {
                if (file.kind() != ImageFile.Kind.DIRECTORY) {
                    node.versions = new ArrayList<>();
                }
                continue;
            }
            byte[] content = null;
            for (Cataloger c : catalogers) {
                if (!c.handles(path, file.isExecutable())) {
                    continue;
                }
                if (e.getSize() > c.maxSize()) {
                    node.unread = new LayerFinding(layer, SbomFindings.tooLarge(path, c.maxSize()));
                    continue;
                }
                if (content == null) {
                    content = tar.readNBytes((int) e.getSize());
                }
                node.versions.add(c.usesDistro() ? new Version(layer, c, null, content)
                        : new Version(layer, c, catalog(c, path, content, null, what), null));
            }
            if (SbomGenerator.isOsRelease(path)) {
                content = content != null ? content : tar.readNBytes((int) Math.min(e.getSize(), 65536));
                distro = SbomGenerator.distro(path, content, distro);
            }
            if (secrets != null && ImageSecretScope.scans(path, e.getSize())) {
                content = content != null ? content : tar.readNBytes((int) e.getSize());
                if (ImageSecretScope.isText(content)) {
                    List<LayerFinding> found = new ArrayList<>();
                    for (Finding f : secrets.findingsIn(path, new String(content, StandardCharsets.UTF_8))) {
                        found.add(new LayerFinding(layer, f));
                    }
                    node.findings = found;
                    node.md5 = found.isEmpty() ? null : org.apache.commons.codec.digest.DigestUtils.md5Hex(content);
                }
            }
        }
        return distro;
    }

    private static ImageFile file(String path, int layer, TarArchiveEntry e) {
        ImageFile.Kind kind = e.isDirectory() ? ImageFile.Kind.DIRECTORY : e.isSymbolicLink() ? ImageFile.Kind.SYMLINK
                : e.isLink() ? ImageFile.Kind.HARDLINK : e.isFile() ? ImageFile.Kind.FILE : ImageFile.Kind.OTHER;
        String link = kind == ImageFile.Kind.SYMLINK || kind == ImageFile.Kind.HARDLINK ? e.getLinkName() : null;
        return new ImageFile(path, layer, kind, e.getMode() & 07777, e.getLongUserId(), e.getSize(), link);
    }

    /**
     * Removes what lies under a directory (not the directory itself) from layers below {@code layer}.
     * @param keepDir whether the directory's own entry stays (an opaque marker keeps it)
     */
    private static void removeBelow(TreeMap<String, Node> tree, String dir, int layer, boolean keepDir) {
        NavigableMap<String, Node> under = dir.isEmpty() ? tree : tree.subMap(dir + "/", true, dir + "0", false);
        for (Iterator<Node> it = under.values().iterator(); it.hasNext();) {
            if (it.next().file.layer() < layer) {
                it.remove();
            }
        }
    }

    /** The entry's path relative to the root, or an error for one that climbs out of it. */
    static String normalise(String entryName, String what) {
        List<String> parts = new ArrayList<>();
        for (String part : entryName.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidInputException(what, "the entry '" + printable(entryName) + "' climbs out of the "
                        + "root with '..'; no image builder writes such a path");
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String printable(String s) {
        String t = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }

    private static List<Component> catalog(Cataloger c, String path, byte[] content, String distro, String what) {
        try {
            return c.catalog(path, content, distro);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + path, e.getMessage());
        }
    }

    private Contents contents(ResolvedImage image, TreeMap<String, Node> tree, String distro) {
        ComponentSet components = new ComponentSet();
        Map<String, Integer> layerOf = new HashMap<>();
        NavigableMap<String, ImageFile> files = new TreeMap<>();
        List<LayerFinding> secretFindings = new ArrayList<>();
        List<LayerFinding> unread = new ArrayList<>();
        String what = image.name();
        Map<String, String> conffiles = conffiles(tree);
        for (Map.Entry<String, Node> entry : tree.entrySet()) {
            Node node = entry.getValue();
            files.put(entry.getKey(), node.file);
            if (node.md5 == null || !node.md5.equals(conffiles.get(entry.getKey()))) {
                secretFindings.addAll(node.findings); // else: the file as its Debian package shipped it
            }
            if (node.unread != null) {
                unread.add(node.unread);
            }
            if (node.versions.isEmpty() || node.file.kind() != ImageFile.Kind.FILE) {
                continue;
            }
            List<List<Component>> history = new ArrayList<>();
            for (Version v : node.versions) {
                history.add(v.components != null ? v.components
                        : catalog(v.cataloger, entry.getKey(), v.content, distro, what + " layer " + v.layer));
            }
            int lastLayer = node.versions.get(node.versions.size() - 1).layer;
            for (int i = 0; i < node.versions.size(); i++) {
                if (node.versions.get(i).layer != lastLayer) {
                    continue;
                }
                for (Component c : history.get(i)) {
                    if (components.add(c)) {
                        layerOf.put(c.ref(), introducedIn(c.ref(), node.versions, history));
                    }
                }
            }
        }
        return new Contents(image, distro, components.components(), Collections.unmodifiableMap(layerOf), files,
                secretFindings, unread);
    }

    /** The conffiles of the final dpkg database, if the image has one. */
    private static Map<String, String> conffiles(TreeMap<String, Node> tree) {
        Node status = tree.get("var/lib/dpkg/status");
        if (status == null || status.file.kind() != ImageFile.Kind.FILE || status.versions.isEmpty()) {
            return Map.of();
        }
        Version last = status.versions.get(status.versions.size() - 1);
        return last.content == null ? Map.of() : DpkgConffiles.parse(last.content);
    }

    /** The layer from which on every version of the file names the component. */
    private static int introducedIn(String ref, List<Version> versions, List<List<Component>> history) {
        TreeMap<Integer, Boolean> names = new TreeMap<>();
        for (int i = 0; i < versions.size(); i++) {
            boolean has = history.get(i).stream().anyMatch(c -> c.ref().equals(ref));
            names.merge(versions.get(i).layer, has, Boolean::logicalOr);
        }
        int layer = names.lastKey();
        for (Map.Entry<Integer, Boolean> e : names.descendingMap().entrySet()) {
            if (!e.getValue()) {
                break;
            }
            layer = e.getKey();
        }
        return layer;
    }
}
