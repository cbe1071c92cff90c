require ["fileinto", "copy", "imap4flags"];
fileinto :copy :flags "x" "INBOX";
addflag "y";
if header :contains "subject" "money" { discard; }
