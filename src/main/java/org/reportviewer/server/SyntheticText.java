package org.reportviewer.server;

import java.nio.charset.StandardCharsets;

/**
 * The text of synthetic reports: a CSV header and fixed-width 64-byte sales rows whose fields are
 * derived from the row number alone. Not thread-safe (one scratch row); cheap to create.
 */
public final class SyntheticText {

    public static final int ROW = 64;
    static final byte[] HEADER = pad("row_id,date,region,product,units,unit_price,amount");
    private static final String[] REGIONS = {"EMEA  ", "APAC  ", "NA    ", "LATAM "};
    private static final String[] PRODUCTS = {"Widget    ", "Gadget    ", "Sprocket  ", "Gizmo     ",
        "Doohickey ", "Flange    ", "Bracket   ", "Valve     "};

    private final byte[] row = new byte[ROW];
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
        long h = mix(r);
        int p = 0;
        p = digits(r, 10, p);
        row[p++] = ',';
        p = ascii("2026-", p);
        int month = 1 + (int) ((h >>> 8) % 12);
        int day = 1 + (int) ((h >>> 16) % 28);
        p = digits(month, 2, p);
        row[p++] = '-';
        p = digits(day, 2, p);
        row[p++] = ',';
        p = ascii(REGIONS[(int) ((h >>> 24) & 3)], p);
        row[p++] = ',';
        p = ascii(PRODUCTS[(int) ((h >>> 28) & 7)], p);
        row[p++] = ',';
        int units = 1 + (int) ((h >>> 32) % 999);
        int cents = 100 + (int) ((h >>> 42) % 999_900);
        p = padded(units, 4, p);
        row[p++] = ',';
        p = money(cents, 7, p);
        row[p++] = ',';
        p = money((long) units * cents, 10, p);
        while (p < ROW - 1) {
            row[p++] = ' ';
        }
        row[ROW - 1] = '\n';
        rowInScratch = r;
        return row;
    }

    private int ascii(String s, int p) {
        for (int i = 0; i < s.length(); i++) {
            row[p++] = (byte) s.charAt(i);
        }
        return p;
    }

    /** Zero-padded decimal of fixed width. */
    private int digits(long v, int width, int p) {
        for (int i = width - 1; i >= 0; i--) {
            row[p + i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return p + width;
    }

    /** Space-padded decimal of fixed width. */
    private int padded(long v, int width, int p) {
        int i = width - 1;
        do {
            row[p + i--] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v > 0 && i >= 0);
        while (i >= 0) {
            row[p + i--] = ' ';
        }
        return p + width;
    }

    /** Cents as a space-padded amount with two decimals, e.g. {@code "  123.45"}. */
    private int money(long cents, int width, int p) {
        padded(cents / 100, width - 3, p);
        row[p + width - 3] = '.';
        row[p + width - 2] = (byte) ('0' + (cents / 10) % 10);
        row[p + width - 1] = (byte) ('0' + cents % 10);
        return p + width;
    }

    /** SplitMix64: a fast, well-spread hash of the row number. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
