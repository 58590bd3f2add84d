package io.jenkins.plugins.integrity.signing;

import java.util.Base64;

/** PEM blocks (RFC 7468): the DER inside the first block of a label, and a block written from DER. */
final class Pem {
    private Pem() {}

    /** The DER of the first {@code -----BEGIN label-----} block, or null when there is none or it is not base64. */
    static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = b < 0 ? -1 : pem.indexOf(end, b);
        if (e < 0) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).strip());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
