require ["imap4flags", "fileinto", "variables"];
addflag "\\Seen";
if header :contains "subject" "cyrus" { addflag ["\\Flagged", "$Work"]; }
fileinto "flagged";
setflag "mine" "\\Answered $Label1";
if hasflag :contains "mine" "Label" { fileinto :flags "${mine}" "from-variable"; }
removeflag "\\seen";
if hasflag "\\Flagged" { keep :flags ["\\Deleted"]; }
