package io.jenkins.plugins.integrity.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads the rows of one table of an SQLite 3 database file held in memory, as the file format documents it
 * (https://www.sqlite.org/fileformat2.html): the schema table on page 1 names the table's root page, whose
 * table b-tree is walked (interior and leaf pages, payloads continued on overflow pages). Read only, no SQL,
 * no write-ahead log; every page number, length and count is checked, and a page is visited once, so that a
 * hostile file ends in an error, not a loop.
 */
final class SqliteTable {
    private static final byte[] MAGIC = "SQLite format 3\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private final ByteBuffer db;
    private final int pageSize;
    private final int usable;
    private final int pages;

    SqliteTable(byte[] file) {
        if (file.length < 100 || !java.util.Arrays.equals(java.util.Arrays.copyOf(file, 16), MAGIC)) {
            throw new IllegalArgumentException("not an SQLite 3 database");
        }
        this.db = ByteBuffer.wrap(file);
        int ps = db.getShort(16) & 0xffff;
        this.pageSize = ps == 1 ? 65536 : ps;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("an SQLite database with an invalid page size");
        }
        this.usable = pageSize - (file[20] & 0xff);
        this.pages = file.length / pageSize;
        if (usable < 480) {
            throw new IllegalArgumentException("an SQLite database with an invalid reserved space");
        }
    }

    /** The rows of the named table, each a list of column values (Long, Double, String, byte[] or null). */
    List<List<Object>> rows(String table) {
        for (List<Object> schema : walk(1)) {
            if (schema.size() >= 4 && "table".equals(schema.get(0)) && table.equals(schema.get(1))
                    && schema.get(3) instanceof Long root) {
                return walk(root.intValue());
            }
        }
        throw new IllegalArgumentException("an SQLite database without a table " + table);
    }

    private List<List<Object>> walk(int root) {
        List<List<Object>> rows = new ArrayList<>();
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            int page = todo.pop();
            visit(page, seen);
            int base = (page - 1) * pageSize;
            int header = base + (page == 1 ? 100 : 0);
            int type = db.get(header) & 0xff;
            int cells = db.getShort(header + 3) & 0xffff;
            if (type == 0x05) {
                int right = db.getInt(header + 8);
                List<Integer> children = new ArrayList<>();
                for (int i = 0; i < cells; i++) {
                    int cell = base + (db.getShort(header + 12 + 2 * i) & 0xffff);
                    children.add(db.getInt(check(cell, 4)));
                }
                children.add(right);
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                }
            } else if (type == 0x0d) {
                for (int i = 0; i < cells; i++) {
                    int cell = base + (db.getShort(header + 8 + 2 * i) & 0xffff);
                    rows.add(record(payload(cell, seen)));
                }
            } else {
                throw new IllegalArgumentException("an SQLite table page of unknown type " + type);
            }
        }
        return rows;
    }

    private void visit(int page, BitSet seen) {
        if (page < 1 || page > pages || seen.get(page)) {
            throw new IllegalArgumentException("an SQLite database with a page reference out of place (page " + page + ")");
        }
        seen.set(page);
    }

    private int check(int offset, int length) {
        if (offset < 0 || length < 0 || offset > db.capacity() - length) {
            throw new IllegalArgumentException("an SQLite database with a cell outside the file");
        }
        return offset;
    }

    /** A table leaf cell's payload, gathered from the cell and its overflow pages. */
    private byte[] payload(int cell, BitSet seen) {
        int[] p = {check(cell, 1)};
        long size = varint(p);
        varint(p); // the rowid
        if (size > db.capacity()) {
            throw new IllegalArgumentException("an SQLite record larger than the file");
        }
        int total = (int) size;
        int x = usable - 35;
        int local = total;
        if (total > x) {
            int m = ((usable - 12) * 32 / 255) - 23;
            int k = m + ((total - m) % (usable - 4));
            local = k <= x ? k : m;
        }
        byte[] out = new byte[total];
        db.get(check(p[0], local), out, 0, local);
        int filled = local;
        if (filled < total) {
            int next = db.getInt(check(p[0] + local, 4));
            while (filled < total) {
                visit(next, seen);
                int base = (next - 1) * pageSize;
                next = db.getInt(base);
                int n = Math.min(usable - 4, total - filled);
                db.get(check(base + 4, n), out, filled, n);
                filled += n;
            }
        }
        return out;
    }

    /** The values of an SQLite record: a header of serial types, then the values. */
    private static List<Object> record(byte[] r) {
        ByteBuffer b = ByteBuffer.wrap(r);
        int[] p = {0};
        long headerSize = varint(b, p);
        if (headerSize > r.length) {
            throw new IllegalArgumentException("an SQLite record whose header runs past it");
        }
        List<Long> types = new ArrayList<>();
        while (p[0] < headerSize) {
            types.add(varint(b, p));
        }
        int at = (int) headerSize;
        List<Object> values = new ArrayList<>();
        for (long t : types) {
            int len = t >= 12 ? (int) ((t - (t % 2 == 0 ? 12 : 13)) / 2)
                    : t <= 4 ? (int) t : t == 5 ? 6 : t == 6 || t == 7 ? 8 : 0;
            if (len < 0 || at > r.length - len) {
                throw new IllegalArgumentException("an SQLite record whose values run past it");
            }
            if (t == 0) {
                values.add(null);
            } else if (t <= 6) {
                long v = r[at];
                for (int i = 1; i < len; i++) {
                    v = (v << 8) | (r[at + i] & 0xff);
                }
                values.add(v);
            } else if (t == 7) {
                values.add(b.getDouble(at));
            } else if (t == 8 || t == 9) {
                values.add(t - 8);
            } else if (t >= 12 && t % 2 == 0) {
                values.add(java.util.Arrays.copyOfRange(r, at, at + len));
            } else if (t >= 13) {
                values.add(new String(r, at, len, StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("an SQLite record with a reserved serial type");
            }
            at += len;
        }
        return values;
    }

    private long varint(int[] p) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            int x = db.get(check(p[0]++, 1)) & 0xff;
            if (i == 8) {
                return (v << 8) | x;
            }
            v = (v << 7) | (x & 0x7f);
            if (x < 0x80) {
                return v;
            }
        }
        return v;
    }

    private static long varint(ByteBuffer b, int[] p) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (p[0] >= b.capacity()) {
                throw new IllegalArgumentException("an SQLite record cut short");
            }
            int x = b.get(p[0]++) & 0xff;
            if (i == 8) {
                return (v << 8) | x;
            }
            v = (v << 7) | (x & 0x7f);
            if (x < 0x80) {
                return v;
            }
        }
        return v;
    }
}
