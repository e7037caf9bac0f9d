package io.tcpemu.pkt;

import io.tcpemu.pkt.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a packetdrill script into tokens. Comments ({@code // ...} and {@code /* ... *}{@code /})
 * are dropped; back-quoted commands and {@code %{ }%} blocks become single tokens so the parser
 * can report them as skipped.
 */
final class Lexer {
    private static final String PUNCT = "<>()[]{},:=+*~.-|;'!/?";

    private final String file;
    private final String src;
    private int pos;
    private int line = 1;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<Token> tokenize(String file, String src) {
        return new Lexer(file, src).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Kind.END, "", line, pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') { line++; pos++; }
            else if (Character.isWhitespace(c)) pos++;
            else if (src.startsWith("//", pos)) { while (pos < src.length() && src.charAt(pos) != '\n') pos++; }
            else if (src.startsWith("/*", pos)) skipBlockComment();
            else return;
        }
    }

    private void skipBlockComment() {
        int startLine = line;
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) throw error(startLine, "unterminated comment: expected '*/' to close the '/*'");
        countLines(pos, close + 2);
        pos = close + 2;
    }

    private Token next() {
        char c = src.charAt(pos);
        if (Character.isDigit(c) || (c == '.' && isDigitAt(pos + 1))) return number();
        if (Character.isLetter(c) || c == '_') return word();
        if (c == '"') return string();
        if (c == '`') return delimited(Kind.COMMAND, "`", "`", "a closing '`' for the command");
        if (src.startsWith("%{", pos)) return delimited(Kind.CODE, "%{", "}%", "'}%' to close the '%{' block");
        if (src.startsWith("...", pos)) return token(Kind.ELLIPSIS, pos + 3);
        if (src.startsWith("--", pos) && pos + 2 < src.length() && Character.isLetter(src.charAt(pos + 2))) return option();
        if (PUNCT.indexOf(c) >= 0) return token(Kind.PUNCT, pos + 1);
        throw error(line, "unexpected character '" + c + "'");
    }

    private Token number() {
        int start = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            int end = pos + 2;
            while (end < src.length() && Character.digit(src.charAt(end), 16) >= 0) end++;
            if (end == pos + 2) throw error(line, "expected hex digits after '0x'");
            return token(Kind.HEX, end);
        }
        int end = digits(start);
        if (isDottedQuad(end)) return token(Kind.IPV4, skipQuad(end));
        if (end < src.length() && src.charAt(end) == '.' && isDigitAt(end + 1)) return token(Kind.FLOAT, digits(end + 1));
        return token(Kind.INTEGER, end);
    }

    private boolean isDottedQuad(int end) {
        int p = end;
        for (int i = 0; i < 3; i++) {
            if (p >= src.length() || src.charAt(p) != '.' || !isDigitAt(p + 1)) return false;
            p = digits(p + 1);
        }
        return pos < end && Character.isDigit(src.charAt(pos));
    }

    private int skipQuad(int end) {
        int p = end;
        for (int i = 0; i < 3; i++) p = digits(p + 1);
        return p;
    }

    private int digits(int from) {
        int p = from;
        while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
        return p;
    }

    private boolean isDigitAt(int p) { return p < src.length() && Character.isDigit(src.charAt(p)); }

    private Token word() {
        int end = pos;
        while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) end++;
        return token(Kind.WORD, end);
    }

    private Token option() {
        int end = pos;
        while (end < src.length() && !Character.isWhitespace(src.charAt(end))) end++;
        return token(Kind.OPTION, end);
    }

    private Token string() {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        int p = pos + 1;
        while (true) {
            if (p >= src.length() || src.charAt(p) == '\n') throw error(line, "unterminated string: expected a closing '\"'");
            char c = src.charAt(p);
            if (c == '"') break;
            if (c == '\\' && p + 1 < src.length()) { sb.append(unescape(src.charAt(p + 1))); p += 2; }
            else { sb.append(c); p++; }
        }
        pos = p + 1;
        return new Token(Kind.STRING, sb.toString(), line, start, pos);
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            default -> c;
        };
    }

    private Token delimited(Kind kind, String open, String close, String expected) {
        int start = pos;
        int startLine = line;
        int end = src.indexOf(close, pos + open.length());
        if (end < 0) throw error(startLine, "unterminated " + (kind == Kind.CODE ? "code block" : "command") + ": expected " + expected);
        String body = src.substring(pos + open.length(), end);
        countLines(pos, end);
        pos = end + close.length();
        return new Token(kind, body, startLine, start, pos);
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) if (src.charAt(i) == '\n') line++;
    }

    private Token token(Kind kind, int end) {
        Token t = new Token(kind, src.substring(pos, end), line, pos, end);
        pos = end;
        return t;
    }

    private PktSyntaxException error(int atLine, String problem) {
        return new PktSyntaxException(file, atLine, problem);
    }
}
