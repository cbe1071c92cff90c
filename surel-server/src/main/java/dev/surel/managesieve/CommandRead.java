package dev.surel.managesieve;

import dev.surel.protocol.managesieve.CommandText;

/** What {@link ManageSieveSession#readCommand} got: a whole command, one refused after it was read to its end, or the end of input. */
sealed interface CommandRead {

    record Command(CommandText text) implements CommandRead { }

    /** A literal over the limit (skipped unread, with the rest of its command): answered NO (QUOTA/MAXSIZE). */
    record TooLarge(long size) implements CommandRead { }

    record End() implements CommandRead { }
}
