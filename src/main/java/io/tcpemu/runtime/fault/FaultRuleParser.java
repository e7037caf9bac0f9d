package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fault rules from short phrases. The grammar, word by word:
 * <pre>
 *   rule  := action [occurrence] kind clause*
 *   action:= drop | delay [DURATION] | duplicate | dup
 *   occurrence := first | second | third | 2nd | 5th | every | each
 *   kind  := syn | syn-ack | ack | fin | fin-ack | rst | data | any
 *   clause:= in STATE | from HOST | conn N | conn IP:PORT-IP:PORT | delay DURATION | by DURATION | DURATION
 *          | with data | without data | +FLAG (must be set) | -FLAG (must be clear)
 *   FLAG  := syn | ack | fin | rst | psh
 * </pre>
 * "of", "on" and "the" may be put in anywhere for reading ("drop the 2nd syn of conn 3").
 * Errors name the rule, the word and what was expected.
 */
public final class FaultRuleParser {
    private FaultRuleParser() {}

    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th)");
    private static final String[] ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth", "tenth"};
    private static final String CLAUSES = "in STATE, from HOST, conn N, conn IP:PORT-IP:PORT, delay DURATION, "
            + "with data, without data, +FLAG or -FLAG";

    public static FaultRule parse(String text) {
        return new Reader(text).rule();
    }

    /** Walks the words of one rule; positions are 1-based for people. */
    private static final class Reader {
        private final String text;
        private final String[] words;
        private int pos;

        Reader(String text) {
            this.text = text == null ? "" : text.trim();
            this.words = this.text.isEmpty() ? new String[0] : this.text.split("\\s+");
        }

        FaultRule rule() {
            if (words.length == 0) throw error("empty rule: expected an action (drop, delay or duplicate)");
            String action = next().toLowerCase(Locale.ROOT);
            Long amount = null;
            boolean delayAction;
            switch (action) {
                case "drop", "discard", "lose" -> delayAction = false;
                case "delay" -> {
                    delayAction = true;
                    if (hasNext() && Durations.looksLikeDuration(peek())) amount = micros(next());
                }
                case "duplicate", "dup", "dupl" -> delayAction = false;
                default -> throw wordError("is not an action", "drop, delay or duplicate");
            }
            SegmentPattern pattern = SegmentPattern.any();
            skipFiller();
            int nth = occurrence();
            pattern = pattern.nth(nth);
            skipFiller();
            if (!hasNext()) throw error("'" + action + "' needs a segment kind after it: expected one of " + SegmentKind.allWords());
            SegmentKind kind = SegmentKind.byWord(next());
            if (kind == null) throw wordError("is not a segment kind", "one of " + SegmentKind.allWords());
            pattern = pattern.withFlags(kind.mustSet, kind.mustClear, kind.payload);
            while (hasNext()) {
                skipFiller();
                if (!hasNext()) break;
                String word = next().toLowerCase(Locale.ROOT);
                switch (word) {
                    case "in" -> pattern = pattern.inState(state());
                    case "with", "without" -> pattern = payload(pattern, word.equals("with"));
                    case "from" -> pattern = pattern.from(argument("a host name, e.g. 'from b'"));
                    case "conn", "connection" -> pattern = connection(pattern);
                    case "delay", "by", "after" -> amount = duration(argument("a duration, e.g. 3s"));
                    default -> {
                        if (word.startsWith("+") || word.startsWith("-")) pattern = flag(pattern, kind, word);
                        else if (Durations.looksLikeDuration(word)) amount = micros(word);
                        else throw wordError("was not expected here", CLAUSES);
                    }
                }
            }
            return new FaultRule(text, pattern, action(action, delayAction, amount));
        }

        private FaultAction action(String action, boolean delayAction, Long amount) {
            if (delayAction) {
                if (amount == null) throw error("'delay' needs a duration, e.g. 'delay syn-ack 3s'");
                return new FaultAction.Delay(amount);
            }
            if (action.startsWith("dup")) return new FaultAction.Duplicate(amount == null ? 0 : amount);
            if (amount != null) throw error("'" + action + "' takes no duration: only delay and duplicate do");
            return new FaultAction.Drop();
        }

        /** The occurrence word if there is one: 0 for every match, n for the nth. */
        private int occurrence() {
            if (!hasNext()) return 0;
            String w = peek().toLowerCase(Locale.ROOT);
            if (w.equals("every") || w.equals("each")) { pos++; return 0; }
            for (int i = 0; i < ORDINAL_WORDS.length; i++) {
                if (ORDINAL_WORDS[i].equals(w)) { pos++; return i + 1; }
            }
            Matcher m = ORDINAL.matcher(w);
            if (m.matches()) {
                pos++;
                int n = count(m.group(1));
                if (n < 1) throw wordError("is not an occurrence", "1st or later");
                return n;
            }
            return 0;
        }

        private long duration(String word) {
            if (!Durations.looksLikeDuration(word)) {
                throw wordError("is not a duration", "a number and a unit, e.g. 500us, 200ms, 3s, 2m");
            }
            return micros(word);
        }

        /** A word that looks like a duration, in µs; too long for the horizon is an error naming the rule. */
        private long micros(String word) {
            try {
                return Durations.parseMicros(word);
            } catch (RuleSyntaxException e) {
                throw error(e.getMessage());
            }
        }

        private SegmentPattern payload(SegmentPattern pattern, boolean with) {
            String word = argument("'data', e.g. 'with data'");
            if (!word.equalsIgnoreCase("data") && !word.equalsIgnoreCase("payload")) throw wordError("was not expected here", "data");
            return pattern.withFlags(pattern.mustSet(), pattern.mustClear(),
                    with ? SegmentPattern.Payload.DATA : SegmentPattern.Payload.EMPTY);
        }

        /** "+psh": the flag must be set; "-ack": it must be clear. Refuses what contradicts the kind. */
        private SegmentPattern flag(SegmentPattern pattern, SegmentKind kind, String word) {
            int bit = switch (word.substring(1)) {
                case "syn" -> Flags.SYN;
                case "ack" -> Flags.ACK;
                case "fin" -> Flags.FIN;
                case "rst" -> Flags.RST;
                case "psh" -> Flags.PSH;
                default -> throw wordError("is not a flag", "+ or - and one of syn, ack, fin, rst, psh, e.g. -ack");
            };
            boolean set = word.charAt(0) == '+';
            if (((set ? pattern.mustClear() : pattern.mustSet()) & bit) != 0) {
                throw wordError("contradicts '" + kind.word + "'", "a flag that kind allows");
            }
            return set ? pattern.withFlags(pattern.mustSet() | bit, pattern.mustClear(), pattern.payload())
                    : pattern.withFlags(pattern.mustSet(), pattern.mustClear() | bit, pattern.payload());
        }

        private State state() {
            String word = argument("a TCP state, e.g. 'in TIME-WAIT'");
            try {
                return State.parse(word);
            } catch (IllegalArgumentException e) {
                throw wordError("is not a TCP state", "one of CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, "
                        + "FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT");
            }
        }

        private SegmentPattern connection(SegmentPattern pattern) {
            String word = argument("a connection number or IP:PORT-IP:PORT, e.g. 'conn 2'");
            String w = word.startsWith("#") ? word.substring(1) : word;
            if (w.matches("\\d+") && count(w) >= 1) return pattern.ofConnection(count(w));
            String[] ends = w.split("-", -1);
            if (ends.length == 2) {
                try {
                    return pattern.ofTuple(new FourTuple(sockAddr(ends[0]), sockAddr(ends[1])));
                } catch (IllegalArgumentException e) {
                    // fall through to the error that names the word
                }
            }
            throw wordError("is not a connection", "a number from 1 (the 1st connection seen on the link) "
                    + "or IP:PORT-IP:PORT, e.g. 10.0.0.1:40000-10.0.0.2:80");
        }

        private static SockAddr sockAddr(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) throw new IllegalArgumentException("no port");
            return SockAddr.of(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }

        /** Digits (of the word just read) as a count; too many for an int is a located error, not a raw NumberFormatException. */
        private int count(String digits) {
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw wordError("is too large", "a number up to " + Integer.MAX_VALUE);
            }
        }

        /** The word after a keyword such as "from"; an error saying what it needs if there is none. */
        private String argument(String expected) {
            String keyword = words[pos - 1];
            if (!hasNext()) throw error("'" + keyword + "' at the end needs " + expected + " after it");
            return next();
        }

        private void skipFiller() {
            while (hasNext() && switch (peek().toLowerCase(Locale.ROOT)) {
                case "of", "on", "the" -> true;
                default -> false;
            }) pos++;
        }

        private boolean hasNext() { return pos < words.length; }
        private String peek() { return words[pos]; }
        private String next() { return words[pos++]; }

        private RuleSyntaxException wordError(String problem, String expected) {
            return error("word " + pos + " '" + words[pos - 1] + "' " + problem + ": expected " + expected);
        }

        private RuleSyntaxException error(String detail) {
            return new RuleSyntaxException("bad fault rule \"" + text + "\": " + detail);
        }
    }
}
