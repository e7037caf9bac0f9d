package io.tcpemu.console;

import io.tcpemu.runtime.fault.Durations;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the words of a command line: durations, states, flags and quoted strings, each with a one-line error. */
final class Args {
    private Args() {}

    static long duration(String text, String what) {
        if (text.startsWith("-") && Durations.looksLikeDuration(text.substring(1))) {
            throw new ConsoleError("bad " + what + " '" + text + "': emulated time only runs forward", "give a positive duration, e.g. " + text.substring(1));
        }
        if (!Durations.looksLikeDuration(text)) {
            throw new ConsoleError("bad " + what + " '" + text + "'", "expected a number and a unit: h, m, s, ms or us, e.g. 1h, 2m, 3s, 200ms, 500us");
        }
        try {
            return Durations.parseMicros(text);
        } catch (io.tcpemu.runtime.fault.RuleSyntaxException e) {
            throw new ConsoleError("bad " + what + " '" + text + "'", "expected a duration of at most " + io.tcpemu.tcp.TimeHorizon.TEXT);
        }
    }

    static State state(String text) {
        try {
            return State.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConsoleError("'" + text + "' is not a TCP state", "expected one of " + stateNames());
        }
    }

    static String stateNames() {
        List<String> names = new ArrayList<>();
        for (State s : State.values()) names.add(s.toString());
        return String.join(", ", names);
    }

    /** tcpdump-style flags: "S", "S.", "SA", "F.", "R", "P." (A or . is ACK). */
    static int flags(String text) {
        int flags = 0;
        for (char ch : text.toUpperCase(Locale.ROOT).toCharArray()) {
            flags |= switch (ch) {
                case 'S' -> Flags.SYN;
                case 'F' -> Flags.FIN;
                case 'R' -> Flags.RST;
                case 'P' -> Flags.PSH;
                case 'A', '.' -> Flags.ACK;
                default -> throw new ConsoleError("bad flag '" + ch + "' in '" + text + "'",
                        "expected letters of S (SYN), F (FIN), R (RST), P (PSH), A or . (ACK), e.g. F. or SA");
            };
        }
        return flags;
    }

    /** Splits a command line into words; double or single quotes keep spaces, backslash escapes in double quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) quote = 0;
                else if (ch == '\\' && quote == '"' && i + 1 < line.length()) word.append(line.charAt(++i));
                else word.append(ch);
            } else if (Character.isWhitespace(ch)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                if (ch == '"' || ch == '\'') quote = ch;
                else word.append(ch);
            }
        }
        if (quote != 0) throw new ConsoleError("unterminated " + (quote == '"' ? "double" : "single") + " quote", "close it with " + quote);
        if (word != null) words.add(word.toString());
        return words;
    }
}
