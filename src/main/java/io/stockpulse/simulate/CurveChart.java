package io.stockpulse.simulate;

import java.util.List;
import java.util.Locale;

/**
 * The exchange curve as an SVG line chart: average stock value (x) against fill rate (y), one line
 * per forecaster, one point per service level. Written by hand rather than with a charting library:
 * twenty lines of SVG text are deterministic byte for byte (the JSON's guarantee extends to the chart),
 * need no AWT, and keep a plotting dependency out of the production jar.
 */
public final class CurveChart {

    /** One line of the chart. */
    public record Series(String name, List<double[]> points) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private CurveChart() {
    }

    public static String svg(String title, List<Series> series) {
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = 1;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        minX = Math.max(0, minX * 0.9);
        maxX = maxX * 1.05 + 1e-9;
        minY = Math.max(0, Math.floor(minY * 50) / 50 - 0.01);
        maxY = Math.min(1, Math.ceil(maxY * 50) / 50 + 0.01);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        axes(out, minX, maxX, minY, maxY);
        for (int i = 0; i < series.size(); i++) {
            line(out, series.get(i), COLOURS[i % COLOURS.length], i, minX, maxX, minY, maxY);
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static void axes(StringBuilder out, double minX, double maxX, double minY, double maxY) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", LEFT, TOP, plotW, plotH));
        for (int t = 0; t <= 5; t++) {
            double x = minX + (maxX - minX) * t / 5;
            double px = LEFT + plotW * t / 5.0;
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    HEIGHT - BOTTOM + 18, compact(x)));
            double y = minY + (maxY - minY) * t / 5;
            double py = TOP + plotH - plotH * t / 5.0;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f %%</text>%n",
                    LEFT - 8, py + 4, y * 100));
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, WIDTH - RIGHT, py, py));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">average stock value</text>%n",
                LEFT + plotW / 2, HEIGHT - 18));
        out.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "fill rate from stock</text>%n", TOP + plotH / 2));
    }

    private static void line(StringBuilder out, Series s, String colour, int index, double minX, double maxX,
                             double minY, double maxY) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder path = new StringBuilder();
        for (double[] p : s.points()) {
            double px = LEFT + plotW * (p[0] - minX) / (maxX - minX);
            double py = TOP + plotH - plotH * (p[1] - minY) / (maxY - minY);
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", px, py, colour));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"10\">%s</text>%n",
                    px + 5, py + (index == 0 ? -6 : 14), colour, escape(String.valueOf(p[2]))));
        }
        out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                path.toString().trim(), colour));
        // Legend in the top-left corner, which a rising exchange curve leaves empty.
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + 12,
                TOP + 20 + 16 * index, colour, "— " + escape(s.name())));
    }

    private static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        return value >= 1e3 ? String.format(Locale.ROOT, "%.0f k", value / 1e3) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
