package io.jenkins.plugins.integrity.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;

/**
 * The package blobs of rpm's "ndb" database, {@code Packages.db}: SUSE's rpm database (SLES and openSUSE Leap
 * 15, Tumbleweed before its move to SQLite), each blob one package's rpm header. The layout is rpm's
 * {@code lib/backend/ndb/rpmpkg.c}, all numbers little-endian:
 * <ul>
 *   <li>a 32-byte header: magic {@code RpmP}, version 0, generation, the number of slot pages, the next
 *       package index;</li>
 *   <li>that many 4 KiB slot pages from the start of the file (the header takes the first two slots): 16-byte
 *       slots of magic {@code Slot}, package index, block offset and block count, in blocks of 16 bytes; a slot
 *       with block offset 0 is free;</li>
 *   <li>at each slot's block, the blob: a 16-byte head (magic {@code BlbS}, package index, time, length), the
 *       rpm header, zero padding, and a 12-byte tail (Adler-32 of everything before it, the length again,
 *       magic {@code BlbE}).</li>
 * </ul>
 * Every check rpm makes when it reads a blob is made here: slots within the file and after the slot pages,
 * the head naming the slot's package, the block count fitting the length, the tail's length, magic and
 * checksum. A blob that fails one is refused with the whole file, as rpm refuses it.
 */
final class RpmNdb {
    private static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_HEAD_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int BLOB_TAIL_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24;
    private static final int HEADER_SIZE = 32;
    private static final int SLOT_SIZE = 16;
    private static final int BLOCK = 16;
    private static final int PAGE = 4096;
    private static final int BLOB_HEAD = 16;
    private static final int BLOB_TAIL = 12;
    /** rpm keeps far fewer; go-rpmdb refuses more than 2048 pages (half a million packages) too. */
    private static final int MAX_SLOT_PAGES = 2048;

    private RpmNdb() {}

    /**
     * The rpm header of every package, in the order of their blocks.
     *
     * @throws IllegalArgumentException naming what is wrong, when the bytes are not an intact ndb database
     */
    static List<byte[]> blobs(byte[] file) {
        ByteBuffer b = le(file);
        if (file.length < HEADER_SIZE || b.getInt(0) != HEADER_MAGIC) {
            throw new IllegalArgumentException("not an rpm ndb database (no RpmP header)");
        }
        if (b.getInt(4) != 0) {
            throw new IllegalArgumentException("an rpm ndb database of version " + Integer.toUnsignedString(b.getInt(4))
                    + ", not 0");
        }
        long slotPages = Integer.toUnsignedLong(b.getInt(12));
        if (slotPages == 0 || slotPages > MAX_SLOT_PAGES) {
            throw new IllegalArgumentException("an rpm ndb database with " + slotPages + " slot pages");
        }
        if (file.length % BLOCK != 0 || file.length < slotPages * PAGE) {
            throw new IllegalArgumentException("an rpm ndb database cut short (" + file.length + " bytes)");
        }
        long fileBlocks = file.length / BLOCK;
        long firstBlock = slotPages * (PAGE / BLOCK);
        List<long[]> slots = new ArrayList<>();
        for (long at = HEADER_SIZE; at < slotPages * PAGE; at += SLOT_SIZE) {
            int o = (int) at;
            if (b.getInt(o) != SLOT_MAGIC) {
                throw new IllegalArgumentException("an rpm ndb database with a bad slot at byte " + o);
            }
            long blockOffset = Integer.toUnsignedLong(b.getInt(o + 8));
            if (blockOffset == 0) {
                continue; // a free slot
            }
            long pkgIndex = Integer.toUnsignedLong(b.getInt(o + 4));
            long blockCount = Integer.toUnsignedLong(b.getInt(o + 12));
            if (pkgIndex == 0 || blockCount == 0 || blockOffset < firstBlock || blockOffset + blockCount > fileBlocks) {
                throw new IllegalArgumentException("an rpm ndb database whose slot at byte " + o
                        + " points outside its blocks");
            }
            slots.add(new long[] {blockOffset, blockCount, pkgIndex});
        }
        slots.sort((x, y) -> Long.compare(x[0], y[0]));
        List<byte[]> blobs = new ArrayList<>();
        for (long[] s : slots) {
            blobs.add(blob(file, b, (int) (s[0] * BLOCK), (int) (s[1] * BLOCK), (int) s[2]));
        }
        return blobs;
    }

    private static byte[] blob(byte[] file, ByteBuffer b, int start, int size, int pkgIndex) {
        if (size < BLOB_HEAD + BLOB_TAIL || b.getInt(start) != BLOB_HEAD_MAGIC || b.getInt(start + 4) != pkgIndex) {
            throw new IllegalArgumentException("an rpm ndb database whose package " + Integer.toUnsignedString(pkgIndex)
                    + " has no blob at its block");
        }
        long length = Integer.toUnsignedLong(b.getInt(start + 12));
        if ((BLOB_HEAD + length + BLOB_TAIL + BLOCK - 1) / BLOCK * BLOCK != size) {
            throw new IllegalArgumentException("an rpm ndb database whose package " + Integer.toUnsignedString(pkgIndex)
                    + " has a blob of " + length + " bytes in " + size);
        }
        int tail = start + size - BLOB_TAIL;
        Adler32 adler = new Adler32();
        adler.update(file, start, size - BLOB_TAIL);
        if (b.getInt(tail) != (int) adler.getValue() || Integer.toUnsignedLong(b.getInt(tail + 4)) != length
                || b.getInt(tail + 8) != BLOB_TAIL_MAGIC) {
            throw new IllegalArgumentException("an rpm ndb database whose package " + Integer.toUnsignedString(pkgIndex)
                    + " fails its checksum");
        }
        return Arrays.copyOfRange(file, start + BLOB_HEAD, start + BLOB_HEAD + (int) length);
    }

    private static ByteBuffer le(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }
}
