package dev.diagonal.compare;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where a cell's point was drawn on a chart PNG, in the image's pixels, so that a click on the image can
 * find the cell.
 *
 * @param cell the cell's {@link Cell#name()}
 * @param x the point's centre, from the left edge
 * @param y the point's centre, from the top edge
 */
public record ChartPoint(String cell, double x, double y) {

    /** How far from a point's centre a click still picks it, in pixels (the dots are 10 across). */
    public static final double REACH = 9;

    /** The point nearest to ({@code x}, {@code y}) within {@link #REACH}, if any. */
    public static Optional<ChartPoint> at(Collection<ChartPoint> points, double x, double y) {
        return points.stream().filter(p -> Math.hypot(p.x - x, p.y - y) <= REACH)
                .min(Comparator.comparingDouble(p -> Math.hypot(p.x - x, p.y - y)));
    }
}
