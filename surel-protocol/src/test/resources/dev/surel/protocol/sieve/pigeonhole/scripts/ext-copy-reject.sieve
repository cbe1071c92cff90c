require ["copy", "fileinto", "reject"];
if header :contains "subject" "money" { reject "We do not want this."; stop; }
if header :contains "from" "boss" { redirect :copy "assistant@example.org"; fileinto :copy "Boss"; }
if header :contains "subject" "cyrus" { redirect "lists@example.org"; }
