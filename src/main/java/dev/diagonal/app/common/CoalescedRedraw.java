package dev.diagonal.app.common;

import java.util.concurrent.Executor;

/**
 * Redraws something expensive (a chart) at most once per turn of the UI thread, and only while it is
 * showing: however many changes arrive before the scheduled redraw runs, it draws once; changes while
 * it is hidden (another tab, another screen) are drawn when it shows again. Use on the UI thread only.
 */
public final class CoalescedRedraw {

    private final Executor later;
    private final Runnable draw;
    private boolean showing = true;
    private boolean dirty;
    private boolean scheduled;

    /**
     * @param later runs the redraw after the current UI turn ({@code Platform::runLater})
     * @param draw  the redraw itself
     */
    public CoalescedRedraw(Executor later, Runnable draw) {
        this.later = later;
        this.draw = draw;
    }

    /** Notes a change: the next redraw (scheduled unless one is pending or it is hidden) shows it. */
    public void request() {
        dirty = true;
        schedule();
    }

    /** Whether it is on screen; becoming visible with changes pending schedules a redraw. */
    public void setShowing(boolean visible) {
        showing = visible;
        schedule();
    }

    private void schedule() {
        if (dirty && showing && !scheduled) {
            scheduled = true;
            later.execute(this::run);
        }
    }

    private void run() {
        scheduled = false;
        if (dirty && showing) {
            dirty = false;
            draw.run();
        }
    }
}
