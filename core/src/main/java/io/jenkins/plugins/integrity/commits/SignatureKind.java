package io.jenkins.plugins.integrity.commits;

/** The signature formats git writes into a commit's {@code gpgsig} header, told apart by their armor. */
public enum SignatureKind {
    OPENPGP("-----BEGIN PGP SIGNATURE-----"),
    SSH("-----BEGIN SSH SIGNATURE-----"),
    /** CMS, as gpgsm and gitsign write it. */
    X509("-----BEGIN SIGNED MESSAGE-----"),
    UNKNOWN("");

    private final String armor;

    SignatureKind(String armor) {
        this.armor = armor;
    }

    public static SignatureKind of(String signature) {
        String s = signature.stripLeading();
        for (SignatureKind k : values()) {
            if (!k.armor.isEmpty() && s.startsWith(k.armor)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
