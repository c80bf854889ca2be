package dev.diagonal.app.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, durations and times read on screen. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Formats() {}

    /** A fraction as a percentage with one decimal: {@code 0.8125} → {@code 81.3 %}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** A count with thousands separators: {@code 151277} → {@code 151,277}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A parameter count in millions or thousands: {@code 151277313} → {@code 151.3 M}. */
    public static String parameters(long value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", value / 1e6);
        }
        if (value >= 1_000) {
            return String.format(Locale.ROOT, "%.1f k", value / 1e3);
        }
        return Long.toString(value);
    }

    /** Bytes as KB/MB/GB. */
    public static String bytes(long value) {
        if (value >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", value / (double) (1L << 30));
        }
        if (value >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", value / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KB", value / 1024.0);
    }

    /** A duration as {@code 1 h 02 min}, {@code 3 min 07 s} or {@code 12 s}; empty for null. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.getSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

    /** A local date and time to the minute; empty for null. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A metric value: 4 decimals, or as an integer when it is one. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
