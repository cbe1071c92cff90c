package dev.surel.imap;

import dev.surel.auth.LoginGuard;
import dev.surel.imap.search.SearchTextCache;
import dev.surel.net.CleartextPolicy;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;

/**
 * What every IMAP session of a server shares, wired by the server: the {@code [imap]} settings,
 * the mail store, logins, the clear-text rule ({@code [auth] cleartext_networks}), the MIME
 * parser's limits (for SEARCH over message text), the store's largest message
 * ({@code [store] max_message_size}, 0 = none: APPENDLIMIT is the smaller of the two) and the
 * host name, the Bayes training that COPY and MOVE into and out of Junk feed, and the full-text
 * index that narrows SEARCH BODY / TEXT ({@code [search]}), and the decoded SEARCH texts of the
 * blobs searched lately ({@link SearchTextCache}, sized by the heap).
 */
public record ImapContext(ImapSettings settings, MailStore store, LoginGuard logins, CleartextPolicy cleartext,
                          MimeSettings mime, long maxMessageSize, String hostname,
                          dev.surel.filter.BayesTraining bayes, dev.surel.fulltext.FullTextIndex fullText,
                          SearchTextCache searchTexts) {

    public ImapContext(ImapSettings settings, MailStore store, LoginGuard logins, CleartextPolicy cleartext,
                       MimeSettings mime, long maxMessageSize, String hostname,
                       dev.surel.filter.BayesTraining bayes, dev.surel.fulltext.FullTextIndex fullText) {
        this(settings, store, logins, cleartext, mime, maxMessageSize, hostname, bayes, fullText, SearchTextCache.sizedByHeap());
    }
}
