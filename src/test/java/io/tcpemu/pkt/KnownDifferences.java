package io.tcpemu.pkt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripts docs/pkt.md lists under "Known differences from the kernel": a table whose rows start
 * {@code | `script.pkt` | why |}. Script name to the reason given.
 */
final class KnownDifferences {
    static final String HEADING = "## Known differences from the kernel";

    private KnownDifferences() {}

    static Map<String, String> read(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf(HEADING);
        if (start < 0) throw new IllegalStateException(doc + " has no section '" + HEADING + "'");
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            String[] cells = line.split("\\|");
            if (cells.length >= 3 && cells[1].strip().startsWith("`")) {
                known.put(cells[1].strip().replace("`", ""), cells[2].strip());
            }
        }
        return known;
    }
}
