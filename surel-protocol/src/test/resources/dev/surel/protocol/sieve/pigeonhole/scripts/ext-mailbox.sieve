require ["mailbox", "fileinto"];
fileinto :create "Created/Sub";
if header :contains "subject" "money" { fileinto :create "Junk"; }
