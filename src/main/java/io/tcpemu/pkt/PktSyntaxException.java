package io.tcpemu.pkt;

/**
 * A script that is not valid packetdrill. The message names the file and line and says what was
 * expected: {@code bad.pkt:7: expected a flag (S, ., P, F, R) after '<', got 'Q'}.
 */
public final class PktSyntaxException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;

    public PktSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    /** The message without the {@code file:line: } prefix. */
    public String problem() { return problem; }
}
