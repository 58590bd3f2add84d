package io.jenkins.plugins.integrity.sbom;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a Berkeley DB hash database, read straight from its pages without libdb: the format of the
 * rpm database's {@code Packages} file before rpm 4.16 (RHEL and CentOS 5 to 8, Amazon Linux 2, older
 * Fedora), each value one package's rpm header. The layout is libdb's {@code dbinc/db_page.h}: a metadata
 * page (magic 0x061561, in the byte order of the machine that wrote it), then pages of type hash (13, or 2
 * on RHEL 5) holding key/value pairs, whose values are on the page ({@code H_KEYDATA}) or in a chain of
 * overflow pages ({@code H_OFFPAGE}). Every hash page is read in file order, so an empty or unused bucket
 * costs nothing; a chain that leaves the file, loops, or does not add up to its stated length is an error.
 */
final class BerkeleyDbHash {
    static final int MAGIC = 0x061561;
    private static final int HEADER = 26;
    private static final int META = 8;
    private static final int HASH = 13;
    private static final int HASH_UNSORTED = 2;
    private static final int OVERFLOW = 7;
    private static final int KEYDATA = 1;
    private static final int OFFPAGE = 3;

    private final byte[] file;
    private final boolean bigEndian;
    private final int pageSize;
    private final int pages;

    /** @throws IllegalArgumentException when the bytes are not an unencrypted Berkeley DB hash database */
    BerkeleyDbHash(byte[] file) {
        this.file = file;
        if (file.length < 512) {
            throw new IllegalArgumentException("not a Berkeley DB database (shorter than its metadata page)");
        }
        if (u32(12, false) == MAGIC) {
            bigEndian = false;
        } else if (u32(12, true) == MAGIC) {
            bigEndian = true;
        } else {
            throw new IllegalArgumentException("not a Berkeley DB hash database (no hash magic number)");
        }
        long size = u32(20, bigEndian);
        if (size < 512 || size > 65536 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("a Berkeley DB database with a page size of " + size);
        }
        pageSize = (int) size;
        if (file[24] != 0) {
            throw new IllegalArgumentException("an encrypted Berkeley DB database");
        }
        if (file[25] != META) {
            throw new IllegalArgumentException("a Berkeley DB database whose first page is not hash metadata");
        }
        long last = u32(32, bigEndian);
        if ((last + 1) * pageSize > file.length) {
            throw new IllegalArgumentException("a Berkeley DB database cut short (" + (last + 1) + " pages of "
                    + pageSize + " bytes stated, " + file.length + " bytes there)");
        }
        pages = (int) last + 1;
    }

    /** Every value stored, in the order of the pages holding them. */
    List<byte[]> values() {
        List<byte[]> out = new ArrayList<>();
        for (int p = 1; p < pages; p++) {
            int page = p * pageSize;
            int type = file[page + 25];
            if (type != HASH && type != HASH_UNSORTED) {
                continue; // bucket pages not yet used, overflow pages (read through their chains), free pages
            }
            int entries = u16(page + 20);
            if (entries % 2 != 0 || HEADER + 2 * entries > pageSize) {
                throw new IllegalArgumentException("Berkeley DB page " + p + " holds " + entries + " entries");
            }
            for (int i = 1; i < entries; i += 2) { // entries come in key, value pairs; values are the odd ones
                int offset = u16(page + HEADER + 2 * i);
                int end = u16(page + HEADER + 2 * (i - 1)); // the key is stored right after its value
                if (offset < HEADER + 2 * entries || offset >= end || end > pageSize) {
                    throw new IllegalArgumentException("Berkeley DB page " + p + " has an entry out of place");
                }
                int item = page + offset;
                switch (file[item]) {
                    case KEYDATA -> out.add(java.util.Arrays.copyOfRange(file, item + 1, page + end));
                    case OFFPAGE -> {
                        if (end - offset < 12) {
                            throw new IllegalArgumentException("Berkeley DB page " + p + " has a short overflow entry");
                        }
                        out.add(overflow(u32(item + 4, bigEndian), u32(item + 8, bigEndian)));
                    }
                    default -> { } // duplicates: rpm's Packages keeps one header per key and has none
                }
            }
        }
        return out;
    }

    private byte[] overflow(long first, long length) {
        if (length <= 0 || length > file.length) {
            throw new IllegalArgumentException("a Berkeley DB value of " + length + " bytes");
        }
        byte[] value = new byte[(int) length];
        int filled = 0;
        long pageNo = first;
        for (int steps = 0; filled < length; steps++) {
            if (pageNo <= 0 || pageNo >= pages || steps >= pages) {
                throw new IllegalArgumentException("a Berkeley DB overflow chain that leaves the file or loops");
            }
            int page = (int) pageNo * pageSize;
            int bytes = u16(page + 22);
            if (file[page + 25] != OVERFLOW || bytes > pageSize - HEADER || bytes > length - filled) {
                throw new IllegalArgumentException("a Berkeley DB overflow chain out of shape at page " + pageNo);
            }
            System.arraycopy(file, page + HEADER, value, filled, bytes);
            filled += bytes;
            pageNo = u32(page + 16, bigEndian);
            if (bytes == 0 && filled < length) {
                throw new IllegalArgumentException("a Berkeley DB overflow chain out of shape at page " + pageNo);
            }
        }
        return value;
    }

    private int u16(int at) {
        int a = file[at] & 0xff;
        int b = file[at + 1] & 0xff;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    private long u32(int at, boolean big) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = file[at + (big ? i : 3 - i)] & 0xff;
            v = v << 8 | b;
        }
        return v;
    }
}
