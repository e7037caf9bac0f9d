package io.tcpemu.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file named on the command line can be read as the input a command expects, checked
 * before anything opens it: a folder or a missing file would give a Java message, and a FIFO (or
 * {@code -} taken for standard input) would block the read for ever.
 */
public final class InputFile {
    private InputFile() {}

    /**
     * One line saying why {@code file} is not a readable regular file, or null when it is.
     *
     * @param command  the command, as the user typed it ({@code tcpemu run})
     * @param expected what it reads, with an example ({@code a scenario file such as conf/handshake.conf})
     */
    public static String problem(Path file, String command, String expected) {
        if (Files.isDirectory(file)) return file + ": is a folder; expected " + expected;
        if (file.toString().equals("-")) {
            return "-: expected " + expected + "; " + command + " does not read standard input (save it to a file)";
        }
        if (!Files.exists(file)) return file + ": no such file; expected " + expected;
        if (!Files.isRegularFile(file)) return file + ": expected " + expected + ", but it is not a regular file (a FIFO, device or socket)";
        return null;
    }
}
