package io.tcpemu.pkt;

/**
 * One lexical token of a packetdrill script.
 *
 * @param kind  what sort of token
 * @param text  the token's text as written (for STRING, COMMAND and CODE: the contents without delimiters)
 * @param line  the 1-based line on which the token starts
 * @param start offset of the token's first character in the source
 * @param end   offset just past the token's last character in the source
 */
record Token(Kind kind, String text, int line, int start, int end) {

    enum Kind {
        /** A name: {@code socket}, {@code S}, {@code SO_LINGER}, {@code ack}. */
        WORD,
        /** A decimal integer: {@code 1460}. */
        INTEGER,
        /** A decimal with a point: {@code 0.100}, {@code .1}. */
        FLOAT,
        /** {@code 0x1f}. */
        HEX,
        /** A dotted IPv4 address: {@code 192.0.2.1}. */
        IPV4,
        /** {@code "text"}. */
        STRING,
        /** A back-quoted shell command. */
        COMMAND,
        /** A {@code %{ python }%} block. */
        CODE,
        /** A command-line option written in the script: {@code --tolerance_usecs=10000}. */
        OPTION,
        /** {@code ...}. */
        ELLIPSIS,
        /** One punctuation character: {@code < > ( ) [ ] { } , : = + * ~ . - | ;}. */
        PUNCT,
        END
    }

    boolean is(Kind k) { return kind == k; }

    boolean is(String punctOrWord) {
        return (kind == Kind.PUNCT || kind == Kind.WORD) && text.equals(punctOrWord);
    }

    /** How the token reads in an error message: {@code 'Q'}, or "the end of the script". */
    String describe() {
        return switch (kind) {
            case END -> "the end of the script";
            case STRING -> "\"" + text + "\"";
            case COMMAND -> "a `command`";
            case CODE -> "a %{ code }% block";
            default -> "'" + text + "'";
        };
    }
}
