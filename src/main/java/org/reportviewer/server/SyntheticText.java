package org.reportviewer.server;

import java.nio.charset.StandardCharsets;

/**
 * The text of synthetic reports: a CSV header and fixed-width 64-byte sales rows whose fields are
 * derived from the row number alone (they repeat every {@value #PERIOD} rows; the row ids count on).
 * Not thread-safe (one scratch row); cheap to create.
 */
public final class SyntheticText {

    public static final int ROW = 64;
    static final byte[] HEADER = pad("row_id,date,region,product,units,unit_price,amount");
    private static final byte[][] REGIONS = ascii("EMEA  ", "APAC  ", "NA    ", "LATAM ");
    private static final byte[][] PRODUCTS = ascii("Widget    ", "Gadget    ", "Sprocket  ", "Gizmo     ",
            "Doohickey ", "Flange    ", "Bracket   ", "Valve     ");
    private static final byte[] TEMPLATE = template();
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    /** The zero-padded row id at the start of each row, e.g. {@code 0000000001}. */
    private static final int ID_WIDTH = 10;
    /** Data rows whose fields repeat (their ids never do): 4096 rows, 256 KiB of precomputed text. */
    static final int PERIOD = 4096;

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private static final byte[] FIELDS = fieldTable();

    private final byte[] row = TEMPLATE.clone();
    private long rowInScratch = -1;

    private static byte[] pad(String s) {
        byte[] out = new byte[ROW];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, b.length);
        out[ROW - 1] = '\n';
        return out;
    }

    /** Fills {@code dst} with the report bytes starting at {@code offset}. */
    public void fill(long offset, byte[] dst) {
        int written = 0;
        while (written < dst.length) {
            long pos = offset + written;
            long r = pos / ROW;
            int within = (int) (pos % ROW);
            byte[] src = rowBytes(r);
            int n = Math.min(ROW - within, dst.length - written);
            System.arraycopy(src, within, dst, written, n);
            written += n;
        }
    }

    /** The 64 bytes of row {@code r} (row 0 is the header). */
    public byte[] rowBytes(long r) {
        if (r == 0) {
            return HEADER;
        }
        if (r == rowInScratch) {
            return row;
        }
        // Producing chunks is on the server's hot path of every full-speed stream (the largest CPU
        // share of the embedded server in the 8-tab benchmark), so a row is one copy of precomputed
        // fields plus its id, counted on when rows are read in order.
        System.arraycopy(FIELDS, (int) ((r - 1) % PERIOD) * ROW + ID_WIDTH, row, ID_WIDTH, ROW - ID_WIDTH);
        if (r == rowInScratch + 1 && rowInScratch > 0) {
            increment(ID_WIDTH - 1);
        } else {
            digits(row, r, ID_WIDTH, 0);
        }
        rowInScratch = r;
        return row;
    }

    /** Rows 1..PERIOD in full: their fields are derived from the row number by a hash. */
    private static byte[] fieldTable() {
        byte[] table = new byte[PERIOD * ROW];
        for (int r = 1; r <= PERIOD; r++) {
            byte[] row = TEMPLATE.clone();
            long h = mix(r);
            digits(row, r, ID_WIDTH, 0);
            int month = 1 + (int) ((h >>> 8) % 12);
            int day = 1 + (int) ((h >>> 16) % 28);
            pair(row, month, 16);
            pair(row, day, 19);
            System.arraycopy(REGIONS[(int) ((h >>> 24) & 3)], 0, row, 22, 6);
            System.arraycopy(PRODUCTS[(int) ((h >>> 28) & 7)], 0, row, 29, 10);
            int units = 1 + (int) (h >>> 32) % 999; // h >>> 32 < 2^31
            int cents = 100 + (int) (h >>> 42) % 999_900;
            padded(row, units, 4, 40);
            money(row, cents, 7, 45);
            long amount = (long) units * cents; // < 10^9: its whole part fits an int
            padded(row, (int) (amount / 100), 7, 53);
            pair(row, (int) (amount % 100), 61);
            System.arraycopy(row, 0, table, (r - 1) * ROW, ROW);
        }
        return table;
    }

    /** The constant parts of every data row. */
    private static byte[] template() {
        byte[] t = new byte[ROW];
        java.util.Arrays.fill(t, (byte) ' ');
        byte[] year = "2026-".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(year, 0, t, 11, year.length);
        for (int comma : new int[] {10, 21, 28, 39, 44, 52}) {
            t[comma] = ',';
        }
        t[18] = '-';
        t[49] = '.'; // money(cents, 7) at 45
        t[60] = '.'; // money(amount, 10) at 53
        t[ROW - 1] = '\n';
        return t;
    }

    private static byte[][] ascii(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** Two decimal digits of {@code v} (0..99) at {@code p}. */
    private static void pair(byte[] row, int v, int p) {
        row[p] = TENS[v];
        row[p + 1] = ONES[v];
    }

    /** Zero-padded decimal of fixed width. */
    private static void digits(byte[] row, long v, int width, int p) {
        int i = p + width - 1;
        while (i > p) {
            int two = (int) (v % 100);
            v /= 100;
            row[i--] = ONES[two];
            row[i--] = TENS[two];
        }
        if (i == p) {
            row[i] = ONES[(int) (v % 10)];
        }
    }

    /** Adds one to the zero-padded decimal ending at {@code last}. */
    private void increment(int last) {
        int i = last;
        while (i >= 0 && row[i] == '9') {
            row[i--] = '0';
        }
        if (i >= 0) {
            row[i]++;
        }
    }

    /** Space-padded decimal of fixed width (digits beyond the width are dropped). */
    private static void padded(byte[] row, int v, int width, int p) {
        int i = p + width - 1;
        do {
            row[i--] = ONES[(int) (v % 10)];
            v /= 10;
        } while (v > 0 && i >= p);
        while (i >= p) {
            row[i--] = ' ';
        }
    }

    /** Cents as a space-padded amount with two decimals, e.g. {@code "  123.45"}; the '.' is in the template. */
    private static void money(byte[] row, int cents, int width, int p) {
        padded(row, cents / 100, width - 3, p);
        pair(row, cents % 100, p + width - 2);
    }

    /** SplitMix64: a fast, well-spread hash of the row number. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
