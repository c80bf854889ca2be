package dev.diagonal.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Constants of the VP8 key-frame format (RFC 6386). The large probability and quantizer tables are
 * read from {@code vp8_tables.txt} next to this class.
 */
final class Vp8Tables {

    /** Sub-block intra modes, in RFC 6386 order. */
    static final int B_DC = 0;
    static final int B_TM = 1;
    static final int B_VE = 2;
    static final int B_HE = 3;
    static final int B_LD = 4;
    static final int B_RD = 5;
    static final int B_VR = 6;
    static final int B_VL = 7;
    static final int B_HD = 8;
    static final int B_HU = 9;

    /** Sub-block mode tree (RFC 6386 11.2): pairs of children; a value &lt;= 0 is leaf -mode. */
    static final int[] SUBBLOCK_MODE_TREE = {
        -B_DC, 2, -B_TM, 4, -B_VE, 6, 8, 12, -B_HE, 10, -B_RD, -B_VR, -B_LD, 14, -B_VL, 16, -B_HD, -B_HU,
    };

    /** Coefficient position to band (RFC 6386 13.3), with a 17th entry for "after the last". */
    static final int[] BANDS = {0, 1, 2, 3, 6, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 0};

    /** Token order to raster position within a 4x4 block. */
    static final int[] ZIGZAG = {0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15};

    /** Extra-bit probabilities of the large-value categories 3 to 6 (RFC 6386 13.2). */
    static final int[][] CATEGORY_PROBABILITIES = {
        {173, 148, 140},
        {176, 155, 140, 135},
        {180, 157, 141, 134, 130},
        {254, 254, 243, 230, 196, 177, 153, 140, 133, 130, 129},
    };

    /** [type][band][context][11]: default coefficient probabilities. */
    static final int[][][][] COEFFICIENT_PROBABILITIES;
    /** [type][band][context][11]: probability that a coefficient probability is updated. */
    static final int[][][][] COEFFICIENT_UPDATE_PROBABILITIES;
    /** [above mode][left mode][9]: key-frame sub-block mode probabilities. */
    static final int[][][] SUBBLOCK_MODE_PROBABILITIES;
    static final int[] DC_QUANTIZER;
    static final int[] AC_QUANTIZER;

    static {
        Map<String, int[]> sections = load();
        COEFFICIENT_PROBABILITIES = coefficients(sections.get("coefficient_probabilities"));
        COEFFICIENT_UPDATE_PROBABILITIES = coefficients(sections.get("coefficient_update_probabilities"));
        int[] modes = sections.get("subblock_mode_probabilities");
        SUBBLOCK_MODE_PROBABILITIES = new int[10][10][9];
        for (int i = 0; i < modes.length; i++) {
            SUBBLOCK_MODE_PROBABILITIES[i / 90][i / 9 % 10][i % 9] = modes[i];
        }
        DC_QUANTIZER = sections.get("dc_quantizer");
        AC_QUANTIZER = sections.get("ac_quantizer");
    }

    private Vp8Tables() {}

    private static int[][][][] coefficients(int[] flat) {
        int[][][][] out = new int[4][8][3][11];
        for (int i = 0; i < flat.length; i++) {
            out[i / 264][i / 33 % 8][i / 11 % 3][i % 11] = flat[i];
        }
        return out;
    }

    private static Map<String, int[]> load() {
        Map<String, int[]> sections = new HashMap<>();
        try (InputStream in = Vp8Tables.class.getResourceAsStream("vp8_tables.txt")) {
            if (in == null) {
                throw new IllegalStateException("vp8_tables.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int[] current = null;
            int filled = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (Character.isLetter(parts[0].charAt(0))) {
                    current = new int[Integer.parseInt(parts[1])];
                    filled = 0;
                    sections.put(parts[0], current);
                    continue;
                }
                for (String part : parts) {
                    current[filled++] = Integer.parseInt(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sections;
    }
}
