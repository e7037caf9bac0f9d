package io.tcpemu.console;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every console command shares: the session it acts on and where its output goes. */
@picocli.CommandLine.Command
abstract class SessionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    Session session() { return ((CommandLanguage.Root) spec.root().userObject()).session(); }

    CommandLanguage language() { return ((CommandLanguage.Root) spec.root().userObject()).language(); }

    PrintWriter out() { return spec.commandLine().getOut(); }

    @Override public final Integer call() {
        run();
        out().flush();
        return 0;
    }

    abstract void run();

    /** Runs this command as part of another (e.g. 'show links' runs 'link list'), printing to its output. */
    void runWith(CommandSpec caller) {
        this.spec = caller;
        run();
    }
}
