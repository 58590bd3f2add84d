package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordBytesTest {
    @Test
    void asciiTestFindsEveryHighByteWhereverItLies() {
        for (int length = 0; length <= 24; length++) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 'a');
            assertThat(WordBytes.isAscii(bytes)).as("length %d", length).isTrue();
            for (int at = 0; at < length; at++) {
                for (int high : new int[] {0x80, 0xc3, 0xff}) {
                    byte[] one = bytes.clone();
                    one[at] = (byte) high;
                    assertThat(WordBytes.isAscii(one)).as("0x%x at %d of %d", high, at, length).isFalse();
                }
            }
        }
    }

    @Test
    void nulIsFoundOnlyWithinTheProbe() {
        byte[] bytes = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(WordBytes.hasNul(bytes, bytes.length)).isFalse();
        for (int at = 0; at < bytes.length; at++) {
            byte[] one = bytes.clone();
            one[at] = 0;
            assertThat(WordBytes.hasNul(one, bytes.length)).as("NUL at %d", at).isTrue();
            assertThat(WordBytes.hasNul(one, at)).as("NUL at %d, probe ends before it", at).isFalse();
            assertThat(WordBytes.hasNul(one, at + 1)).as("NUL at %d, last byte of the probe", at).isTrue();
        }
    }

    @Test
    void bytesNextToZeroAndHighBitsDoNotLookLikeNul() {
        // 0x01 and 0x81 bytes are where word-at-a-time zero tests go wrong; 0x80 has only the high bit
        byte[] bytes = {1, (byte) 0x81, (byte) 0x80, 1, 1, (byte) 0xff, 0x7f, 1, 1, (byte) 0x80};
        assertThat(WordBytes.hasNul(bytes, bytes.length)).isFalse();
    }

    @Test
    void agreesWithByteLoopsOnRandomBytes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly printable ASCII, sometimes a zero, a one or a high byte
                int roll = random.nextInt(20);
                bytes[i] = (byte) (roll == 0 ? 0 : roll == 1 ? 1 : roll == 2 ? 0x80 + random.nextInt(128)
                        : 0x20 + random.nextInt(95));
            }
            int probe = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            boolean ascii = true;
            for (byte b : bytes) {
                ascii &= b >= 0;
            }
            boolean nul = false;
            for (int i = 0; i < probe; i++) {
                nul |= bytes[i] == 0;
            }
            assertThat(WordBytes.isAscii(bytes)).isEqualTo(ascii);
            assertThat(WordBytes.hasNul(bytes, probe)).isEqualTo(nul);
        }
    }
}
