package io.elevate.portal;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of one bar chart drawn as SVG on the server (the portal runs no script): bars of whole numbers, each
 * with a solid part and an optional hatched part stacked on it (break-glass), so that the chart reads without colour.
 * Vertical charts put a label under every {@link #getLabelEvery()}th bar; horizontal ones name every bar at its left.
 * Values are printed beside the bars; the page also shows them as a table.
 */
public final class Chart {

    static final int WIDTH = 640;
    static final int VERTICAL_HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BOTTOM = 40;
    private static final int ROW = 26;
    private static final int LABEL_WIDTH = 250;
    private static final int MAX_LABEL = 38;

    private final String id;
    private final boolean vertical;
    private final List<Bar> bars;
    private final long max;
    private final int height;
    private final int labelEvery;

    private Chart(String id, boolean vertical, List<Bar> bars, long max, int height, int labelEvery) {
        this.id = id;
        this.vertical = vertical;
        this.bars = bars;
        this.max = max;
        this.height = height;
        this.labelEvery = labelEvery;
    }

    /** A bar's data: its label, its whole value, and how much of it is hatched. */
    record Datum(String label, long value, long hatched) {
    }

    static Chart vertical(String id, List<Datum> data) {
        long max = Math.max(1, data.stream().mapToLong(Datum::value).max().orElse(0));
        int n = Math.max(1, data.size());
        double slot = (double) (WIDTH - LEFT - RIGHT) / n;
        double plot = VERTICAL_HEIGHT - TOP - BOTTOM;
        int every = (int) Math.ceil(n / 12.0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Datum d = data.get(i);
            double h = plot * d.value() / max;
            double hatched = plot * d.hatched() / max;
            double x = LEFT + i * slot + slot * 0.15;
            double w = Math.max(1, slot * 0.7);
            double base = VERTICAL_HEIGHT - BOTTOM;
            bars.add(new Bar(d.label(), d.value(), d.hatched(), x, base - h, w, h, base - h, hatched,
                    x + w / 2, base - h - 4, i % every == 0 || data.size() <= 12, x + w / 2, base + 16));
        }
        return new Chart(id, true, bars, max, VERTICAL_HEIGHT, every);
    }

    static Chart horizontal(String id, List<Datum> data) {
        long max = Math.max(1, data.stream().mapToLong(Datum::value).max().orElse(0));
        double plot = WIDTH - LABEL_WIDTH - 60;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Datum d = data.get(i);
            double w = plot * d.value() / max;
            double y = 8 + i * ROW;
            double hatchedWidth = plot * d.hatched() / max;
            bars.add(new Bar(d.label(), d.value(), d.hatched(), LABEL_WIDTH, y, w, ROW - 8,
                    LABEL_WIDTH + w - hatchedWidth, hatchedWidth, LABEL_WIDTH + w + 6, y + ROW / 2.0, true,
                    LABEL_WIDTH - 6, y + ROW / 2.0));
        }
        return new Chart(id, false, bars, max, Math.max(ROW, 16 + data.size() * ROW), 1);
    }

    private static String shorten(String label) {
        return label.codePointCount(0, label.length()) <= MAX_LABEL ? label
                : label.substring(0, label.offsetByCodePoints(0, MAX_LABEL - 1)) + "…";
    }

    public String getId() { return id; }
    public boolean isVertical() { return vertical; }
    public List<Bar> getBars() { return bars; }
    public long getMax() { return max; }
    public int getWidth() { return WIDTH; }
    public int getHeight() { return height; }
    public int getLabelEvery() { return labelEvery; }
    public boolean isEmpty() { return bars.stream().allMatch(b -> b.value == 0); }
    /** The axis: its left, top and bottom. */
    public int getAxisX() { return vertical ? LEFT : LABEL_WIDTH; }
    public int getAxisTop() { return vertical ? TOP : 4; }
    public int getAxisBottom() { return vertical ? VERTICAL_HEIGHT - BOTTOM : height - 4; }
    public int getAxisRight() { return WIDTH - RIGHT; }

    /** One bar, its hatched part, where its value and its label are written. Numbers rounded to a tenth. */
    public static final class Bar {

        private final String label;
        private final long value;
        private final long hatched;
        private final double x;
        private final double y;
        private final double width;
        private final double height;
        private final double hatchStart;
        private final double hatchLength;
        private final double valueX;
        private final double valueY;
        private final boolean labelled;
        private final double labelX;
        private final double labelY;

        Bar(String label, long value, long hatched, double x, double y, double width, double height,
            double hatchStart, double hatchLength, double valueX, double valueY, boolean labelled, double labelX,
            double labelY) {
            this.label = label;
            this.value = value;
            this.hatched = hatched;
            this.x = x;
            this.y = y;
            this.width = width;
            this.height = height;
            this.hatchStart = hatchStart;
            this.hatchLength = hatchLength;
            this.valueX = valueX;
            this.valueY = valueY;
            this.labelled = labelled;
            this.labelX = labelX;
            this.labelY = labelY;
        }

        public String getLabel() { return label; }
        public String getShortLabel() { return shorten(label); }
        public long getValue() { return value; }
        public long getHatched() { return hatched; }
        public String getX() { return n(x); }
        public String getY() { return n(y); }
        public String getWidth() { return n(width); }
        public String getHeight() { return n(height); }
        /** Where the hatched part starts: its y (vertical charts) or x (horizontal), and its length. */
        public String getHatchStart() { return n(hatchStart); }
        public String getHatchLength() { return n(hatchLength); }
        public String getValueX() { return n(valueX); }
        public String getValueY() { return n(valueY); }
        public boolean isLabelled() { return labelled; }
        public String getLabelX() { return n(labelX); }
        public String getLabelY() { return n(labelY); }

        private static String n(double v) {
            return String.valueOf(Math.round(v * 10) / 10.0);
        }
    }
}
