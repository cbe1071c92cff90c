package dev.surel.cli;

import dev.surel.admin.AdminOps.DeliveryReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel deliver --to ADDR < message}: the local delivery agent. Exit codes follow
 * sysexits.h like other LDAs: 0 delivered, 67 unknown recipient, 75 temporary failure (over
 * quota, store busy), 65 bad input.
 */
@Command(name = "deliver", description = "Deliver the message on standard input to the INBOX of each recipient.",
        mixinStandardHelpOptions = true)
final class DeliverCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand SurelCommand root;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "recipient (aliases, sub-addresses and catch-alls resolve)")
    List<String> to;

    @Override
    public Integer call() {
        if (to.size() != 1) {
            root.ctx.err().println("deliver takes one --to per message");
            return 64;
        }
        DeliveryReport r = root.ctx.ops().deliver(to.getFirst(), root.ctx.in());
        for (String a : r.deliveredTo()) root.ctx.out().println("delivered to " + a);
        return 0;
    }
}
