require ["fileinto"];
if header :contains :comparator "i;octet" "subject" "money" { fileinto "octet-lower"; }
if header :contains :comparator "i;octet" "subject" "MONEY" { fileinto "octet-upper"; }
if header :contains :comparator "i;ascii-casemap" "subject" "money" { fileinto "casemap"; }
if header :matches "subject" "*[sieve]*" { fileinto "bracket"; }
if header :matches "subject" "*uarterl? numbers" { fileinto "question"; }
if header :matches "subject" "\\*" { fileinto "never-star"; }
if address :localpart :is "from" ["boss", "tim", "jose", "winner"] { fileinto "localpart"; }
if address :domain :matches "to" "*.org" { fileinto "to-org"; }
