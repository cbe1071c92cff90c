require ["encoded-character", "fileinto"];
if header :contains "subject" "Caf${hex:c3 a9}" { fileinto "hex"; }
if header :contains "from" "Jos${unicode:e9}" { fileinto "unicode"; }
if header :contains "subject" "${hex:5b}sieve${hex:5D}" { fileinto "brackets"; }
fileinto "literal-${hex:zz}";
