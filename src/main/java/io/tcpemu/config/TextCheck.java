package io.tcpemu.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a file the user names is UTF-8 text. A parser fed a NUL byte or a Latin-1 'é' reports
 * something else (an unclosed brace, "Input length = 1"); this says what is wrong and on which line.
 */
public final class TextCheck {
    private TextCheck() {}

    /** @param line 1-based line of the first bad byte; @param message what is wrong there */
    public record NotText(int line, String message) {}

    /** The first reason {@code file} is not UTF-8 text, or null when it is (or cannot be read: the caller reports that). */
    public static NotText of(Path file) {
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException | OutOfMemoryError e) {
            return null;
        }
    }

    static NotText of(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) return new NotText(lineAt(bytes, i), "expected text, but there is a NUL byte (a binary file?)");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        if (!utf8.decode(in, out, true).isError()) return null;
        int at = in.position();
        return new NotText(lineAt(bytes, at), String.format(Locale.ROOT,
                "expected UTF-8 text, but byte 0x%02X is not UTF-8 (save the file as UTF-8)", bytes[at] & 0xFF));
    }

    private static int lineAt(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
