package io.jenkins.plugins.integrity.vulns;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package ecosystems whose versions are compared by their own rules: the OSV ecosystem name
 * (https://ossf.github.io/osv-schema/#affectedpackage-field), the package URL type of their components (and,
 * for OS packages, the namespaces, which name the distribution: the {@code ID} of its os-release), and the
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
    /** Every deb package but Ubuntu's. */
    DEBIAN("Debian", "deb", DebianVersion.INSTANCE),
    UBUNTU("Ubuntu", "deb", DebianVersion.INSTANCE, "ubuntu"),
    /** apk packages of Alpine, and those whose URL names no distribution. */
    ALPINE("Alpine", "apk", AlpineVersion.INSTANCE, "alpine", ""),
    WOLFI("Wolfi", "apk", AlpineVersion.INSTANCE, "wolfi"),
    CHAINGUARD("Chainguard", "apk", AlpineVersion.INSTANCE, "chainguard"),
    ALMALINUX("AlmaLinux", "rpm", RpmVersion.INSTANCE, "almalinux"),
    ROCKY_LINUX("Rocky Linux", "rpm", RpmVersion.INSTANCE, "rocky"),
    /** Red Hat Enterprise Linux: {@code rhel} in os-release, {@code redhat} in syft's package URLs. */
    RED_HAT("Red Hat", "rpm", RpmVersion.INSTANCE, "rhel", "redhat"),
    /**
     * SUSE Linux Enterprise: {@code sles}, {@code sled}, {@code sles_sap}, {@code sle-micro}, {@code sl-micro}
     * (the whole os-release ID, as syft names the namespace; ours is the ID up to its first dash).
     */
    SUSE("SUSE", "rpm", RpmVersion.INSTANCE, "sles", "sled", "sles_sap", "sle", "sl", "suse", "sle-micro",
            "sl-micro"),
    /** openSUSE Leap, Leap Micro and Tumbleweed ({@code opensuse-leap} and so on in os-release). */
    OPENSUSE("openSUSE", "rpm", RpmVersion.INSTANCE, "opensuse", "opensuse-leap", "opensuse-leap-micro",
            "opensuse-tumbleweed"),
    MAGEIA("Mageia", "rpm", RpmVersion.INSTANCE, "mageia");

    private static final Pattern RED_HAT_MAINLINE = Pattern.compile("enterprise_linux:(\\d+)(?::.*)?");
    private static final Pattern SUSE_PRODUCT_VERSION =
            Pattern.compile(".*?(\\d+)(?:\\.(\\d+)| SP(\\d+))?(?:-[A-Za-z-]+)?");

    private final String osvName;
    private final String purlType;
    private final VersionComparator versions;
    /** The package URL namespaces (lower case) that select it among its type's; none: the type's default. */
    private final List<String> namespaces;

    Ecosystem(String osvName, String purlType, VersionComparator versions, String... namespaces) {
        this.osvName = osvName;
        this.purlType = purlType;
        this.versions = versions;
        this.namespaces = List.of(namespaces);
    }

    /** A package URL namespace that selects this ecosystem ({@code x} when any does). */
    String purlNamespace() {
        return namespaces.isEmpty() ? "x" : namespaces.get(0);
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

    /**
     * The ecosystem of a package URL's type and namespace: {@code pkg:deb/ubuntu/...} is Ubuntu's,
     * {@code pkg:rpm/rocky/...} Rocky Linux's, {@code pkg:apk/wolfi/...} Wolfi's; null for a type or a
     * distribution we do not compare (an rpm of Fedora, say: OSV has no data of it).
     */
    public static Ecosystem ofPurl(String type, String namespace) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        String ns = namespace == null ? "" : namespace.toLowerCase(Locale.ROOT);
        Ecosystem fallback = null;
        for (Ecosystem e : values()) {
            if (e.purlType.equals(t)) {
                if (e.namespaces.contains(ns)) {
                    return e;
                }
                if (e.namespaces.isEmpty()) {
                    fallback = e;
                }
            }
        }
        return fallback;
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
        return switch (this) {
            case UBUNTU -> r.endsWith(":LTS") ? r.substring(0, r.length() - 4) : r;
            // the major release of the mainline streams (enterprise_linux:9::appstream); the other streams
            // (rhel_eus:9.2::baseos, ...) keep their name and so match no release of an os-release
            case RED_HAT -> {
                Matcher m = RED_HAT_MAINLINE.matcher(r);
                yield m.matches() ? m.group(1) : r;
            }
            // the version at the end of a product's name: 15 SP5 is 15.5, Micro 5.5 is 5.5
            case SUSE -> {
                Matcher m = SUSE_PRODUCT_VERSION.matcher(r);
                if (!m.matches()) {
                    yield r;
                }
                String minor = m.group(2) != null ? m.group(2) : m.group(3);
                yield minor == null ? m.group(1) : m.group(1) + "." + minor;
            }
            // Leap 15.5 is leap-15.5, as opensuse-leap with 15.5 in os-release; Tumbleweed is tumbleweed
            case OPENSUSE -> r.toLowerCase(Locale.ROOT).replace(' ', '-');
            default -> r;
        };
    }

    /**
     * The release of a package URL's {@code distro} qualifier ({@code ID-VERSION_ID} of os-release), as
     * {@link #release(String)} gives it from an OSV ecosystem name: {@code 12} for {@code debian-12.5},
     * {@code v3.20} for {@code alpine-3.20.3}, {@code 9} for {@code rocky-9.3}, {@code 15.5} for
     * {@code sles-15.5}, {@code leap-15.5} for {@code opensuse-leap-15.5}; null when it gives none.
     */
    public String releaseOfDistro(String distro) {
        if (distro == null) {
            return null;
        }
        String d = distro.toLowerCase(Locale.ROOT);
        // the version is what follows the last dash that a digit follows: opensuse-leap-15.5, sle-micro-5.5
        int dash = -1;
        for (int i = d.length() - 2; i >= 0; i--) {
            if (d.charAt(i) == '-' && Character.isDigit(d.charAt(i + 1))) {
                dash = i;
                break;
            }
        }
        String id = dash < 0 ? d : d.substring(0, dash);
        String version = dash < 0 ? null : d.substring(dash + 1);
        return switch (this) {
            case UBUNTU -> id.equals("ubuntu") ? version : null;
            case DEBIAN -> id.equals("debian") && version != null ? major(version) : null;
            case ALPINE -> {
                if (!id.equals("alpine") || version == null) {
                    yield null;
                }
                String[] v = version.split("\\.");
                yield v.length >= 2 ? "v" + v[0] + "." + v[1] : null;
            }
            case ALMALINUX, ROCKY_LINUX, RED_HAT, MAGEIA -> version == null ? null : major(version);
            case SUSE -> version;
            case OPENSUSE -> {
                String variant = id.startsWith("opensuse-") ? id.substring(9) : id;
                yield variant.equals("tumbleweed") || variant.startsWith("tumbleweed")
                        ? "tumbleweed" : version == null ? variant : variant + "-" + version;
            }
            default -> null;
        };
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
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
