package dev.surel.fulltext;

import dev.surel.protocol.imap.search.MessageTexts;
import dev.surel.protocol.imap.search.SearchEvaluator;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;
import dev.surel.store.SizedStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;

/**
 * One message's document. Fields: {@code m} the mailbox ({@code account/mailbox}), {@code id}
 * ({@code account/mailbox/uid}, to replace or delete it), {@code u} the UID (points and doc
 * values), {@code h} the trigrams of the decoded header text and {@code b} those of the body
 * texts, both folded exactly as {@link SearchEvaluator} folds them before it compares, and
 * {@code x} = "1" when the index does not hold all of the message's text: more than
 * {@link #MAX_CHARS} chars of it, or it could not be read. Such a message is a candidate for
 * every search.
 */
final class MessageDocument {

    /** Chars of folded text indexed per message (header and bodies together): 1 Mi. */
    static final int MAX_CHARS = 1 << 20;

    static final String MAILBOX = "m";
    static final String ID = "id";
    static final String UID = "u";
    static final String HEADER = "h";
    static final String BODY = "b";
    static final String INCOMPLETE = "x";

    private static final FieldType TRIGRAMS = trigramType();

    private MessageDocument() {
    }

    private static FieldType trigramType() {
        FieldType t = new FieldType();
        t.setTokenized(true);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }

    static String mailboxKey(long accountId, long mailboxId) {
        return accountId + "/" + mailboxId;
    }

    static Term idTerm(long accountId, long mailboxId, long uid) {
        return new Term(ID, mailboxKey(accountId, mailboxId) + "/" + uid);
    }

    /** The document of a stored message; a message whose text cannot be read gets one marked incomplete. */
    static Document of(MailStore store, MimeSettings mime, long accountId, long mailboxId, long uid, MessageStructure structure) {
        Document d = base(accountId, mailboxId, uid);
        try {
            int[] budget = {MAX_CHARS};
            boolean[] cut = {false};
            List<String> header = List.of(bounded(SearchEvaluator.fold(structure.header().decodedText()), budget, cut));
            List<String> bodies = new ArrayList<>();
            try (SizedStream s = store.open(accountId, mailboxId, uid)) {
                for (String text : MessageTexts.bodyTexts(s.in(), structure, mime)) {
                    bodies.add(bounded(SearchEvaluator.fold(text), budget, cut));
                }
            }
            d.add(new Field(HEADER, new TrigramTokens(header), TRIGRAMS));
            d.add(new Field(BODY, new TrigramTokens(bodies), TRIGRAMS));
            if (cut[0]) {
                d.add(new StringField(INCOMPLETE, "1", Field.Store.NO));
            }
            return d;
        } catch (Exception | StackOverflowError e) {
            Document incomplete = base(accountId, mailboxId, uid);
            incomplete.add(new StringField(INCOMPLETE, "1", Field.Store.NO));
            return incomplete;
        }
    }

    private static Document base(long accountId, long mailboxId, long uid) {
        Document d = new Document();
        d.add(new StringField(MAILBOX, mailboxKey(accountId, mailboxId), Field.Store.NO));
        d.add(new StringField(ID, idTerm(accountId, mailboxId, uid).text(), Field.Store.NO));
        d.add(new LongPoint(UID, uid));
        d.add(new NumericDocValuesField(UID, uid));
        return d;
    }

    private static String bounded(String folded, int[] budget, boolean[] cut) {
        if (folded.length() <= budget[0]) {
            budget[0] -= folded.length();
            return folded;
        }
        cut[0] = true;
        String head = folded.substring(0, budget[0]);
        budget[0] = 0;
        return head;
    }
}
