package io.tcpemu.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notes of a table's predictions ("n/a" and why, "300" and what caps it), numbered below the
 * table instead of inside its cells: a note is often longer than its column, and one long cell
 * widens the whole table past a terminal's 80 columns. A note seen twice keeps its number.
 */
final class Footnotes {
    private final Map<String, Integer> numbers = new LinkedHashMap<>();

    /** "75/s", "n/a [1]", "300 [2]": the figure, with its note's number if it has one. */
    String cell(Predicted p, String unit) {
        String figure = p.known() ? Format.trim(p.value()) + unit : "n/a";
        if (p.note().isEmpty()) return figure;
        return figure + " [" + numbers.computeIfAbsent(p.note(), k -> numbers.size() + 1) + "]";
    }

    /** One line per note, "[1] the server closes first", in the order of their numbers. */
    String render() {
        StringBuilder sb = new StringBuilder();
        numbers.forEach((note, n) -> sb.append('[').append(n).append("] ").append(note).append('\n'));
        return sb.toString();
    }
}
