package io.tcpemu.pkt;

import io.tcpemu.pkt.Token.Kind;

import java.util.List;

/** The parsers' position in the token list, with the helpers every rule needs. */
final class Cursor {
    private final String file;
    private final String src;
    private final List<Token> tokens;
    private int index;

    Cursor(String file, String src) {
        this.file = file;
        this.src = src;
        this.tokens = Lexer.tokenize(file, src);
    }

    String file() { return file; }

    Token peek() { return tokens.get(index); }

    Token peek(int ahead) { return tokens.get(Math.min(index + ahead, tokens.size() - 1)); }

    /** The token before the current one. */
    Token previous() { return tokens.get(Math.max(index - 1, 0)); }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.END) index++;
        return t;
    }

    boolean atEnd() { return peek().is(Kind.END); }

    /** Consumes the token if it is this punctuation or word. */
    boolean accept(String text) {
        if (!peek().is(text)) return false;
        next();
        return true;
    }

    /** Consumes the token if it is of this kind. */
    boolean accept(Kind kind) {
        if (!peek().is(kind)) return false;
        next();
        return true;
    }

    /** Consumes this punctuation or word, or fails with "expected 'x' what, got 'y'". */
    Token expect(String text, String what) {
        if (!peek().is(text)) throw error(peek(), "expected '" + text + "' " + what + ", got " + peek().describe());
        return next();
    }

    Token expect(Kind kind, String expected) {
        if (!peek().is(kind)) throw error(peek(), "expected " + expected + ", got " + peek().describe());
        return next();
    }

    /** Like {@link #expect(Kind, String)}, but a token on a later line reads as "the end of the line". */
    Token expectOnLine(Kind kind, String expected, int line) {
        if (atLineEnd(line)) throw new PktSyntaxException(file, line, "expected " + expected + ", got the end of the line");
        return expect(kind, expected);
    }

    /** Like {@link #expect(String, String)}, but a token on a later line reads as "the end of the line". */
    Token expectOnLine(String text, String what, int line) {
        if (atLineEnd(line)) throw new PktSyntaxException(file, line, "expected '" + text + "' " + what + ", got the end of the line");
        return expect(text, what);
    }

    /** Consumes every remaining token that starts on {@code line}. */
    void skipLine(int line) {
        while (!atEnd() && peek().line() == line) next();
    }

    /** True if the next token starts a new line (or the script ends). */
    boolean atLineEnd(int line) { return atEnd() || peek().line() != line; }

    /** Source text from the start of {@code first} to the end of the last consumed token. */
    String textFrom(Token first) { return src.substring(first.start(), previous().end()).strip(); }

    PktSyntaxException error(Token at, String problem) { return new PktSyntaxException(file, at.line(), problem); }
}
