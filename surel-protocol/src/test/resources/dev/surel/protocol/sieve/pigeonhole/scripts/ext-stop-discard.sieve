require ["fileinto"];
if header :contains "subject" "money" { discard; stop; }
if header :contains "to" "imc.org" { fileinto "lists"; stop; }
fileinto "rest";
keep;
