package io.jenkins.plugins.integrity.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Package URLs and the components of the ecosystems that several catalogers share (npm, PyPI). */
final class Components {
    private Components() {}

    /** The canonical package URL, or null when the parts do not make one. */
    static String purl(String type, String namespace, String name, String version) {
        return purl(type, namespace, name, version, Map.of());
    }

    /** The same with qualifiers ({@code arch}, {@code distro}); null values are left out. */
    static String purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        TreeMap<String, String> q = new TreeMap<>();
        qualifiers.forEach((k, v) -> {
            if (v != null) {
                q.put(k, v);
            }
        });
        try {
            return new PackageURL(type, namespace, name, version, q.isEmpty() ? null : q, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }

    /**
     * The namespace of an OS package's URL: the distribution's os-release ID, the part of the distro qualifier
     * ({@code debian-12}) before its first dash, or {@code fallback} when the distribution is not known.
     */
    static String vendor(String distro, String fallback) {
        if (distro == null) {
            return fallback;
        }
        int dash = distro.indexOf('-');
        return dash < 0 ? distro : distro.substring(0, dash);
    }

    /** The arch and distro qualifiers of an OS package's URL (either may be null, and is then left out). */
    static Map<String, String> osQualifiers(String arch, String distro) {
        Map<String, String> q = new HashMap<>();
        q.put("arch", arch);
        q.put("distro", distro);
        return q;
    }

    /**
     * The same with the source package as {@code upstream} (as syft writes it: {@code NAME}, or {@code NAME@VERSION}
     * when the source's version differs), left out when the source is the package itself; distributions' advisories
     * (Debian's, Alpine's) name source packages.
     */
    static Map<String, String> osQualifiers(String arch, String distro, String name, String version, String source,
            String sourceVersion) {
        Map<String, String> q = osQualifiers(arch, distro);
        if (source != null && !source.isBlank()) {
            boolean otherVersion = sourceVersion != null && !sourceVersion.isBlank() && !sourceVersion.equals(version);
            if (!source.equals(name) || otherVersion) {
                q.put("upstream", otherVersion ? source + "@" + sourceVersion : source);
            }
        }
        return q;
    }

    /** An npm package: {@code @scope/name} is the namespace and the name. */
    static Component npm(String name, String version, List<String> licenses, String path) {
        String scope = name.startsWith("@") && name.contains("/") ? name.substring(0, name.indexOf('/')) : null;
        String local = scope == null ? name : name.substring(scope.length() + 1);
        return new Component("npm", scope, local, version, purl("npm", scope, local, version), licenses, path);
    }

    /** A PyPI package, its name normalised as PEP 503 and the pypi purl type ask. */
    static Component pypi(String name, String version, String path) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        return new Component("pypi", null, n, version, purl("pypi", null, n, version), List.of(), path);
    }
}
