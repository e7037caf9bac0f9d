package io.tcpemu.repl;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import io.tcpemu.console.Candidates;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab completion read from the picocli model of the command language: command and subcommand
 * names, options, and the values a positional parameter or an option accepts (enum constants,
 * host names, connection ids and links from the live session, durations, file names), and for
 * commands whose words form a grammar ('run until c1 is TIME-WAIT', 'rule add ...') what may
 * come next. picocli's own completer does not
 * complete positional parameters, which is most of what a console line holds.
 */
final class CommandCompleter implements Completer {
    private final CommandLine root;
    @SuppressWarnings("deprecation") // jline-reader's own file completer; the builtins module is not on the classpath
    private final Completer files = new org.jline.reader.impl.completer.FileNameCompleter();

    CommandCompleter(CommandLine root) { this.root = root; }

    @Override public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words().subList(0, line.wordIndex());
        CommandLine command = root;
        int first = 0;
        while (first < words.size() && command.getSubcommands().containsKey(words.get(first))) {
            command = command.getSubcommands().get(words.get(first));
            first++;
        }
        String current = line.word().substring(0, line.wordCursor());
        if (command == root || first == words.size() && !command.getSubcommands().isEmpty()) {
            command.getSubcommands().keySet().forEach(n -> add(candidates, n));
            if (command == root) return;
        }
        CommandSpec spec = command.getCommandSpec();
        if (current.startsWith("-")) {
            for (OptionSpec o : spec.options()) for (String n : o.names()) add(candidates, n);
            return;
        }
        List<String> args = words.subList(first, words.size());
        ArgSpec target = argumentAt(spec, args);
        if (target instanceof PositionalParamSpec && spec.userObject() instanceof Candidates.Grammar grammar) {
            grammar.next(positionals(spec, args)).forEach(v -> add(candidates, v));
        } else if (target != null && target.completionCandidates() != null) {
            for (String value : target.completionCandidates()) add(candidates, value);
        } else if (target != null && target.type() == Path.class) {
            files.complete(reader, line, candidates);
        }
    }

    /** The positional words typed so far (options and their values left out). */
    private static List<String> positionals(CommandSpec spec, List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            OptionSpec option = spec.findOption(args.get(i));
            if (option != null) {
                if (option.arity().max() > 0) i++;
            } else {
                out.add(args.get(i));
            }
        }
        return out;
    }

    /** The option whose value is being typed, or the positional parameter at this place. */
    private static ArgSpec argumentAt(CommandSpec spec, List<String> args) {
        int positional = 0;
        for (int i = 0; i < args.size(); i++) {
            OptionSpec option = spec.findOption(args.get(i));
            if (option != null) {
                boolean takesValue = option.arity().max() > 0;
                if (takesValue && i == args.size() - 1) return option;
                if (takesValue) i++;
            } else {
                positional++;
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) if (p.index().contains(positional)) return p;
        return null;
    }

    private static void add(List<Candidate> candidates, String value) {
        candidates.add(new Candidate(value, value, null, null, null, null, true));
    }
}
