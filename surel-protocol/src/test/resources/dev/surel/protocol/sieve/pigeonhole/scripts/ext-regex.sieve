require ["regex", "variables", "fileinto"];
if header :regex "subject" "^\\[([a-z]+)\\] (.*)$" { fileinto "list-${1}"; }
if header :regex :comparator "i;octet" "subject" "MONEY" { fileinto "octet-money"; }
if header :regex "subject" "money|numbers" { fileinto "alt"; }
if address :regex :domain "from" "^example\\.(com|edu)$" { fileinto "dom-${1}"; }
if header :regex "subject" "[[:digit:]]+" { fileinto "has-digit"; }
if header :regex "date" "([0-9]{1,2}) ([A-Z][a-z]{2})" { fileinto "date-${2}-${1}"; }
