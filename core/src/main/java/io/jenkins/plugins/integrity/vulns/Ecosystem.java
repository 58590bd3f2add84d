package io.jenkins.plugins.integrity.vulns;

import java.util.Locale;

/**
 * The package ecosystems whose versions are compared by their own rules: the OSV ecosystem name
 * (https://ossf.github.io/osv-schema/#affectedpackage-field), the package URL type of their components, and the
 * version order.
 */
public enum Ecosystem {
    MAVEN("Maven", "maven", MavenVersion.INSTANCE),
    NPM("npm", "npm", SemVer.STRICT),
    PYPI("PyPI", "pypi", Pep440Version.INSTANCE),
    GO("Go", "golang", SemVer.STRICT),
    RUBYGEMS("RubyGems", "gem", RubyGemsVersion.INSTANCE),
    CARGO("crates.io", "cargo", SemVer.STRICT),
    NUGET("NuGet", "nuget", SemVer.NUGET),
    PACKAGIST("Packagist", "composer", ComposerVersion.INSTANCE),
    DEBIAN("Debian", "deb", DebianVersion.INSTANCE),
    UBUNTU("Ubuntu", "deb", DebianVersion.INSTANCE),
    ALPINE("Alpine", "apk", AlpineVersion.INSTANCE);

    private final String osvName;
    private final String purlType;
    private final VersionComparator versions;

    Ecosystem(String osvName, String purlType, VersionComparator versions) {
        this.osvName = osvName;
        this.purlType = purlType;
        this.versions = versions;
    }

    public String osvName() {
        return osvName;
    }

    public String purlType() {
        return purlType;
    }

    VersionComparator versions() {
        return versions;
    }

    /** The ecosystem of an OSV ecosystem name ({@code Debian:12} is Debian), or null for one we do not compare. */
    public static Ecosystem ofOsv(String name) {
        if (name == null) {
            return null;
        }
        String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        for (Ecosystem e : values()) {
            if (e.osvName.equals(base)) {
                return e;
            }
        }
        return null;
    }

    /** The ecosystem of a package URL type (deb: Debian's; {@link #ofPurl} tells Ubuntu's apart), or null. */
    public static Ecosystem ofPurlType(String type) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        for (Ecosystem e : values()) {
            if (e.purlType.equals(t)) {
                return e;
            }
        }
        return null;
    }

    /** The ecosystem of a package URL's type and namespace: {@code pkg:deb/ubuntu/...} is Ubuntu's. */
    public static Ecosystem ofPurl(String type, String namespace) {
        Ecosystem e = ofPurlType(type);
        return e == DEBIAN && "ubuntu".equalsIgnoreCase(namespace) ? UBUNTU : e;
    }

    /**
     * The release an OSV ecosystem name gives, as a component's distro qualifier names it: {@code 12} of
     * {@code Debian:12}, {@code v3.20} of {@code Alpine:v3.20}, {@code 22.04} of {@code Ubuntu:22.04:LTS}
     * (Ubuntu Pro's releases, {@code Ubuntu:Pro:...}, stay as they are and match no public release); null for none.
     */
    public String release(String osvEcosystem) {
        int colon = osvEcosystem.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String r = osvEcosystem.substring(colon + 1);
        if (this == UBUNTU && r.endsWith(":LTS")) {
            r = r.substring(0, r.length() - 4);
        }
        return r;
    }

    /**
     * A package name as OSV spells it in this ecosystem, for lookups: PyPI names normalised (PEP 503), NuGet
     * and Packagist names in lower case (NuGet ids are case-insensitive, Packagist's are lower case), others as
     * given.
     */
    public String normalise(String name) {
        return switch (this) {
            case PYPI -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            case NUGET, PACKAGIST -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }
}
