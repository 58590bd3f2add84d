package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * What an archive holds, read in place: a tar (plain or gzip-compressed, such as a root file system or a
 * release tarball) or a zip. Each entry is offered to the catalogers as a file of a tree would be; entries
 * whose paths climb out of the root with {@code ..} end the reading.
 */
final class ArchiveReader {
    private final List<Cataloger> catalogers;

    ArchiveReader(List<Cataloger> catalogers) {
        this.catalogers = catalogers;
    }

    SbomGenerator.Sbom read(Path file) {
        String what = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what, Files.exists(file) ? "not a file" : "no such file");
        }
        ComponentSet components = new ComponentSet();
        List<Pending> deferred = new java.util.ArrayList<>();
        String[] distro = {null};
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            raw.mark(512);
            byte[] head = raw.readNBytes(512);
            raw.reset();
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                readZip(file, components, what);
            } else {
                boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
                InputStream tar = gzip ? GzipCompressorInputStream.builder().setInputStream(raw)
                        .setDecompressConcatenated(true).get() : raw;
                readTar(tar, components, deferred, distro, what);
            }
        } catch (IOException e) {
            throw new InvalidInputException(what, "not a readable tar, tar.gz or zip archive ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        for (Pending p : deferred) {
            add(components, p.cataloger(), p.path(), p.content(), distro[0], what);
        }
        return new SbomGenerator.Sbom(what, components.components());
    }

    /** A package database kept until the archive's os-release is known. */
    private record Pending(Cataloger cataloger, String path, byte[] content) {}

    private void readTar(InputStream in, ComponentSet components, List<Pending> deferred, String[] distro,
            String what) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String path = ImageWalker.normalise(e.getName(), what);
            if (!e.isFile() || path.isEmpty()) {
                continue;
            }
            byte[] content = null;
            boolean executable = (e.getMode() & 0111) != 0;
            for (Cataloger c : catalogers) {
                if (!c.handles(path, executable) || e.getSize() > c.maxSize()) {
                    continue;
                }
                content = content != null ? content : tar.readNBytes((int) e.getSize());
                if (c.usesDistro()) {
                    deferred.add(new Pending(c, path, content));
                } else {
                    add(components, c, path, content, null, what);
                }
            }
            if (SbomGenerator.isOsRelease(path)) {
                content = content != null ? content : tar.readNBytes((int) Math.min(e.getSize(), 65536));
                distro[0] = SbomGenerator.distro(path, content, distro[0]);
            }
        }
    }

    private void readZip(Path file, ComponentSet components, String what) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (java.util.Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements();) {
                ZipArchiveEntry e = en.nextElement();
                String path = ImageWalker.normalise(e.getName(), what);
                if (e.isDirectory() || path.isEmpty()) {
                    continue;
                }
                byte[] content = null;
                boolean executable = (e.getUnixMode() & 0111) != 0;
                for (Cataloger c : catalogers) {
                    if (!c.handles(path, executable) || e.getSize() > c.maxSize()) {
                        continue;
                    }
                    if (content == null) {
                        try (InputStream in = zip.getInputStream(e)) {
                            content = in.readNBytes((int) Math.min(c.maxSize() + 1, Integer.MAX_VALUE - 8));
                        }
                        if (content.length > c.maxSize()) {
                            throw new InvalidInputException(what + ": " + path, "inflates to more than "
                                    + (c.maxSize() >> 20) + " MiB");
                        }
                    }
                    add(components, c, path, content, null, what);
                }
            }
        }
    }

    private static void add(ComponentSet components, Cataloger c, String path, byte[] content, String distro,
            String what) {
        try {
            for (Component comp : c.catalog(path, content, distro)) {
                components.add(comp);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + path, e.getMessage());
        }
    }
}
