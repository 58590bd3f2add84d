package io.jenkins.plugins.integrity.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inclusion proofs against trees built here by RFC 6962's own definitions (MTH and PATH), for every leaf of
 * trees of 1 to 17 leaves, and the ways a proof must not verify; trusted roots that must be refused.
 */
class TlogVerifierTest {

    static byte[] leaf(int i) {
        return TlogVerifier.hash(new byte[] {0}, ("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    /** MTH(D[n]) of RFC 6962 section 2.1, over leaf hashes. */
    static byte[] mth(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return TlogVerifier.hash(new byte[] {1}, mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    /** PATH(m, D[n]) of RFC 6962 section 2.1.1. */
    static List<byte[]> path(int m, List<byte[]> leaves) {
        List<byte[]> out = new ArrayList<>();
        if (leaves.size() <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        if (m < k) {
            out.addAll(path(m, leaves.subList(0, k)));
            out.add(mth(leaves.subList(k, leaves.size())));
        } else {
            out.addAll(path(m - k, leaves.subList(k, leaves.size())));
            out.add(mth(leaves.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> tree(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(leaf(i));
        }
        return leaves;
    }

    @Test
    void everyLeafOfEveryTreeUpTo17LeavesProvesItsInclusion() {
        for (int n = 1; n <= 17; n++) {
            List<byte[]> leaves = tree(n);
            byte[] root = mth(leaves);
            for (int m = 0; m < n; m++) {
                assertThat(TlogVerifier.rootFromProof(m, n, leaves.get(m), path(m, leaves))).as("leaf %d of %d", m, n)
                        .isEqualTo(root);
            }
        }
    }

    @Test
    void aProofForAnotherLeafIndexOrTreeShapeOrLeafDoesNotLeadToTheRoot() {
        List<byte[]> leaves = tree(11);
        byte[] root = mth(leaves);
        List<byte[]> p = path(6, leaves);
        assertThat(TlogVerifier.rootFromProof(5, 11, leaves.get(6), p)).isNotEqualTo(root);
        // trees of 9 to 16 have the same shape around leaf 6: there the signed checkpoint binds the size
        assertThat(TlogVerifier.rootFromProof(6, 7, leaves.get(6), p)).isNotEqualTo(root);
        assertThat(TlogVerifier.rootFromProof(6, 11, leaves.get(7), p)).isNotEqualTo(root);
        List<byte[]> tampered = new ArrayList<>(p);
        byte[] h = tampered.get(1).clone();
        h[0] ^= 1;
        tampered.set(1, h);
        assertThat(TlogVerifier.rootFromProof(6, 11, leaves.get(6), tampered)).isNotEqualTo(root);
    }

    @Test
    void aProofOfTheWrongLengthOrAnIndexOutsideTheTreeProvesNothing() {
        List<byte[]> leaves = tree(8);
        List<byte[]> p = path(3, leaves);
        assertThat(TlogVerifier.rootFromProof(3, 8, leaves.get(3), p.subList(0, 2))).isNull();
        List<byte[]> longer = new ArrayList<>(p);
        longer.add(new byte[32]);
        assertThat(TlogVerifier.rootFromProof(3, 8, leaves.get(3), longer)).isNull();
        assertThat(TlogVerifier.rootFromProof(8, 8, leaves.get(3), p)).isNull();
        assertThat(TlogVerifier.rootFromProof(-1, 8, leaves.get(3), p)).isNull();
    }

    @Test
    void checkpointsAreSignedNotesOrNothing() {
        String note = "rekor.example - 1\n5\n" + java.util.Base64.getEncoder().encodeToString(new byte[32])
                + "\nTimestamp: 1\n\n\u2014 rekor.example AAAAAQ==\n";
        TlogVerifier.Checkpoint cp = TlogVerifier.Checkpoint.parse(note);
        assertThat(cp.size()).isEqualTo(5);
        assertThat(cp.text()).endsWith("Timestamp: 1\n");
        assertThat(cp.signatures()).hasSize(1);
        assertThat(TlogVerifier.Checkpoint.parse("no blank line\n")).isNull();
        assertThat(TlogVerifier.Checkpoint.parse("origin\nfive\nroot\n\n")).isNull();
    }

    @Test
    void trustedRootsThatAreNotOneAreRefusedSayingWhy() {
        String mt = "\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"";
        assertThatThrownBy(() -> parse("{")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("not a trusted root object");
        assertThatThrownBy(() -> parse("{\"mediaType\":\"application/json\"}")).hasMessageContaining("media type");
        assertThatThrownBy(() -> parse("{" + mt + "}")).hasMessageContaining("names no certificate authority");
        assertThatThrownBy(() -> parse("{" + mt + ",\"tlogs\":{}}")).hasMessageContaining("'tlogs' is not an array");
        assertThatThrownBy(() -> parse("{" + mt + ",\"tlogs\":[{\"publicKey\":{\"rawBytes\":\"!!\"}}]}"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> parse("{" + mt + ",\"tlogs\":[{\"publicKey\":{\"rawBytes\":\"AAAA\"}}]}"))
                .hasMessageContaining("not a public key");
        assertThatThrownBy(() -> parse("{" + mt + ",\"certificateAuthorities\":[{\"certChain\":{\"certificates\":"
                + "[{\"rawBytes\":\"AAAA\"}]}}]}")).hasMessageContaining("not an X.509 certificate");
        assertThatThrownBy(() -> parse("{" + mt + ",\"certificateAuthorities\":[{\"certChain\":{\"certificates\":[]}}]}"))
                .hasMessageContaining("has no certificates");
        byte[] huge = new byte[TrustedRoot.MAX_SIZE + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> TrustedRoot.parse(huge)).hasMessageContaining("MiB");
    }

    private static TrustedRoot parse(String json) {
        return TrustedRoot.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
