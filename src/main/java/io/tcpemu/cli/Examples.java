package io.tcpemu.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Map;

/**
 * The "Examples:" section at the end of each command's --help (and its man page). Kept here, in
 * one place, so the commands' own classes keep only their options.
 */
final class Examples {
    private Examples() {}

    /** Per command: each example, with what it shows after a #; every line fits 80 columns. */
    static final Map<String, List<String>> BY_COMMAND = Map.of(
            "tcpemu", List.of(
                    "tcpemu run conf/handshake.conf    # the handshake: ladder, verdict",
                    "tcpemu repl                       # a console with hosts a and b",
                    "tcpemu run --help                 # the options of one command",
                    "source <(tcpemu completion bash)  # Tab completion in this shell"),
            "run", List.of(
                    "tcpemu run conf/handshake.conf",
                    "tcpemu run conf/time-wait-remedies.conf --quiet        # verdicts only",
                    "tcpemu run conf/close.conf --set hosts.client.tcp.time-wait=10s",
                    "tcpemu run conf/lost-final-ack.conf --pcap lost.pcap   # a pcap per point",
                    "tcpemu run conf/port-exhaustion.conf --out /tmp/ports  # results there",
                    "tcpemu run conf/close-race.conf --cluster 127.0.0.1:2551 --nodes 3"),
            "node", List.of(
                    "tcpemu node                                        # first node, port 2551",
                    "tcpemu node --port 2552 --seed-nodes 127.0.0.1:2551  # another",
                    "tcpemu node --address 192.0.2.12 --seed-nodes 192.0.2.11:2551"),
            "repl", List.of(
                    "tcpemu repl                               # hosts a and b, 5 ms apart",
                    "tcpemu repl conf/simultaneous-close.conf  # a scenario's network",
                    "tcpemu repl --script steps.txt            # the commands, no prompts",
                    "tcpemu repl --real-time 100               # wall clock, 100 times faster"),
            "pkt", List.of(
                    "tcpemu pkt src/test/resources/pkt/*.pkt",
                    "tcpemu pkt --profile rfc9293 --tolerance-usecs 10000 my-test.pkt",
                    "tcpemu pkt --parse-only some-linux-test.pkt  # what would be skipped",
                    "tcpemu pkt --vs-kernel my-test.pkt           # and on this machine's kernel"),
            "bench", List.of(
                    "tcpemu bench                        # the standard workload",
                    "tcpemu bench --partitions 2         # 1 and 2 partitions",
                    "tcpemu bench --hour                 # one simulated hour at 500/s",
                    "tcpemu bench --concurrent 1000000   # heap per connection",
                    "tcpemu bench --vs-kernel            # against 127.0.0.1's own TCP"),
            "completion", List.of(
                    "source <(tcpemu completion bash)  # in ~/.bashrc",
                    "source <(tcpemu completion zsh)   # in ~/.zshrc",
                    "tcpemu completion bash > /etc/bash_completion.d/tcpemu"),
            "man", List.of(
                    "tcpemu man run               # the page of tcpemu run",
                    "tcpemu man --dir target/man  # every page, one file each",
                    "tcpemu man run | asciidoctor -b manpage -o - - | man -l -"));

    /** Adds the examples to the footer of {@code cmd}'s usage, by its name. */
    static void addTo(CommandLine cmd) {
        List<String> lines = BY_COMMAND.get(cmd.getCommandName());
        if (lines == null) return;
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        usage.footerHeading("%nExamples:%n");
        usage.footer(lines.stream().map(l -> "  " + l.replace("%", "%%")).toArray(String[]::new));
    }
}
