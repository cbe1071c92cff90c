require ["fileinto", "imap4flags"];
if header :contains "subject" "money" {
    addflag "$Junk";
    fileinto "Junk";
    stop;
}
