# RFC 5228 §5.1 address, §5.5 exists, §5.7 header, §5.9 size, §4.2 redirect, §2.4.2 strings
require ["fileinto"];
if address :is :all "from" "tim@example.com" { fileinto "from-tim"; }
if exists ["From", "Date"] { fileinto "has-from-date"; }
if not exists "X-Caffeine" { fileinto "no-caffeine"; }
if header :contains ["From", "To"] "boss@example.edu" { redirect "boss-mail@example.org"; }
if size :over 500 { fileinto "big"; } elsif size :under 300 { fileinto "small"; }
if header :contains "subject" text:
cyrus
.
{ fileinto "never-multiline"; }
if header :is "subject" "Quarterly \"numbers\"" { fileinto "never-escaped"; }
if header :is "subject" "Quarterly \numbers" { fileinto "escaped"; }
