package io.tcpemu.report;

import io.tcpemu.report.Ladder.Row;

import java.util.List;

/**
 * The ladder as a Mermaid {@code sequenceDiagram}: a message per segment ({@code -x} when lost)
 * and a note over a side when its state changes.
 */
public final class LadderMermaid {
    private LadderMermaid() {}

    public static String render(Ladder ladder) {
        StringBuilder out = new StringBuilder("sequenceDiagram\n");
        out.append("    participant L as ").append(ladder.left().title()).append('\n');
        out.append("    participant R as ").append(ladder.right().title()).append('\n');
        if (ladder.left().initial() != null) out.append("    Note over L: ").append(ladder.left().initial()).append('\n');
        if (ladder.right().initial() != null) out.append("    Note over R: ").append(ladder.right().initial()).append('\n');
        List<Integer> starts = ladder.incarnationStarts();
        for (int i = 0; i < ladder.rows().size(); i++) {
            int k = starts.indexOf(i);
            if (k >= 0) out.append("    Note over L,R: incarnation ").append(k + 2).append(" of this 4-tuple, from ")
                    .append(LadderText.millis(ladder.rows().get(i).time())).append(" ms\n");
            if (i == ladder.omittedAt() && ladder.omitted() > 0) out.append("    Note over L,R: ").append(ladder.omissionNote()).append('\n');
            Row row = ladder.rows().get(i);
            if (row.leftState() != null) out.append("    Note over L: ").append(row.leftState()).append('\n');
            if (row.rightState() != null) out.append("    Note over R: ").append(row.rightState()).append('\n');
            if (row.arrow() == null) continue;
            String from = row.arrow().leftToRight() ? "L" : "R";
            String to = row.arrow().leftToRight() ? "R" : "L";
            String line = row.arrow().lost() ? "-x" : "->>";
            out.append("    ").append(from).append(line).append(to).append(": ")
                    .append(LadderText.millis(row.time())).append(" ms ").append(row.arrow().label())
                    .append(row.arrow().lost() ? " (lost)" : "").append('\n');
        }
        return out.toString();
    }
}
