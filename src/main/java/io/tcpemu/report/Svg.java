package io.tcpemu.report;

import java.util.Locale;

/** The few SVG pieces the diagrams share: a document frame, text, lines and escaping. */
final class Svg {
    static final String FONT = "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\"";

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n")
                .append("<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" ")
                .append("markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" ")
                .append("fill=\"context-stroke\"/></marker></defs>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    /** Text; {@code anchor} is start, middle or end; {@code style} extra attributes ("" for none). */
    Svg text(double x, double y, String anchor, int size, String style, String text) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append("\" ").append(FONT).append(' ')
                .append(style).append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** A straight line; {@code style} carries stroke and marker attributes. */
    Svg line(double x1, double y1, double x2, double y2, String style) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" ").append(style).append("/>\n");
        return this;
    }

    /** Any element written out as given, for shapes only one diagram uses. */
    Svg raw(String element) {
        out.append(element).append('\n');
        return this;
    }

    String end() {
        return out.append("</svg>\n").toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
