package io.jenkins.plugins.integrity.commits;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the SSH wire encoding (RFC 4251: uint32, uint64, string, mpint); every read is bounds-checked. */
final class SshWire {
    private final byte[] data;
    private int at;

    SshWire(byte[] data) {
        this.data = data;
    }

    int uint32() {
        need(4);
        int v = ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
                | (data[at + 3] & 0xff);
        at += 4;
        return v;
    }

    long uint64() {
        long hi = uint32() & 0xffffffffL;
        long lo = uint32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(data, at, at + n);
        at += n;
        return b;
    }

    byte[] string() {
        int n = uint32();
        if (n < 0) {
            throw new IllegalArgumentException("string length out of range");
        }
        return bytes(n);
    }

    String text() {
        return new String(string(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() {
        return new BigInteger(string());
    }

    boolean done() {
        return at == data.length;
    }

    /** The bytes read so far, from {@code from} on (a certificate's signed part). */
    byte[] readSince(int from) {
        return Arrays.copyOfRange(data, from, at);
    }

    int position() {
        return at;
    }

    /** An SSH string: the length as uint32, then the bytes. */
    static byte[] encode(byte[] value) {
        byte[] out = new byte[4 + value.length];
        out[0] = (byte) (value.length >>> 24);
        out[1] = (byte) (value.length >>> 16);
        out[2] = (byte) (value.length >>> 8);
        out[3] = (byte) value.length;
        System.arraycopy(value, 0, out, 4, value.length);
        return out;
    }

    private void need(int n) {
        if (n < 0 || at + n > data.length) {
            throw new IllegalArgumentException("truncated SSH data");
        }
    }
}
