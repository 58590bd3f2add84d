package io.jenkins.plugins.integrity.vulns;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;

/**
 * A component as OSV names packages: its ecosystem, the package name in that ecosystem's spelling (Maven
 * {@code group:artifact}, npm {@code @scope/name}, Packagist {@code vendor/name}, Go module paths, Debian's source package when the URL gives
 * it as {@code upstream}), its version, and the distribution release for OS packages ({@code 12} for
 * {@code distro=debian-12}, {@code v3.20} for {@code distro=alpine-3.20.3}), null when unknown.
 */
public record PackageRef(Ecosystem ecosystem, String name, String version, String release) {

    /** The reference of a package URL, or null when it names no version or an ecosystem we do not compare. */
    public static PackageRef ofPurl(String purl) {
        if (purl == null || purl.isBlank()) {
            return null;
        }
        PackageURL p;
        try {
            p = new PackageURL(purl);
        } catch (MalformedPackageURLException e) {
            return null;
        }
        Ecosystem e = Ecosystem.ofPurl(p.getType(), p.getNamespace());
        if (e == null || p.getVersion() == null || p.getVersion().isBlank()) {
            return null;
        }
        String ns = p.getNamespace();
        Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
        String version = p.getVersion();
        String name = switch (e) {
            case MAVEN -> ns == null ? null : ns + ":" + p.getName();
            case NPM -> ns == null ? p.getName() : ns + "/" + p.getName();
            case GO -> ns == null ? p.getName() : ns + "/" + p.getName();
            case PACKAGIST -> ns == null ? null : ns + "/" + p.getName();
            case DEBIAN, UBUNTU, ALPINE -> {
                // advisories name the source package; "upstream=NAME@VERSION" also gives the source's version
                String upstream = q.get("upstream");
                if (upstream == null || upstream.isBlank()) {
                    yield p.getName();
                }
                String[] parts = upstream.split("@", 2);
                if (parts.length == 2 && !parts[1].isBlank()) {
                    version = parts[1];
                }
                yield parts[0];
            }
            default -> p.getName();
        };
        if (name == null) {
            return null;
        }
        return new PackageRef(e, e.normalise(name), version, release(e, q.get("distro")));
    }

    private static String release(Ecosystem e, String distro) {
        if (distro == null) {
            return null;
        }
        String d = distro.toLowerCase(java.util.Locale.ROOT);
        if (e == Ecosystem.UBUNTU && d.startsWith("ubuntu-")) {
            return d.substring(7);
        }
        if (e == Ecosystem.DEBIAN && d.startsWith("debian-")) {
            String v = d.substring(7);
            int dot = v.indexOf('.');
            return dot < 0 ? v : v.substring(0, dot);
        }
        if (e == Ecosystem.ALPINE && d.startsWith("alpine-")) {
            String[] v = d.substring(7).split("\\.");
            return v.length >= 2 ? "v" + v[0] + "." + v[1] : null;
        }
        return null;
    }
}
