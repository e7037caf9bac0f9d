package io.tcpemu.console;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigInteger;

/**
 * The console's whole-number arguments, each read with the range it accepts: a typo, a negative
 * count or a number too big for its field is refused while the line is read, in one line that
 * names the word and the range ({@code bad ID '99999999999' — expected a whole number from 1 to
 * 2147483647}), instead of picocli's "is not an int" or a value quietly cut.
 */
final class WholeNumbers {
    private WholeNumbers() {}

    /** Why a word was refused; {@link CommandLanguage} puts the argument's name in front. */
    static final class Refused extends TypeConversionException {
        Refused(String expected) { super(expected); }
    }

    static String range(long min, long max) { return "a whole number from " + min + " to " + max; }

    /** The number {@code text} stands for, if it is a whole number in {@code min..max}. */
    static long parse(String text, long min, long max) {
        String expected = "expected " + range(min, max);
        if (!text.matches("[+-]?\\d+")) throw new Refused(expected);
        BigInteger n = new BigInteger(text);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) throw new Refused(expected);
        return n.longValueExact();
    }

    /** 0 and up: counts where 0 means none or no limit. */
    static final class Count implements ITypeConverter<Integer> {
        @Override public Integer convert(String text) { return (int) parse(text, 0, Integer.MAX_VALUE); }
    }

    /** 1 and up: sizes and ids that cannot be 0. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override public Integer convert(String text) { return (int) parse(text, 1, Integer.MAX_VALUE); }
    }

    /** 0 and up, beyond 32 bits: totals and rates. */
    static final class LongCount implements ITypeConverter<Long> {
        @Override public Long convert(String text) { return parse(text, 0, Long.MAX_VALUE); }
    }

    /** A 32-bit sequence or acknowledgment number. */
    static final class SeqNumber implements ITypeConverter<Long> {
        @Override public Long convert(String text) { return parse(text, 0, 0xFFFF_FFFFL); }
    }

    /** A 16-bit window field. */
    static final class Window implements ITypeConverter<Integer> {
        @Override public Integer convert(String text) { return (int) parse(text, 0, 65535); }
    }
}
