package dev.surel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel auth unblock ADDRESS|IP}: lifts the login throttle's refusal (see
 * {@code [auth.throttle]} in docs/configuration.md). Runs in the server through the admin
 * channel; without a running server there is nothing to lift, and it says so.
 */
@Command(name = "auth", description = "Logins: lift a refusal of the failed-login throttle.")
final class AuthCommand {

    @ParentCommand SurelCommand root;

    @Command(name = "unblock", description = "Lift the refusal of an IP address (IPv6: its /64) or of a user "
            + "after too many failed logins, and forget their failures. The refusals are logged as \"login refused\".")
    int unblock(@Parameters(paramLabel = "ADDRESS|IP") String target) {
        root.ctx.out().println(root.ctx.ops().unblock(target));
        return 0;
    }
}
