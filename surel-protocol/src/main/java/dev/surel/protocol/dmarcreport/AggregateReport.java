package dev.surel.protocol.dmarcreport;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One DMARC aggregate report (RFC 7489 §7.2, the schema of Appendix C): what this receiver saw of
 * one domain's mail over a period.
 *
 * @param orgName   the reporting organisation (the server's host name)
 * @param email     where to ask about the report
 * @param reportId  unique per report
 * @param begin     start of the period
 * @param end       end of the period
 * @param published the policy the domain published (as last seen)
 * @param records   one per source address and outcome
 */
public record AggregateReport(String orgName, String email, String reportId, Instant begin, Instant end, Published published,
                              List<Row> records) {

    public AggregateReport {
        records = List.copyOf(records);
    }

    /** Appendix C PolicyPublishedType. */
    public record Published(String domain, String adkim, String aspf, String p, String sp, int pct) {
    }

    /**
     * Appendix C RecordType: a source address, how many messages, the evaluated policy, the
     * identifiers and the raw results.
     *
     * @param disposition none, quarantine or reject (what was applied)
     * @param dkim        pass or fail: the DMARC-aligned DKIM outcome
     * @param spf         pass or fail: the DMARC-aligned SPF outcome
     * @param dkimResults each DKIM signature: domain, selector, result
     * @param spfResult   the SPF check: domain, scope (mfrom or helo), result
     * @param reasons     why the applied policy differs from the published one (empty when it does not)
     */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom, String envelopeFrom,
                      List<AuthResult> dkimResults, AuthResult spfResult, List<Reason> reasons) {
        public Row {
            dkimResults = List.copyOf(dkimResults);
            reasons = List.copyOf(reasons);
        }

        /** A row whose policy was applied as published. */
        public Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom, String envelopeFrom,
                   List<AuthResult> dkimResults, AuthResult spfResult) {
            this(sourceIp, count, disposition, dkim, spf, headerFrom, envelopeFrom, dkimResults, spfResult, List.of());
        }
    }

    /**
     * Appendix C PolicyOverrideReason: why the policy was not applied as published.
     *
     * @param type    forwarded, sampled_out, trusted_forwarder, mailing_list, local_policy or other
     * @param comment free text ("" for none)
     */
    public record Reason(String type, String comment) {
    }

    /** A raw result: for DKIM {@code scope} is the selector. */
    public record AuthResult(String domain, String scope, String result) {
    }

    /** The XML document (UTF-8 text). */
    public String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feedback");
            x.writeStartElement("report_metadata");
            text(x, "org_name", orgName);
            text(x, "email", email);
            text(x, "report_id", reportId);
            x.writeStartElement("date_range");
            text(x, "begin", Long.toString(begin.getEpochSecond()));
            text(x, "end", Long.toString(end.getEpochSecond()));
            x.writeEndElement();
            x.writeEndElement();
            x.writeStartElement("policy_published");
            text(x, "domain", published.domain());
            text(x, "adkim", published.adkim());
            text(x, "aspf", published.aspf());
            text(x, "p", published.p());
            text(x, "sp", published.sp());
            text(x, "pct", Integer.toString(published.pct()));
            x.writeEndElement();
            for (Row r : records) {
                x.writeStartElement("record");
                x.writeStartElement("row");
                text(x, "source_ip", r.sourceIp());
                text(x, "count", Long.toString(r.count()));
                x.writeStartElement("policy_evaluated");
                text(x, "disposition", r.disposition());
                text(x, "dkim", r.dkim());
                text(x, "spf", r.spf());
                for (Reason reason : r.reasons()) {
                    x.writeStartElement("reason");
                    text(x, "type", reason.type());
                    if (!reason.comment().isEmpty()) text(x, "comment", reason.comment());
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeEndElement();
                x.writeStartElement("identifiers");
                if (!r.envelopeFrom().isEmpty()) text(x, "envelope_from", r.envelopeFrom());
                text(x, "header_from", r.headerFrom());
                x.writeEndElement();
                x.writeStartElement("auth_results");
                for (AuthResult d : r.dkimResults()) {
                    x.writeStartElement("dkim");
                    text(x, "domain", d.domain());
                    if (!d.scope().isEmpty()) text(x, "selector", d.scope());
                    text(x, "result", d.result());
                    x.writeEndElement();
                }
                x.writeStartElement("spf");
                text(x, "domain", r.spfResult().domain());
                text(x, "scope", r.spfResult().scope());
                text(x, "result", r.spfResult().result());
                x.writeEndElement();
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeCharacters(value == null ? "" : value);
        x.writeEndElement();
    }
}
