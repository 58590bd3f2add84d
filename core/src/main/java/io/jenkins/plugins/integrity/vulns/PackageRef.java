package io.jenkins.plugins.integrity.vulns;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;

/**
 * A component as OSV names packages: its ecosystem, the package name in that ecosystem's spelling (Maven
 * {@code group:artifact}, npm {@code @scope/name}, Packagist {@code vendor/name}, Go module paths, Debian's and
 * Alpine's source package when the URL gives it as {@code upstream}; rpm and Wolfi packages by their own name, as
 * their advisories name them), its version ({@code epoch:version-release} for rpm), and the distribution release
 * for OS packages ({@code 12} for {@code distro=debian-12}, {@code v3.20} for {@code distro=alpine-3.20.3},
 * {@code 9} for {@code distro=rocky-9.3}; see {@link Ecosystem#releaseOfDistro}), null when unknown; and for
 * Wolfi and Chainguard packages, whose advisories name a subpackage or its origin, the origin ({@code source},
 * from {@code upstream}) when it is another package, else null.
 */
public record PackageRef(Ecosystem ecosystem, String name, String version, String release, String source) {

    /** A package whose advisories name it alone ({@code source} null). */
    public PackageRef(Ecosystem ecosystem, String name, String version, String release) {
        this(ecosystem, name, version, release, null);
    }

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
        if (e.purlType().equals("rpm") && q.get("epoch") != null && !q.get("epoch").isBlank()) {
            version = q.get("epoch") + ":" + version; // rpm's epoch is a qualifier of the URL, part of the version
        }
        // Wolfi's and Chainguard's advisories name a subpackage (libcrypto3) or its origin (openssl)
        String source = null;
        if ((e == Ecosystem.WOLFI || e == Ecosystem.CHAINGUARD) && q.get("upstream") != null) {
            String origin = q.get("upstream").split("@", 2)[0];
            source = origin.isBlank() || origin.equals(name) ? null : origin;
        }
        return new PackageRef(e, e.normalise(name), version, e.releaseOfDistro(q.get("distro")), source);
    }
}
